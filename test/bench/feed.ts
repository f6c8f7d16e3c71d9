/**
 * The feed's first page at 100,000 posts (with 100,000 comments and 200,000 reactions counted on
 * them) beside the same page of a tenant with 1,000 posts in the same database, in the same run:
 * GET /v1/posts through app.request (member session: visibility, counts, authors, the member's own
 * reactions, JSON), the list query alone, filtered and searched pages, the public page (publishable
 * key), and — what the counters on the post row save — the same page with its counts computed by
 * COUNT subqueries instead; and a bare point select on the same database as the floor. p50 and p99
 * of REPEAT runs each. BENCH_FEED_DB=<file> keeps the loaded database for the next run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { operatorContext } from '../../server/core/context.js';
import { fixedClock } from '../../server/core/clock.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer } from '../../server/core/mail/transport.js';
import { parseMarkdown, plainText } from '../../server/core/rich-text/index.js';
import { indexText, tenantToken } from '../../server/core/search/japanese.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { members } from '../../server/db/schema.js';
import { createSession } from '../../server/modules/auth/sessions.js';
import { feedPage } from '../../server/modules/feed/list.js';
import { memberPostKinds } from '../../server/modules/feed/schema.js';
import { createApiKey, createTenant, getTenant, listTenants } from '../../server/modules/tenants/service.js';
import { stats, time } from './sample.js';

const BIG = Number(process.env.BENCH_FEED_POSTS ?? 100_000);
const SMALL = 1_000;
const REPEAT = Number(process.env.BENCH_FEED_REPEAT ?? 20);
const AUTHORS = 2_000;

const openings = ['転職しました', '新しい事業を始めました', '勉強会のお知らせ', '副業の相談です', '営業の仲間を探しています', 'Hello from Singapore', 'Looking for a designer', '工場見学のレポート'];
const details = ['法人営業の経験を活かして', 'IoT と生産技術の話をしませんか', 'Python と TypeScript の勉強会です', 'マーケティングのご相談に乗ります', 'We are hiring engineers in Osaka', '品質保証の知見を共有します'];
const tagPool = ['営業', '副業', '勉強会', 'IoT', 'design', '採用', '交流会', 'Python'];

/** Deterministic text for post `i`. */
const textOf = (i: number) => ({
  title: i % 3 === 0 ? null : `${openings[i % openings.length]} #${i}`,
  body: `${details[i % details.length]}。${openings[(i * 7) % openings.length]}。`,
  tags: [tagPool[i % tagPool.length]!, tagPool[(i * 5 + 3) % tagPool.length]!],
});

async function insertRows(db: Db, table: string, columns: string[], rows: unknown[][]) {
  const values = rows.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`), sql`, `)})`);
  await db.run(sql`insert into ${sql.identifier(table)} (${sql.raw(columns.join(', '))}) values ${sql.join(values, sql`, `)}`);
}

