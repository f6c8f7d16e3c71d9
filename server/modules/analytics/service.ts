/**
 * The dashboard's figures, each one SQL aggregate over the tenant's own tables (reached through
 * `ctx.scoped.where`, so every query is bound to the tenant):
 *  - members by status and by kind (now), and new sign-ups per week (members created in the range);
 *  - active in the last 30 days: approved members with a session seen in the 30 days before `to`'s end.
 *    A member's session is touched as they use the elements (auth/sessions.ts), and everything a member
 *    does — registering, posting, answering a job — needs one, so a session's last use is the one
 *    signal that covers reading as well as writing;
 *  - events starting in the range: registrations, checked in, waitlisted, per event and per month;
 *  - job responses (interest, applications, referrals) per month, and by pipeline status;
 *  - comeback hires per month (job_hires, which keeps no personal data and outlives an erased member).
 * Weeks start on Monday and months are calendar months, both in Japan time (every tenant's events and
 * people are in Asia/Tokyo today); the range is whole days in that zone, `to` included.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { csvFile } from '../../core/csv.js';
import { sessions } from '../auth/schema.js';
import { eventRegistrations, events } from '../events/schema.js';
import { jobHires, jobResponses } from '../jobs/schema.js';
import { builtInKinds } from '../member-kinds/features.js';
import { members, memberStatuses } from '../members/schema.js';

/** SQLite's modifier that turns a UTC instant into Japan's wall clock. */
const ZONE = sql.raw(`'+9 hours'`);
const DAY_MS = 86_400_000;
export const DEFAULT_DAYS = 182;
export const MAX_DAYS = 3 * 366;

export interface DashboardRange {
  from?: string;
  to?: string;
}

const dateOf = (ms: number) => new Date(ms + 9 * 3_600_000).toISOString().slice(0, 10);
const startOf = (day: string) => new Date(`${day}T00:00:00+09:00`).toISOString();

function range(ctx: ServiceContext, q: DashboardRange) {
  const to = q.to ?? dateOf(ctx.now.getTime());
  const from = q.from ?? dateOf(Date.parse(startOf(to)) - (DEFAULT_DAYS - 1) * DAY_MS);
  const start = startOf(from);
  const end = new Date(Date.parse(startOf(to)) + DAY_MS).toISOString();
  if (start >= end) throw AppError.field('from', 'must not be after to');
  if (Date.parse(end) - Date.parse(start) > MAX_DAYS * DAY_MS) throw AppError.field('from', `the range may span at most ${MAX_DAYS} days`);
  return { from, to, start, end };
}

const week = (col: SQL) => sql`date(${col}, ${ZONE}, 'weekday 0', '-6 days')`;
const month = (col: SQL) => sql`strftime('%Y-%m', ${col}, ${ZONE})`;
const n = (v: unknown) => Number(v ?? 0);

