/**
 * The feed as a viewer pages through it: newest first with pinned posts on top, filtered by kind and
 * tag, or searched (Japanese and English, through the bigram index).
 *
 * Why the first page stays fast at any size: the order (pinned, published_at, id) is an index of its
 * own, per tenant, and per tenant and kind, and per tenant and audience (posts_feed_idx and the others
 * in schema.ts), so SQLite walks the index from its newest end and stops after `limit + 1` visible rows;
 * comment and reaction counts are columns of the post kept by triggers, and the rest of a page (people,
 * batons, the viewer's reactions) is three lookups by primary key. test/bench/feed.ts measures it at
 * 100,000 posts beside the same page at 1,000.
 *
 * Search walks the FTS doclist newest first (rowid = doc_id, allocated in order of writing) and stops
 * after one page, as the directory does; bm25 would have to score every match first.
 */
import { z } from '@hono/zod-openapi';
import { and, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { AppError } from '../../core/errors.js';
import type { ServiceContext } from '../../core/context.js';
import { decodeCursor, paginate } from '../../core/pagination.js';
import { noteVisit } from './notify.js';
import { postMatch, tagKey } from './search-index.js';
import { postTags, posts, type PostKind } from './schema.js';
import { toPostViews, type PostRow } from './views.js';
import { postVisibleTo, type Viewer } from './visibility.js';

const rowId = z.string().min(1).max(64);
/** The feed's order: pinned first (1, then 0), newest published first, then id. */
const feedCursor = z.tuple([z.union([z.literal(0), z.literal(1)]), z.iso.datetime(), rowId]);
/** A search: the search row (newest written first). */
const searchCursor = z.tuple([z.literal('q'), z.number().int().positive()]);

export interface FeedQuery {
  limit: number;
  cursor?: string;
  kind?: PostKind;
  tag?: string;
  q?: string;
  /** A group's posts (the caller must be active in it); without it, the tenant-wide feed. */
  group?: string;
}

/** The visibility and kind conditions (a tag is not a condition: it picks the index the page is read from). */
function filters(ctx: ServiceContext, viewer: Viewer, query: FeedQuery): SQL[] {
  const where: (SQL | undefined)[] = [eq(posts.tenantId, ctx.tenant.id), postVisibleTo(viewer, ctx.now.toISOString())];
  if (query.kind) where.push(eq(posts.kind, query.kind));
  // The tenant-wide feed is the posts of no group; the company's list has every post unless it asks for a group.
  if (query.group) where.push(eq(posts.groupId, query.group));
  else if (viewer.kind !== 'company') where.push(isNull(posts.groupId));
  return where.filter((w): w is SQL => w !== undefined);
}

/**
 * One page in the feed's order. With a tag, the page is read from the tag's own index (post_tags holds
 * each post's pinned and published_at), joined to its posts; else from the posts' indexes.
 */
async function orderedPage(ctx: ServiceContext, where: SQL[], query: FeedQuery) {
  const after = decodeCursor(feedCursor, query.cursor);
  const tag = query.tag ? tagKey(query.tag) : '';
  if (tag) {
    if (after) where.push(sql`(${postTags.pinned}, ${postTags.publishedAt}, ${postTags.postId}) < (${after[0]}, ${after[1]}, ${after[2]})`);
    if (query.kind) where.push(eq(postTags.kind, query.kind));
    // eslint-disable-next-line no-restricted-syntax -- bound to the tenant by ctx.scoped.where(postTags) and filters()
    const rows = await ctx.db
      .select(getTableColumns(posts))
      .from(postTags)
      .innerJoin(posts, eq(posts.id, postTags.postId))
      .where(and(ctx.scoped.where(postTags, eq(postTags.tag, tag)), ...where))
      .orderBy(desc(postTags.pinned), desc(postTags.publishedAt), desc(postTags.postId))
      .limit(query.limit + 1);
    return paginate(rows, query.limit, (r) => [r.pinned ? 1 : 0, r.publishedAt, r.id]);
  }
  if (after) where.push(sql`(${posts.pinned}, ${posts.publishedAt}, ${posts.id}) < (${after[0]}, ${after[1]}, ${after[2]})`);
  // eslint-disable-next-line no-restricted-syntax -- bound to the tenant by filters() (posts.tenant_id first)
  const rows = await ctx.db.select().from(posts).where(and(...where)).orderBy(desc(posts.pinned), desc(posts.publishedAt), desc(posts.id)).limit(query.limit + 1);
  return paginate(rows, query.limit, (r) => [r.pinned ? 1 : 0, r.publishedAt, r.id]);
}

const listPage = (ctx: ServiceContext, viewer: Viewer, query: FeedQuery) => orderedPage(ctx, filters(ctx, viewer, query), query);

async function searchPage(ctx: ServiceContext, viewer: Viewer, query: FeedQuery & { q: string }) {
  const match = postMatch(ctx.tenant.id, query.q);
  if (!match) return { data: [] as PostRow[], nextCursor: null };
  const where = filters(ctx, viewer, query);
  const tag = query.tag ? tagKey(query.tag) : '';
  if (tag) where.push(sql`exists (select 1 from post_tags t where t.post_id = ${posts.id} and t.tag = ${tag})`);
  const after = decodeCursor(searchCursor, query.cursor);
  if (after) where.push(sql`s.rowid < ${after[1]}`);
  const found = await ctx.db.all<{ id: string; doc: number }>(sql`
    select posts.id as id, s.rowid as doc from post_search s join posts on posts.doc_id = s.rowid
    where post_search match ${match} and ${and(...where)}
    order by s.rowid desc limit ${query.limit + 1}`);
  const page = paginate(found, query.limit, (r) => ['q', Number(r.doc)]);
  const rows = page.data.length ? await ctx.scoped.select(posts, inArray(posts.id, page.data.map((r) => r.id))) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { data: page.data.map((r) => byId.get(r.id)).filter((r): r is PostRow => !!r), nextCursor: page.nextCursor };
}

/** A group's feed is for its active members (and the company); for anyone else the group does not exist. */
async function requireGroupReader(ctx: ServiceContext, viewer: Viewer, groupId: string): Promise<void> {
  if (viewer.kind === 'company') return;
  const active =
    viewer.kind === 'member' &&
    (await ctx.db.all(sql`select 1 from group_members where tenant_id = ${ctx.tenant.id} and group_id = ${groupId} and member_id = ${viewer.member.id} and status = 'active'`)).length > 0;
  if (!active) throw new AppError('not_found', `No group ${groupId} of yours.`);
}

/** One page of the feed as `viewer` may see it. A member opening the first page counts as a visit (for digests). */
export async function feedPage(ctx: ServiceContext, viewer: Viewer, query: FeedQuery) {
  if (query.group) await requireGroupReader(ctx, viewer, query.group);
  const q = query.q?.trim();
  const page = q ? await searchPage(ctx, viewer, { ...query, q }) : await listPage(ctx, viewer, query);
  const data = await toPostViews(ctx, page.data, viewer);
  if (viewer.kind === 'member' && !query.cursor && !query.group) await noteVisit(ctx, viewer.member.id);
  return { data, nextCursor: page.nextCursor };
}

/** The company's list: every post, any state, in the feed's order, with the same filters (`q` matched, not ranked). */
export async function adminPostRows(ctx: ServiceContext, query: FeedQuery & { status?: 'published' | 'pending' | 'hidden' | 'scheduled' }) {
  const where = filters(ctx, { kind: 'company' }, query);
  const nowIso = ctx.now.toISOString();
  if (query.status === 'hidden') where.push(sql`${posts.hiddenAt} is not null`);
  if (query.status === 'pending') where.push(eq(posts.status, 'pending'));
  if (query.status === 'scheduled') where.push(sql`${posts.publishedAt} > ${nowIso}`);
  if (query.status === 'published') where.push(sql`${posts.status} = 'published' and ${posts.hiddenAt} is null and ${posts.publishedAt} <= ${nowIso}`);
  const q = query.q?.trim();
  if (q) {
    const match = postMatch(ctx.tenant.id, q);
    if (!match) return { data: [] as PostRow[], nextCursor: null };
    where.push(sql`${posts.docId} in (select rowid from post_search where post_search match ${match})`);
  }
  return orderedPage(ctx, where, query);
}
