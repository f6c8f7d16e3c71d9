import { z } from '@hono/zod-openapi';
import { decodeCursor } from '../../core/pagination.js';
import { multiLine } from '../../core/text.js';

/** Lists by message seq: the cursor carries the last seq seen and its row's id (a pair, like every other list's key). */
const seqKey = z.tuple([z.number().int().positive(), z.string().min(1).max(64)]);
export const fromCursor = (cursor: string | undefined) => decodeCursor(seqKey, cursor)?.[0];
export const toCursor = (last: { seq: number; id: string } | null) => (last === null ? null : Buffer.from(JSON.stringify([last.seq, last.id])).toString('base64url'));

export const messageBody = multiLine(4000).min(1, 'must not be empty').openapi({ example: 'ご無沙汰しています。来月の交流会には行かれますか？' });

export const MessageSchema = z
  .object({
    id: z.string().openapi({ example: 'msg_4f9KqLm2Xa8bC1dE3fGh' }),
    seq: z.number().int().openapi({ description: 'Position in the database-wide order of messages: larger is newer' }),
    conversationId: z.string(),
    sender: z.object({ id: z.string(), name: z.string() }).nullable().openapi({ description: 'null once the sender erased their account' }),
    mine: z.boolean(),
    body: z.string().openapi({ description: "'' when the company removed the message after a report" }),
    removed: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Message');

export const ConversationSchema = z
  .object({
    id: z.string().openapi({ example: 'cnv_4f9KqLm2Xa8bC1dE3fGh' }),
    kind: z.enum(['direct', 'multi']),
    members: z.array(z.object({ id: z.string(), name: z.string(), left: z.boolean() })).openapi({ description: 'The other participants (never their addresses)' }),
    lastMessage: MessageSchema.nullable(),
    lastMessageAt: z.string(),
    unread: z.number().int(),
  })
  .openapi('Conversation');

export const UnreadSchema = z
  .object({ total: z.number().int().openapi({ description: 'Unread messages from others' }), conversations: z.number().int().openapi({ description: 'Conversations with any' }) })
  .openapi('MessagesUnread');
