/**
 * Comments with one level of replies (a reply to a reply joins the thread of its top-level comment),
 * and reactions: a fixed set, each given at most once per member and post. Only approved members; only
 * on posts they may see. A comment queues the mail to the post's author and, for a reply, to the
 * comment's author (notify.ts gathers them for a few minutes).
 */
import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import type { MemberRow } from '../members/profile.js';
import { BODY, richText } from './content.js';
import { armReplies } from './notify.js';
import { postComments, postReactions, posts, type ReactionKind } from './schema.js';
import { findVisiblePost, requirePoster } from './service.js';
import { authorOf, peopleById, type Shown } from './views.js';
import { commentVisibleTo } from './visibility.js';

const HOUR = 60 * 60 * 1000;
export const COMMENT_LIMIT = { limit: 30, windowMs: HOUR };
export const REACTION_LIMIT = { limit: 300, windowMs: HOUR };

export type CommentRow = typeof postComments.$inferSelect;

const member = (m: MemberRow) => ({ kind: 'member' as const, member: m });

function toCommentView(ctx: ServiceContext, c: CommentRow, people: Map<string, Shown>, me: string) {
  const own = c.authorMemberId === me;
  return {
    id: c.id,
    postId: c.postId,
    parentId: c.parentId,
    author: authorOf(ctx, { authorType: 'member', authorMemberId: c.authorMemberId }, people),
    body: c.body,
    ...(own ? { bodyMarkdown: c.bodyMarkdown } : {}),
    createdAt: c.createdAt,
    editedAt: c.editedAt,
    state: c.hiddenAt ? ('hidden' as const) : ('published' as const),
    mine: own,
  };
}

/** A post's top-level comments, oldest first (paged), each with all its replies. */
export async function listComments(ctx: ServiceContext, viewer: MemberRow, postId: string, query: { limit: number; cursor?: string }) {
  requirePoster(viewer);
  await findVisiblePost(ctx, postId, member(viewer));
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const tops = await ctx.scoped
    .select(
      postComments,
      eq(postComments.postId, postId),
      isNull(postComments.parentId),
      commentVisibleTo(viewer.id),
      after ? sql`(${postComments.createdAt}, ${postComments.id}) > (${after[0]}, ${after[1]})` : undefined,
    )
    .orderBy(asc(postComments.createdAt), asc(postComments.id))
    .limit(query.limit + 1);
  const page = paginate(tops, query.limit, (c) => [c.createdAt, c.id]);
  const ids = page.data.map((c) => c.id);
  const replies = ids.length
    ? await ctx.scoped.select(postComments, inArray(postComments.parentId, ids), commentVisibleTo(viewer.id)).orderBy(asc(postComments.createdAt), asc(postComments.id))
    : [];
  const people = await peopleById(ctx, [...page.data, ...replies].map((c) => c.authorMemberId));
  return {
    data: page.data.map((c) => ({
      ...toCommentView(ctx, c, people, viewer.id),
      replies: replies.filter((r) => r.parentId === c.id).map((r) => toCommentView(ctx, r, people, viewer.id)),
    })),
    nextCursor: page.nextCursor,
  };
}

export async function visibleComment(ctx: ServiceContext, viewer: MemberRow, id: string): Promise<CommentRow> {
  const [c] = await ctx.scoped.select(postComments, eq(postComments.id, id), commentVisibleTo(viewer.id)).limit(1);
  if (!c) throw new AppError('not_found', `No comment ${id}.`);
  await findVisiblePost(ctx, c.postId, member(viewer));
  return c;
}

