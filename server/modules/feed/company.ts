/**
 * The company's posts (news, columns, event reports, job news) through the admin API: written for
 * members or made public (the careers page shows them signed out), pinned on top, scheduled for later.
 * The company may pin a member's post too, but not rewrite it.
 */
import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cleanTags, cleanTitle, contentStatements, BODY, richText, type PostContent } from './content.js';
import { adminPostRows, type FeedQuery } from './list.js';
import { getAdminPost } from './moderation.js';
import { armDigest } from './notify.js';
import { nextDocId, posts, type CompanyPostKind, type PostAudience } from './schema.js';
import { toAdminPostViews, type PostRow } from './views.js';

export interface CompanyPostInput extends PostContent {
  kind: CompanyPostKind;
  audience?: PostAudience;
  pinned?: boolean;
  /** When it appears; default now. */
  publishAt?: string | null;
}

const iso = (value: string) => new Date(value).toISOString();

export async function createCompanyPost(ctx: ServiceContext, input: CompanyPostInput) {
  const ts = ctx.now.toISOString();
  const publishedAt = input.publishAt ? iso(input.publishAt) : ts;
  const row = {
    id: newId('pst'),
    docId: nextDocId as unknown as number,
    kind: input.kind,
    authorType: 'company' as const,
    authorMemberId: null,
    title: cleanTitle(input.title),
    bodyMarkdown: input.body,
    body: richText(BODY, input.body),
    images: input.images ?? [],
    links: input.links ?? [],
    tags: cleanTags(input.tags),
    audience: input.audience ?? 'members',
    pinned: input.pinned ?? false,
    publishedAt,
    createdAt: ts,
    updatedAt: ts,
  };
  await ctx.db.batch([ctx.scoped.insert(posts, row), ...contentStatements(ctx, row), armDigest(ctx, new Date(publishedAt))] as unknown as Parameters<typeof ctx.db.batch>[0]);
  return getAdminPost(ctx, row.id);
}

export type AdminPostPatch = Partial<CompanyPostInput>;

/** Changes a post: any field of the company's own; only `pinned` of a member's. */
export async function updateAdminPost(ctx: ServiceContext, id: string, patch: AdminPostPatch) {
  if (Object.keys(patch).length === 0) throw AppError.field('body', 'names nothing to change');
  const [current] = await ctx.scoped.select(posts, eq(posts.id, id)).limit(1);
  if (!current) throw new AppError('not_found', `No post ${id}.`);
  if (current.authorType === 'member') {
    const other = Object.keys(patch).find((k) => k !== 'pinned');
    if (other) throw AppError.field(`body.${other}`, "is the member's to change; the company can pin, hide or delete a member's post");
  }
  const ts = ctx.now.toISOString();
  const { publishAt, title, body, tags, ...rest } = patch;
  const changes: Partial<PostRow> = { ...rest, updatedAt: ts };
  if (title !== undefined) changes.title = cleanTitle(title);
  if (body !== undefined) Object.assign(changes, { bodyMarkdown: body, body: richText(BODY, body) });
  if (tags !== undefined) changes.tags = cleanTags(tags);
  if (publishAt !== undefined) changes.publishedAt = publishAt ? iso(publishAt) : ts;
  const contentChanged = title !== undefined || body !== undefined || tags !== undefined || patch.images !== undefined || patch.links !== undefined;
  // Corrections after a post went out are marked, as members' edits are.
  if (contentChanged && current.publishedAt <= ts) changes.editedAt = ts;
  const next = { ...current, ...changes } as PostRow;
  await ctx.db.batch([
    ctx.scoped.update(posts, changes, eq(posts.id, id)),
    ...(contentChanged ? contentStatements(ctx, next) : []),
    ...(publishAt !== undefined ? [armDigest(ctx, new Date(next.publishedAt))] : []),
  ] as unknown as Parameters<typeof ctx.db.batch>[0]);
  return getAdminPost(ctx, id);
}

export async function listAdminPosts(ctx: ServiceContext, query: FeedQuery & { status?: 'published' | 'pending' | 'hidden' | 'scheduled' }) {
  const page = await adminPostRows(ctx, query);
  return { data: await toAdminPostViews(ctx, page.data), nextCursor: page.nextCursor };
}
