import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { groupKinds } from './schema.js';
import { DecisionSchema, GroupInputSchema, GroupMemberSchema, GroupSchema, HidePostSchema, MemberRefSchema, MembershipResultSchema } from './schemas.js';
import {
  acceptInvitation,
  createMemberGroup,
  decideRequest,
  getGroup,
  hideGroupPost,
  inviteMember,
  joinGroup,
  leaveGroup,
  listGroupMembers,
  listGroups,
  listRequests,
  memberCardGroups,
  removeMember,
  setShowInDirectory,
} from './service.js';

const tags = ['Groups'];
const auth = ['session'] as const;
const idParams = z.object({ id: idParam('id', 'grp_4f9KqLm2Xa8bC1dE3fGh') });
const noContent = { 204: { description: 'Done' }, ...errorResponses };

export const publicGroupRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/groups',
      tags,
      summary: 'Groups by name: every group you may see (`scope=browse`), or yours (`scope=mine`: in it, asked, invited)',
      auth,
      feature: 'groups',
      request: {
        query: z.object({
          ...pageQuery,
          scope: z.enum(['browse', 'mine']).optional().openapi({ param: { name: 'scope', in: 'query' } }),
          q: singleLine(100).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'Words in the name or description', example: '営業' }),
        }),
      },
      responses: { 200: json(pageSchema(GroupSchema, 'GroupPage')), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await listGroups(ctx, member, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups',
      tags,
      summary: 'Create a group (when the company lets members do so); you become its admin',
      auth,
      feature: 'groups',
      request: { body: jsonBody(GroupInputSchema) },
      responses: { 201: json(GroupSchema, 'Created'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await createMemberGroup(ctx, member, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/groups/{id}',
      tags,
      summary: 'One group, with your place in it',
      auth,
      feature: 'groups',
      request: { params: idParams },
      responses: { 200: json(GroupSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await getGroup(ctx, member, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups/{id}/join',
      tags,
      summary: 'Join by the group’s rule: open → in at once; by request → asked (a group admin decides); by invitation → 403 unless invited',
      auth,
      feature: 'groups',
      request: { params: idParams },
      responses: { 200: json(GroupSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await joinGroup(ctx, member, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups/{id}/accept',
      tags,
      summary: 'Accept an invitation to the group',
      auth,
      feature: 'groups',
      request: { params: idParams },
      responses: { 200: json(GroupSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await acceptInvitation(ctx, member, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups/{id}/leave',
      tags,
      summary: 'Leave the group, withdraw your request or decline an invitation',
      auth,
      feature: 'groups',
      request: { params: idParams },
      responses: noContent,
    },
    async (c, { member }, ctx) => {
      await leaveGroup(ctx, member, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/groups/{id}/membership',
      tags,
      summary: 'Whether the directory shows this group on your card',
      auth,
      feature: 'groups',
      request: { params: idParams, body: jsonBody(z.object({ showInDirectory: z.boolean() }).strict().openapi('GroupMembershipPatch')) },
      responses: { 200: json(GroupSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await setShowInDirectory(ctx, member, c.req.valid('param').id, c.req.valid('json').showInDirectory), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/groups/{id}/members',
      tags,
      summary: 'Who is in the group (its members only)',
      auth,
      feature: 'groups',
      request: { params: idParams, query: z.object(pageQuery) },
      responses: { 200: json(pageSchema(GroupMemberSchema, 'GroupMemberPage')), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await listGroupMembers(ctx, member, c.req.valid('param').id, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/members/{id}/groups',
      tags,
      summary: "The groups a member of the directory shows on their card (the ones they chose to show, that you may see)",
      auth,
      feature: 'groups',
      request: { params: z.object({ id: idParam('id', 'mem_4f9KqLm2Xa8bC1dE3fGh') }) },
      responses: {
        200: json(z.object({ data: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(groupKinds) })) }).openapi('MemberGroups')),
        ...errorResponses,
      },
    },
    async (c, { member }, ctx) => c.json(await memberCardGroups(ctx, member, c.req.valid('param').id), 200),
  ),
  // Group admins.
  defineRoute(
    {
      method: 'get',
      path: '/v1/groups/{id}/requests',
      tags,
      summary: 'Requests to join, oldest first (group admins)',
      auth,
      feature: 'groups',
      request: { params: idParams, query: z.object(pageQuery) },
      responses: { 200: json(pageSchema(GroupMemberSchema, 'GroupRequestPage')), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await listRequests(ctx, member, c.req.valid('param').id, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups/{id}/requests/decision',
      tags,
      summary: 'Approve or decline a request to join (group admins)',
      auth,
      feature: 'groups',
      request: { params: idParams, body: jsonBody(DecisionSchema) },
      responses: noContent,
    },
    async (c, { member }, ctx) => {
      const { memberId, approve } = c.req.valid('json');
      await decideRequest(ctx, member, c.req.valid('param').id, memberId, approve);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups/{id}/invitations',
      tags,
      summary: 'Invite a member (group admins); a member who asked to join is let in',
      auth,
      feature: 'groups',
      request: { params: idParams, body: jsonBody(MemberRefSchema) },
      responses: { 201: json(MembershipResultSchema, 'Invited'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await inviteMember(ctx, member, c.req.valid('param').id, c.req.valid('json').memberId), 201),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups/{id}/removals',
      tags,
      summary: 'Remove a member from the group (group admins; not another admin)',
      auth,
      feature: 'groups',
      request: { params: idParams, body: jsonBody(MemberRefSchema) },
      responses: noContent,
    },
    async (c, { member }, ctx) => {
      await removeMember(ctx, member, c.req.valid('param').id, c.req.valid('json').memberId);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/groups/{id}/hidden-posts',
      tags,
      summary: 'Hide a post written in the group (group admins); its author still sees it, marked hidden',
      auth,
      feature: 'groups',
      request: { params: idParams, body: jsonBody(HidePostSchema) },
      responses: noContent,
    },
    async (c, { member }, ctx) => {
      const { postId, reason } = c.req.valid('json');
      await hideGroupPost(ctx, member, c.req.valid('param').id, postId, reason);
      return c.body(null, 204);
    },
  ),
];
