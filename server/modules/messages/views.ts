import type { conversations, messages } from './schema.js';

export type MessageRow = typeof messages.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;

/** A message as a participant sees it: never an address; a removed message keeps its place, not its text. */
export function toMessageView(m: Pick<MessageRow, 'id' | 'seq' | 'conversationId' | 'senderMemberId' | 'senderName' | 'senderErased' | 'body' | 'removedAt' | 'createdAt'>, viewerId: string) {
  return {
    id: m.id,
    seq: m.seq,
    conversationId: m.conversationId,
    sender: m.senderMemberId && !m.senderErased ? { id: m.senderMemberId, name: m.senderName } : null,
    mine: !m.senderErased && m.senderMemberId === viewerId,
    body: m.removedAt ? '' : m.body,
    removed: m.removedAt !== null,
    createdAt: m.createdAt,
  };
}

export type MessageView = ReturnType<typeof toMessageView>;
