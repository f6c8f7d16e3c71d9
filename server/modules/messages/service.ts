/**
 * Direct messages: conversations between two or more members, their messages, read positions and
 * unread counts. Every change and what it causes (a mail for an absent member, queued for later) is
 * one batch; the stream hub is poked after the commit so this process's streams hear at once, and
 * the other processes within their poll.
 */
import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { MailMessage } from '../../core/mail/transport.js';
import { recordJob, recordMail } from '../../core/outbox/record.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import type { MemberRow } from '../members/profile.js';
import { members } from '../members/schema.js';
import { requireApprovedMember } from '../members/service.js';
import { blockedAmong, recipientsFor } from './rules.js';
import { conversationParticipants, conversations, messages } from './schema.js';
import { pokeStreams } from './stream.js';
import { toMessageView, type ConversationRow } from './views.js';

const MINUTE = 60_000;
export const MESSAGE_LIMITS = {
  /** A lively chat, not a flood. */
  perSenderPerMinute: 20,
  perSenderPerDay: 500,
  /** New conversations: the same pace as contact from the directory. */
  newPerSenderPerHour: 10,
  /** Everyone in one conversation, starter included. */
  maxParticipants: 20,
};
/** How long a message waits unread before its recipient is mailed (one mail for the burst). */
export const UNREAD_MAIL_DELAY_MS = 10 * MINUTE;

type Batch = [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]];

async function limitSending(ctx: ServiceContext, sender: MemberRow): Promise<void> {
  const key = `messages:${ctx.tenant.id}:${sender.id}`;
  await enforceRateLimit(ctx.db, { key, limit: MESSAGE_LIMITS.perSenderPerMinute, windowMs: MINUTE }, ctx.now, `You can send up to ${MESSAGE_LIMITS.perSenderPerMinute} messages a minute.`);
  await enforceRateLimit(ctx.db, { key: `${key}:day`, limit: MESSAGE_LIMITS.perSenderPerDay, windowMs: 24 * 60 * MINUTE }, ctx.now, `You can send up to ${MESSAGE_LIMITS.perSenderPerDay} messages a day.`);
}

/** The statements that add a message and what follows from it: the conversation's order, the sender's read position, the unread-mail jobs. */
function messageStatements(ctx: ServiceContext, conversationId: string, sender: MemberRow, body: string, recipients: string[], mailed: Set<string>) {
  const id = newId('msg');
  const ts = ctx.now.toISOString();
  const latest = sql`(select max(seq) from messages where conversation_id = ${conversationId})`;
  const statements: BatchItem<'sqlite'>[] = [
    ctx.scoped.insert(messages, { id, conversationId, senderMemberId: sender.id, senderName: sender.name, body, createdAt: ts }),
    ctx.scoped.update(conversations, { lastSeq: latest, lastMessageAt: ts }, eq(conversations.id, conversationId)),
    ctx.scoped.update(conversationParticipants, { lastReadSeq: latest }, eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.memberId, sender.id)),
  ];
  for (const memberId of recipients.filter((r) => !mailed.has(r))) {
    // One job per member while it waits: a burst of messages is one mail.
    statements.push(
      recordJob(ctx.db, {
        tenantId: ctx.tenant.id,
        topic: 'messages.unread',
        now: ctx.now,
        notBefore: new Date(ctx.now.getTime() + UNREAD_MAIL_DELAY_MS),
        memberId,
        coalesceKey: `messages.unread:${memberId}`,
        payload: { publicApiUrl: ctx.config.PUBLIC_API_URL },
      }),
    );
  }
  return { id, statements };
}

async function readBack(ctx: ServiceContext, id: string, viewerId: string) {
  const [row] = await ctx.scoped.select(messages, eq(messages.id, id)).limit(1);
  pokeStreams(ctx.db);
  return toMessageView(row!, viewerId);
}

