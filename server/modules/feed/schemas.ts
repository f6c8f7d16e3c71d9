/** The feed's request and response schemas: validation, OpenAPI document and types at once. */
import { z } from '@hono/zod-openapi';
import { MAX_MARKDOWN_LENGTH, RichTextSchema } from '../../core/rich-text/index.js';
import { multiLine, singleLine, webUrl } from '../../core/text.js';
import { instant } from '../../http/openapi.js';
import { companyPostKinds, memberPostKinds, postAudiences, postKinds, reactionKinds } from './schema.js';

/** An id of ours in a body (`mem_…`, `btn_…`): the prefix and base62, nothing else. */
export const refId = (prefix: string, example: string) =>
  z
    .string()
    .regex(new RegExp(`^${prefix}_[A-Za-z0-9]{1,60}$`), `must be an id starting with ${prefix}_`)
    .openapi({ example });

export const PersonSchema = z
  .object({
    type: z.enum(['company', 'member', 'former']),
    id: z.string().optional().openapi({ example: 'mem_4f9KqLm2Xa8bC1dE3fGh' }),
    name: z.string().optional().openapi({ example: '田中 花子' }),
    photoUrl: z.string().nullable().optional(),
  })
  .openapi('FeedPerson', { description: 'The company (its name), a member (name and the photo they show to members), or a member since erased (no name)' });

const ImageSchema = z.object({ url: z.string(), alt: z.string() }).openapi('PostImage');
const LinkSchema = z.object({ url: z.string(), label: z.string() }).openapi('PostLink');
const ReactionCountsSchema = z
  .object(Object.fromEntries(reactionKinds.map((k) => [k, z.number().int().optional()])) as Record<(typeof reactionKinds)[number], z.ZodOptional<z.ZodNumber>>)
  .openapi('ReactionCounts', { description: 'How many members gave each reaction; kinds nobody gave are absent' });

export const PostSchema = z
  .object({
    id: z.string().openapi({ example: 'pst_4f9KqLm2Xa8bC1dE3fGh' }),
    kind: z.enum(postKinds),
    title: z.string().nullable(),
    body: RichTextSchema,
    bodyMarkdown: z.string().optional().openapi({ description: 'The markdown as written: only in your own posts, for editing' }),
    images: z.array(ImageSchema),
    links: z.array(LinkSchema),
    tags: z.array(z.string()),
    author: PersonSchema,
    audience: z.enum(postAudiences),
    pinned: z.boolean(),
    publishedAt: z.string(),
    editedAt: z.string().nullable().openapi({ description: 'Set when the content was changed after posting (the edited mark)' }),
    answeredAt: z.string().nullable().openapi({ description: 'Help requests: when their author marked them answered' }),
    commentCount: z.number().int(),
    reactions: ReactionCountsSchema,
    myReactions: z.array(z.enum(reactionKinds)),
    relay: z
      .object({
        id: z.string(),
        depth: z.number().int().openapi({ description: '0 starts a relay; n answers the n-th baton' }),
        from: PersonSchema.nullable().openapi({ description: 'Who passed the author the baton' }),
        nominee: PersonSchema.nullable().openapi({ description: 'Whom this self-introduction passed the baton to' }),
        nomineePosted: z.boolean(),
      })
      .nullable(),
    state: z.enum(['published', 'hidden', 'pending', 'scheduled']).openapi({ description: 'Others only ever see published posts; your own show hidden (by the company) or pending (waiting for approval)' }),
    mine: z.boolean(),
    groupId: z.string().nullable().openapi({ description: 'The group it was written in; null: the tenant-wide feed' }),
  })
  .openapi('Post');

