/**
 * Moderation: members report a post or a comment with a reason; the company works through the queue
 * (admin API) and hides, restores or deletes what was reported (and may suspend a member through
 * /v1/admin/members/{id}/suspend). Acting on content resolves its open reports in the same batch.
 * Hidden content is gone for everyone but its author (visibility.ts), from searches, counts (the
 * comment-count trigger), digests and reactions. A new member's first post, when the tenant asks for
 * it, waits here for approval.
 */
import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import { plainText } from '../../core/rich-text/index.js';
import type { MemberRow } from '../members/profile.js';
import { armDigest } from './notify.js';
import { batonMailsFor } from './relays.js';
import { postComments, postReports, posts, reportStatuses } from './schema.js';
import { visibleComment } from './comments.js';
import { deletePostStatements, findVisiblePost, requirePoster } from './service.js';
import { authorOf, peopleById, personOf, toAdminPostViews } from './views.js';

const HOUR = 60 * 60 * 1000;
export const REPORT_LIMIT = { limit: 20, windowMs: HOUR };

export type ReportTarget = { postId: string } | { commentId: string };

/** A member reports someone else's post or comment; reporting the same thing again changes nothing. */
export async function report(ctx: ServiceContext, reporter: MemberRow, target: ReportTarget, reason: string) {
  requirePoster(reporter);
  const viewer = { kind: 'member' as const, member: reporter };
  let postId: string;
  let commentId: string | null = null;
  let authorId: string | null;
  if ('postId' in target) {
    const post = await findVisiblePost(ctx, target.postId, viewer);
    ({ id: postId, authorMemberId: authorId } = post);
  } else {
    const comment = await visibleComment(ctx, reporter, target.commentId);
    ({ postId, id: commentId, authorMemberId: authorId } = comment);
  }
  if (authorId === reporter.id) throw new AppError('bad_request', 'You cannot report what you wrote yourself; edit or delete it instead.');
  await enforceRateLimit(ctx.db, { key: `feed-report:${ctx.tenant.id}:${reporter.id}`, ...REPORT_LIMIT }, ctx.now, `You can send up to ${REPORT_LIMIT.limit} reports an hour.`);
  const targetId = commentId ?? postId;
  await ctx.scoped
    .insert(postReports, { id: newId('rpt'), postId, commentId, targetId, reporterMemberId: reporter.id, reason, createdAt: ctx.now.toISOString() })
    .onConflictDoNothing();
  const [row] = await ctx.scoped.select(postReports, eq(postReports.reporterMemberId, reporter.id), eq(postReports.targetId, targetId)).limit(1);
  return { id: row!.id, status: row!.status, createdAt: row!.createdAt };
}

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

/** The queue: reports by status (open by default), oldest first, each with what was reported. */
export async function listReports(ctx: ServiceContext, query: { limit: number; cursor?: string; status?: (typeof reportStatuses)[number] }) {
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const rows = await ctx.scoped
    .select(postReports, eq(postReports.status, query.status ?? 'open'), after ? sql`(${postReports.createdAt}, ${postReports.id}) > (${after[0]}, ${after[1]})` : undefined)
    .orderBy(asc(postReports.createdAt), asc(postReports.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.createdAt, r.id]);
  const postIds = [...new Set(page.data.map((r) => r.postId))];
  const commentIds = page.data.flatMap((r) => (r.commentId ? [r.commentId] : []));
  const postRows = postIds.length ? await ctx.scoped.select(posts, inArray(posts.id, postIds)) : [];
  const commentRows = commentIds.length ? await ctx.scoped.select(postComments, inArray(postComments.id, commentIds)) : [];
  const people = await peopleById(ctx, [...page.data.map((r) => r.reporterMemberId), ...postRows.map((p) => p.authorMemberId), ...commentRows.map((c) => c.authorMemberId)]);
  return {
    data: page.data.map((r) => {
      const post = postRows.find((p) => p.id === r.postId)!;
      const comment = r.commentId ? commentRows.find((c) => c.id === r.commentId) : undefined;
      const target = comment ?? post;
      return {
        id: r.id,
        status: r.status,
        resolution: r.resolution,
        reason: r.reason,
        createdAt: r.createdAt,
        resolvedAt: r.resolvedAt,
        reporter: personOf(people.get(r.reporterMemberId)),
        target: {
          type: comment ? ('comment' as const) : ('post' as const),
          postId: r.postId,
          commentId: r.commentId,
          excerpt: excerpt(comment ? plainText(comment.body) : (post.title ? `${post.title} — ` : '') + plainText(post.body)),
          author: authorOf(ctx, comment ? { authorType: 'member', authorMemberId: comment.authorMemberId } : post, people),
          authorMemberId: target.authorMemberId,
          hidden: Boolean(target.hiddenAt),
        },
      };
    }),
    nextCursor: page.nextCursor,
  };
}