export async function dashboard(ctx: ServiceContext, q: DashboardRange) {
  const { db, scoped } = ctx;
  const r = range(ctx, q);
  const since30 = new Date(Date.parse(r.end) - 30 * DAY_MS).toISOString();
  const m = sql`${members}`;
  const [byStatus, byKind, signups, active, perEvent, perMonth, responses, pipeline, hires] = await Promise.all([
    db.all<{ status: string; n: number }>(sql`select status, count(*) as n from ${m} where ${scoped.where(members)} group by status`),
    db.all<{ kind: string; n: number }>(sql`select kind, count(*) as n from ${m} where ${scoped.where(members)} and status = 'approved' group by kind`),
    db.all<{ week: string; n: number }>(sql`select ${week(sql`created_at`)} as week, count(*) as n from ${m}
      where ${scoped.where(members)} and created_at >= ${r.start} and created_at < ${r.end} group by week order by week`),
    db.all<{ n: number }>(sql`select count(distinct s.member_id) as n from ${sessions} s join ${m} on members.id = s.member_id
      where s.tenant_id = ${ctx.tenant.id} and ${scoped.where(members)} and members.status = 'approved' and s.last_seen_at >= ${since30} and s.last_seen_at < ${r.end}`),
    db.all<Record<string, string | number>>(sql`select e.id, e.title, e.starts_at, e.status,
        coalesce(sum(r.status = 'registered'), 0) as registered, coalesce(sum(r.status = 'registered' and r.checked_in_at is not null), 0) as attended,
        coalesce(sum(r.status = 'waitlisted'), 0) as waitlisted, coalesce(sum(case when r.status = 'registered' then r.guests end), 0) as guests
      from ${events} e left join ${eventRegistrations} r on r.event_id = e.id and r.tenant_id = e.tenant_id
      where e.tenant_id = ${ctx.tenant.id} and e.status <> 'draft' and e.starts_at >= ${r.start} and e.starts_at < ${r.end}
      group by e.id order by e.starts_at, e.id`),
    db.all<Record<string, string | number>>(sql`select ${month(sql`e.starts_at`)} as month, count(distinct e.id) as events,
        coalesce(sum(r.status = 'registered'), 0) as registered, coalesce(sum(r.status = 'registered' and r.checked_in_at is not null), 0) as attended
      from ${events} e left join ${eventRegistrations} r on r.event_id = e.id and r.tenant_id = e.tenant_id
      where e.tenant_id = ${ctx.tenant.id} and e.status = 'published' and e.starts_at >= ${r.start} and e.starts_at < ${r.end}
      group by month order by month`),
    db.all<Record<string, string | number>>(sql`select ${month(sql`created_at`)} as month,
        sum(kind = 'interest') as interest, sum(kind = 'application') as application, sum(kind = 'referral') as referral
      from ${jobResponses} where ${scoped.where(jobResponses)} and created_at >= ${r.start} and created_at < ${r.end} group by month order by month`),
    db.all<{ status: string; n: number }>(sql`select status, count(*) as n from ${jobResponses}
      where ${scoped.where(jobResponses)} and created_at >= ${r.start} and created_at < ${r.end} group by status`),
    db.all<Record<string, string | number>>(sql`select ${month(sql`hired_at`)} as month, count(*) as hires, sum(kind = 'referral') as referral
      from ${jobHires} where ${scoped.where(jobHires)} and hired_at >= ${r.start} and hired_at < ${r.end} group by month order by month`),
  ]);
  const statusCounts = Object.fromEntries(memberStatuses.map((s) => [s, n(byStatus.find((x) => x.status === s)?.n)])) as Record<(typeof memberStatuses)[number], number>;
  return {
    from: r.from,
    to: r.to,
    members: {
      byStatus: statusCounts,
      // The built-in kinds always (0 when nobody has them), then every kind the company added that someone has.
      byKind: Object.fromEntries([
        ...builtInKinds.map((k) => [k.key, n(byKind.find((x) => x.kind === k.key)?.n)] as const),
        ...byKind.filter((x) => !builtInKinds.some((k) => k.key === x.kind)).map((x) => [String(x.kind), n(x.n)] as const),
      ]) as Record<string, number>,
      activeLast30Days: n(active[0]?.n),
      signupsByWeek: signups.map((s) => ({ week: String(s.week), count: n(s.n) })),
    },
    events: {
      byEvent: perEvent.map((e) => ({ id: String(e.id), title: String(e.title), startsAt: String(e.starts_at), status: String(e.status), registered: n(e.registered), attended: n(e.attended), waitlisted: n(e.waitlisted), guests: n(e.guests) })),
      byMonth: perMonth.map((x) => ({ month: String(x.month), events: n(x.events), registered: n(x.registered), attended: n(x.attended) })),
    },
    jobs: {
      responsesByMonth: responses.map((x) => ({ month: String(x.month), interest: n(x.interest), application: n(x.application), referral: n(x.referral) })),
      byStatus: Object.fromEntries(pipeline.map((p) => [p.status, n(p.n)])) as Record<string, number>,
      hiresByMonth: hires.map((x) => ({ month: String(x.month), hires: n(x.hires), fromReferral: n(x.referral) })),
    },
  };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

/** The same figures as one long table (section, period or key, measure, value): easy to pivot in a spreadsheet. */
export function dashboardCsv(d: Dashboard): string {
  const rows: string[][] = [];
  const add = (section: string, key: string, measure: string, value: number) => rows.push([section, key, measure, String(value)]);
  for (const [k, v] of Object.entries(d.members.byStatus)) add('members', k, 'members', v);
  for (const [k, v] of Object.entries(d.members.byKind)) add('members_by_kind', k, 'members', v);
  add('members', 'active_last_30_days', 'members', d.members.activeLast30Days);
  for (const w of d.members.signupsByWeek) add('signups', w.week, 'signups', w.count);
  for (const e of d.events.byEvent) for (const k of ['registered', 'attended', 'waitlisted', 'guests'] as const) add('event', `${e.startsAt.slice(0, 10)} ${e.title}`, k, e[k]);
  for (const x of d.events.byMonth) for (const k of ['events', 'registered', 'attended'] as const) add('events_by_month', x.month, k, x[k]);
  for (const x of d.jobs.responsesByMonth) for (const k of ['interest', 'application', 'referral'] as const) add('job_responses', x.month, k, x[k]);
  for (const [k, v] of Object.entries(d.jobs.byStatus)) add('job_pipeline', k, 'responses', v);
  for (const x of d.jobs.hiresByMonth) for (const k of ['hires', 'fromReferral'] as const) add('comeback_hires', x.month, k, x[k]);
  return csvFile(['section', 'key', 'measure', 'value'], rows);
}
