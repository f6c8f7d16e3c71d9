/**
 * Members' posts: write (rate-limited; a new member's first post may wait for the company's approval),
 * read one as a viewer may see it, edit and delete one's own, mark a help request answered. Every
 * write is one batch: the post, its tags and search row, the relay it takes part in and the mail that
 * follows from it, all or nothing.
 */
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import type { MemberRow } from '../members/profile.js';
import { cleanTags, cleanTitle, contentStatements, BODY, richText, type PostContent } from './content.js';
import { armDigest } from './notify.js';
import { planRelay, relayStatements } from './relays.js';
import { nextDocId, posts, relayBatons, type MemberPostKind } from './schema.js';
import { toPostViews, type PostRow } from './views.js';
import { postVisibleTo, type Viewer } from './visibility.js';

const HOUR = 60 * 60 * 1000;
/** Enough for an eager member on a busy day; not enough to flood a feed. */
export const POST_LIMIT = { limit: 10, windowMs: HOUR };

/** Only approved members write; a member waiting for approval is told so. */
export function requirePoster(member: MemberRow): MemberRow {
  if (member.status === 'pending') throw new AppError('membership_pending', 'Your membership is waiting for approval by the company. You can post once it is approved.');
  if (member.status !== 'approved') throw new AppError('forbidden', 'Only approved members can post, comment and react.');
  return member;
}

export interface MemberPostInput extends PostContent {
  kind: MemberPostKind;
  /** A baton passed to the author, passed on by this self-introduction. */
  batonId?: string | null;
  /** The member this self-introduction passes the baton to. */
  nomineeMemberId?: string | null;
  /** A group the author is active in (not archived): the post is for its members. */
  groupId?: string | null;
}

/** Posting into a group takes an active membership of a group that is not archived; anyone else: no such group. */
async function checkGroup(ctx: ServiceContext, author: MemberRow, input: MemberPostInput): Promise<string | null> {
  if (!input.groupId) return null;
  if (input.batonId || input.nomineeMemberId) throw AppError.field('groupId', 'relays of self-introductions stay in the tenant-wide feed');
  const ok = await ctx.db.all(sql`
    select 1 from group_members gm join groups g on g.id = gm.group_id
    where gm.tenant_id = ${ctx.tenant.id} and gm.group_id = ${input.groupId} and gm.member_id = ${author.id} and gm.status = 'active' and g.archived_at is null`);
  if (!ok.length) throw new AppError('not_found', `No group ${input.groupId} you can post in.`);
  return input.groupId;
}

/** Whether the member's post must wait for approval: the tenant asks for it and they have no published post yet. */
async function needsApproval(ctx: ServiceContext, member: MemberRow): Promise<boolean> {
  if (!ctx.tenant.feedFirstPostApproval) return false;
  const [earlier] = await ctx.scoped.select(posts, eq(posts.authorMemberId, member.id), eq(posts.status, 'published')).limit(1);
  return !earlier;
}

const isBatonTaken = (err: unknown) => /UNIQUE constraint failed: posts\.baton_id|posts_baton_uq/i.test(`${String(err)} ${String((err as { cause?: unknown })?.cause)}`);

export async function createMemberPost(ctx: ServiceContext, author: MemberRow, input: MemberPostInput) {
  const { db, now, tenant } = ctx;
  requirePoster(author);
  const body = richText(BODY, input.body);
  const groupId = await checkGroup(ctx, author, input);
  const relay = await planRelay(ctx, author, input.kind, input);
  await enforceRateLimit(db, { key: `feed-post:${tenant.id}:${author.id}`, ...POST_LIMIT }, now, `You can write up to ${POST_LIMIT.limit} posts an hour.`);
  const pending = await needsApproval(ctx, author);
  const ts = now.toISOString();
  const row = {
    id: newId('pst'),
    docId: nextDocId as unknown as number,
    kind: input.kind,
    authorType: 'member' as const,
    authorMemberId: author.id,
    title: cleanTitle(input.title),
    bodyMarkdown: input.body,
    body,
    images: input.images ?? [],
    links: input.links ?? [],
    tags: cleanTags(input.tags),
    status: pending ? ('pending' as const) : ('published' as const),
    publishedAt: ts,
    createdAt: ts,
    updatedAt: ts,
    relayId: relay?.relayId ?? null,
    relayDepth: relay ? relay.depth : null,
    batonId: relay?.batonId ?? null,
    groupId,
  };
  const around = relay ? await relayStatements(ctx, relay, author, row.id, !pending) : { before: [], after: [] };
  try {
    await db.batch([
      ...around.before,
      ctx.scoped.insert(posts, row),
      ...contentStatements(ctx, row),
      ...around.after,
      // Group posts never go into digests: nothing to arm.
      ...(pending || groupId ? [] : [armDigest(ctx, now)]),
    ] as unknown as Parameters<typeof db.batch>[0]);
  } catch (err) {
    if (isBatonTaken(err)) throw new AppError('conflict', 'You have already passed this baton on with a self-introduction.');
    throw err;
  }
  return getPost(ctx, row.id, { kind: 'member', member: author });
}