export async function createComment(ctx: ServiceContext, author: MemberRow, postId: string, input: { body: string; parentId?: string | null }) {
  requirePoster(author);
  const post = await findVisiblePost(ctx, postId, member(author));
  const body = richText(BODY, input.body);
  let parent: CommentRow | undefined;
  if (input.parentId) {
    const [found] = await ctx.scoped.select(postComments, eq(postComments.id, input.parentId), eq(postComments.postId, postId), commentVisibleTo(author.id)).limit(1);
    if (!found || found.hiddenAt) throw AppError.field('parentId', 'is not a comment on this post');
    // One level of replies: a reply to a reply joins its thread.
    parent = found.parentId ? (await ctx.scoped.select(postComments, eq(postComments.id, found.parentId)).limit(1))[0] : found;
  }
  await enforceRateLimit(ctx.db, { key: `feed-comment:${ctx.tenant.id}:${author.id}`, ...COMMENT_LIMIT }, ctx.now, `You can write up to ${COMMENT_LIMIT.limit} comments an hour.`);
  const ts = ctx.now.toISOString();
  const row = { id: newId('cmt'), postId, parentId: parent?.id ?? null, authorMemberId: author.id, bodyMarkdown: input.body, body, createdAt: ts, updatedAt: ts };
  const recipients = new Set<string>();
  if (post.authorMemberId && post.authorMemberId !== author.id) recipients.add(post.authorMemberId);
  if (parent?.authorMemberId && parent.authorMemberId !== author.id) recipients.add(parent.authorMemberId);
  await ctx.db.batch([ctx.scoped.insert(postComments, row), ...[...recipients].map((r) => armReplies(ctx, postId, r, ts))]);
  const people = await peopleById(ctx, [author.id]);
  return { ...toCommentView(ctx, { ...row, editedAt: null, hiddenAt: null, hiddenReason: null, tenantId: ctx.tenant.id }, people, author.id), replies: [] };
}

async function ownComment(ctx: ServiceContext, author: MemberRow, id: string): Promise<CommentRow> {
  const [c] = await ctx.scoped.select(postComments, eq(postComments.id, id), eq(postComments.authorMemberId, author.id)).limit(1);
  if (!c) throw new AppError('not_found', `No comment ${id} of yours.`);
  return c;
}

export async function editComment(ctx: ServiceContext, author: MemberRow, id: string, input: { body: string }) {
  requirePoster(author);
  const current = await ownComment(ctx, author, id);
  // A comment on a post the member no longer sees (hidden, deleted) is gone for them.
  await findVisiblePost(ctx, current.postId, member(author));
  const ts = ctx.now.toISOString();
  const [row] = await ctx.scoped
    .update(postComments, { bodyMarkdown: input.body, body: richText(BODY, input.body), updatedAt: ts, editedAt: ts }, eq(postComments.id, id), eq(postComments.authorMemberId, author.id))
    .returning();
  if (!row) throw new AppError('not_found', `No comment ${id} of yours.`);
  return { ...toCommentView(ctx, row, await peopleById(ctx, [author.id]), author.id) };
}

/** Deletes one's own comment, with the replies under it. */
export async function deleteOwnComment(ctx: ServiceContext, author: MemberRow, id: string): Promise<void> {
  await ownComment(ctx, author, id);
  await ctx.scoped.delete(postComments, eq(postComments.id, id), eq(postComments.authorMemberId, author.id));
}


/** Gives or takes back one reaction; hidden posts and posts waiting for approval take none. */
export async function setReaction(ctx: ServiceContext, viewer: MemberRow, postId: string, kind: ReactionKind, reacted: boolean) {
  requirePoster(viewer);
  const post = await findVisiblePost(ctx, postId, member(viewer));
  if (post.hiddenAt || post.status !== 'published') throw new AppError('not_found', `No post ${postId}.`);
  await enforceRateLimit(ctx.db, { key: `feed-react:${ctx.tenant.id}:${viewer.id}`, ...REACTION_LIMIT }, ctx.now, 'Too many reactions in a short time.');
  if (reacted) {
    await ctx.scoped.insert(postReactions, { postId, memberId: viewer.id, kind, createdAt: ctx.now.toISOString() }).onConflictDoNothing();
  } else {
    await ctx.scoped.delete(postReactions, eq(postReactions.postId, postId), eq(postReactions.memberId, viewer.id), eq(postReactions.kind, kind));
  }
  const [after] = await ctx.scoped.select(posts, eq(posts.id, postId)).limit(1);
  const mine = await ctx.scoped.select(postReactions, eq(postReactions.postId, postId), eq(postReactions.memberId, viewer.id));
  return { reactions: after?.reactionCounts ?? {}, myReactions: mine.map((r) => r.kind) };
}

