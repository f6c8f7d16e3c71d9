/**
 * Directory search at 100,000 members in one tenant: the FTS5 bigram index (the real
 * GET /v1/members path, and the service call alone) next to a plain LIKE '%q%' scan over the same
 * columns of the same data, in the same run. Prints median and p99 per kind of query.
 */
import { getTenant } from '../../server/modules/tenants/service.js';
import { operatorContext } from '../../server/core/context.js';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { members, type OpenToFlag } from '../../server/db/schema.js';
import { fixedClock } from '../../server/core/clock.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer } from '../../server/core/mail/transport.js';
import { ftsQuery } from '../../server/core/search/japanese.js';
import { reindexTenant } from '../../server/modules/directory/search-index.js';
import { searchDirectory, type DirectoryQuery } from '../../server/modules/directory/service.js';
import { createTenant, listTenants } from '../../server/modules/tenants/service.js';
import { createSession } from '../../server/modules/auth/sessions.js';
import { stats, time } from './sample.js';

const MEMBERS = Number(process.env.BENCH_DIRECTORY_MEMBERS ?? 100_000);
const BENCH_TENANT = 'Bench 株式会社';
// 20 rounds: 100 samples for a kind of five queries, so its p99 is not simply the slowest one.
const REPEAT = Number(process.env.BENCH_DIRECTORY_REPEAT ?? 20);

