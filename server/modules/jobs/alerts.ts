/**
 * Opt-in job alerts. A member chooses employment types (and so turns the `jobs.alerts` mail on); a job
 * that opens queues its tenant's alert run a quarter of an hour later (coalesced, so jobs opened
 * together go out in one mail). The run claims the jobs it announces and queues the sending, which
 * pages through the subscribers a batch at a time, each page's mail and the next page's job recorded
 * together. Every step is one outbox row claimed by one worker, so with any number of API processes
 * each member gets each alert once.
 */
import { asc, eq, gt, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { loadConfig } from '../../config.js';
import { operatorContext, type ServiceContext } from '../../core/context.js';
import { recordJob, recordMail } from '../../core/outbox/record.js';
import type { OutboxTopics } from '../../core/outbox/topics.js';
import { tenantDb } from '../../core/tenant-db.js';
import type { Db } from '../../db/client.js';
import { kindsWith } from '../member-kinds/service.js';
import { members } from '../members/schema.js';
import { getPreferences, setPreferences, unsubscribeUrl, wantsSql } from '../notifications/service.js';
import { getTenant } from '../tenants/service.js';
import { alertMail } from './mail.js';
import { jobAlerts, jobs, type EmploymentType } from './schema.js';
import { isOpen } from './service.js';

/** Subscribers per sending step: one batch of mail rows of a bounded size. */
export const ALERT_PAGE = 200;
/** Jobs one run announces; more wait for the next run, which this one queues. */
const RUN_JOBS = 100;
/** Follow-up steps are due at once (available_at 0, as the directory's trigger does): whatever clock the worker keeps. */
const AT_ONCE = new Date(0);

export async function getAlerts(ctx: ServiceContext, memberId: string) {
  const [row] = await ctx.scoped.select(jobAlerts, eq(jobAlerts.memberId, memberId)).limit(1);
  const on = (await getPreferences(ctx, memberId))['jobs.alerts'] === 'on';
  return { on, types: row?.types ?? [] };
}

/** Chooses the types and turns alerts on. */
export async function setAlerts(ctx: ServiceContext, memberId: string, types: EmploymentType[]) {
  const ts = ctx.now.toISOString();
  await ctx.scoped
    .insert(jobAlerts, { memberId, types, createdAt: ts, updatedAt: ts })
    .onConflictDoUpdate({ target: [jobAlerts.tenantId, jobAlerts.memberId], set: { types, updatedAt: ts } });
  await setPreferences(ctx, memberId, { 'jobs.alerts': 'on' });
  return getAlerts(ctx, memberId);
}

/** Stops alerts (the types are kept for turning them on again); the same as the mail's unsubscribe link. */
export async function stopAlerts(ctx: ServiceContext, memberId: string) {
  await setPreferences(ctx, memberId, { 'jobs.alerts': 'off' });
  return getAlerts(ctx, memberId);
}

/** A context for outbox work: the unsubscribe links need the API's public URL of the request that queued it. */
async function workContext(db: Db, tenantId: string, publicApiUrl: unknown): Promise<ServiceContext | undefined> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) return undefined;
  const config = loadConfig({});
  return operatorContext(db, tenant, { config: { ...config, PUBLIC_API_URL: typeof publicApiUrl === 'string' ? publicApiUrl : config.PUBLIC_API_URL } });
}

/** The run: marks the open jobs not yet announced as announced, and queues their sending in the same batch. */
async function planRun(db: Db, tenantId: string, payload: Record<string, unknown>): Promise<void> {
  const ctx = await workContext(db, tenantId, payload.publicApiUrl);
  if (!ctx) return;
  const now = ctx.now.toISOString();
  const due = await ctx.scoped
    .select(jobs, eq(jobs.status, 'open'), isNull(jobs.alertedAt), isNotNull(jobs.openedAt), or(isNull(jobs.closesAt), gt(jobs.closesAt, now)))
    .orderBy(asc(jobs.openedAt))
    .limit(RUN_JOBS);
  if (!due.length) return;
  const ids = due.map((j) => j.id);
  const statements: BatchItem<'sqlite'>[] = [
    ctx.scoped.update(jobs, { alertedAt: now }, inArray(jobs.id, ids), isNull(jobs.alertedAt)),
    // Only if every job was still unannounced: a run that overlapped another announces nothing twice.
    recordJob(db, { tenantId, topic: 'jobs.alerts.send', now: ctx.now, notBefore: AT_ONCE, when: sql`changes() = ${ids.length}`, payload: { jobIds: ids, after: '', publicApiUrl: ctx.config.PUBLIC_API_URL } }),
  ];
  if (due.length === RUN_JOBS) {
    statements.push(recordJob(db, { tenantId, topic: 'jobs.alerts', now: ctx.now, notBefore: AT_ONCE, coalesceKey: 'jobs.alerts', payload: { publicApiUrl: ctx.config.PUBLIC_API_URL } }));
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

/** One page of subscribers: a mail each with the jobs of their types, and the next page queued with them. */
async function sendPage(db: Db, tenantId: string, payload: Record<string, unknown>): Promise<void> {
  const ctx = await workContext(db, tenantId, payload.publicApiUrl);
  if (!ctx) return;
  const jobIds = Array.isArray(payload.jobIds) ? payload.jobIds.map(String) : [];
  const after = typeof payload.after === 'string' ? payload.after : '';
  // A job closed since it opened is not worth a mail.
  const open = (jobIds.length ? await ctx.scoped.select(jobs, inArray(jobs.id, jobIds)) : [])
    .filter((j) => isOpen(j, ctx.now))
    .sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? ''));
  if (!open.length) return;
  const scoped = tenantDb(db, tenantId);
  const subscribers = await scoped
    .select(jobAlerts, gt(jobAlerts.memberId, after), wantsSql('jobs.alerts', jobAlerts.memberId))
    .orderBy(asc(jobAlerts.memberId))
    .limit(ALERT_PAGE);
  const people = subscribers.length ? await scoped.select(members, inArray(members.id, subscribers.map((s) => s.memberId)), eq(members.status, 'approved')) : [];
  const byId = new Map(people.map((m) => [m.id, m]));
  // A member whose kind has no jobs (current employees, by default) is not mailed about them.
  const hasJobs = await kindsWith({ scoped }, 'jobs');
  const statements: BatchItem<'sqlite'>[] = [];
  for (const s of subscribers) {
    const member = byId.get(s.memberId);
    const matching = open.filter((j) => s.types.includes(j.employmentType));
    if (!member || !hasJobs(member.kind) || !matching.length) continue;
    const message = alertMail(ctx.tenant, member, matching, await unsubscribeUrl(ctx, member.id, 'jobs.alerts'));
    statements.push(recordMail(db, { tenantId, topic: 'job-alert', now: ctx.now, notBefore: AT_ONCE, memberId: member.id, message }));
  }
  if (subscribers.length === ALERT_PAGE) {
    statements.push(recordJob(db, { tenantId, topic: 'jobs.alerts.send', now: ctx.now, notBefore: AT_ONCE, payload: { ...payload, after: subscribers.at(-1)!.memberId } }));
  }
  if (statements.length) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

export const alertTopics: OutboxTopics = {
  'jobs.alerts': { run: (db, item) => planRun(db, item.tenantId, item.payload) },
  'jobs.alerts.send': { run: (db, item) => sendPage(db, item.tenantId, item.payload) },
};
