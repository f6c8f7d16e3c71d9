import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, instant, json } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { auditActorKinds } from './schema.js';
import { listAudit } from './service.js';

const AuditEntrySchema = z
  .object({
    id: z.string().openapi({ example: 'aud_4f9KqLm2Xa8bC1dE3fGh' }),
    at: z.string(),
    actor: z.object({
      kind: z.enum(auditActorKinds),
      id: z.string().openapi({ description: 'Staff id (stf_…) or key id (key_…)' }),
      name: z.string().openapi({ description: 'The staff member’s name, or the key’s label, as it was then' }),
      email: z.string().nullable(),
      role: z.string().nullable(),
    }),
    action: z.string().openapi({ example: 'POST /v1/admin/members/{id}/approve' }),
    targetId: z.string().nullable(),
    status: z.number().int(),
    summary: z.object({ before: z.record(z.string(), z.unknown()).optional(), after: z.record(z.string(), z.unknown()).optional() }).nullable(),
  })
  .openapi('AuditEntry');

const q = (name: string) => ({ param: { name, in: 'query' as const } });

export const auditAdminRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/audit',
      tags: ['Admin: audit log'],
      summary: 'Every change made by staff or a secret key, newest first',
      auth: ['secret'],
      capability: 'audit.read',
      request: {
        query: z.object({
          ...pageQuery,
          actorId: singleLine(64).min(1).optional().openapi(q('actorId')),
          actorKind: z.enum(auditActorKinds).optional().openapi(q('actorKind')),
          targetId: singleLine(64).min(1).optional().openapi(q('targetId')),
          action: singleLine(200).min(1).optional().openapi({ ...q('action'), example: 'POST /v1/admin/members/{id}/approve' }),
          from: instant.optional().openapi(q('from')),
          to: instant.optional().openapi(q('to')),
        }),
      },
      responses: { 200: json(pageSchema(AuditEntrySchema, 'AuditPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listAudit(ctx, c.req.valid('query')), 200),
  ),
];