/** Small deterministic PRNG (mulberry32), so every run measures the same data. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const some = <T>(xs: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(next() * max) }, () => pick(xs)))];
  return { next, pick, some };
}

const surnames = [
  ['佐藤', 'さとう'], ['鈴木', 'すずき'], ['高橋', 'たかはし'], ['田中', 'たなか'], ['伊藤', 'いとう'], ['渡辺', 'わたなべ'],
  ['山本', 'やまもと'], ['中村', 'なかむら'], ['小林', 'こばやし'], ['加藤', 'かとう'], ['吉田', 'よしだ'], ['山田', 'やまだ'],
  ['佐々木', 'ささき'], ['山口', 'やまぐち'], ['松本', 'まつもと'], ['井上', 'いのうえ'], ['木村', 'きむら'], ['林', 'はやし'],
  ['斎藤', 'さいとう'], ['清水', 'しみず'], ['山崎', 'やまざき'], ['森', 'もり'], ['池田', 'いけだ'], ['橋本', 'はしもと'],
  ['阿部', 'あべ'], ['石川', 'いしかわ'], ['前田', 'まえだ'], ['藤田', 'ふじた'], ['小川', 'おがわ'], ['岡田', 'おかだ'],
] as const;
const givenNames = [
  ['太郎', 'たろう'], ['花子', 'はなこ'], ['健', 'けん'], ['美咲', 'みさき'], ['大輔', 'だいすけ'], ['結衣', 'ゆい'],
  ['翔太', 'しょうた'], ['陽菜', 'ひな'], ['亮', 'りょう'], ['葵', 'あおい'], ['拓也', 'たくや'], ['彩', 'あや'],
  ['直樹', 'なおき'], ['舞', 'まい'], ['健二', 'けんじ'], ['由美', 'ゆみ'], ['誠', 'まこと'], ['愛', 'あい'],
  ['浩', 'ひろし'], ['真由美', 'まゆみ'], ['海斗', 'かいと'], ['さくら', 'さくら'], ['隆', 'たかし'], ['恵', 'めぐみ'],
] as const;
const westernFirst = ['Emily', 'James', 'Sarah', 'Michael', 'Olivia', 'Daniel', 'Sophie', 'David', 'Grace', 'Lucas', 'Hannah', 'Ethan'];
const westernLast = ['Smith', 'Johnson', 'Clark', 'Brown', 'Kim', 'Nguyen', 'Garcia', 'Miller', 'Wilson', 'Taylor', 'Lee', 'Martin'];
const departments = [
  '法人営業部', '営業企画部', '海外営業部', '開発本部', '研究開発部', '生産技術部', '品質保証部', '人事部', '経理部',
  '広報部', '経営企画部', '情報システム部', 'マーケティング部', '購買部', 'Global Marketing', 'Supply Chain', 'Corporate IT',
];
const titles = [
  '営業担当', '営業課長', 'エンジニア', 'シニアエンジニア', '主任', '係長', '課長', '部長', 'マネージャー', '研究員',
  'プロダクトマネージャー', 'デザイナー', 'Sales Manager', 'Software Engineer', 'Marketing Manager', 'Product Owner',
];
const companies = [
  '株式会社ソラ', '株式会社ヒトノワ', 'Northwind Robotics', 'Pacific Components', '鈴木会計事務所', 'フリーランス',
  '株式会社アオバ', 'みらい銀行', 'Acme Corp', 'Globex Japan', '東都電機', '大和ソリューションズ', 'Initech', '合同会社ハレ',
  '株式会社グリーンフィールド', '日本ロジテック', 'Contoso KK', '株式会社ユニバース',
];
const currentTitles = ['代表', '事業開発マネージャー', 'CTO', 'HRBP', 'コンサルタント', 'テックリード', 'Head of Sales', 'Director', '経理課長', 'UXデザイナー'];
const skills = [
  '法人営業', '事業開発', 'Salesforce', '生産技術', 'IoT', 'Python', 'TypeScript', 'Go', 'Java', 'React', '経理', '税務',
  '採用', '組織開発', '品質管理', 'ISO 9001', '英語', '中国語', 'UXデザイン', 'Figma', '広報', 'SNS運用', 'SAP', 'Procurement',
  'Marketing', 'Data Analysis', '機械学習', 'プロジェクトマネジメント', 'Kubernetes', 'AWS',
];
const interests = ['登山', '釣り', '料理', 'ヨガ', '将棋', 'サウナ', 'コーヒー', '読書', '子育て', 'running', 'photography', 'hiking', 'board games', 'ボランティア', '地域活性化'];
const locations = ['東京都', '神奈川県', '大阪府', '愛知県', '福岡県', '北海道', '京都府', '埼玉県', '千葉県', 'Singapore', 'Seoul', 'London', 'San Francisco'];
const bioParts = [
  '製造業向けの法人営業を長く担当しました。', '今は新規事業の立ち上げをしています。', '工場のIoT化とライン改善が専門です。',
  '副業・業務委託のお話があればぜひ。', 'スタートアップの経理・税務のご相談に乗ります。', '人事として採用と組織づくりに携わってきました。',
  '品質保証一筋です。', 'BtoB製品のUI改善ならお任せください。', '産学連携の共同研究を探しています。', 'また一緒に働ける機会を楽しみにしています。',
  'Led the overseas launch of our automation line.', 'Happy to mentor anyone moving into marketing.', 'Open to consulting on sourcing projects.',
  'I build data platforms for manufacturers.', 'Now running my own design studio.',
];
const openTo: OpenToFlag[] = ['rehire', 'side_job', 'mentoring', 'business', 'keep_in_touch'];

export function generateMember(r: ReturnType<typeof prng>, i: number, tenantId: string, ts: string): typeof members.$inferInsert {
  const western = r.next() < 0.12;
  const [sn, snKana] = r.pick(surnames);
  const [gn, gnKana] = r.pick(givenNames);
  const hide = r.next() < 0.1;
  const status = r.next() < 0.03 ? 'pending' : 'approved';
  const joinedYear = 1995 + Math.floor(r.next() * 25);
  return {
    id: `mem_bench${String(i).padStart(8, '0')}`,
    tenantId,
    email: `member${i}@bench.example.jp`,
    status,
    kind: r.next() < 0.08 ? 'employee' : 'alumni',
    name: western ? `${r.pick(westernFirst)} ${r.pick(westernLast)}` : `${sn} ${gn}`,
    nameKana: western ? '' : `${snKana} ${gnKana}`,
    joinedYear,
    leftYear: Math.min(2026, joinedYear + 2 + Math.floor(r.next() * 15)),
    lastDepartment: r.pick(departments),
    lastTitle: r.pick(titles),
    currentCompany: r.pick(companies),
    currentTitle: r.pick(currentTitles),
    location: r.pick(locations),
    skills: r.some(skills, 4),
    interests: r.some(interests, 2),
    bio: r.some(bioParts, 3).join(''),
    openTo: r.some(openTo, 2),
    unlisted: r.next() < 0.02,
    visibility: hide ? { currentCompany: 'company', bio: 'nobody' } : {},
    createdAt: ts,
    updatedAt: ts,
  };
}

/** The baseline: what one would write without an index, over the same columns, for the same page. */
async function likeScan(db: Db, tenantId: string, q: string, limit: number): Promise<string[]> {
  const p = `%${q}%`;
  const rows = await db.all<{ id: string }>(sql`
    select id from members
    where tenant_id = ${tenantId} and status = 'approved' and unlisted = 0
      and (name like ${p} or name_kana like ${p} or last_department like ${p} or current_company like ${p}
        or last_title like ${p} or current_title like ${p} or skills like ${p} or interests like ${p} or bio like ${p})
    order by name_kana, id
    limit ${limit + 1}`);
  return rows.map((r) => r.id);
}

