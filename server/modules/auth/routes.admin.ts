import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { secretsKeyOf } from '../../config.js';
import { deleteSsoSecret, rotateSsoSecret, SSO_MAX_LIFETIME_S, ssoStatus } from './sso.js';
import { errorResponses, json, security } from '../../http/openapi.js';

const tags = ['Admin: SSO'];

const SsoSecretSchema = z
  .object({
    secret: z.string().openapi({ description: 'Shown once. HMAC key = the UTF-8 bytes of this whole string.', example: 'hss_…' }),
    algorithm: z.literal('HS256'),
    audience: z.string().openapi({ description: 'Put this in `aud` (optional, recommended)' }),
    maxLifetimeSeconds: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('SsoSecret');

const SsoStatusSchema = z
  .object({ configured: z.boolean(), createdAt: z.string().nullable(), algorithm: z.literal('HS256'), audience: z.string() })
  .openapi('SsoStatus');

const rotateRoute = createRoute({
  method: 'post',
  path: '/v1/admin/sso/secret',
  tags,
  summary: 'Create or rotate the tenant’s SSO signing secret (the old one stops working at once)',
  security: security.secret,
  responses: { 201: json(SsoSecretSchema, 'Created'), ...errorResponses },
});

const statusRoute = createRoute({
  method: 'get',
  path: '/v1/admin/sso',
  tags,
  summary: 'Whether host-site SSO is set up (never shows the secret)',
  security: security.secret,
  responses: { 200: json(SsoStatusSchema), ...errorResponses },
});

const deleteRoute = createRoute({
  method: 'delete',
  path: '/v1/admin/sso/secret',
  tags,
  summary: 'Turn host-site SSO off (SSO tokens are refused until a new secret is created)',
  security: security.secret,
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

export function registerAdminSso(app: OpenAPIHono<AppEnv>) {
  app.openapi(rotateRoute, async (c) => {
    const tenantId = c.var.principal!.tenant.id;
    const { secret, createdAt } = await rotateSsoSecret(c.var.deps.db, tenantId, c.var.deps.clock.now(), secretsKeyOf(c.var.deps.config));
    return c.json({ secret, algorithm: 'HS256' as const, audience: tenantId, maxLifetimeSeconds: SSO_MAX_LIFETIME_S, createdAt }, 201);
  });
  app.openapi(statusRoute, async (c) => {
    const tenantId = c.var.principal!.tenant.id;
    const status = await ssoStatus(c.var.deps.db, tenantId);
    return c.json({ ...status, algorithm: 'HS256' as const, audience: tenantId }, 200);
  });
  app.openapi(deleteRoute, async (c) => {
    await deleteSsoSecret(c.var.deps.db, c.var.principal!.tenant.id);
    return c.body(null, 204);
  });
}