export interface StartOptions {
  /** A mail to send now instead of the later unread mail (contact from the directory keeps its mail). */
  mailFor?: (recipient: MemberRow, conversationId: string) => MailMessage;
  /** Rate limits the caller already took (contact has its own). */
  limited?: boolean;
}

/**
 * Starts a conversation (or, with one other member, continues the pair's conversation, bringing back
 * whoever had left it) with a first message.
 */
export async function startConversation(ctx: ServiceContext, sender: MemberRow, memberIds: string[], body: string, options: StartOptions = {}) {
  requireApprovedMember(sender, ctx.tenant);
  const ids = [...new Set(memberIds)];
  if (ids.includes(sender.id)) throw AppError.field('memberIds', 'must not include yourself', 'invalid');
  if (ids.length + 1 > MESSAGE_LIMITS.maxParticipants) throw AppError.field('memberIds', `must name at most ${MESSAGE_LIMITS.maxParticipants - 1} members`, 'too_many', { max: MESSAGE_LIMITS.maxParticipants - 1 });
  const recipients = await recipientsFor(ctx, sender, ids);
  if (!options.limited) {
    await enforceRateLimit(ctx.db, { key: `conversations:${ctx.tenant.id}:${sender.id}`, limit: MESSAGE_LIMITS.newPerSenderPerHour, windowMs: 60 * MINUTE }, ctx.now, `You can start up to ${MESSAGE_LIMITS.newPerSenderPerHour} conversations an hour.`);
    await limitSending(ctx, sender);
  }
  const directKey = ids.length === 1 ? [sender.id, ids[0]!].sort().join(':') : null;
  for (let attempt = 0; ; attempt++) {
    try {
      return await writeStart(ctx, sender, recipients, directKey, body, options);
    } catch (err) {
      // Two first messages to the same member at once: the second joins the conversation the first made.
      if (attempt === 0 && directKey && /UNIQUE/i.test(String(err) + String((err as { cause?: unknown }).cause))) continue;
      throw err;
    }
  }
}

async function writeStart(ctx: ServiceContext, sender: MemberRow, recipients: MemberRow[], directKey: string | null, body: string, options: StartOptions) {
  const ts = ctx.now.toISOString();
  const [existing] = directKey ? await ctx.scoped.select(conversations, eq(conversations.directKey, directKey)).limit(1) : [];
  const conversationId = existing?.id ?? newId('cnv');
  const people = [sender, ...recipients];
  const statements: BatchItem<'sqlite'>[] = [];
  if (!existing) {
    statements.push(ctx.scoped.insert(conversations, { id: conversationId, kind: directKey ? 'direct' : 'multi', directKey, lastMessageAt: ts, createdAt: ts }));
  }
  for (const p of people) {
    statements.push(
      ctx.scoped
        .insert(conversationParticipants, { conversationId, memberId: p.id, joinedAt: ts })
        .onConflictDoUpdate({ target: [conversationParticipants.conversationId, conversationParticipants.memberId], set: { leftAt: null } }),
    );
  }
  const mailed = new Set(options.mailFor ? recipients.map((r) => r.id) : []);
  const { id, statements: more } = messageStatements(ctx, conversationId, sender, body, recipients.map((r) => r.id), mailed);
  statements.push(...more);
  if (options.mailFor) {
    for (const r of recipients) statements.push(recordMail(ctx.db, { tenantId: ctx.tenant.id, topic: 'member-contact', now: ctx.now, memberId: r.id, message: options.mailFor(r, conversationId) }));
  }
  await ctx.db.batch(statements as Batch);
  return { conversationId, message: await readBack(ctx, id, sender.id) };
}

/** The member's place in a conversation they are still in, or a 404 (another member's conversation is as good as absent). */
async function participation(ctx: ServiceContext, memberId: string, conversationId: string) {
  const [row] = await ctx.scoped
    .select(conversationParticipants, eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.memberId, memberId), isNull(conversationParticipants.leftAt))
    .limit(1);
  if (!row) throw new AppError('not_found', `No conversation ${conversationId}.`);
  return row;
}

