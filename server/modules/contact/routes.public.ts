import { z } from '@hono/zod-openapi';
import { multiLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody, ProblemSchema } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { sendContactMessage } from './service.js';

const ContactBodySchema = z
  .object({
    message: multiLine(1000)
      .min(1, 'must not be empty')
      .openapi({ example: 'ご無沙汰しています。新規事業の件で少しお話しできませんか？' }),
  })
  .strict()
  .openapi('ContactRequest');

const ContactSentSchema = z
  .object({
    id: z.string().openapi({ example: 'msg_4f9KqLm2Xa8bC1dE3fGh', description: 'The message, now the first (or next) of your conversation' }),
    conversationId: z.string().openapi({ example: 'cnv_4f9KqLm2Xa8bC1dE3fGh' }),
    repliesAllowed: z.boolean().openapi({ description: 'Whether the recipient can reply to your email address (your allowReplies setting)' }),
    createdAt: z.string(),
  })
  .openapi('ContactSent');

export const contactRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/members/{id}/contact',
      tags: ['Directory'],
      summary: 'Send another member a message by email, without seeing their address',
      description:
        'The message starts (or continues) your conversation with the member (see /v1/me/conversations), and the recipient gets an email in their language at once. It carries your email as Reply-To only if you allow replies; ' +
        'otherwise it says that replies are not possible and to answer through the directory. Rate-limited per sender and per recipient.',
      auth: ['session'],
      feature: 'messages',
      request: { params: z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') }), body: jsonBody(ContactBodySchema) },
      responses: {
        201: json(ContactSentSchema, 'Sent'),
        ...errorResponses,
        429: { description: 'Too many messages; see Retry-After', content: { 'application/problem+json': { schema: ProblemSchema } } },
      },
    },
    async (c, { member }, ctx) => c.json(await sendContactMessage(ctx, member, c.req.valid('param').id, c.req.valid('json').message), 201),
  ),
];
