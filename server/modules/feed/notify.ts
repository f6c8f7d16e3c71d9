/**
 * The feed's mail that is gathered before it is sent, as outbox jobs:
 *
 * - `feed.replies` — comments on a member's post, or replies to their comment. The first comment
 *   queues a job for (post, recipient) a few minutes ahead; more comments meanwhile coalesce into it,
 *   so a lively thread is one mail, and a comment hidden meanwhile is never mailed.
 * - `feed.digest` — per tenant, once a day while the feed is active: each approved member who chose
 *   the weekly digest, has not opened the feed for a week and got no digest for a week, gets one mail
 *   of the posts published since. Armed by every post that becomes visible, coalesced to one pending
 *   job per tenant; the run re-arms itself while posts keep coming. The outbox claim runs each job in
 *   one process; the per-member "last digest" update guards the mail (`changes() = 1`), so even two
 *   runs at once (two API processes, an operator's retry) mail each member once.
 *
 * Jobs run outside any request: the payload carries the API's public URL (for unsubscribe links); the
 * worker passes its clock's time.
 */
import { desc, eq, gt, inArray, isNull, lte, ne, sql } from 'drizzle-orm';
import { loadConfig } from '../../config.js';
import { operatorContext, type ServiceContext } from '../../core/context.js';
import { recordJob, recordMail } from '../../core/outbox/record.js';
import type { OutboxItem, OutboxTopics } from '../../core/outbox/topics.js';
import { plainText } from '../../core/rich-text/index.js';
import type { Db } from '../../db/client.js';
import { bestEffort } from '../../db/guard.js';
import { kindsWith } from '../member-kinds/service.js';
import { members } from '../members/schema.js';
import { unsubscribeUrl, wants, wantsSql } from '../notifications/service.js';
import { getTenant } from '../tenants/service.js';
import { digestMail, repliesMail } from './mail.js';
import { feedReaders, postComments, posts } from './schema.js';
import { peopleById, type PostRow } from './views.js';
import { commentVisibleTo, postVisibleTo } from './visibility.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How long replies gather before they are mailed. */
export const REPLY_DELAY_MS = 5 * MINUTE;
/** Away this long (no visit to the feed) before a digest; and at most one digest in as long. */
export const DIGEST_AWAY_MS = 7 * DAY;
/** Members handled per batch in a digest run. */
const DIGEST_PAGE = 200;

/** The next digest run after `at`: 00:00 UTC (09:00 in Japan), when mail is read with the morning's. */
export function nextDigestRun(at: Date): Date {
  const next = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
  return next;
}

/** Queues the tenant's digest run (one pending per tenant), for the batch that publishes a post. */
export function armDigest(ctx: ServiceContext, visibleFrom: Date) {
  const runAt = nextDigestRun(visibleFrom > ctx.now ? visibleFrom : ctx.now);
  return recordJob(ctx.db, {
    tenantId: ctx.tenant.id,
    topic: 'feed.digest',
    now: ctx.now,
    notBefore: runAt,
    coalesceKey: 'feed.digest',
    payload: { apiUrl: ctx.config.PUBLIC_API_URL },
  });
}

/** Queues the mail telling `recipientId` of replies on `postId`, for the batch that adds a comment. */
export function armReplies(ctx: ServiceContext, postId: string, recipientId: string, since: string) {
  const runAt = new Date(ctx.now.getTime() + REPLY_DELAY_MS);
  return recordJob(ctx.db, {
    tenantId: ctx.tenant.id,
    topic: 'feed.replies',
    now: ctx.now,
    notBefore: runAt,
    memberId: recipientId,
    coalesceKey: `feed.replies:${postId}:${recipientId}`,
    payload: { postId, recipientId, since, apiUrl: ctx.config.PUBLIC_API_URL },
  });
}

