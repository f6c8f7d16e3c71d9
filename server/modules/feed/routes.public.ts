import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { RichTextSchema } from '../../core/rich-text/index.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { BODY, richText } from './content.js';
import { feedPage } from './list.js';
import { postKinds } from './schema.js';
import { MemberPostInputSchema, PostPatchSchema, PostSchema, PreviewInputSchema } from './schemas.js';
import { createMemberPost, deleteOwnPost, getPost, requirePoster, updateOwnPost } from './service.js';
import { viewerOf } from './visibility.js';

const tags = ['Feed'];
const idParams = z.object({ id: idParam('id', 'pst_4f9KqLm2Xa8bC1dE3fGh') });

export const FeedQuerySchema = z.object({
  ...pageQuery,
  kind: z.enum(postKinds).optional().openapi({ param: { name: 'kind', in: 'query' } }),
  tag: singleLine(30).optional().openapi({ param: { name: 'tag', in: 'query' }, example: '副業' }),
  q: singleLine(200)
    .optional()
    .openapi({ param: { name: 'q', in: 'query' }, description: 'Keyword in title, text and tags (Japanese from two characters, English words and prefixes); plain text, never query syntax', example: '営業' }),
  group: singleLine(64)
    .min(1)
    .optional()
    .openapi({ param: { name: 'group', in: 'query' }, description: "A group's posts (for its active members); without it, the tenant-wide feed", example: 'grp_4f9KqLm2Xa8bC1dE3fGh' }),
});

export const publicPostRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/posts',
      tags,
      summary: 'The feed: newest first, pinned on top',
      description:
        'With a publishable key (or the session of a member not yet approved): the company posts it made public. With an approved ' +
        "member's session: every published post, and the member's own whatever their state. Filter by `kind` and `tag`; `q` searches " +
        '(then newest written first, pinned not lifted).',
      auth: ['publishable', 'session'],
      feature: 'feed',
      request: { query: FeedQuerySchema },
      responses: { 200: json(pageSchema(PostSchema, 'PostPage')), ...errorResponses },
    },
    async (c, principal, ctx) => c.json(await feedPage(ctx, viewerOf(principal), c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/posts',
      tags,
      summary: 'Write a post (approved members): a self-introduction (may pass the relay baton), a help request, a promotion, anything else',
      auth: ['session'],
      feature: 'feed',
      request: { body: jsonBody(MemberPostInputSchema) },
      responses: { 201: json(PostSchema, 'Created'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await createMemberPost(ctx, member, c.req.valid('json')), 201),
  ),
  // Before /{id}: a fixed path.
  defineRoute(
    {
      method: 'post',
      path: '/v1/posts/preview',
      tags,
      summary: 'How markdown will look: the rich-text tree a post or comment would get, without saving anything',
      auth: ['session'],
      feature: 'feed',
      request: { body: jsonBody(PreviewInputSchema) },
      responses: { 200: json(z.object({ body: RichTextSchema }).openapi('Preview')), ...errorResponses },
    },
    async (c, { member }) => {
      requirePoster(member);
      return c.json({ body: richText(BODY, c.req.valid('json').body) }, 200);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/posts/{id}',
      tags,
      summary: 'One post (deep links), as the caller may see it',
      auth: ['publishable', 'session'],
      feature: 'feed',
      request: { params: idParams },
      responses: { 200: json(PostSchema), ...errorResponses },
    },
    async (c, principal, ctx) => c.json(await getPost(ctx, c.req.valid('param').id, viewerOf(principal)), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/posts/{id}',
      tags,
      summary: 'Edit your post (it gets the edited mark), or mark your help request answered',
      auth: ['session'],
      feature: 'feed',
      request: { params: idParams, body: jsonBody(PostPatchSchema) },
      responses: { 200: json(PostSchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await updateOwnPost(ctx, member, c.req.valid('param').id, c.req.valid('json')), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/posts/{id}',
      tags,
      summary: 'Delete your post, with its comments and reactions',
      auth: ['session'],
      feature: 'feed',
      request: { params: idParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, { member }, ctx) => {
      await deleteOwnPost(ctx, member, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
];
