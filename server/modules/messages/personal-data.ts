import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { conversationParticipants, memberBlocks, messagePresence, messageReports, messages } from './schema.js';

/**
 * Messages are personal data of their sender. Erasing a member anonymises what they wrote (the text
 * stays and the sender becomes "a former member", so the other side's history stays readable), takes
 * them out of every conversation, drops their blocks both ways and their presence, and keeps their
 * reports for the company without naming them. The export holds what they wrote, where they talk,
 * whom they blocked and what they reported.
 */
export const messagesPersonalData = [
  personalData({
    table: messages,
    rows: (s) => and(eq(messages.tenantId, s.tenantId), eq(messages.senderMemberId, s.id))!,
    erase: { anonymise: { senderMemberId: null, senderName: '', senderErased: true } },
    export: { key: 'messagesWritten', view: (m) => ({ id: m.id, conversationId: m.conversationId, body: m.removedAt ? '' : m.body, removed: m.removedAt !== null, createdAt: m.createdAt }) },
  }),
  personalData({
    table: conversationParticipants,
    rows: (s) => and(eq(conversationParticipants.tenantId, s.tenantId), eq(conversationParticipants.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'conversations', view: (p) => ({ conversationId: p.conversationId, joinedAt: p.joinedAt, leftAt: p.leftAt }) },
  }),
  personalData({
    table: memberBlocks,
    rows: (s) => and(eq(memberBlocks.tenantId, s.tenantId), eq(memberBlocks.blockerMemberId, s.id))!,
    erase: 'delete',
    export: { key: 'blockedMembers', view: (b) => ({ memberId: b.blockedMemberId, createdAt: b.createdAt }) },
  }),
  personalData({
    table: memberBlocks,
    rows: (s) => and(eq(memberBlocks.tenantId, s.tenantId), eq(memberBlocks.blockedMemberId, s.id))!,
    erase: 'delete',
    export: { omit: "another member's choice; not yours to see" },
  }),
  personalData({
    table: messageReports,
    rows: (s) => and(eq(messageReports.tenantId, s.tenantId), eq(messageReports.reporterMemberId, s.id))!,
    erase: { keep: "the company's moderation record; once the member row is gone the reporter id leads to no one" },
    export: { key: 'messageReports', view: (r) => ({ id: r.id, messageId: r.messageId, reason: r.reason, status: r.status, createdAt: r.createdAt }) },
  }),
  personalData({
    table: messagePresence,
    rows: (s) => and(eq(messagePresence.tenantId, s.tenantId), eq(messagePresence.memberId, s.id))!,
    erase: 'delete',
    export: { omit: 'only when a message stream was last open, kept to decide whether to mail you' },
  }),
];
