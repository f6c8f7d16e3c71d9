import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { membershipPolicies } from '../../db/schema.js';
import { AppError } from '../../core/errors.js';
import { normalizeOrigin, updateTenant, type Tenant } from './service.js';
import { singleLine, webUrl } from '../../core/text.js';
import { errorResponses, json, jsonBody, security } from '../../http/openapi.js';

export const TenantSchema = z
  .object({
    id: z.string().openapi({ example: 'ten_8hJ2kL9mN3pQ4rS5tU6v' }),
    name: z.string().openapi({ example: '株式会社ミライ製作所' }),
    allowedOrigins: z.array(z.string()).openapi({ example: ['https://careers.example.co.jp'] }),
    defaultLocale: z.enum(['ja', 'en']),
    membershipPolicy: z.enum(membershipPolicies),
    privacyPolicyUrl: z.string().nullable(),
    privacyPolicyVersion: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('Tenant');

export const toTenantView = (t: Tenant) => ({
  id: t.id,
  name: t.name,
  allowedOrigins: t.allowedOrigins,
  defaultLocale: t.defaultLocale,
  membershipPolicy: t.membershipPolicy,
  privacyPolicyUrl: t.privacyPolicyUrl,
  privacyPolicyVersion: t.privacyPolicyVersion,
  createdAt: t.createdAt,
  updatedAt: t.updatedAt,
});

/** Origins are compared with what browsers send, so they are stored normalized. */
export const OriginListSchema = z
  .array(singleLine(300))
  .max(50)
  .transform((list, ctx) => {
    const out: string[] = [];
    list.forEach((value, i) => {
      const origin = normalizeOrigin(value);
      if (!origin) ctx.addIssue({ code: 'custom', path: [i], message: 'must be an origin like https://careers.example.com (no path)' });
      else if (!out.includes(origin)) out.push(origin);
    });
    return out;
  });

const TenantPatchSchema = z
  .object({
    name: singleLine(200).min(1).optional(),
    allowedOrigins: OriginListSchema.optional(),
    defaultLocale: z.enum(['ja', 'en']).optional(),
    membershipPolicy: z.enum(membershipPolicies).optional(),
    privacyPolicyUrl: webUrl(/^https?$/, 'must be an http(s) URL').nullable().optional(),
    privacyPolicyVersion: singleLine(50).min(1).nullable().optional(),
  })
  .strict()
  .openapi('TenantPatch');

const getRoute = createRoute({
  method: 'get',
  path: '/v1/admin/tenant',
  tags: ['Admin: tenant'],
  summary: "The calling key's tenant settings",
  security: security.secret,
  responses: { 200: json(TenantSchema), ...errorResponses },
});

const patchRoute = createRoute({
  method: 'patch',
  path: '/v1/admin/tenant',
  tags: ['Admin: tenant'],
  summary: 'Change tenant settings (name, allowed origins, membership policy, privacy policy)',
  security: security.secret,
  request: { body: jsonBody(TenantPatchSchema) },
  responses: { 200: json(TenantSchema), ...errorResponses },
});

export function registerAdminTenant(app: OpenAPIHono<AppEnv>) {
  app.openapi(getRoute, (c) => c.json(toTenantView(c.var.principal!.tenant), 200));
  app.openapi(patchRoute, async (c) => {
    const patch = c.req.valid('json');
    if (Object.keys(patch).length === 0) throw AppError.invalid([{ field: 'body', message: 'names no setting to change' }]);
    const { db, clock } = c.var.deps;
    const tenant = await updateTenant(db, c.var.principal!.tenant.id, clock.now(), patch);
    return c.json(toTenantView(tenant), 200);
  });
}