/** A service context for a job of `item`'s tenant, at the worker's time. */
async function jobContext(db: Db, item: OutboxItem, now: Date): Promise<ServiceContext | undefined> {
  const tenant = await getTenant(db, item.tenantId);
  if (!tenant) return undefined;
  const apiUrl = typeof item.payload.apiUrl === 'string' ? item.payload.apiUrl : undefined;
  const config = loadConfig({});
  return operatorContext(db, tenant, { now, config: apiUrl ? { ...config, PUBLIC_API_URL: apiUrl } : config });
}

const postTitle = (p: Pick<PostRow, 'title' | 'body'>) => p.title ?? plainText(p.body);

async function sendReplies(db: Db, item: OutboxItem, now: Date): Promise<void> {
  const ctx = await jobContext(db, item, now);
  if (!ctx) return;
  const { postId, recipientId, since } = item.payload as { postId: string; recipientId: string; since: string };
  const [recipient] = await ctx.scoped.select(members, eq(members.id, recipientId), eq(members.status, 'approved')).limit(1);
  if (!recipient || !(await wants(ctx, recipient.id, 'feed.replies'))) return;
  // A member whose kind has no feed (the company decides per kind) is not mailed about it.
  if (!(await kindsWith(ctx, 'feed'))(recipient.kind)) return;
  const viewer = { kind: 'member' as const, member: recipient };
  const [post] = await ctx.scoped.select(posts, eq(posts.id, postId), postVisibleTo(viewer, ctx.now.toISOString())).limit(1);
  if (!post) return;
  const onOwnPost = post.authorMemberId === recipient.id;
  const mine = onOwnPost ? undefined : sql`${postComments.parentId} in (select id from post_comments where author_member_id = ${recipient.id})`;
  const comments = await ctx.scoped
    .select(postComments, eq(postComments.postId, postId), sql`${postComments.createdAt} >= ${since}`, ne(postComments.authorMemberId, recipient.id), isNull(postComments.hiddenAt), commentVisibleTo(recipient.id), mine)
    .orderBy(postComments.createdAt);
  if (!comments.length) return;
  const people = await peopleById(ctx, comments.map((c) => c.authorMemberId));
  const message = repliesMail({
    tenant: ctx.tenant,
    to: { email: recipient.email, locale: recipient.locale, name: recipient.name },
    postTitle: postTitle(post),
    onOwnPost,
    replies: comments.map((c) => ({ authorName: c.authorMemberId ? (people.get(c.authorMemberId)?.name ?? null) : null, text: plainText(c.body) })),
    postId,
    unsubscribeUrl: await unsubscribeUrl(ctx, recipient.id, 'feed.replies'),
  });
  await recordMail(db, { tenantId: ctx.tenant.id, topic: 'feed.replies', now: ctx.now, memberId: recipient.id, message });
}

/** Posts every member may see, published in the month before the run (newest first): what digests list. Group posts never: they are for their groups. */
async function recentPosts(ctx: ServiceContext) {
  const nowIso = ctx.now.toISOString();
  const monthAgo = new Date(ctx.now.getTime() - 30 * DAY).toISOString();
  return ctx.scoped
    .select(posts, isNull(posts.groupId), eq(posts.status, 'published'), isNull(posts.hiddenAt), lte(posts.publishedAt, nowIso), gt(posts.publishedAt, monthAgo), inArray(posts.pinned, [false, true]))
    .orderBy(desc(posts.publishedAt))
    .limit(200);
}

interface Reader {
  id: string;
  email: string;
  name: string;
  locale: 'ja' | 'en';
  approved_at: string | null;
  last_visit_at: string | null;
  last_digest_at: string | null;
  kind: string;
}

/** One page of members due a digest: approved, weekly, away for a week, no digest for a week. */
function dueReaders(ctx: ServiceContext, after: string, weekAgo: string) {
  return ctx.db.all<Reader>(sql`
    select members.id as id, members.email as email, members.name as name, members.locale as locale, members.kind as kind, members.approved_at as approved_at,
           r.last_visit_at as last_visit_at, r.last_digest_at as last_digest_at
    from members left join feed_readers r on r.tenant_id = members.tenant_id and r.member_id = members.id
    where members.tenant_id = ${ctx.tenant.id} and members.status = 'approved' and members.id > ${after}
      and ${wantsSql('feed.digest', members.id, 'weekly')}
      and (r.last_visit_at is null or r.last_visit_at <= ${weekAgo})
      and (r.last_digest_at is null or r.last_digest_at <= ${weekAgo})
    order by members.id limit ${DIGEST_PAGE}`);
}