/**
 * The ordering we measured and dropped: bm25 relevance (weighted by column) has to score every
 * matching row before it can return the first page.
 */
async function bm25Search(db: Db, tenantId: string, q: string, limit: number): Promise<string[]> {
  const match = ftsQuery(q);
  if (!match) return [];
  const rows = await db.all<{ member_id: string }>(sql`
    select e.member_id as member_id
    from directory_search s join directory_entries e on e.doc_id = s.rowid
    where directory_search match ${match} and e.tenant_id = ${tenantId}
    order by bm25(directory_search, 0.0, 10.0, 8.0, 3.0, 4.0, 4.0, 4.0, 2.0, 1.0), e.member_id
    limit ${limit + 1}`);
  return rows.map((r) => r.member_id);
}


interface Case {
  kind: string;
  query: Omit<DirectoryQuery, 'limit'>;
  /** The text a LIKE scan would look for; none for filter-only cases. */
  like?: string;
}

const cases: Case[] = [
  ...['営業', '田中', '開発', '品質', '人事'].map((q) => ({ kind: '2-char Japanese', query: { q }, like: q })),
  ...['法人営業', '事業開発', 'マーケティング', '生産技術', 'さとう'].map((q) => ({ kind: '3+ char Japanese', query: { q }, like: q })),
  ...['mark', 'sales', 'typescr', 'engin', 'smith'].map((q) => ({ kind: 'English prefix', query: { q }, like: q })),
  ...['田中 営業', 'python 開発', 'marketing singapore'].map((q) => ({ kind: 'two terms', query: { q } })),
  { kind: 'filters only', query: { department: '営業' } },
  { kind: 'filters only', query: { skill: 'python' } },
  { kind: 'filters only', query: { openTo: ['rehire'], leftYearFrom: 2015 } },
  { kind: 'filters only', query: { company: 'ソラ', kind: 'alumni' } },
  { kind: 'q + filters', query: { q: '営業', leftYearFrom: 2010, leftYearTo: 2020 } },
  { kind: 'q + filters', query: { q: 'engineer', openTo: ['side_job'] } },
  { kind: 'no query (first page)', query: {} },
];

async function load(db: Db, tenantId: string, now: Date) {
  const r = prng(20261121);
  const ts = now.toISOString();
  const batch = 400;
  for (let i = 0; i < MEMBERS; i += batch) {
    const rows = Array.from({ length: Math.min(batch, MEMBERS - i) }, (_, k) => generateMember(r, i + k, tenantId, ts));
    await db.insert(members).values(rows);
  }
}

/**
 * BENCH_DIRECTORY_DB=path keeps the built database at `path` and reuses it on the next run (for
 * trying out index changes without rebuilding); by default a temporary file is built and removed.
 */