async function currentMembers(ctx: ServiceContext, conversationId: string): Promise<string[]> {
  const rows = await ctx.scoped.select(conversationParticipants, eq(conversationParticipants.conversationId, conversationId), isNull(conversationParticipants.leftAt));
  return rows.map((r) => r.memberId);
}

/** Sends a message in a conversation the sender is in. A block between the sender and anyone still in it stops it. */
export async function sendMessage(ctx: ServiceContext, sender: MemberRow, conversationId: string, body: string) {
  requireApprovedMember(sender, ctx.tenant);
  await participation(ctx, sender.id, conversationId);
  const others = (await currentMembers(ctx, conversationId)).filter((id) => id !== sender.id);
  if ((await blockedAmong(ctx, sender.id, others)).size) throw new AppError('forbidden', 'You cannot message a member you blocked or who blocked you.');
  await limitSending(ctx, sender);
  const approved = others.length ? await ctx.scoped.select(members, inArray(members.id, others), eq(members.status, 'approved')) : [];
  const { id, statements } = messageStatements(ctx, conversationId, sender, body, approved.map((m) => m.id), new Set());
  await ctx.db.batch(statements as Batch);
  return readBack(ctx, id, sender.id);
}

/** A page of a conversation's messages, newest first (`cursor`: the last seq seen). */
export async function listMessages(ctx: ServiceContext, member: MemberRow, conversationId: string, query: { limit: number; before?: number }) {
  await participation(ctx, member.id, conversationId);
  const rows = await ctx.scoped
    .select(messages, eq(messages.conversationId, conversationId), query.before ? sql`${messages.seq} < ${query.before}` : undefined)
    .orderBy(sql`${messages.seq} desc`)
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { data: page.map((m) => toMessageView(m, member.id)), next: rows.length > query.limit ? { seq: page.at(-1)!.seq, id: page.at(-1)!.id } : null };
}

/** Marks the conversation read up to `upTo` (default: everything); a position never moves back. */
export async function markRead(ctx: ServiceContext, member: MemberRow, conversationId: string, upTo?: number) {
  await participation(ctx, member.id, conversationId);
  const [conv] = await ctx.scoped.select(conversations, eq(conversations.id, conversationId)).limit(1);
  const target = Math.min(upTo ?? conv!.lastSeq, conv!.lastSeq);
  await ctx.scoped.update(
    conversationParticipants,
    { lastReadSeq: sql`max(${conversationParticipants.lastReadSeq}, ${target})` },
    eq(conversationParticipants.conversationId, conversationId),
    eq(conversationParticipants.memberId, member.id),
  );
  return unreadSummary(ctx, member.id);
}

/** Leaves a conversation: nothing new reaches the member, and it leaves their list (a new message from the directory brings them back). */
export async function leaveConversation(ctx: ServiceContext, member: MemberRow, conversationId: string): Promise<void> {
  await participation(ctx, member.id, conversationId);
  await ctx.scoped.update(conversationParticipants, { leftAt: ctx.now.toISOString() }, eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.memberId, member.id));
}

/** Unread messages (from others, not removed) per conversation the member is in. */
export async function unreadSummary(ctx: ServiceContext, memberId: string) {
  const rows = await ctx.db.all<{ conversation_id: string; n: number }>(sql`
    select p.conversation_id, (select count(*) from messages m where m.conversation_id = p.conversation_id and m.seq > p.last_read_seq
      and (m.sender_member_id is null or m.sender_member_id <> p.member_id)) as n
    from conversation_participants p join conversations c on c.id = p.conversation_id
    where p.tenant_id = ${ctx.tenant.id} and p.member_id = ${memberId} and p.left_at is null and c.last_seq > p.last_read_seq`);
  const withUnread = rows.filter((r) => Number(r.n) > 0);
  return { total: withUnread.reduce((sum, r) => sum + Number(r.n), 0), conversations: withUnread.length };
}

