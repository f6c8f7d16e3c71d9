import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { requireAuth } from '../../http/middleware/auth/index.js';
import { sendContactMessage } from './service.js';
import { approvedViewer } from '../directory/routes.public.js';
import { multiLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody, security } from '../../http/openapi.js';

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
    id: z.string().openapi({ example: 'msg_4f9KqLm2Xa8bC1dE3fGh' }),
    repliesAllowed: z.boolean().openapi({ description: 'Whether the recipient can reply to your email address (your allowReplies setting)' }),
    createdAt: z.string(),
  })
  .openapi('ContactSent');

const contactRoute = createRoute({
  method: 'post',
  path: '/v1/members/{id}/contact',
  tags: ['Directory'],
  summary: 'Send another member a message by email, without seeing their address',
  description:
    'The recipient gets an email in their language. It carries your email as Reply-To only if you allow replies; ' +
    'otherwise it says that replies are not possible and to answer through the directory. Rate-limited per sender and per recipient.',
  security: security.session,
  middleware: [requireAuth({ allow: ['session'] })] as const,
  request: { params: z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') }), body: jsonBody(ContactBodySchema) },
  responses: {
    201: json(ContactSentSchema, 'Sent'),
    ...errorResponses,
    429: { description: 'Too many messages; see Retry-After', content: { 'application/problem+json': { schema: z.any() } } },
  },
});

export function registerContact(app: OpenAPIHono<AppEnv>) {
  app.openapi(contactRoute, async (c) => {
    const sender = approvedViewer(c);
    const { db, mailer, log, clock } = c.var.deps;
    const sent = await sendContactMessage(
      { db, mailer, log },
      c.var.principal!.tenant,
      sender,
      c.req.valid('param').id,
      c.req.valid('json').message,
      clock.now(),
    );
    return c.json(sent, 201);
  });
}