export async function runDirectoryBench(): Promise<void> {
  const keep = process.env.BENCH_DIRECTORY_DB;
  const dir = keep ? undefined : mkdtempSync(join(tmpdir(), 'homecoming-bench-dir-'));
  const path = keep ?? join(dir!, 'bench.db');
  const reuse = keep !== undefined && existsSync(keep);
  const db = openDb(`file:${path}`);
  try {
    await migrateDb(db);
    const now = new Date('2026-11-21T03:00:00.000Z');
    let tenant = reuse ? (await listTenants(db)).find((t) => t.name === BENCH_TENANT) : undefined;
    if (!tenant) {
      tenant = await createTenant(db, now, { name: BENCH_TENANT, allowedOrigins: [], membershipPolicy: 'open' });
      // CPU time next to wall time: on a shared machine the wall time says more about the neighbours.
      const phase = async <T>(fn: () => Promise<T>) => {
        const wall = performance.now();
        const cpu = process.cpuUsage();
        const value = await fn();
        const used = process.cpuUsage(cpu);
        return { value, text: `${((performance.now() - wall) / 1000).toFixed(1)} s (cpu ${((used.user + used.system) / 1e6).toFixed(1)} s)` };
      };
      // Building the fixture is not what is measured: skip the fsync on every batch's commit.
      await db.run(sql`pragma synchronous = off`);
      const loaded = await phase(() => load(db, tenant!.id, now));
      const indexed = await phase(() => reindexTenant(db, tenant!.id));
      await db.run(sql`pragma synchronous = full`);
      await db.run(sql`analyze`);
      console.log(
        `directory: ${MEMBERS.toLocaleString('en')} members (${indexed.value.toLocaleString('en')} listed) loaded in ${loaded.text}, indexed in ${indexed.text}`,
      );
    }
    const tenantId = tenant.id;

    const clock = fixedClock(now);
    const app = createApp({
      db,
      config: loadConfig({}),
      mailer: outboxMailer(null, 'bench@homecoming.test'),
      clock,
      log: jsonLogger('silent'),
    });
    const [viewer] = await db.select().from(members).where(sql`${members.tenantId} = ${tenantId} and ${members.status} = 'approved'`).limit(1);
    const ctx = operatorContext(db, (await getTenant(db, tenantId))!, { now });
    const { token } = await createSession(ctx, viewer!.id);
    const headers = { authorization: `Bearer ${token}` };
    const urlOf = (query: Case['query']) => {
      const params = new URLSearchParams({ limit: '20' });
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, Array.isArray(v) ? v.join(',') : String(v));
      return `/v1/members?${params}`;
    };

    const byKind = new Map<string, { service: number[]; http: number[]; like: number[]; bm25: number[] }>();
    // One warm-up pass so the first measured query pays neither for cold pages nor for the route's JIT.
    for (const c of cases) {
      await searchDirectory(ctx, { limit: 20, ...c.query });
      await (await app.request(urlOf(c.query), { headers })).arrayBuffer();
      if (c.like) await likeScan(db, tenantId, c.like, 20);
    }
    for (let rep = 0; rep < REPEAT; rep++) {
      for (const c of cases) {
        const row = byKind.get(c.kind) ?? { service: [], http: [], like: [], bm25: [] };
        byKind.set(c.kind, row);
        row.service.push(await time(() => searchDirectory(ctx, { limit: 20, ...c.query })));
        row.http.push(
          await time(async () => {
            const res = await app.request(urlOf(c.query), { headers });
            if (res.status !== 200) throw new Error(`[homecoming] bench: ${res.status} ${await res.text()}`);
            await res.arrayBuffer();
          }),
        );
        if (c.like) {
          row.like.push(await time(() => likeScan(db, tenantId, c.like!, 20)));
          row.bm25.push(await time(() => bm25Search(db, tenantId, c.like!, 20)));
        }
      }
    }

    const ms = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));
    const table = [...byKind].map(([kind, row]) => {
      const s = stats(row.service);
      const h = stats(row.http);
      const l = row.like.length ? stats(row.like) : undefined;
      const b = row.bm25.length ? stats(row.bm25) : undefined;
      return {
        query: kind,
        'FTS median ms': ms(s.median),
        'FTS p99 ms': ms(s.p99),
        'HTTP median ms': ms(h.median),
        'HTTP p99 ms': ms(h.p99),
        'LIKE median ms': ms(l?.median),
        'LIKE p99 ms': ms(l?.p99),
        'LIKE/FTS': l ? `${(l.median / s.median).toFixed(0)}×` : '—',
        'bm25 median ms': ms(b?.median),
        runs: s.n,
      };
    });
    console.log(
      `directory search, ${MEMBERS.toLocaleString('en')} members in one tenant, first page of 20. FTS = searchDirectory (bigram FTS5 index); ` +
        `HTTP = GET /v1/members through app.request (session, cards, JSON); LIKE = '%q%' scan of the same columns, same data, same run; bm25 = the relevance ordering we measured and dropped:`,
    );
    console.table(table);
  } finally {
    db.$client.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runDirectoryBench();
}
