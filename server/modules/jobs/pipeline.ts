/**
 * The company's side of responses: the pipeline (new → contacted → interviewing → hired / closed),
 * erasing a response on request, and the count of comeback hires per type and period.
 */
import { and, desc, eq, gte, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { members } from '../members/schema.js';
import { employmentTypes, jobHires, jobResponses, responseKinds, type ResponseKind, type ResponseStatus } from './schema.js';
import { toAdminResponse, type ResponseRow } from './views.js';

export type PipelineStatus = Exclude<ResponseStatus, 'withdrawn'>;

export interface AdminResponseQuery {
  limit: number;
  cursor?: string;
  jobId?: string;
  kind?: ResponseKind;
  status?: ResponseStatus;
}

/** Responses with their members as the company sees them (what each member shows the company). */
async function withMembers(ctx: ServiceContext, rows: ResponseRow[]) {
  const ids = [...new Set(rows.map((r) => r.memberId))];
  const found = ids.length ? await ctx.scoped.select(members, inArray(members.id, ids)) : [];
  const byId = new Map(found.map((m) => [m.id, m]));
  return rows.map((r) => toAdminResponse(r, byId.get(r.memberId)));
}

/** Newest first; for one job, one kind or one status when asked. */
export async function listAdminResponses(ctx: ServiceContext, query: AdminResponseQuery) {
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const rows = await ctx.scoped
    .select(
      jobResponses,
      query.jobId ? eq(jobResponses.jobId, query.jobId) : undefined,
      query.kind ? eq(jobResponses.kind, query.kind) : undefined,
      query.status ? eq(jobResponses.status, query.status) : undefined,
      after ? or(lt(jobResponses.createdAt, after[0]), and(eq(jobResponses.createdAt, after[0]), lt(jobResponses.id, after[1]))) : undefined,
    )
    .orderBy(desc(jobResponses.createdAt), desc(jobResponses.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.createdAt, r.id]);
  return { data: await withMembers(ctx, page.data), nextCursor: page.nextCursor };
}

async function responseRow(ctx: ServiceContext, id: string): Promise<ResponseRow> {
  const [row] = await ctx.scoped.select(jobResponses, eq(jobResponses.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No job response ${id}.`);
  return row;
}

export async function getAdminResponse(ctx: ServiceContext, id: string) {
  return (await withMembers(ctx, [await responseRow(ctx, id)]))[0]!;
}

/**
 * Moves a response along the pipeline. Hired is recorded in job_hires in the same batch (no personal
 * data, so the count survives the member's erasure); moving away from hired takes the record back.
 * Asking for the status it has is a success that changes nothing; a response the member withdrew is
 * no longer the company's to move (409).
 */
export async function setResponseStatus(ctx: ServiceContext, id: string, status: PipelineStatus) {
  const { db, scoped, now } = ctx;
  const before = await responseRow(ctx, id);
  if (before.status === 'withdrawn') throw new AppError('conflict', 'The member withdrew this response; it can no longer be moved.');
  if (before.status === status) return getAdminResponse(ctx, id);
  const ts = now.toISOString();
  const update = scoped.update(
    jobResponses,
    { status, statusChangedAt: ts, updatedAt: ts, hiredAt: status === 'hired' ? ts : null },
    eq(jobResponses.id, id),
    ne(jobResponses.status, 'withdrawn'),
  );
  const hire =
    status === 'hired'
      ? db.run(sql`insert or ignore into ${jobHires} (response_id, tenant_id, job_id, employment_type, kind, hired_at)
          select id, tenant_id, job_id, employment_type, kind, ${ts} from ${jobResponses}
          where tenant_id = ${ctx.tenant.id} and id = ${id} and status = 'hired'`)
      : scoped.delete(jobHires, eq(jobHires.responseId, id));
  await db.batch([update, hire]);
  const after = await responseRow(ctx, id);
  if (after.status === 'withdrawn') throw new AppError('conflict', 'The member withdrew this response; it can no longer be moved.');
  return getAdminResponse(ctx, id);
}

/** Erases a response (e.g. a referred person asked to be forgotten). A recorded hire stays counted. */
export async function deleteResponse(ctx: ServiceContext, id: string): Promise<void> {
  const deleted = await ctx.scoped.delete(jobResponses, eq(jobResponses.id, id)).returning({ id: jobResponses.id });
  if (!deleted.length) throw new AppError('not_found', `No job response ${id}.`);
}

export const hirePeriods = ['month', 'quarter', 'year'] as const;
export type HirePeriod = (typeof hirePeriods)[number];

/** The wall-clock year and month of an instant in `timeZone`. */
function localYearMonth(at: Date, timeZone: string): [number, number] {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return [get('year'), get('month')];
}

/** Midnight starting `date` (YYYY-MM-DD) in `timeZone`, as an instant. */
export function startOfDay(date: string, timeZone: string): Date {
  const guess = new Date(`${date}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(guess);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const shownAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return new Date(guess.getTime() - (shownAsUtc - guess.getTime()));
}

function periodKey(year: number, month: number, period: HirePeriod): string {
  if (period === 'year') return String(year);
  if (period === 'quarter') return `${year}-Q${Math.ceil(month / 3)}`;
  return `${year}-${String(month).padStart(2, '0')}`;
}

const zeroByType = () => Object.fromEntries(employmentTypes.map((t) => [t, 0])) as Record<(typeof employmentTypes)[number], number>;

/**
 * Comeback hires between `from` (inclusive) and `to` (exclusive), in total, per employment type, per
 * route (interest, application, referral), and per period in `timeZone` — every period of the range,
 * empty ones as zero, so a chart has no gaps.
 */
export async function hireCounts(ctx: ServiceContext, q: { from: Date; to: Date; period: HirePeriod; timeZone: string }) {
  const rows = await ctx.scoped.select(jobHires, gte(jobHires.hiredAt, q.from.toISOString()), lt(jobHires.hiredAt, q.to.toISOString()));
  const periods = new Map<string, { period: string; total: number; byType: ReturnType<typeof zeroByType> }>();
  let [y, m] = localYearMonth(q.from, q.timeZone);
  const [endY, endM] = localYearMonth(new Date(q.to.getTime() - 1), q.timeZone);
  while (y < endY || (y === endY && m <= endM)) {
    const key = periodKey(y, m, q.period);
    if (!periods.has(key)) periods.set(key, { period: key, total: 0, byType: zeroByType() });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  const byType = zeroByType();
  const byRoute = Object.fromEntries(responseKinds.map((k) => [k, 0])) as Record<ResponseKind, number>;
  for (const h of rows) {
    const slot = periods.get(periodKey(...localYearMonth(new Date(h.hiredAt), q.timeZone), q.period));
    byType[h.employmentType] += 1;
    byRoute[h.kind] += 1;
    if (slot) {
      slot.total += 1;
      slot.byType[h.employmentType] += 1;
    }
  }
  return { from: q.from.toISOString(), to: q.to.toISOString(), period: q.period, timeZone: q.timeZone, total: rows.length, byType, byRoute, periods: [...periods.values()] };
}
