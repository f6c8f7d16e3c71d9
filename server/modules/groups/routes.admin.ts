import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { AdminGroupSchema, AdminSetMemberSchema, GroupInputSchema, GroupMemberSchema, GroupPatchSchema, MemberRefSchema, MembershipResultSchema } from './schemas.js';
import { adminCreateGroup, adminGetGroup, adminGroupMembers, adminListGroups, adminRemoveMember, adminSetMember, adminUpdateGroup } from './service.js';

const tags = ['Admin: groups'];
const auth = ['secret'] as const;
const idParams = z.object({ id: idParam('id', 'grp_4f9KqLm2Xa8bC1dE3fGh') });

export const adminGroupRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/groups',
      tags,
      summary: 'Every group of the tenant by name, archived ones too (filter with `archived`)',
      auth,
      capability: 'groups.read',
      request: {
        query: z.object({
          ...pageQuery,
          q: singleLine(100).optional().openapi({ param: { name: 'q', in: 'query' } }),
          archived: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .openapi({ param: { name: 'archived', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(AdminGroupSchema, 'AdminGroupPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await adminListGroups(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/groups',
      tags,
      summary: 'Create a group',
      auth,
      capability: 'groups.manage',
      request: { body: jsonBody(GroupInputSchema) },
      responses: { 201: json(AdminGroupSchema, 'Created'), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await adminCreateGroup(ctx, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/groups/{id}',
      tags,
      summary: 'One group',
      auth,
      capability: 'groups.read',
      request: { params: idParams },
      responses: { 200: json(AdminGroupSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await adminGetGroup(ctx, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/groups/{id}',
      tags,
      summary: 'Edit a group, or archive it (`archived: true`) and bring it back',
      auth,
      capability: 'groups.manage',
      request: { params: idParams, body: jsonBody(GroupPatchSchema) },
      responses: { 200: json(AdminGroupSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await adminUpdateGroup(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/groups/{id}/members',
      tags,
      summary: "A group's members, requests and invitations",
      auth,
      capability: 'groups.read',
      request: { params: idParams, query: z.object(pageQuery) },
      responses: { 200: json(pageSchema(GroupMemberSchema, 'AdminGroupMemberPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await adminGroupMembers(ctx, c.req.valid('param').id, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'put',
      path: '/v1/admin/groups/{id}/members',
      tags,
      summary: 'Add a member to the group (in at once), or set their role: `admin` names a group admin, `member` takes it back',
      auth,
      capability: 'groups.manage',
      request: { params: idParams, body: jsonBody(AdminSetMemberSchema) },
      responses: { 200: json(MembershipResultSchema), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const { memberId, role } = c.req.valid('json');
      return c.json(await adminSetMember(ctx, c.req.valid('param').id, memberId, role), 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/groups/{id}/removals',
      tags,
      summary: 'Remove a member (or a request, or an invitation) from the group',
      auth,
      capability: 'groups.manage',
      request: { params: idParams, body: jsonBody(MemberRefSchema) },
      responses: { 204: { description: 'Removed' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await adminRemoveMember(ctx, c.req.valid('param').id, c.req.valid('json').memberId);
      return c.body(null, 204);
    },
  ),
];
