import { z } from '@hono/zod-openapi';
import type { ServiceContext } from '../../core/context.js';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { createCompanyPost, listAdminPosts, updateAdminPost } from './company.js';
import { approvePost, deleteAnyComment, deleteAnyPost, dismissReport, getAdminComment, getAdminPost, listReports, setCommentHidden, setPostHidden } from './moderation.js';
import { richText } from './content.js';
import { FeedQuerySchema } from './routes.public.js';
import { reportStatuses } from './schema.js';
import { AdminCommentSchema, AdminPostPatchSchema, AdminPostSchema, CompanyPostInputSchema, ModerationInputSchema, PersonSchema, PreviewInputSchema, ReportSchema } from './schemas.js';
import { RichTextSchema } from '../../core/rich-text/index.js';

const tags = ['Admin: feed'];
const auth = ['secret'] as const;
const postParams = z.object({ id: idParam('id', 'pst_4f9KqLm2Xa8bC1dE3fGh') });
const commentParams = z.object({ id: idParam('id', 'cmt_4f9KqLm2Xa8bC1dE3fGh') });
const reportParams = z.object({ id: idParam('id', 'rpt_4f9KqLm2Xa8bC1dE3fGh') });

const QueuedReportSchema = z
  .object({
    id: z.string().openapi({ example: 'rpt_4f9KqLm2Xa8bC1dE3fGh' }),
    status: z.enum(reportStatuses),
    resolution: z.string().nullable().openapi({ description: 'hidden, restored or dismissed' }),
    reason: z.string(),
    createdAt: z.string(),
    resolvedAt: z.string().nullable(),
    reporter: PersonSchema,
    target: z.object({
      type: z.enum(['post', 'comment']),
      postId: z.string(),
      commentId: z.string().nullable(),
      excerpt: z.string(),
      author: PersonSchema,
      authorMemberId: z.string().nullable().openapi({ description: 'For POST /v1/admin/members/{id}/suspend' }),
      hidden: z.boolean(),
    }),
  })
  .openapi('QueuedReport');

const DismissedReportSchema = ReportSchema.omit({ createdAt: true }).extend({ resolvedAt: z.string().nullable() }).openapi('DismissedReport');

/** POST /…/{id}/{action} for a moderation action on one kind of content. */
function action<S extends z.ZodType>(path: string, summary: string, params: z.ZodObject, schema: S, withReason: boolean, run: (ctx: ServiceContext, id: string, reason?: string) => Promise<unknown>) {
  return defineRoute(
    {
      method: 'post',
      path,
      tags,
      summary,
      auth,
      capability: 'posts.moderate',
      request: withReason ? { params, body: jsonBody(ModerationInputSchema) } : { params },
      responses: { 200: json(schema), ...errorResponses },
    },
    // One handler for every action: the typed request of each route is read back as what it is.
    (async (c: { req: { valid(part: string): unknown }; json(body: unknown, status: 200): Response }, _p: unknown, ctx: ServiceContext) => {
      const { id } = c.req.valid('param') as { id: string };
      const reason = withReason ? (c.req.valid('json') as { reason?: string }).reason : undefined;
      return c.json(await run(ctx, id, reason), 200);
    }) as never,
  );
}

export const adminPostRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/posts',
      tags,
      summary: 'Every post of the tenant (scheduled, waiting, hidden included), in the feed order (pinned on top); `q` matches, not ranked',
      auth,
      capability: 'posts.moderate',
      request: {
        query: FeedQuerySchema.extend({
          status: z.enum(['published', 'pending', 'hidden', 'scheduled']).optional().openapi({ param: { name: 'status', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(AdminPostSchema, 'AdminPostPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listAdminPosts(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/posts',
      tags,
      summary: 'Write a company post: news, column, event report or job news; for members or public, pinned, scheduled',
      auth,
      capability: 'posts.manage',
      request: { body: jsonBody(CompanyPostInputSchema) },
      responses: { 201: json(AdminPostSchema, 'Created'), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await createCompanyPost(ctx, c.req.valid('json')), 201),
  ),
  // Before /{id}: a fixed path.
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/posts/preview',
      tags,
      summary: 'How a company post will look: the rich-text tree its markdown gives, saving nothing',
      auth,
      capability: 'posts.manage',
      request: { body: jsonBody(PreviewInputSchema) },
      responses: { 200: json(z.object({ body: RichTextSchema }).openapi('AdminPostPreview')), ...errorResponses },
    },
    async (c) => c.json({ body: richText('body', c.req.valid('json').body) }, 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/posts/{id}',
      tags,
      summary: 'One post, any state',
      auth,
      capability: 'posts.moderate',
      request: { params: postParams },
      responses: { 200: json(AdminPostSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await getAdminPost(ctx, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/posts/{id}',
      tags,
      summary: "Change a company post (content, audience, pin, schedule); pin or unpin a member's post",
      auth,
      capability: 'posts.manage',
      request: { params: postParams, body: jsonBody(AdminPostPatchSchema) },
      responses: { 200: json(AdminPostSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await updateAdminPost(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/posts/{id}',
      tags,
      summary: 'Delete any post, with its comments, reactions and reports',
      auth,
      capability: 'posts.moderate',
      request: { params: postParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteAnyPost(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  action('/v1/admin/posts/{id}/hide', 'Hide a post from everyone but its author (resolves its open reports)', postParams, AdminPostSchema, true, (ctx, id, reason) => setPostHidden(ctx, id, true, reason)),
  action('/v1/admin/posts/{id}/restore', 'Show a hidden post again (resolves its open reports)', postParams, AdminPostSchema, false, (ctx, id) => setPostHidden(ctx, id, false)),
  action('/v1/admin/posts/{id}/approve', "Publish a new member's first post that waits for approval", postParams, AdminPostSchema, false, (ctx, id) => approvePost(ctx, id)),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/comments/{id}',
      tags,
      summary: 'One comment, any state',
      auth,
      capability: 'posts.moderate',
      request: { params: commentParams },
      responses: { 200: json(AdminCommentSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await getAdminComment(ctx, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/comments/{id}',
      tags,
      summary: 'Delete any comment, with the replies under it',
      auth,
      capability: 'posts.moderate',
      request: { params: commentParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteAnyComment(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  action('/v1/admin/comments/{id}/hide', 'Hide a comment from everyone but its author (resolves its open reports)', commentParams, AdminCommentSchema, true, (ctx, id, reason) => setCommentHidden(ctx, id, true, reason)),
  action('/v1/admin/comments/{id}/restore', 'Show a hidden comment again (resolves its open reports)', commentParams, AdminCommentSchema, false, (ctx, id) => setCommentHidden(ctx, id, false)),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/reports',
      tags,
      summary: 'The moderation queue: reports by status (open by default), oldest first, with what was reported',
      auth,
      capability: 'posts.moderate',
      request: { query: z.object({ ...pageQuery, status: z.enum(reportStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }) }) },
      responses: { 200: json(pageSchema(QueuedReportSchema, 'ReportQueue')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listReports(ctx, c.req.valid('query')), 200),
  ),
  action('/v1/admin/reports/{id}/dismiss', 'Close a report without acting on the content', reportParams, DismissedReportSchema, false, (ctx, id) => dismissReport(ctx, id)),
];
