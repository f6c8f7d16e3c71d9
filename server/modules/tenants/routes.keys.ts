import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { apiKeyKinds } from '../../db/schema.js';
import { AppError } from '../../core/errors.js';
import { createApiKey, listApiKeys, revokeApiKey } from './service.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody, security } from '../../http/openapi.js';

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

const listRoute = createRoute({
  method: 'get',
  path: '/v1/admin/keys',
  tags,
  summary: 'Keys of the tenant (never the keys themselves)',
  security: security.secret,
  responses: { 200: json(z.object({ data: z.array(ApiKeySchema), nextCursor: z.null() })), ...errorResponses },
});

const createKeyRoute = createRoute({
  method: 'post',
  path: '/v1/admin/keys',
  tags,
  summary: 'Create a key; the response is the only time it is shown',
  security: security.secret,
  request: { body: jsonBody(z.object({ kind: z.enum(apiKeyKinds), label: singleLine(100).min(1).optional() }).strict()) },
  responses: { 201: json(CreatedKeySchema, 'Created'), ...errorResponses },
});

const revokeRoute = createRoute({
  method: 'delete',
  path: '/v1/admin/keys/{id}',
  tags,
  summary: 'Revoke a key (it stops working at once)',
  security: security.secret,
  request: { params: z.object({ id: idParam('id', 'key_3kQ9mN2pL8xZ4vB7cD1e') }) },
  responses: { 200: json(ApiKeySchema), ...errorResponses },
});

export function registerAdminKeys(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const data = await listApiKeys(c.var.deps.db, c.var.principal!.tenant.id);
    return c.json({ data, nextCursor: null }, 200);
  });
  app.openapi(createKeyRoute, async (c) => {
    const { db, clock } = c.var.deps;
    const { key, view } = await createApiKey(db, c.var.principal!.tenant.id, clock.now(), c.req.valid('json'));
    return c.json({ ...view, key }, 201);
  });
  app.openapi(revokeRoute, async (c) => {
    const principal = c.var.principal!;
    const { id } = c.req.valid('param');
    if (principal.kind === 'secret' && principal.keyId === id) {
      throw new AppError('conflict', 'A key cannot revoke itself; use another secret key (or the CLI).');
    }
    const { db, clock } = c.var.deps;
    return c.json(await revokeApiKey(db, principal.tenant.id, id, clock.now()), 200);
  });
}
