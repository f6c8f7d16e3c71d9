import { z } from '@hono/zod-openapi';
import { errorResponses, json } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { deleteSsoSecret, rotateSsoSecret, SSO_MAX_LIFETIME_S, ssoStatus } from './sso.js';

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

export const ssoAdminRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/sso/secret',
      tags,
      summary: 'Create or rotate the tenant’s SSO signing secret (the old one stops working at once)',
      auth: ['secret'],
      capability: 'tenant.manage',
      responses: { 201: json(SsoSecretSchema, 'Created'), ...errorResponses },
    },
    async (c, { tenant }, ctx) => {
      const { secret, createdAt } = await rotateSsoSecret(ctx);
      return c.json({ secret, algorithm: 'HS256' as const, audience: tenant.id, maxLifetimeSeconds: SSO_MAX_LIFETIME_S, createdAt }, 201);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/sso',
      tags,
      summary: 'Whether host-site SSO is set up (never shows the secret)',
      auth: ['secret'],
      capability: 'tenant.read',
      responses: { 200: json(SsoStatusSchema), ...errorResponses },
    },
    async (c, { tenant }, ctx) => c.json({ ...(await ssoStatus(ctx)), algorithm: 'HS256' as const, audience: tenant.id }, 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/sso/secret',
      tags,
      summary: 'Turn host-site SSO off (SSO tokens are refused until a new secret is created)',
      auth: ['secret'],
      capability: 'tenant.manage',
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteSsoSecret(ctx);
      return c.body(null, 204);
    },
  ),
];
