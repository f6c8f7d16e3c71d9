import { z } from '@hono/zod-openapi';
import { emailAddress, singleLine, webUrl } from '../../core/text.js';
import { errorResponses, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { membershipPolicies } from './schema.js';
import { normalizeOrigin, updateTenant, type Tenant } from './service.js';

export const TenantSchema = z
  .object({
    id: z.string().openapi({ example: 'ten_8hJ2kL9mN3pQ4rS5tU6v' }),
    name: z.string().openapi({ example: '株式会社ミライ製作所' }),
    allowedOrigins: z.array(z.string()).openapi({ example: ['https://careers.example.co.jp'] }),
    defaultLocale: z.enum(['ja', 'en']),
    membershipPolicy: z.enum(membershipPolicies),
    privacyPolicyUrl: z.string().nullable(),
    privacyPolicyVersion: z.string().nullable(),
    alumniPageUrl: z.string().nullable().openapi({ description: 'The page with your widgets; every mail links there' }),
    contactEmails: z.array(z.string()).openapi({ description: 'Told of job interest, applications and referrals' }),
    eventReminderHours: z.number().int().openapi({ description: 'Reminder mail this many hours before an event; 0: none' }),
    feedFirstPostApproval: z.boolean().openapi({ description: "A new member's first post waits for approval (POST /v1/admin/posts/{id}/approve) before others see it" }),
    membersCreateGroups: z.boolean().openapi({ description: 'Approved members may create groups (POST /v1/groups); else only the company does' }),
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
  alumniPageUrl: t.alumniPageUrl,
  contactEmails: t.contactEmails,
  eventReminderHours: t.eventReminderHours,
  feedFirstPostApproval: t.feedFirstPostApproval,
  membersCreateGroups: t.membersCreateGroups,
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
    alumniPageUrl: webUrl(/^https?$/, 'must be an http(s) URL').nullable().optional(),
    contactEmails: z
      .array(emailAddress)
      .max(10, 'may have at most 10 addresses')
      .transform((list) => [...new Set(list)])
      .optional(),
    eventReminderHours: z.number().int().min(0).max(24 * 14).optional(),
    feedFirstPostApproval: z.boolean().optional(),
    membersCreateGroups: z.boolean().optional(),
  })
  .strict()
  .openapi('TenantPatch');

const tags = ['Admin: tenant'];

export const tenantRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/tenant',
      tags,
      summary: "The calling key's tenant settings",
      auth: ['secret'],
      capability: 'tenant.read',
      responses: { 200: json(TenantSchema), ...errorResponses },
    },
    (c, { tenant }) => c.json(toTenantView(tenant), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/tenant',
      tags,
      summary: 'Change tenant settings (name, allowed origins, membership policy, privacy policy)',
      auth: ['secret'],
      capability: 'tenant.manage',
      request: { body: jsonBody(TenantPatchSchema) },
      responses: { 200: json(TenantSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(toTenantView(await updateTenant(ctx, c.req.valid('json'))), 200),
  ),
];
