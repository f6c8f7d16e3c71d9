import { z } from '@hono/zod-openapi';
import { singleLine } from '../../core/text.js';
import { errorResponses, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { features, kindKey } from './features.js';
import { createMemberKind, deleteMemberKind, getMemberKind, listMemberKinds, updateMemberKind, type MemberKindPatch } from './service.js';

const FeaturesSchema = z
  .array(z.enum(features))
  .max(features.length)
  .transform((list) => [...new Set(list)])
  .openapi({ description: `What members of this kind may use: any of ${features.join(', ')}` });

export const MemberKindSchema = z
  .object({
    key: z.string().openapi({ example: 'retiree' }),
    labelJa: z.string().openapi({ example: '定年退職者' }),
    labelEn: z.string().openapi({ example: 'Retiree' }),
    features: z.array(z.enum(features)),
    builtIn: z.boolean().openapi({ description: 'alumni and employee: every tenant has them; they cannot be deleted' }),
    position: z.number().int(),
    memberCount: z.number().int(),
  })
  .openapi('MemberKind');

const MemberKindInputSchema = z
  .object({
    key: kindKey.openapi({ example: 'retiree' }),
    labelJa: singleLine(50).min(1, 'must not be empty'),
    labelEn: singleLine(50).min(1, 'must not be empty'),
    features: FeaturesSchema,
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .openapi('MemberKindInput', { example: { key: 'retiree', labelJa: '定年退職者', labelEn: 'Retiree', features: ['directory', 'events', 'feed'] } });

const MemberKindPatchSchema = z
  .object({
    labelJa: singleLine(50).min(1, 'must not be empty').optional(),
    labelEn: singleLine(50).min(1, 'must not be empty').optional(),
    features: FeaturesSchema.optional(),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .strict()
  .openapi('MemberKindPatch', { example: { features: ['directory', 'events', 'feed', 'messages', 'groups'] } });

const keyParams = z.object({ key: kindKey.openapi({ param: { name: 'key', in: 'path' }, example: 'retiree' }) });
const tags = ['Admin: member kinds'];
const auth = ['secret'] as const;

export const memberKindRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/member-kinds',
      tags,
      summary: 'Member kinds (alumni, current employee, and those the company added) and what each may use',
      auth,
      capability: 'tenant.read',
      responses: { 200: json(z.object({ items: z.array(MemberKindSchema) }).openapi('MemberKindList')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json({ items: await listMemberKinds(ctx) }, 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/member-kinds',
      tags,
      summary: 'Add a member kind (e.g. retiree) with the features its members may use',
      auth,
      capability: 'tenant.manage',
      request: { body: jsonBody(MemberKindInputSchema) },
      responses: { 201: json(MemberKindSchema, 'Created'), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await createMemberKind(ctx, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/member-kinds/{key}',
      tags,
      summary: 'One member kind',
      auth,
      capability: 'tenant.read',
      request: { params: keyParams },
      responses: { 200: json(MemberKindSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await getMemberKind(ctx, c.req.valid('param').key), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/member-kinds/{key}',
      tags,
      summary: 'Change a kind’s labels, features or position (built-in kinds too)',
      description: 'Takes effect on the next request of every member of the kind: the session lookup reads the kind’s features.',
      auth,
      capability: 'tenant.manage',
      request: { params: keyParams, body: jsonBody(MemberKindPatchSchema) },
      responses: { 200: json(MemberKindSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await updateMemberKind(ctx, c.req.valid('param').key, c.req.valid('json') as MemberKindPatch), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/member-kinds/{key}',
      tags,
      summary: 'Delete a kind the company added (409 while a member or roster entry has it; built-in kinds cannot be deleted)',
      auth,
      capability: 'tenant.manage',
      request: { params: keyParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteMemberKind(ctx, c.req.valid('param').key);
      return c.body(null, 204);
    },
  ),
];
