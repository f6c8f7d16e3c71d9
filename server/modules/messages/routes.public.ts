import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody, ProblemSchema } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { blockMember, listBlocks, reportMessage, unblockMember } from './safety.js';
import { ConversationSchema, fromCursor, messageBody, MessageSchema, toCursor, UnreadSchema } from './schemas.js';
import { getConversation, leaveConversation, listConversations, listMessages, markRead, sendMessage, startConversation, unreadSummary } from './service.js';

const tags = ['Messages'];
const auth = ['session'] as const;
const rateLimited = { 429: { description: 'Too many messages; see Retry-After', content: { 'application/problem+json': { schema: ProblemSchema } } } };
const conversationParam = { params: z.object({ id: idParam('id', 'cnv_4f9KqLm2Xa8bC1dE3fGh') }) };
const memberParam = { params: z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') }) };

const StartSchema = z
  .object({
    memberIds: z.array(singleLine(64).min(1)).min(1).max(19).openapi({ description: 'The other members (one: the pair’s conversation, continued if it exists)', example: ['mem_4f9KqLm2Xa8bC1dE3fGh'] }),
    body: messageBody,
  })
  .strict()
  .openapi('ConversationStart');

export const conversationRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/conversations',
      tags,
      summary: 'My conversations, latest message first, with unread counts',
      auth,
      feature: 'messages',
      request: { query: z.object(pageQuery) },
      responses: { 200: json(pageSchema(ConversationSchema, 'ConversationPage')), ...errorResponses },
    },
    async (c, { member }, ctx) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listConversations(ctx, member, { limit, before: fromCursor(cursor) });
      return c.json({ data: page.data, nextCursor: toCursor(page.next) }, 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/me/conversations',
      tags,
      summary: 'Start a conversation with one or more members (approved members; a hidden member only if you already talk)',
      auth,
      feature: 'messages',
      request: { body: jsonBody(StartSchema) },
      responses: { 201: json(z.object({ conversationId: z.string(), message: MessageSchema }).openapi('ConversationStarted'), 'Sent'), ...errorResponses, ...rateLimited },
    },
    async (c, { member }, ctx) => {
      const { memberIds, body } = c.req.valid('json');
      return c.json(await startConversation(ctx, member, memberIds, body), 201);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/conversations/{id}',
      tags,
      summary: 'One of my conversations',
      auth,
      feature: 'messages',
      request: conversationParam,
      responses: { 200: json(ConversationSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await getConversation(ctx, member, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/conversations/{id}/messages',
      tags,
      summary: 'Messages of a conversation, newest first',
      auth,
      feature: 'messages',
      request: { ...conversationParam, query: z.object(pageQuery) },
      responses: { 200: json(pageSchema(MessageSchema, 'MessagePage')), ...errorResponses },
    },
    async (c, { member }, ctx) => {
      const { limit, cursor } = c.req.valid('query');
      const page = await listMessages(ctx, member, c.req.valid('param').id, { limit, before: fromCursor(cursor) });
      return c.json({ data: page.data, nextCursor: toCursor(page.next) }, 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/me/conversations/{id}/messages',
      tags,
      summary: 'Send a message',
      description: 'Refused (403) when you and someone still in the conversation blocked the other. Rate-limited per sender.',
      auth,
      feature: 'messages',
      request: { ...conversationParam, body: jsonBody(z.object({ body: messageBody }).strict().openapi('MessageSend')) },
      responses: { 201: json(MessageSchema, 'Sent'), ...errorResponses, ...rateLimited },
    },
    async (c, { member }, ctx) => c.json(await sendMessage(ctx, member, c.req.valid('param').id, c.req.valid('json').body), 201),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/me/conversations/{id}/read',
      tags,
      summary: 'Mark the conversation read (up to `upTo`, default everything)',
      auth,
      feature: 'messages',
      request: { ...conversationParam, body: jsonBody(z.object({ upTo: z.number().int().positive().optional() }).strict().openapi('MessagesRead')) },
      responses: { 200: json(UnreadSchema, 'What is still unread'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await markRead(ctx, member, c.req.valid('param').id, c.req.valid('json').upTo), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/me/conversations/{id}/leave',
      tags,
      summary: 'Leave a conversation: nothing new reaches you, and it leaves your list',
      auth,
      feature: 'messages',
      request: conversationParam,
      responses: { 204: { description: 'Left' }, ...errorResponses },
    },
    async (c, { member }, ctx) => {
      await leaveConversation(ctx, member, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/messages/unread',
      tags,
      summary: 'How many unread messages I have (for a header badge)',
      auth,
      feature: 'messages',
      responses: { 200: json(UnreadSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await unreadSummary(ctx, memberId), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/me/messages/{id}/reports',
      tags,
      summary: 'Report a message to the company (its moderation queue)',
      auth,
      feature: 'messages',
      request: {
        params: z.object({ id: idParam('id', 'msg_4f9KqLm2Xa8bC1dE3fGh') }),
        body: jsonBody(z.object({ reason: singleLine(500).min(1, 'must not be empty') }).strict().openapi('MessageReportRequest')),
      },
      responses: {
        201: json(z.object({ id: z.string(), status: z.enum(['open', 'resolved', 'dismissed']), createdAt: z.string() }).openapi('MessageReportFiled'), 'Reported'),
        ...errorResponses,
        ...rateLimited,
      },
    },
    async (c, { member }, ctx) => {
      const { created: _c, ...report } = await reportMessage(ctx, member, c.req.valid('param').id, c.req.valid('json').reason);
      return c.json(report, 201);
    },
  ),
];

const BlocksSchema = z.object({ data: z.array(z.object({ memberId: z.string(), name: z.string(), createdAt: z.string() })) }).openapi('MemberBlocks');

export const blockRoutes = [
  defineRoute(
    { method: 'get', path: '/v1/me/blocks', tags, summary: 'Members I blocked', auth, feature: 'messages', responses: { 200: json(BlocksSchema), ...errorResponses } },
    async (c, { member }, ctx) => c.json(await listBlocks(ctx, member), 200),
  ),
  defineRoute(
    {
      method: 'put',
      path: '/v1/me/blocks/{id}',
      tags,
      summary: 'Block a member: no new messages either way',
      auth,
      feature: 'messages',
      request: memberParam,
      responses: { 200: json(BlocksSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await blockMember(ctx, member, c.req.valid('param').id), 200),
  ),
  defineRoute(
    { method: 'delete', path: '/v1/me/blocks/{id}', tags, summary: 'Unblock a member', auth, feature: 'messages', request: memberParam, responses: { 204: { description: 'Unblocked' }, ...errorResponses } },
    async (c, { member }, ctx) => {
      await unblockMember(ctx, member, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
];
