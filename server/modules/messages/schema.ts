import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { tenants } from '../tenants/schema.js';

/** `direct`: two members (one per pair, reused); `multi`: three or more, started together. */
export const conversationKinds = ['direct', 'multi'] as const;
export type ConversationKind = (typeof conversationKinds)[number];

/**
 * A conversation between members. `groupId` is for later: a conversation that belongs to a group
 * (null for direct messages), so groups can reuse messages, participants and the stream.
 */
export const conversations = sqliteTable(
  'conversations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: conversationKinds }).notNull(),
    /** For `direct`: the two member ids, sorted and joined, so a pair has one conversation. */
    directKey: text('direct_key'),
    groupId: text('group_id'),
    /** The newest message's seq and time: the list's order. */
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: text('last_message_at').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('conversations_direct_uq').on(t.tenantId, t.directKey),
    index('conversations_tenant_last_idx').on(t.tenantId, t.lastMessageAt),
  ],
);

/** Who is in a conversation, and how far they have read (`lastReadSeq`) and been mailed about (`notifiedSeq`). */
export const conversationParticipants = sqliteTable(
  'conversation_participants',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    joinedAt: text('joined_at').notNull(),
    /** Set when the member left: they get nothing new and the conversation leaves their list. */
    leftAt: text('left_at'),
    lastReadSeq: integer('last_read_seq').notNull().default(0),
    notifiedSeq: integer('notified_seq').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.memberId] }),
    index('conversation_participants_member_idx').on(t.tenantId, t.memberId),
  ],
);

/**
 * The messages. `seq` is one counter across the database (AUTOINCREMENT: never reused), assigned
 * under the write lock, so "everything after seq N" never misses a committed message: the stream's
 * cross-process signal and the read positions rest on it. Once the sender is erased the text stays
 * (so the other side's history stays readable) and the sender becomes "a former member".
 */
export const messages = sqliteTable(
  'messages',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    conversationId: text('conversation_id').notNull().references(() => conversations.id, { onDelete: 'cascade' }),
    senderMemberId: text('sender_member_id'),
    /** The sender's name when sent, for threads and mail; '' once the sender is erased. */
    senderName: text('sender_name').notNull(),
    /**
     * Set when the sender was erased: the message shows as "a former member". The sender id stays (it
     * no longer leads to anyone) so that the erasure's declaration can still find the rows it anonymised.
     */
    senderErased: integer('sender_erased', { mode: 'boolean' }).notNull().default(false),
    body: text('body').notNull(),
    /** Set when the company removed it after a report: the text is gone, the place in the thread stays. */
    removedAt: text('removed_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('messages_id_uq').on(t.id),
    index('messages_conversation_idx').on(t.conversationId, t.seq),
    index('messages_sender_idx').on(t.tenantId, t.senderMemberId),
  ],
);

/** A member's block of another: no new messages either way, and no new conversations. */
export const memberBlocks = sqliteTable(
  'member_blocks',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    blockerMemberId: text('blocker_member_id').notNull(),
    blockedMemberId: text('blocked_member_id').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.blockerMemberId, t.blockedMemberId] }),
    index('member_blocks_blocked_idx').on(t.tenantId, t.blockedMemberId),
  ],
);

export const messageReportStatuses = ['open', 'resolved', 'dismissed'] as const;
export type MessageReportStatus = (typeof messageReportStatuses)[number];

/** A member's report of a message: the company's moderation queue (admin API). */
export const messageReports = sqliteTable(
  'message_reports',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    messageId: text('message_id').notNull(),
    /** Null once the reporter is erased: the report stays for the company. */
    reporterMemberId: text('reporter_member_id'),
    reason: text('reason').notNull(),
    status: text('status', { enum: messageReportStatuses }).notNull().default('open'),
    createdAt: text('created_at').notNull(),
    decidedAt: text('decided_at'),
  },
  (t) => [
    uniqueIndex('message_reports_once_uq').on(t.tenantId, t.messageId, t.reporterMemberId),
    index('message_reports_status_idx').on(t.tenantId, t.status, t.createdAt),
  ],
);

/**
 * When a member last had a message stream open on any API process: each process refreshes its
 * connected members in one statement every half minute, so the unread-mail job (which may run on
 * another process) can tell an absent member from one who is reading.
 */
export const messagePresence = sqliteTable(
  'message_presence',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.memberId] })],
);

