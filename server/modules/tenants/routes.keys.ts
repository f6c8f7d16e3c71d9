import { z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { apiKeyKinds } from './schema.js';
import { createApiKey, listApiKeys, revokeApiKey } from './service.js';

const ApiKeySchema = z
  .object({
    id: z.string(),
    kind: z.enum(apiKeyKinds),
    label: z.string(),
    preview: z.string().openapi({ example: 'pk_Ab3d…9xYz' }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

const CreatedKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The key itself. Shown only in this response; store it now.' }),
}).openapi('CreatedApiKey');

const tags = ['Admin: keys'];

export const keyRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/keys',
      tags,
      summary: 'Keys of the tenant (never the keys themselves)',
      auth: ['secret'],
      capability: 'keys.manage',
      responses: { 200: json(z.object({ data: z.array(ApiKeySchema), nextCursor: z.null() })), ...errorResponses },
    },
    async (c, _p, ctx) => c.json({ data: await listApiKeys(ctx), nextCursor: null }, 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/keys',
      tags,
      summary: 'Create a key; the response is the only time it is shown',
      auth: ['secret'],
      capability: 'keys.manage',
      request: { body: jsonBody(z.object({ kind: z.enum(apiKeyKinds), label: singleLine(100).min(1).optional() }).strict()) },
      responses: { 201: json(CreatedKeySchema, 'Created'), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const { key, view } = await createApiKey(ctx, c.req.valid('json'));
      return c.json({ ...view, key }, 201);
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/keys/{id}',
      tags,
      summary: 'Revoke a key (it stops working at once)',
      auth: ['secret'],
      capability: 'keys.manage',
      request: { params: z.object({ id: idParam('id', 'key_3kQ9mN2pL8xZ4vB7cD1e') }) },
      responses: { 200: json(ApiKeySchema), ...errorResponses },
    },
    async (c, principal, ctx) => {
      const { id } = c.req.valid('param');
      if (principal.kind === 'secret' && principal.keyId === id) throw new AppError('conflict', 'A key cannot revoke itself; use another secret key (or the CLI).');
      return c.json(await revokeApiKey(ctx, id), 200);
    },
  ),
];
