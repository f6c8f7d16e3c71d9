/** Blocks and reports: a member's own defences, and the company's moderation queue. */
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import type { MemberRow } from '../members/profile.js';
import { members } from '../members/schema.js';
import { conversationParticipants, memberBlocks, messageReports, messages, type MessageReportStatus } from './schema.js';

/** Blocks another member of the network (idempotent): no new messages either way from now on. */
export async function blockMember(ctx: ServiceContext, member: MemberRow, otherId: string) {
  if (otherId === member.id) throw new AppError('bad_request', 'You cannot block yourself.');
  const [other] = await ctx.scoped.select(members, eq(members.id, otherId)).limit(1);
  if (!other) throw new AppError('not_found', `No member ${otherId}.`);
  await ctx.scoped.insert(memberBlocks, { blockerMemberId: member.id, blockedMemberId: otherId, createdAt: ctx.now.toISOString() }).onConflictDoNothing();
  return listBlocks(ctx, member);
}

export async function unblockMember(ctx: ServiceContext, member: MemberRow, otherId: string): Promise<void> {
  const gone = await ctx.scoped.delete(memberBlocks, eq(memberBlocks.blockerMemberId, member.id), eq(memberBlocks.blockedMemberId, otherId)).returning();
  if (!gone.length) throw new AppError('not_found', `You have not blocked ${otherId}.`);
}

/** The members this member blocked, with the name they have now (an erased member's block is gone with them). */
export async function listBlocks(ctx: ServiceContext, member: MemberRow) {
  const rows = await ctx.scoped.select(memberBlocks, eq(memberBlocks.blockerMemberId, member.id)).orderBy(desc(memberBlocks.createdAt));
  const names = new Map<string, string>();
  for (const r of rows) {
    const [m] = await ctx.scoped.select(members, eq(members.id, r.blockedMemberId)).limit(1);
    names.set(r.blockedMemberId, m?.name ?? '');
  }
  return { data: rows.map((r) => ({ memberId: r.blockedMemberId, name: names.get(r.blockedMemberId) ?? '', createdAt: r.createdAt })) };
}

/** Reports a message the member can read (not their own) to the company; reporting it again changes nothing. */
export async function reportMessage(ctx: ServiceContext, member: MemberRow, messageId: string, reason: string) {
  const [m] = await ctx.scoped.select(messages, eq(messages.id, messageId)).limit(1);
  const [p] = m
    ? await ctx.scoped.select(conversationParticipants, eq(conversationParticipants.conversationId, m.conversationId), eq(conversationParticipants.memberId, member.id)).limit(1)
    : [];
  if (!m || !p) throw new AppError('not_found', `No message ${messageId}.`);
  if (m.senderMemberId === member.id) throw new AppError('bad_request', 'You cannot report your own message.');
  await enforceRateLimit(ctx.db, { key: `message-reports:${ctx.tenant.id}:${member.id}`, limit: 20, windowMs: 24 * 60 * 60_000 }, ctx.now, 'You can report up to 20 messages a day.');
  const id = newId('rpt');
  await ctx.scoped.insert(messageReports, { id, messageId, reporterMemberId: member.id, reason, createdAt: ctx.now.toISOString() }).onConflictDoNothing();
  const [row] = await ctx.scoped.select(messageReports, eq(messageReports.messageId, messageId), eq(messageReports.reporterMemberId, member.id)).limit(1);
  return { id: row!.id, status: row!.status, createdAt: row!.createdAt, created: row!.id === id };
}

type ReportRow = typeof messageReports.$inferSelect;

/** A report as the company sees it: the reported message and who sent it; the reporter's id, never the thread around it. */
async function toAdminReport(ctx: ServiceContext, r: ReportRow) {
  const [m] = await ctx.scoped.select(messages, eq(messages.id, r.messageId)).limit(1);
  return {
    id: r.id,
    status: r.status,
    reason: r.reason,
    reporterMemberId: r.reporterMemberId,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    message: m
      ? { id: m.id, conversationId: m.conversationId, senderMemberId: m.senderErased ? null : m.senderMemberId, senderName: m.senderName, body: m.removedAt ? '' : m.body, removed: m.removedAt !== null, createdAt: m.createdAt }
      : null,
  };
}

/** The moderation queue, newest first, optionally by status. */
export async function listReports(ctx: ServiceContext, query: { limit: number; cursor?: string; status?: MessageReportStatus }) {
  const cursor = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const rows = await ctx.scoped
    .select(
      messageReports,
      query.status ? eq(messageReports.status, query.status) : undefined,
      cursor ? or(lt(messageReports.createdAt, cursor[0]), and(eq(messageReports.createdAt, cursor[0]), lt(messageReports.id, cursor[1]))) : undefined,
    )
    .orderBy(desc(messageReports.createdAt), desc(messageReports.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.createdAt, r.id]);
  return { data: await Promise.all(page.data.map((r) => toAdminReport(ctx, r))), nextCursor: page.nextCursor };
}

export async function getReport(ctx: ServiceContext, id: string) {
  const [r] = await ctx.scoped.select(messageReports, eq(messageReports.id, id)).limit(1);
  if (!r) throw new AppError('not_found', `No report ${id}.`);
  return toAdminReport(ctx, r);
}

/** The company's decision; `removeMessage` takes the message's text out of the thread for everyone. */
export async function decideReport(ctx: ServiceContext, id: string, input: { status?: MessageReportStatus; removeMessage?: boolean }) {
  const [r] = await ctx.scoped.select(messageReports, eq(messageReports.id, id)).limit(1);
  if (!r) throw new AppError('not_found', `No report ${id}.`);
  if (input.status === undefined && !input.removeMessage) throw AppError.field('body', 'names nothing to change', 'nothing_to_change');
  const ts = ctx.now.toISOString();
  const status = input.status ?? r.status;
  const decide = ctx.scoped.update(messageReports, { status, decidedAt: status === 'open' ? null : ts }, eq(messageReports.id, id));
  if (input.removeMessage) {
    await ctx.db.batch([decide, ctx.scoped.update(messages, { removedAt: ts, body: '' }, eq(messages.id, r.messageId), sql`${messages.removedAt} is null`)]);
  } else {
    await decide;
  }
  return getReport(ctx, id);
}