/** One post as `viewer` may see it; a post they may not see does not exist for them. */
export async function findVisiblePost(ctx: ServiceContext, id: string, viewer: Viewer): Promise<PostRow> {
  const [row] = await ctx.scoped.select(posts, eq(posts.id, id), postVisibleTo(viewer, ctx.now.toISOString())).limit(1);
  if (!row) throw new AppError('not_found', `No post ${id}.`);
  return row;
}

export async function getPost(ctx: ServiceContext, id: string, viewer: Viewer) {
  const [view] = await toPostViews(ctx, [await findVisiblePost(ctx, id, viewer)], viewer);
  return view!;
}

/** The member's own post, or a 404 (someone else's post cannot be edited or deleted: it is as good as absent). */
async function ownPost(ctx: ServiceContext, member: MemberRow, id: string): Promise<PostRow> {
  const [row] = await ctx.scoped.select(posts, eq(posts.id, id), eq(posts.authorMemberId, member.id)).limit(1);
  if (!row) throw new AppError('not_found', `No post ${id} of yours.`);
  return row;
}

export interface OwnPostPatch extends Partial<PostContent> {
  /** Help requests only: answered (true) or open again (false). */
  answered?: boolean;
}

/** Edits one's own post (the edited mark is set when the content changes) or marks a help request answered. */
export async function updateOwnPost(ctx: ServiceContext, member: MemberRow, id: string, patch: OwnPostPatch) {
  requirePoster(member);
  if (Object.keys(patch).length === 0) throw AppError.field('body', 'names nothing to change');
  const current = await ownPost(ctx, member, id);
  if (patch.answered !== undefined && current.kind !== 'help') throw AppError.field('answered', 'only a help request (kind help) can be marked answered');
  const ts = ctx.now.toISOString();
  const { answered, ...content } = patch;
  const changes: Partial<PostRow> = { updatedAt: ts };
  if (answered !== undefined) changes.answeredAt = answered ? (current.answeredAt ?? ts) : null;
  const edits = Object.keys(content).length > 0;
  if (edits) {
    Object.assign(changes, {
      ...(content.title !== undefined ? { title: cleanTitle(content.title) } : {}),
      ...(content.body !== undefined ? { bodyMarkdown: content.body, body: richText(BODY, content.body) } : {}),
      ...(content.images !== undefined ? { images: content.images } : {}),
      ...(content.links !== undefined ? { links: content.links } : {}),
      ...(content.tags !== undefined ? { tags: cleanTags(content.tags) } : {}),
      editedAt: ts,
    });
  }
  const next = { ...current, ...changes };
  await ctx.db.batch([
    ctx.scoped.update(posts, changes, eq(posts.id, id), eq(posts.authorMemberId, member.id)),
    ...(edits ? contentStatements(ctx, next) : []),
  ] as unknown as Parameters<typeof ctx.db.batch>[0]);
  return getPost(ctx, id, { kind: 'member', member });
}

/** Deletes one's own post with its comments, reactions and reports; a baton it passed is open again. */
export async function deleteOwnPost(ctx: ServiceContext, member: MemberRow, id: string): Promise<void> {
  await ownPost(ctx, member, id);
  await ctx.db.batch(deletePostStatements(ctx, id));
}

/** Deleting a post (its author, or the company): comments, reactions, tags, reports and its search row go with it. */
export function deletePostStatements(ctx: ServiceContext, id: string) {
  return [
    ctx.scoped.update(relayBatons, { passedPostId: null, passedAt: null }, eq(relayBatons.passedPostId, id)),
    ctx.scoped.delete(posts, eq(posts.id, id)),
  ] as const;
}