export const AdminPostSchema = PostSchema.omit({ mine: true, myReactions: true })
  .extend({
    bodyMarkdown: z.string(),
    authorMemberId: z.string().nullable(),
    hiddenAt: z.string().nullable(),
    hiddenReason: z.string().nullable(),
    status: z.enum(['published', 'pending']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AdminPost');

const body = multiLine(MAX_MARKDOWN_LENGTH)
  .min(1, 'must not be empty')
  .openapi({
    description: 'Markdown (CommonMark with ~~strikethrough~~ and bare URLs linked); raw HTML shows as text; images show their alt text (use `images`).',
    example: '営業企画から独立して 3 年になりました。\n\n- 中小企業向けの **営業支援**\n- 副業の相談も歓迎です',
  });

const content = {
  title: singleLine(200).nullable().optional().openapi({ example: '自己紹介: 元法人営業部の田中です' }),
  body,
  images: z
    .array(z.object({ url: webUrl(/^https$/, 'must be an https URL'), alt: singleLine(300).default('') }).strict())
    .max(4, 'may have at most 4 images')
    .optional()
    .openapi({ example: [{ url: 'https://images.example.jp/team.jpg', alt: '新しいチームと' }] }),
  links: z
    .array(z.object({ url: webUrl(/^https?$/, 'must be an http(s) URL'), label: singleLine(100).default('') }).strict())
    .max(5, 'may have at most 5 links')
    .optional(),
  tags: z.array(singleLine(30).min(1, 'must not be empty')).max(5, 'may have at most 5 tags').optional().openapi({ example: ['営業', '副業'] }),
};

export const MemberPostInputSchema = z
  .object({
    kind: z.enum(memberPostKinds),
    ...content,
    batonId: refId('btn', 'btn_4f9KqLm2Xa8bC1dE3fGh').nullable().optional().openapi({ description: 'A baton passed to you (GET /v1/me/batons), passed on by this self-introduction' }),
    nomineeMemberId: refId('mem', 'mem_4f9KqLm2Xa8bC1dE3fGh').nullable().optional().openapi({ description: 'The member your self-introduction passes the baton to (they are told by mail)' }),
    groupId: refId('grp', 'grp_4f9KqLm2Xa8bC1dE3fGh').nullable().optional().openapi({ description: 'Post in a group you are active in: only its members see it. Relays stay in the tenant-wide feed' }),
  })
  .strict()
  .openapi('PostInput');

export const PostPatchSchema = z
  .object({ ...content, body: body.optional(), answered: z.boolean().optional().openapi({ description: 'Help requests: mark answered, or open again' }) })
  .strict()
  .openapi('PostPatch');

export const CompanyPostInputSchema = z
  .object({
    kind: z.enum(companyPostKinds),
    ...content,
    audience: z.enum(postAudiences).optional().openapi({ description: '`public`: also shown on the careers page to visitors who are not signed in' }),
    pinned: z.boolean().optional(),
    publishAt: instant.nullable().optional().openapi({ description: 'Schedule it: it appears at this instant (default now)' }),
  })
  .strict()
  .openapi('CompanyPostInput');

export const AdminPostPatchSchema = CompanyPostInputSchema.partial().strict().openapi('AdminPostPatch');

export const PreviewInputSchema = z.object({ body }).strict().openapi('PreviewInput');

const commentFields = {
  id: z.string().openapi({ example: 'cmt_4f9KqLm2Xa8bC1dE3fGh' }),
  postId: z.string(),
  parentId: z.string().nullable(),
  author: PersonSchema,
  body: RichTextSchema,
  bodyMarkdown: z.string().optional(),
  createdAt: z.string(),
  editedAt: z.string().nullable(),
  state: z.enum(['published', 'hidden']),
  mine: z.boolean(),
};
export const ReplySchema = z.object(commentFields).openapi('Reply');
export const CommentSchema = z.object({ ...commentFields, replies: z.array(ReplySchema) }).openapi('Comment');

export const AdminCommentSchema = z
  .object({
    id: z.string(),
    postId: z.string(),
    parentId: z.string().nullable(),
    author: PersonSchema,
    authorMemberId: z.string().nullable(),
    body: RichTextSchema,
    bodyMarkdown: z.string(),
    createdAt: z.string(),
    editedAt: z.string().nullable(),
    hiddenAt: z.string().nullable(),
    hiddenReason: z.string().nullable(),
  })
  .openapi('AdminComment');

export const CommentInputSchema = z
  .object({
    body: multiLine(5_000).min(1, 'must not be empty').openapi({ example: 'おめでとうございます！ぜひ今度お話聞かせてください。' }),
    parentId: refId('cmt', 'cmt_4f9KqLm2Xa8bC1dE3fGh').nullable().optional().openapi({ description: 'Reply to this comment (one level: a reply to a reply joins its thread)' }),
  })
  .strict()
  .openapi('CommentInput');

export const CommentPatchSchema = z.object({ body: CommentInputSchema.shape.body }).strict().openapi('CommentPatch');

export const ReactionInputSchema = z
  .object({ kind: z.enum(reactionKinds), reacted: z.boolean().openapi({ description: 'true gives the reaction, false takes it back' }) })
  .strict()
  .openapi('ReactionInput');

export const ReactionStateSchema = z.object({ reactions: ReactionCountsSchema, myReactions: z.array(z.enum(reactionKinds)) }).openapi('ReactionState');

export const ReportInputSchema = z
  .object({ reason: multiLine(1_000).min(1, 'must not be empty').openapi({ example: '個人の連絡先が書かれています' }) })
  .strict()
  .openapi('ReportInput');

export const ReportSchema = z.object({ id: z.string(), status: z.enum(['open', 'resolved', 'dismissed']), createdAt: z.string() }).openapi('Report');

export const ModerationInputSchema = z
  .object({ reason: multiLine(500).optional().openapi({ description: 'Kept for the company; not shown to members', example: '個人情報を含むため' }) })
  .strict()
  .openapi('ModerationInput');
