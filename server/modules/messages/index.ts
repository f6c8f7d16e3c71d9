import { defineModule } from '../module.js';
import { messagesPersonalData } from './personal-data.js';
import { adminMessageRoutes } from './routes.admin.js';
import { blockRoutes, conversationRoutes } from './routes.public.js';
import { streamRoute } from './routes.stream.js';
import { unreadTopics } from './unread.js';

/**
 * Direct messages between members: conversations, the live stream, unread counts and the batched mail
 * for an absent member; blocks, leaving, reports and the company's moderation queue.
 */
export const messagesModule = defineModule({
  name: 'messages',
  // The stream before /v1/me/messages/{id}/… (no clash today, but fixed paths go first).
  routes: [streamRoute, ...conversationRoutes, ...blockRoutes, ...adminMessageRoutes],
  personalData: messagesPersonalData,
  outbox: unreadTopics,
});