/** The member's conversations, latest message first, with the others in each and the unread count. */
export async function listConversations(ctx: ServiceContext, member: MemberRow, query: { limit: number; before?: number }) {
  const rows = await ctx.db.all<{ id: string; kind: string; last_seq: number; last_message_at: string; last_read_seq: number; unread: number }>(sql`
    select c.id, c.kind, c.last_seq, c.last_message_at, p.last_read_seq,
      (select count(*) from messages m where m.conversation_id = c.id and m.seq > p.last_read_seq
        and (m.sender_member_id is null or m.sender_member_id <> p.member_id)) as unread
    from conversation_participants p join conversations c on c.id = p.conversation_id
    where p.tenant_id = ${ctx.tenant.id} and p.member_id = ${member.id} and p.left_at is null and c.last_seq > 0
      ${query.before ? sql`and c.last_seq < ${query.before}` : sql``}
    order by c.last_seq desc limit ${query.limit + 1}`);
  const page = rows.slice(0, query.limit);
  const data = await describe(ctx, member.id, page.map((r) => ({ id: r.id, kind: r.kind as ConversationRow['kind'], lastSeq: Number(r.last_seq), lastMessageAt: r.last_message_at, unread: Number(r.unread) })));
  return { data, next: rows.length > query.limit ? { seq: Number(page.at(-1)!.last_seq), id: page.at(-1)!.id } : null };
}

/** One conversation of the member's, as the list shows it. */
export async function getConversation(ctx: ServiceContext, member: MemberRow, conversationId: string) {
  const p = await participation(ctx, member.id, conversationId);
  const [c] = await ctx.scoped.select(conversations, eq(conversations.id, conversationId)).limit(1);
  const [{ n } = { n: 0 }] = await ctx.db.all<{ n: number }>(sql`select count(*) as n from messages where conversation_id = ${conversationId} and seq > ${p.lastReadSeq}
    and (sender_member_id is null or sender_member_id <> ${member.id})`);
  const [view] = await describe(ctx, member.id, [{ id: c!.id, kind: c!.kind, lastSeq: c!.lastSeq, lastMessageAt: c!.lastMessageAt, unread: Number(n) }]);
  return view!;
}

type Summary = { id: string; kind: ConversationRow['kind']; lastSeq: number; lastMessageAt: string; unread: number };

/** Adds the other participants (current name, whether they left) and the last message to each conversation. */
async function describe(ctx: ServiceContext, viewerId: string, list: Summary[]) {
  if (!list.length) return [];
  const ids = list.map((c) => c.id);
  const people = await ctx.scoped.select(conversationParticipants, inArray(conversationParticipants.conversationId, ids));
  const names = new Map(
    (await ctx.scoped.select(members, inArray(members.id, [...new Set(people.map((p) => p.memberId))]))).map((m) => [m.id, m.status === 'approved' ? m.name : '']),
  );
  const seqs = list.map((c) => c.lastSeq).filter((s) => s > 0);
  const last = new Map((seqs.length ? await ctx.scoped.select(messages, inArray(messages.seq, seqs)) : []).map((m) => [m.conversationId, m]));
  return list.map((c) => {
    const m = last.get(c.id);
    return {
      id: c.id,
      kind: c.kind,
      members: people
        .filter((p) => p.conversationId === c.id && p.memberId !== viewerId)
        .map((p) => ({ id: p.memberId, name: names.get(p.memberId) ?? '', left: p.leftAt !== null })),
      lastMessage: m ? toMessageView(m, viewerId) : null,
      lastMessageAt: c.lastMessageAt,
      unread: c.unread,
    };
  });
}

export type ConversationView = Awaited<ReturnType<typeof describe>>[number];