/** Marks the open reports on a target resolved (in the batch of the action taken). */
const resolveReports = (ctx: ServiceContext, targetId: string, resolution: string) =>
  ctx.scoped.update(postReports, { status: 'resolved', resolution, resolvedAt: ctx.now.toISOString() }, eq(postReports.targetId, targetId), eq(postReports.status, 'open'));

async function adminPost(ctx: ServiceContext, id: string) {
  const [row] = await ctx.scoped.select(posts, eq(posts.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No post ${id}.`);
  return row;
}

export async function getAdminPost(ctx: ServiceContext, id: string) {
  return (await toAdminPostViews(ctx, [await adminPost(ctx, id)]))[0]!;
}

/** Hides or restores a post; its open reports are resolved with it. */
export async function setPostHidden(ctx: ServiceContext, id: string, hidden: boolean, reason?: string | null) {
  await adminPost(ctx, id);
  await ctx.db.batch([
    ctx.scoped.update(posts, hidden ? { hiddenAt: ctx.now.toISOString(), hiddenReason: reason ?? null } : { hiddenAt: null, hiddenReason: null }, eq(posts.id, id)),
    resolveReports(ctx, id, hidden ? 'hidden' : 'restored'),
  ]);
  return getAdminPost(ctx, id);
}

/** Publishes a first post that waited for approval: it appears at the top now; its nominee is told. */
export async function approvePost(ctx: ServiceContext, id: string) {
  const row = await adminPost(ctx, id);
  if (row.status !== 'pending') return getAdminPost(ctx, id);
  const mails = await batonMailsFor(ctx, row);
  const ts = ctx.now.toISOString();
  await ctx.db.batch([
    ctx.scoped.update(posts, { status: 'published', publishedAt: ts, updatedAt: ts }, eq(posts.id, id), eq(posts.status, 'pending')),
    ...mails,
    armDigest(ctx, ctx.now),
  ] as unknown as Parameters<typeof ctx.db.batch>[0]);
  return getAdminPost(ctx, id);
}

export async function deleteAnyPost(ctx: ServiceContext, id: string): Promise<void> {
  await adminPost(ctx, id);
  await ctx.db.batch(deletePostStatements(ctx, id));
}

async function adminComment(ctx: ServiceContext, id: string) {
  const [row] = await ctx.scoped.select(postComments, eq(postComments.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No comment ${id}.`);
  return row;
}

export async function toAdminComment(ctx: ServiceContext, row: typeof postComments.$inferSelect) {
  const people = await peopleById(ctx, [row.authorMemberId]);
  return {
    id: row.id,
    postId: row.postId,
    parentId: row.parentId,
    author: authorOf(ctx, { authorType: 'member', authorMemberId: row.authorMemberId }, people),
    authorMemberId: row.authorMemberId,
    body: row.body,
    bodyMarkdown: row.bodyMarkdown,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    hiddenAt: row.hiddenAt,
    hiddenReason: row.hiddenReason,
  };
}

export async function getAdminComment(ctx: ServiceContext, id: string) {
  return toAdminComment(ctx, await adminComment(ctx, id));
}

export async function setCommentHidden(ctx: ServiceContext, id: string, hidden: boolean, reason?: string | null) {
  await adminComment(ctx, id);
  await ctx.db.batch([
    ctx.scoped.update(postComments, hidden ? { hiddenAt: ctx.now.toISOString(), hiddenReason: reason ?? null } : { hiddenAt: null, hiddenReason: null }, eq(postComments.id, id)),
    resolveReports(ctx, id, hidden ? 'hidden' : 'restored'),
  ]);
  return getAdminComment(ctx, id);
}

export async function deleteAnyComment(ctx: ServiceContext, id: string): Promise<void> {
  await adminComment(ctx, id);
  await ctx.scoped.delete(postComments, eq(postComments.id, id));
}

/** Closes a report without acting on the content. */
export async function dismissReport(ctx: ServiceContext, id: string) {
  const [row] = await ctx.scoped
    .update(postReports, { status: 'dismissed', resolution: 'dismissed', resolvedAt: ctx.now.toISOString() }, eq(postReports.id, id), eq(postReports.status, 'open'))
    .returning();
  if (row) return { id: row.id, status: row.status, resolvedAt: row.resolvedAt };
  const [existing] = await ctx.scoped.select(postReports, eq(postReports.id, id)).limit(1);
  if (!existing) throw new AppError('not_found', `No report ${id}.`);
  return { id: existing.id, status: existing.status, resolvedAt: existing.resolvedAt };
}