async function sendDigests(db: Db, item: OutboxItem, now: Date): Promise<void> {
  const ctx = await jobContext(db, item, now);
  if (!ctx) return;
  const nowIso = ctx.now.toISOString();
  const weekAgo = new Date(ctx.now.getTime() - DIGEST_AWAY_MS).toISOString();
  const recent = await recentPosts(ctx);
  const people = await peopleById(ctx, recent.map((p) => p.authorMemberId));
  // A member whose kind has no feed (the company decides per kind) gets no digest of it.
  const hasFeed = await kindsWith(ctx, 'feed');
  for (let after = ''; ; ) {
    const readers = await dueReaders(ctx, after, weekAgo);
    if (!readers.length) break;
    after = readers.at(-1)!.id;
    const statements = [];
    for (const m of readers) {
      if (!hasFeed(m.kind)) continue;
      const since = [m.last_visit_at, m.last_digest_at, m.approved_at].filter((x): x is string => !!x).sort().at(-1) ?? '';
      const fresh = recent.filter((p) => p.publishedAt > since && p.authorMemberId !== m.id);
      if (!fresh.length) continue;
      const message = digestMail({
        tenant: ctx.tenant,
        to: { email: m.email, locale: m.locale, name: m.name },
        posts: fresh.slice(0, 8).map((p) => ({ title: postTitle(p), authorName: p.authorMemberId ? (people.get(p.authorMemberId)?.name ?? null) : null, company: p.authorType === 'company' })),
        total: fresh.length,
        unsubscribeUrl: await unsubscribeUrl(ctx, m.id, 'feed.digest'),
      });
      statements.push(
        db.run(sql`insert into feed_readers (tenant_id, member_id, last_digest_at) values (${ctx.tenant.id}, ${m.id}, ${nowIso})
          on conflict (tenant_id, member_id) do update set last_digest_at = excluded.last_digest_at
          where feed_readers.last_digest_at is null or feed_readers.last_digest_at <= ${weekAgo}`),
        recordMail(db, { tenantId: ctx.tenant.id, topic: 'feed.digest', now: ctx.now, memberId: m.id, message, when: sql`changes() = 1` }),
      );
    }
    if (statements.length) await db.batch(statements as [(typeof statements)[number], ...(typeof statements)[number][]]);
  }
  // While posts keep coming (or some are scheduled), run again tomorrow; a quiet feed stops until the next post.
  const [active] = await ctx.scoped.select(posts, inArray(posts.pinned, [false, true]), gt(posts.publishedAt, weekAgo)).limit(1);
  if (active) await armDigest(ctx, ctx.now);
}

export const feedOutbox: OutboxTopics = {
  'feed.replies': { run: (db, item, env) => sendReplies(db, item, env.now) },
  'feed.digest': { run: (db, item, env) => sendDigests(db, item, env.now) },
};

/** Records the member's visit to the feed (at most hourly; a busy database skips it): digests are for members away. */
export async function noteVisit(ctx: ServiceContext, memberId: string): Promise<void> {
  const nowIso = ctx.now.toISOString();
  const [row] = await ctx.scoped.select(feedReaders, eq(feedReaders.memberId, memberId)).limit(1);
  if (row?.lastVisitAt && ctx.now.getTime() - Date.parse(row.lastVisitAt) < 60 * MINUTE) return;
  await bestEffort(() =>
    ctx.scoped
      .insert(feedReaders, { memberId, lastVisitAt: nowIso })
      .onConflictDoUpdate({ target: [feedReaders.tenantId, feedReaders.memberId], set: { lastVisitAt: nowIso } }),
  );
}

