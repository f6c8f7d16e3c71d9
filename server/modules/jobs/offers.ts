/**
 * Offers: the company invites a member to a casual meeting about rehire, a side job, freelance work or
 * referring people — only a member who says they are open to it — and the member accepts or declines
 * with one click.
 */
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { recordMail } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { visibilityOf, type MemberRow } from '../members/profile.js';
import { members } from '../members/schema.js';
import { unsubscribeUrl, wants } from '../notifications/service.js';
import { offerAcceptedMail, offerMail } from './mail.js';
import { jobOffers, jobs, type OfferKind, type OfferStatus } from './schema.js';
import { getJob } from './service.js';
import { insertWhere } from './sql.js';
import { toAdminOffer, toOffer, type OfferRow } from './views.js';

/**
 * What the company may take the member to be open to: their open-to flags, unless they hide them from
 * the company. A hidden "yes" must not be discoverable by the answer to an offer, so it counts as no.
 */
export function openToForCompany(m: MemberRow): readonly string[] {
  return m.status === 'approved' && visibilityOf(m, 'openTo') !== 'nobody' ? m.openTo : [];
}

export interface OfferInput {
  memberId: string;
  kind: OfferKind;
  jobId?: string | null;
  message: string;
}

/**
 * Sends an offer to a member open to its kind; refused (409) for anyone else, and while an offer of the
 * same kind for the same job still waits for the member's answer. The mail goes only to a member who
 * has not turned offer mail off (`jobs.offers`); the offer shows in the job board either way.
 */
export async function sendOffer(ctx: ServiceContext, input: OfferInput) {
  const { db, tenant, now } = ctx;
  const [member] = await ctx.scoped.select(members, eq(members.id, input.memberId)).limit(1);
  if (!member) throw AppError.field('memberId', 'is not a member of this network');
  if (!openToForCompany(member).includes(input.kind)) {
    throw new AppError('conflict', `This member has not said they are open to ${input.kind} (or does not show it to the company). Offers go only to members open to them.`);
  }
  const job = input.jobId
    ? await getJob(ctx, input.jobId).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'not_found') throw AppError.field('jobId', 'is not a job of this network');
        throw err;
      })
    : undefined;
  const row: OfferRow = { id: newId('jof'), tenantId: tenant.id, memberId: member.id, jobId: job?.id ?? null, kind: input.kind, message: input.message, status: 'sent', createdAt: now.toISOString(), respondedAt: null };
  const waiting = sql`not exists (select 1 from ${jobOffers} where ${jobOffers.tenantId} = ${tenant.id} and ${jobOffers.memberId} = ${member.id}
    and ${jobOffers.kind} = ${input.kind} and coalesce(${jobOffers.jobId}, '') = ${job?.id ?? ''} and ${jobOffers.status} = 'sent')`;
  const statements: BatchItem<'sqlite'>[] = [insertWhere(ctx, jobOffers, row, waiting)];
  if (await wants(ctx, member.id, 'jobs.offers')) {
    const message = offerMail(tenant, member, row, job, await unsubscribeUrl(ctx, member.id, 'jobs.offers'));
    statements.push(recordMail(db, { tenantId: tenant.id, topic: 'job-offer', now, memberId: member.id, when: sql`changes() = 1`, message }));
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const [saved] = await ctx.scoped.select(jobOffers, eq(jobOffers.id, row.id)).limit(1);
  if (!saved) throw new AppError('conflict', 'An offer of this kind for this job is already waiting for the member’s answer.');
  return toAdminOffer(saved);
}

const pageCondition = (cursor: string | undefined) => {
  const after = decodeCursor(cursorKeys.instantThenId, cursor);
  return after ? or(lt(jobOffers.createdAt, after[0]), and(eq(jobOffers.createdAt, after[0]), lt(jobOffers.id, after[1]))) : undefined;
};

export async function listAdminOffers(ctx: ServiceContext, q: { limit: number; cursor?: string; status?: OfferStatus; memberId?: string }) {
  const rows = await ctx.scoped
    .select(jobOffers, q.status ? eq(jobOffers.status, q.status) : undefined, q.memberId ? eq(jobOffers.memberId, q.memberId) : undefined, pageCondition(q.cursor))
    .orderBy(desc(jobOffers.createdAt), desc(jobOffers.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.createdAt, r.id]);
  return { data: page.data.map(toAdminOffer), nextCursor: page.nextCursor };
}

/** The offers a member received, newest first. */
export async function listOwnOffers(ctx: ServiceContext, member: MemberRow, q: { limit: number; cursor?: string; status?: OfferStatus }) {
  const rows = await ctx.scoped
    .select(jobOffers, eq(jobOffers.memberId, member.id), q.status ? eq(jobOffers.status, q.status) : undefined, pageCondition(q.cursor))
    .orderBy(desc(jobOffers.createdAt), desc(jobOffers.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.createdAt, r.id]);
  const jobIds = [...new Set(page.data.flatMap((o) => (o.jobId ? [o.jobId] : [])))];
  const jobRows = jobIds.length ? await ctx.scoped.select(jobs, inArray(jobs.id, jobIds)) : [];
  const byId = new Map(jobRows.map((j) => [j.id, j]));
  return { data: page.data.map((o) => toOffer(o, o.jobId ? byId.get(o.jobId) : undefined)), nextCursor: page.nextCursor };
}

async function ownOffer(ctx: ServiceContext, member: MemberRow, id: string): Promise<OfferRow> {
  const [row] = await ctx.scoped.select(jobOffers, eq(jobOffers.id, id), eq(jobOffers.memberId, member.id)).limit(1);
  if (!row) throw new AppError('not_found', `No offer ${id} of yours.`);
  return row;
}

/**
 * The member's answer. Declining tells the company nothing but the status; accepting mails the
 * company's contact (once, by whichever request answered). Answering again the same way is a no-op;
 * changing an answer is a 409.
 */
export async function answerOffer(ctx: ServiceContext, member: MemberRow, id: string, answer: 'accepted' | 'declined') {
  const { db, tenant, now } = ctx;
  const row = await ownOffer(ctx, member, id);
  if (row.status === answer) return toOffer(row, row.jobId ? await getJob(ctx, row.jobId).catch(() => undefined) : undefined);
  if (row.status !== 'sent') throw new AppError('conflict', `You have already ${row.status} this offer.`);
  const update = ctx.scoped.update(jobOffers, { status: answer, respondedAt: now.toISOString() }, eq(jobOffers.id, id), eq(jobOffers.memberId, member.id), eq(jobOffers.status, 'sent'));
  const statements: BatchItem<'sqlite'>[] = [update];
  if (answer === 'accepted' && tenant.contactEmails.length) {
    statements.push(recordMail(db, { tenantId: tenant.id, topic: 'job-offer', now, memberId: member.id, when: sql`changes() = 1`, message: offerAcceptedMail(tenant, member, row) }));
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  const after = await ownOffer(ctx, member, id);
  if (after.status !== answer) throw new AppError('conflict', `You have already ${after.status} this offer.`);
  return toOffer(after, after.jobId ? await getJob(ctx, after.jobId).catch(() => undefined) : undefined);
}
