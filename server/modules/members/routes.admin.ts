import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { memberKinds, memberStatuses } from '../../db/schema.js';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { changeMemberStatus, exportMembersCsv, getAdminMember, listAdminMembers, toAdminMember } from './admin.js';
import { DirectoryProfileSchema } from '../directory/routes.public.js';
import { multiLine, singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody, security } from '../../http/openapi.js';

const AdminMemberSchema = z
  .object({
    id: z.string().openapi({ example: 'mem_4f9KqLm2Xa8bC1dE3fGh' }),
    email: z.string().openapi({ example: 'hanako.tanaka@example.jp' }),
    kind: z.enum(memberKinds),
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

const idParams = z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Admin: members'];

const listRoute = createRoute({
  method: 'get',
  path: '/v1/admin/members',
  tags,
  summary: 'Members of the tenant with their status (oldest first: the approval queue order)',
  security: security.secret,
  request: {
    query: z.object({
      ...pageQuery,
      status: z.enum(memberStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
      q: singleLine(200).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'Part of the name, email or kana' }),
    }),
  },
  responses: { 200: json(pageSchema(AdminMemberSchema, 'AdminMemberPage')), ...errorResponses },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/v1/admin/members/export.csv',
  tags,
  summary: 'All members as CSV (UTF-8 with BOM, opens in Excel)',
  description: 'Only fields members show to the company; fields hidden from everyone are empty. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
  security: security.secret,
  request: { query: z.object({ status: z.enum(memberStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }) }) },
  responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
});

const getRoute = createRoute({
  method: 'get',
  path: '/v1/admin/members/{id}',
  tags,
  summary: 'One member',
  security: security.secret,
  request: { params: idParams },
  responses: { 200: json(AdminMemberSchema), ...errorResponses },
});

const approveRoute = createRoute({
  method: 'post',
  path: '/v1/admin/members/{id}/approve',
  tags,
  summary: 'Approve a member (tells them by email); also lifts a suspension',
  security: security.secret,
  request: { params: idParams },
  responses: { 200: json(AdminMemberSchema), ...errorResponses },
});

const rejectRoute = createRoute({
  method: 'post',
  path: '/v1/admin/members/{id}/reject',
  tags,
  summary: 'Reject a membership request, with a reason the member is told by email',
  security: security.secret,
  request: { params: idParams, body: jsonBody(ReasonSchema) },
  responses: { 200: json(AdminMemberSchema), ...errorResponses },
});

const suspendRoute = createRoute({
  method: 'post',
  path: '/v1/admin/members/{id}/suspend',
  tags,
  summary: 'Suspend a member: out of the directory and signed out everywhere',
  security: security.secret,
  request: { params: idParams, body: jsonBody(ReasonSchema) },
  responses: { 200: json(AdminMemberSchema), ...errorResponses },
});

export function registerAdminMembers(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, async (c) => {
    const page = await listAdminMembers(c.var.deps.db, c.var.principal!.tenant.id, c.req.valid('query'));
    return c.json(page, 200);
  });

  // Registered before /{id}, which would otherwise take "export.csv" for an id.
  app.openapi(exportRoute, async (c) => {
    const tenant = c.var.principal!.tenant;
    const stream = exportMembersCsv(c.var.deps.db, tenant.id, { status: c.req.valid('query').status });
    const date = c.var.deps.clock.now().toISOString().slice(0, 10);
    return c.body(stream, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="members-${date}.csv"`,
    });
  });

  app.openapi(getRoute, async (c) => {
    const member = await getAdminMember(c.var.deps.db, c.var.principal!.tenant.id, c.req.valid('param').id);
    return c.json(toAdminMember(member), 200);
  });

  app.openapi(approveRoute, async (c) => {
    const { db, mailer, log, clock } = c.var.deps;
    const member = await changeMemberStatus({ db, mailer, log }, c.var.principal!.tenant, c.req.valid('param').id, clock.now(), {
      status: 'approved',
    });
    return c.json(toAdminMember(member), 200);
  });

  app.openapi(rejectRoute, async (c) => {
    const { db, mailer, log, clock } = c.var.deps;
    const member = await changeMemberStatus({ db, mailer, log }, c.var.principal!.tenant, c.req.valid('param').id, clock.now(), {
      status: 'rejected',
      reason: c.req.valid('json').reason,
    });
    return c.json(toAdminMember(member), 200);
  });

  app.openapi(suspendRoute, async (c) => {
    const { db, mailer, log, clock } = c.var.deps;
    const member = await changeMemberStatus({ db, mailer, log }, c.var.principal!.tenant, c.req.valid('param').id, clock.now(), {
      status: 'suspended',
      reason: c.req.valid('json').reason,
    });
    return c.json(toAdminMember(member), 200);
  });
}
