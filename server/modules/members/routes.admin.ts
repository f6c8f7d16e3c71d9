import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { multiLine, singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { DirectoryProfileSchema } from '../directory/routes.public.js';
import { changeMemberStatus, exportMembersCsv, getAdminMember, listAdminMembers, toAdminMember } from './admin.js';
import { kindKey } from '../member-kinds/features.js';
import { setMemberKind } from '../member-kinds/service.js';
import { memberStatuses } from './schema.js';

const AdminMemberSchema = z
  .object({
    id: z.string().openapi({ example: 'mem_4f9KqLm2Xa8bC1dE3fGh' }),
    email: z.string().openapi({ example: 'hanako.tanaka@example.jp' }),
    kind: z.string().openapi({ example: 'alumni', description: 'A key of GET /v1/admin/member-kinds' }),
    status: z.enum(memberStatuses),
    statusReason: z.string().nullable(),
    locale: z.enum(['ja', 'en']),
    unlisted: z.boolean(),
    profile: DirectoryProfileSchema.openapi({ description: 'What the member shows to the company; fields hidden from everyone are absent' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    approvedAt: z.string().nullable(),
  })
  .openapi('AdminMember');

const ReasonSchema = z
  .object({ reason: multiLine(500).min(1, 'must not be empty').openapi({ example: '在籍記録が確認できませんでした' }) })
  .strict()
  .openapi('StatusReason');

const MemberAdminPatchSchema = z
  .object({ kind: kindKey.openapi({ description: 'A key of GET /v1/admin/member-kinds', example: 'employee' }) })
  .strict()
  .openapi('AdminMemberPatch');

const idParams = z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Admin: members'];

const auth = ['secret'] as const;

export const adminMemberRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/members',
      tags,
      summary: 'Members of the tenant with their status (oldest first: the approval queue order)',
      auth,
      capability: 'members.read',
      request: {
        query: z.object({
          ...pageQuery,
          status: z.enum(memberStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
          q: singleLine(200).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'Part of the name, email or kana' }),
        }),
      },
      responses: { 200: json(pageSchema(AdminMemberSchema, 'AdminMemberPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listAdminMembers(ctx, c.req.valid('query')), 200),
  ),
  // Before /{id}, which would otherwise take "export.csv" for an id.
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/members/export.csv',
      tags,
      summary: 'All members as CSV (UTF-8 with BOM, opens in Excel)',
      description: 'Only fields members show to the company; fields hidden from everyone are empty. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
      auth,
      capability: 'members.export',
      request: { query: z.object({ status: z.enum(memberStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }) }) },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    },
    (c, _p, ctx) =>
      c.body(exportMembersCsv(ctx, { status: c.req.valid('query').status }), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="members-${ctx.now.toISOString().slice(0, 10)}.csv"`,
      }),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/members/{id}',
      tags,
      summary: 'One member',
      auth,
      capability: 'members.read',
      request: { params: idParams },
      responses: { 200: json(AdminMemberSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(toAdminMember(await getAdminMember(ctx, c.req.valid('param').id)), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/members/{id}',
      tags,
      summary: 'Change a member’s kind (alumni, employee, or one the company added): what they may use follows on their next request',
      auth,
      capability: 'members.approve',
      request: { params: idParams, body: jsonBody(MemberAdminPatchSchema) },
      responses: { 200: json(AdminMemberSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(toAdminMember(await setMemberKind(ctx, c.req.valid('param').id, c.req.valid('json').kind)), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/members/{id}/approve',
      tags,
      summary: 'Approve a member (tells them by email); also lifts a suspension',
      auth,
      capability: 'members.approve',
      request: { params: idParams },
      responses: { 200: json(AdminMemberSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(toAdminMember(await changeMemberStatus(ctx, c.req.valid('param').id, { status: 'approved' })), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/members/{id}/reject',
      tags,
      summary: 'Reject a membership request, with a reason the member is told by email',
      auth,
      capability: 'members.approve',
      request: { params: idParams, body: jsonBody(ReasonSchema) },
      responses: { 200: json(AdminMemberSchema), ...errorResponses },
    },
    async (c, _p, ctx) =>
      c.json(toAdminMember(await changeMemberStatus(ctx, c.req.valid('param').id, { status: 'rejected', reason: c.req.valid('json').reason })), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/members/{id}/suspend',
      tags,
      summary: 'Suspend a member: out of the directory and signed out everywhere',
      auth,
      capability: 'members.suspend',
      request: { params: idParams, body: jsonBody(ReasonSchema) },
      responses: { 200: json(AdminMemberSchema), ...errorResponses },
    },
    async (c, _p, ctx) =>
      c.json(toAdminMember(await changeMemberStatus(ctx, c.req.valid('param').id, { status: 'suspended', reason: c.req.valid('json').reason })), 200),
  ),
];
