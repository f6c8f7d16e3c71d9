/**
 * Who may message whom. A member may write to another approved member of the same network when
 * neither has blocked the other, and when the other is listed in the directory or already shares a
 * conversation with them: a member who hides themselves from the directory cannot be found, so a
 * stranger cannot message them either (the answer is the directory's 404, which reveals nothing).
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { MemberRow } from '../members/profile.js';
import { featuresForKind } from '../member-kinds/service.js';
import { members } from '../members/schema.js';
import { conversationParticipants, memberBlocks } from './schema.js';

/** Anyone but `self` who blocked, or was blocked by, `self`, among `others`. */
export async function blockedAmong(ctx: ServiceContext, self: string, others: string[]): Promise<Set<string>> {
  if (!others.length) return new Set();
  const rows = await ctx.scoped.select(
    memberBlocks,
    or(
      and(eq(memberBlocks.blockerMemberId, self), inArray(memberBlocks.blockedMemberId, others)),
      and(eq(memberBlocks.blockedMemberId, self), inArray(memberBlocks.blockerMemberId, others)),
    ),
  );
  return new Set(rows.map((r) => (r.blockerMemberId === self ? r.blockedMemberId : r.blockerMemberId)));
}

/** Members among `others` with whom `self` already shares a conversation (both still in it). */
async function acquainted(ctx: ServiceContext, self: string, others: string[]): Promise<Set<string>> {
  if (!others.length) return new Set();
  const mine = sql`${conversationParticipants.conversationId} in (select conversation_id from conversation_participants
    where tenant_id = ${ctx.tenant.id} and member_id = ${self} and left_at is null)`;
  const rows = await ctx.scoped.select(
    conversationParticipants,
    mine,
    inArray(conversationParticipants.memberId, others),
    sql`${conversationParticipants.leftAt} is null`,
  );
  return new Set(rows.map((r) => r.memberId));
}

/**
 * The members `sender` may start a conversation with, in the order asked, or an error: a 404 for
 * someone who is not there to be messaged (unknown, not approved, hidden and a stranger), a 403 for
 * a block either way, or for a member whose kind has no messages.
 */
export async function recipientsFor(ctx: ServiceContext, sender: MemberRow, ids: string[]): Promise<MemberRow[]> {
  const rows = await ctx.scoped.select(members, inArray(members.id, ids), eq(members.status, 'approved'));
  const byId = new Map(rows.map((m) => [m.id, m]));
  const known = await acquainted(ctx, sender.id, ids);
  const version = ctx.tenant.privacyPolicyVersion;
  for (const id of ids) {
    const m = byId.get(id);
    const listed = m && !m.unlisted && m.name.trim() !== '' && (!version || m.consentVersion === version);
    if (!m || (!listed && !known.has(id))) throw new AppError('not_found', `No member ${id} you can message.`);
  }
  // A member whose kind has no messages (the company's choice) cannot be written to either.
  const kinds = [...new Set(rows.map((m) => m.kind))];
  const without = new Set<string>();
  for (const kind of kinds) if (!(await featuresForKind(ctx, kind)).includes('messages')) without.add(kind);
  if (ids.some((id) => without.has(byId.get(id)!.kind))) {
    throw new AppError('feature_not_available', 'Messages are not part of this member’s membership: they cannot be messaged.');
  }
  const blocked = await blockedAmong(ctx, sender.id, ids);
  if (blocked.size) throw new AppError('forbidden', 'You cannot message a member you blocked or who blocked you.');
  return ids.map((id) => byId.get(id)!);
}