/** Posts (with tags and search rows), authored by AUTHORS members, then comments and reactions (the triggers count them). */
async function load(db: Db, tenantId: string, count: number, prefix: string) {
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const ids: string[] = [];
  const authors = Array.from({ length: Math.min(AUTHORS, count) }, (_, i) => `mem_${prefix}a${i}`);
  for (let i = 0; i < authors.length; i += 400) {
    const batch = authors.slice(i, i + 400).map((id, k) => [id, tenantId, `${id}@bench.example.jp`, 'approved', `投稿者 ${i + k}`, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z']);
    await insertRows(db, 'members', ['id', 'tenant_id', 'email', 'status', 'name', 'created_at', 'updated_at'], batch);
  }
  const [{ base }] = (await db.all<{ base: number }>(sql`select coalesce(max(doc_id), 0) as base from posts`)) as [{ base: number }];
  for (let i = 0; i < count; i += 200) {
    const n = Math.min(200, count - i);
    const posts: unknown[][] = [];
    const tags: unknown[][] = [];
    const search: unknown[][] = [];
    for (let k = 0; k < n; k++) {
      const j = i + k;
      const id = `pst_${prefix}${String(j).padStart(7, '0')}`;
      ids.push(id);
      const { title, body, tags: t } = textOf(j);
      const tree = parseMarkdown(body);
      const company = j % 10 === 0;
      const at = new Date(start + j * 60_000).toISOString();
      posts.push([id, tenantId, Number(base) + j + 1, company ? 'news' : memberPostKinds[j % 4], company ? 'company' : 'member', company ? null : authors[j % authors.length],
        title, body, JSON.stringify(tree), JSON.stringify(t), company && j % 20 === 0 ? 'public' : 'members', j === 5 ? 1 : 0, at, at, at]);
      for (const tag of t) tags.push([tenantId, id, tag.toLowerCase(), company ? 'news' : memberPostKinds[j % 4], j === 5 ? 1 : 0, at]);
      search.push([Number(base) + j + 1, tenantToken(tenantId), indexText(title ?? ''), indexText(plainText(tree)), indexText(t.join(' '))]);
    }
    await insertRows(db, 'posts', ['id', 'tenant_id', 'doc_id', 'kind', 'author_type', 'author_member_id', 'title', 'body_markdown', 'body', 'tags', 'audience', 'pinned', 'published_at', 'created_at', 'updated_at'], posts);
    await db.run(sql`insert or ignore into post_tags (tenant_id, post_id, tag, kind, pinned, published_at) values ${sql.join(tags.map((r) => sql`(${r[0]}, ${r[1]}, ${r[2]}, ${r[3]}, ${r[4]}, ${r[5]})`), sql`, `)}`);
    await insertRows(db, 'post_search', ['rowid', 'tenant', 'title', 'body', 'tags'], search);
  }
  // One comment and two reactions a post on average, spread unevenly over the newest posts.
  for (let i = 0; i < count; i += 200) {
    const comments: unknown[][] = [];
    const reactions: unknown[][] = [];
    for (let k = 0; k < Math.min(200, count - i); k++) {
      const j = i + k;
      const post = ids[(j * 7919) % count]!;
      const at = new Date(start + (count + j) * 1000).toISOString();
      comments.push([`cmt_${prefix}${j}`, tenantId, post, authors[(j * 13) % authors.length], 'いいですね', '{"version":1,"nodes":[]}', at, at]);
      reactions.push([tenantId, post, authors[(j * 17) % authors.length], 'like', at], [tenantId, post, authors[(j * 31 + 1) % authors.length], 'celebrate', at]);
    }
    await insertRows(db, 'post_comments', ['id', 'tenant_id', 'post_id', 'author_member_id', 'body_markdown', 'body', 'created_at', 'updated_at'], comments);
    await db.run(sql`insert or ignore into post_reactions (tenant_id, post_id, member_id, kind, created_at) values ${sql.join(reactions.map((r) => sql`(${r[0]}, ${r[1]}, ${r[2]}, ${r[3]}, ${r[4]})`), sql`, `)}`);
  }
  return authors[0]!;
}


/** The first page with its counts computed from the comment and reaction tables: what the counters on the row replace. */
function countedPage(db: Db, tenantId: string) {
  return db.all(sql`
    select p.id, (select count(*) from post_comments c where c.post_id = p.id and c.hidden_at is null) as comments,
      (select json_group_object(kind, n) from (select kind, count(*) as n from post_reactions r where r.post_id = p.id group by kind)) as reactions
    from posts p where p.tenant_id = ${tenantId} and p.status = 'published' and p.hidden_at is null
    order by p.pinned desc, p.published_at desc, p.id desc limit 21`);
}

export async function runFeedBench(): Promise<void> {
  const keep = process.env.BENCH_FEED_DB;
  const dir = keep ? undefined : mkdtempSync(join(tmpdir(), 'homecoming-bench-feed-'));
  const path = keep ?? join(dir!, 'feed.db');
  const reuse = keep !== undefined && existsSync(keep);
  const db = openDb(`file:${path}`);
  const now = new Date('2026-11-21T03:00:00.000Z');
  try {
    await migrateDb(db);
    const tenants: Record<'big' | 'small', { id: string; viewer: string }> = { big: { id: '', viewer: '' }, small: { id: '', viewer: '' } };
    for (const [key, count, name] of [['big', BIG, 'Bench Feed 大'], ['small', SMALL, 'Bench Feed 小']] as const) {
      let tenant = reuse ? (await listTenants(db)).find((t) => t.name === name) : undefined;
      if (!tenant) {
        tenant = await createTenant(db, now, { name, membershipPolicy: 'open' });
        await db.run(sql`pragma synchronous = off`);
        const wall = performance.now();
        await load(db, tenant.id, count, key === 'big' ? 'b' : 's');
        await db.run(sql`pragma synchronous = full`);
        console.log(`feed: ${count.toLocaleString('en')} posts loaded in ${((performance.now() - wall) / 1000).toFixed(1)} s (with their comments, reactions, tags and search rows)`);
      }
      tenants[key] = { id: tenant.id, viewer: key === 'big' ? 'mem_ba0' : 'mem_sa0' };
    }
    await db.run(sql`analyze`);
    const app = createApp({ db, config: loadConfig({}), mailer: outboxMailer(null, 'bench@homecoming.test'), clock: fixedClock(now), log: jsonLogger('silent') });
    const rows: Record<string, string>[] = [];
    const measure = async (label: string, run: (key: 'big' | 'small') => Promise<unknown>) => {
      for (const key of ['big', 'small'] as const) await run(key);
      const samples = { big: [] as number[], small: [] as number[] };
      for (let r = 0; r < REPEAT; r++) for (const key of ['big', 'small'] as const) samples[key].push(await time(() => run(key)));
      const [b, s] = [stats(samples.big), stats(samples.small)];
      rows.push({
        page: label,
        [`${BIG.toLocaleString('en')} posts p50 ms`]: b.median.toFixed(2),
        'p99 ms': b.p99.toFixed(2),
        [`${SMALL.toLocaleString('en')} posts p50 ms (baseline)`]: s.median.toFixed(2),
        'p99 ms ': s.p99.toFixed(2),
        'p50 big / baseline': `${(b.median / s.median).toFixed(2)}×`,
      });
    };
    const auth: Record<string, { token: string; pk: string; ctx: ReturnType<typeof operatorContext>; member: typeof members.$inferSelect }> = {};
    for (const key of ['big', 'small'] as const) {
      const tenant = (await getTenant(db, tenants[key].id))!;
      const ctx = operatorContext(db, tenant, { now });
      const [member] = await ctx.scoped.select(members, sql`${members.id} = ${tenants[key].viewer}`);
      auth[key] = { token: (await createSession(ctx, member!.id)).token, pk: (await createApiKey(ctx, { kind: 'publishable' })).key, ctx, member: member! };
    }
    const get = (key: 'big' | 'small', query: string, credential: 'token' | 'pk' = 'token') => async () => {
      const res = await app.request(`/v1/posts?limit=20${query}`, { headers: { authorization: `Bearer ${auth[key]![credential]}` } });
      if (res.status !== 200) throw new Error(`[homecoming] bench: ${res.status} ${await res.text()}`);
      return res.arrayBuffer();
    };
    await measure('GET /v1/posts, first page (member; counts, authors, own reactions)', (k) => get(k, '')());
    await measure('  the same, service call alone (feedPage)', (k) => feedPage(auth[k]!.ctx, { kind: 'member', member: auth[k]!.member }, { limit: 20 }));
    await measure('GET /v1/posts?kind=help', (k) => get(k, '&kind=help')());
    await measure('GET /v1/posts?tag=python', (k) => get(k, '&tag=python')());
    await measure('GET /v1/posts?q=勉強会 (search)', (k) => get(k, `&q=${encodeURIComponent('勉強会')}`)());
    await measure('GET /v1/posts, publishable key (public company posts)', (k) => get(k, '', 'pk')());
    await measure('GET /v1/posts?tag=python&kind=general', (k) => get(k, '&tag=python&kind=general')());
    // No post has both: post_tags' (tag, kind) index finds none at once.
    await measure('GET /v1/posts?tag=python&kind=help (matches none)', (k) => get(k, '&tag=python&kind=help')());
    await measure('GET /v1/posts?q=design&kind=promotion (search)', (k) => get(k, '&q=design&kind=promotion')());
    await measure('first page with counts by COUNT subqueries (not used)', (k) => countedPage(db, tenants[k].id));
    await measure('bare point select of one post (floor)', (k) => db.all(sql`select id from posts where id = ${`pst_${k === 'big' ? 'b' : 's'}0000042`}`));
    console.log(
      `feed, first page of 20 in a tenant with ${BIG.toLocaleString('en')} posts beside one with ${SMALL.toLocaleString('en')} (same database, same run). ` +
        'Comment and reaction counts are columns of the post kept by triggers; the row "by COUNT subqueries" computes them per page instead, the last row is a bare point select:',
    );
    console.table(rows);
  } finally {
    db.$client.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
