import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { createComment, deleteOwnComment, editComment, listComments, setReaction } from './comments.js';
import { report } from './moderation.js';
import {
  CommentInputSchema,
  CommentPatchSchema,
  CommentSchema,
  ReactionInputSchema,
  ReactionStateSchema,
  ReplySchema,
  ReportInputSchema,
  ReportSchema,
} from './schemas.js';

const tags = ['Feed: comments, reactions, reports'];
const postParams = z.object({ id: idParam('id', 'pst_4f9KqLm2Xa8bC1dE3fGh') });
const commentParams = z.object({ id: idParam('id', 'cmt_4f9KqLm2Xa8bC1dE3fGh') });
const auth = ['session'] as const;

export const commentRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/posts/{id}/comments',
      tags,
      summary: "A post's comments, oldest first, each with its replies",
      auth,
      feature: 'feed',
      request: { params: postParams, query: z.object(pageQuery) },
      responses: { 200: json(pageSchema(CommentSchema, 'CommentPage')), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await listComments(ctx, member, c.req.valid('param').id, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/posts/{id}/comments',
      tags,
      summary: 'Comment on a post, or reply to a comment (`parentId`); the author is told by mail',
      auth,
      feature: 'feed',
      request: { params: postParams, body: jsonBody(CommentInputSchema) },
      responses: { 201: json(CommentSchema, 'Created'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await createComment(ctx, member, c.req.valid('param').id, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'put',
      path: '/v1/posts/{id}/reactions',
      tags,
      summary: 'Give or take back one of your reactions (each kind once per post)',
      auth,
      feature: 'feed',
      request: { params: postParams, body: jsonBody(ReactionInputSchema) },
      responses: { 200: json(ReactionStateSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => {
      const { kind, reacted } = c.req.valid('json');
      return c.json(await setReaction(ctx, member, c.req.valid('param').id, kind, reacted), 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/posts/{id}/reports',
      tags,
      summary: "Report a post to the company's moderators, with a reason",
      auth,
      feature: 'feed',
      request: { params: postParams, body: jsonBody(ReportInputSchema) },
      responses: { 201: json(ReportSchema, 'Reported'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await report(ctx, member, { postId: c.req.valid('param').id }, c.req.valid('json').reason), 201),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/comments/{id}',
      tags,
      summary: 'Edit your comment (it gets the edited mark)',
      auth,
      feature: 'feed',
      request: { params: commentParams, body: jsonBody(CommentPatchSchema) },
      responses: { 200: json(ReplySchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await editComment(ctx, member, c.req.valid('param').id, c.req.valid('json')), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/comments/{id}',
      tags,
      summary: 'Delete your comment, with the replies under it',
      auth,
      feature: 'feed',
      request: { params: commentParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, { member }, ctx) => {
      await deleteOwnComment(ctx, member, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/comments/{id}/reports',
      tags,
      summary: "Report a comment to the company's moderators, with a reason",
      auth,
      feature: 'feed',
      request: { params: commentParams, body: jsonBody(ReportInputSchema) },
      responses: { 201: json(ReportSchema, 'Reported'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await report(ctx, member, { commentId: c.req.valid('param').id }, c.req.valid('json').reason), 201),
  ),
];
