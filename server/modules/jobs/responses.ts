/**
 * What members send about jobs — casual interest, an application, a referral — and how they see and
 * withdraw their own. Each is written with the company's contact mail in one batch; the row goes in
 * only if the job is still open when the batch runs, and the mail only if the row went in.
 */
import { and, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { recordMail } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import type { MemberRow } from '../members/profile.js';
import { responseMail, withdrawnMail } from './mail.js';
import { jobResponses, jobs, type ResponseKind } from './schema.js';
import { getVisibleJob, isOpen, type JobRow } from './service.js';
import { insertWhere } from './sql.js';
import { stageOf, toOwnResponse, type ResponseRow, type ViewerResponse } from './views.js';

const DAY = 24 * 60 * 60 * 1000;
/** Far above what a person sends in a day; enough to stop a script filling the company's mailbox. */
export const RESPONSE_LIMIT_PER_DAY = 30;

/** Interest, applications and referrals are for approved members; a pending one is told why. */
export function requireApprovedForJobs(member: MemberRow): MemberRow {
  if (member.status === 'pending') {
    throw new AppError('membership_pending', 'Your membership is waiting for approval by the company. You can respond to jobs once it is approved.');
  }
  if (member.status !== 'approved') throw new AppError('forbidden', 'Only approved members can respond to jobs.');
  return member;
}

const closedError = () => new AppError('conflict', 'This job is closed and takes no more responses.');

/** The job a member responds to: visible to members, and open now. */
async function respondableJob(ctx: ServiceContext, member: MemberRow, jobId: string): Promise<JobRow> {
  requireApprovedForJobs(member);
  const job = await getVisibleJob(ctx, jobId, { members: true });
  if (!isOpen(job, ctx.now)) throw closedError();
  return job;
}

async function liveResponse(ctx: ServiceContext, jobId: string, memberId: string, kind: ResponseKind): Promise<ResponseRow | undefined> {
  const [row] = await ctx.scoped
    .select(jobResponses, eq(jobResponses.jobId, jobId), eq(jobResponses.memberId, memberId), eq(jobResponses.kind, kind), ne(jobResponses.status, 'withdrawn'))
    .limit(1);
  return row;
}

/** Holds while the job is open, checked inside the batch that writes the response. */
const stillOpen = (ctx: ServiceContext, jobId: string) =>
  sql`exists (select 1 from ${jobs} where ${jobs.tenantId} = ${ctx.tenant.id} and ${jobs.id} = ${jobId} and ${jobs.status} = 'open'
    and (${jobs.closesAt} is null or ${jobs.closesAt} > ${ctx.now.toISOString()}))`;

type ResponseFields = Pick<ResponseRow, 'kind'> & Partial<Pick<ResponseRow, 'note' | 'message' | 'resumeUrl' | 'candidateName' | 'candidateEmail' | 'candidateRelation' | 'candidateAgreed'>>;

/** Writes the response and the company's mail together; undefined when the row did not go in (closed meanwhile, or a live twin). */
async function insertResponse(ctx: ServiceContext, member: MemberRow, job: JobRow, fields: ResponseFields): Promise<ResponseRow | undefined> {
  const { db, tenant, now } = ctx;
  await enforceRateLimit(db, { key: `job-responses:${tenant.id}:${member.id}`, limit: RESPONSE_LIMIT_PER_DAY, windowMs: DAY }, now, 'You have sent many responses today.');
  const ts = now.toISOString();
  const row: ResponseRow = {
    note: '', message: '', resumeUrl: null, candidateName: null, candidateEmail: null, candidateRelation: null, candidateAgreed: false,
    ...fields,
    id: newId('jrs'), tenantId: tenant.id, jobId: job.id, memberId: member.id, jobTitle: job.title, employmentType: job.employmentType,
    status: 'new', statusChangedAt: ts, hiredAt: null, createdAt: ts, updatedAt: ts,
  };
  const statements: BatchItem<'sqlite'>[] = [insertWhere(ctx, jobResponses, row, stillOpen(ctx, job.id))];
  if (tenant.contactEmails.length) {
    statements.push(recordMail(db, { tenantId: tenant.id, topic: 'job-response', now, memberId: member.id, when: sql`changes() = 1`, message: responseMail(tenant, row, member), ref: { responseId: row.id } }));
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const [saved] = await ctx.scoped.select(jobResponses, eq(jobResponses.id, row.id)).limit(1);
  return saved;
}

/** Casual interest: one click, an optional note. Sending it again while it is live answers with the first. */
export async function expressInterest(ctx: ServiceContext, member: MemberRow, jobId: string, note: string): Promise<{ row: ResponseRow; created: boolean }> {
  const job = await respondableJob(ctx, member, jobId);
  const existing = await liveResponse(ctx, job.id, member.id, 'interest');
  if (existing) return { row: existing, created: false };
  const row = await insertResponse(ctx, member, job, { kind: 'interest', note });
  if (row) return { row, created: true };
  const twin = await liveResponse(ctx, job.id, member.id, 'interest');
  if (twin) return { row: twin, created: false };
  throw closedError();
}

/** A full application, for a job whose company takes applications here (no external URL). */
export async function apply(ctx: ServiceContext, member: MemberRow, jobId: string, input: { message: string; resumeUrl?: string | null }): Promise<ResponseRow> {
  const job = await respondableJob(ctx, member, jobId);
  if (job.applyUrl) throw new AppError('conflict', `This job takes applications on the company's own site: ${job.applyUrl}`);
  const already = () => new AppError('conflict', 'You have already applied for this job. Withdraw that application first to send a new one.');
  if (await liveResponse(ctx, job.id, member.id, 'application')) throw already();
  const row = await insertResponse(ctx, member, job, { kind: 'application', message: input.message, resumeUrl: input.resumeUrl ?? null });
  if (row) return row;
  if (await liveResponse(ctx, job.id, member.id, 'application')) throw already();
  throw closedError();
}

export interface ReferralInput {
  jobId: string;
  name: string;
  email: string;
  relation: string;
  note?: string;
}

/** Refers someone who agreed to it; attributed to the member. The address reaches only the company. */
export async function refer(ctx: ServiceContext, member: MemberRow, input: ReferralInput): Promise<ResponseRow> {
  requireApprovedForJobs(member);
  if (input.email === member.email) throw AppError.field('email', 'is your own address: to put yourself forward, express interest in the job instead');
  // Never the id in the message: this path has no id in it, and another tenant's id must not echo back.
  const job = await getVisibleJob(ctx, input.jobId, { members: true }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') throw AppError.field('jobId', 'is not a job of this network');
    throw err;
  });
  if (!isOpen(job, ctx.now)) throw closedError();
  const row = await insertResponse(ctx, member, job, {
    kind: 'referral',
    note: input.note ?? '',
    candidateName: input.name,
    candidateEmail: input.email,
    candidateRelation: input.relation,
    candidateAgreed: true,
  });
  if (row) return row;
  if (!isOpen(await getVisibleJob(ctx, job.id, { members: true }), ctx.now)) throw closedError();
  throw new AppError('conflict', 'This person has already been referred to this job.');
}

/** The member's own responses, newest first, with each job's state now. */
export async function listOwnResponses(ctx: ServiceContext, member: MemberRow, query: { limit: number; cursor?: string; kind?: ResponseKind }) {
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const rows = await ctx.scoped
    .select(
      jobResponses,
      eq(jobResponses.memberId, member.id),
      query.kind ? eq(jobResponses.kind, query.kind) : undefined,
      after ? or(lt(jobResponses.createdAt, after[0]), and(eq(jobResponses.createdAt, after[0]), lt(jobResponses.id, after[1]))) : undefined,
    )
    .orderBy(desc(jobResponses.createdAt), desc(jobResponses.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.createdAt, r.id]);
  const jobIds = [...new Set(page.data.flatMap((r) => (r.jobId ? [r.jobId] : [])))];
  const jobRows = jobIds.length ? await ctx.scoped.select(jobs, inArray(jobs.id, jobIds)) : [];
  const byId = new Map(jobRows.map((j) => [j.id, j]));
  return { data: page.data.map((r) => toOwnResponse(r, r.jobId ? byId.get(r.jobId) : undefined, ctx.now)), nextCursor: page.nextCursor };
}

/** One of the member's own responses; another member's is as good as absent. */
async function ownResponse(ctx: ServiceContext, member: MemberRow, id: string): Promise<ResponseRow> {
  const [row] = await ctx.scoped.select(jobResponses, eq(jobResponses.id, id), eq(jobResponses.memberId, member.id)).limit(1);
  if (!row) throw new AppError('not_found', `No response ${id} of yours.`);
  return row;
}

/**
 * Withdraws the member's response: the company is told (once, by whichever request withdrew it), and a
 * referral's candidate — someone who is not a member — is forgotten at once. A hire cannot be withdrawn.
 */
export async function withdrawResponse(ctx: ServiceContext, member: MemberRow, id: string): Promise<void> {
  const { db, tenant, now } = ctx;
  const row = await ownResponse(ctx, member, id);
  if (row.status === 'withdrawn') return;
  if (row.status === 'hired') throw new AppError('conflict', 'The company has recorded this as a hire; it can no longer be withdrawn.');
  const ts = now.toISOString();
  const forget = row.kind === 'referral' ? { candidateName: '', candidateEmail: null } : {};
  const update = ctx.scoped.update(
    jobResponses,
    { status: 'withdrawn', statusChangedAt: ts, updatedAt: ts, ...forget },
    eq(jobResponses.id, id),
    eq(jobResponses.memberId, member.id),
    sql`${jobResponses.status} not in ('withdrawn', 'hired')`,
  );
  const statements: BatchItem<'sqlite'>[] = [update];
  if (tenant.contactEmails.length) {
    statements.push(recordMail(db, { tenantId: tenant.id, topic: 'job-response', now, memberId: member.id, when: sql`changes() = 1`, message: withdrawnMail(tenant, row, member) }));
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const after = await ownResponse(ctx, member, id);
  if (after.status === 'hired') throw new AppError('conflict', 'The company has recorded this as a hire; it can no longer be withdrawn.');
}

/** For a member's session: their live interest and application per job of a page (the detail shows "sent"). */
export async function viewerResponses(ctx: ServiceContext, memberId: string, jobIds: string[]) {
  const out = new Map<string, { interest: ViewerResponse | null; application: ViewerResponse | null }>();
  for (const id of jobIds) out.set(id, { interest: null, application: null });
  if (!jobIds.length) return out;
  const rows = await ctx.scoped.select(
    jobResponses,
    eq(jobResponses.memberId, memberId),
    inArray(jobResponses.jobId, jobIds),
    inArray(jobResponses.kind, ['interest', 'application']),
    ne(jobResponses.status, 'withdrawn'),
  );
  for (const r of rows) {
    const slot = out.get(r.jobId!);
    if (slot) slot[r.kind as 'interest' | 'application'] = { id: r.id, stage: stageOf(r.status) };
  }
  return out;
}
