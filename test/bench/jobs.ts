/**
 * Job search at 10,000 jobs in one tenant (the bigram FTS5 index, through GET /v1/jobs and the service
 * alone), beside — in the same run, on the same database file — the directory's search at 10,000
 * members (GET /v1/members, the index the job board copies) and a plain LIKE '%q%' scan of the jobs.
 * BENCH_JOBS sets the number of jobs and of members (default 10,000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { fixedClock } from '../../server/core/clock.js';
import { operatorContext } from '../../server/core/context.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer } from '../../server/core/mail/transport.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { members } from '../../server/db/schema.js';
import { createSession } from '../../server/modules/auth/sessions.js';
import { reindexTenant } from '../../server/modules/directory/search-index.js';
import { employmentTypes, remotePolicies } from '../../server/modules/jobs/schema.js';
import { createJob, listJobs, type JobInput, type JobListQuery } from '../../server/modules/jobs/service.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { generateMember, prng } from './directory.js';
import { stats, time } from './sample.js';

const N = Number(process.env.BENCH_JOBS ?? 10_000);
const REPEAT = Number(process.env.BENCH_JOBS_REPEAT ?? 10);

const roles = [
  '法人営業', '海外営業', '営業企画', '生産技術エンジニア', '品質保証', 'データ分析', 'UIデザイン', '経理', '人事', '広報',
  '組込みソフトウェア開発', '研究開発', 'Software Engineer', 'Marketing Manager', 'Sales Engineer', 'Product Designer',
];
const depts = ['営業本部', '海外事業部', '開発本部', '生産技術部', '品質保証部', 'デザイン室', '経理部', '人事部', '広報部', 'Global Marketing'];
const places = ['東京都港区', '大阪府東大阪市', '愛知県名古屋市', '福岡県福岡市', 'フルリモート', 'Singapore'];
const sentences = [
  '協働ロボットを導入いただいているお客さまを担当します。', '工場の自動化ラインの立ち上げを進めます。', '新規事業の立ち上げをご一緒ください。',
  '週 1 日からの副業も歓迎します。', 'データ分析の基盤づくりを担当します。', 'チームの育成もお願いします。', '品質管理の仕組みを見直します。',
  'Lead the launch of our automation line overseas.', 'Work with our design team on factory apps.', 'Build data pipelines for manufacturers.',
];

function generateJob(r: ReturnType<typeof prng>, i: number): JobInput {
  return {
    title: `${r.pick(roles)}（${['カムバック採用', '副業', '業務委託', '契約社員'][i % 4]}）`,
    department: r.pick(depts),
    location: r.pick(places),
    remotePolicy: r.pick(remotePolicies),
    employmentType: r.pick(employmentTypes),
    description: `## 仕事内容\n\n${r.some(sentences, 4).join('')}\n\n- ${r.pick(sentences)}\n- ${r.pick(sentences)}`,
    requirements: `- ${r.pick(roles)}の経験`,
    visibility: r.next() < 0.1 ? 'members' : 'public',
    status: r.next() < 0.9 ? 'open' : 'closed',
  };
}


/** What one would write without an index: '%q%' over title and description, open public jobs, newest first. */
async function likeScan(db: Db, tenantId: string, q: string): Promise<unknown[]> {
  const p = `%${q}%`;
  return db.all(sql`select id from jobs where tenant_id = ${tenantId} and status = 'open' and visibility = 'public'
    and (title like ${p} or department like ${p} or location like ${p} or description_md like ${p} or requirements_md like ${p})
    order by opened_at desc, id desc limit 21`);
}

interface Case {
  kind: string;
  query: Omit<JobListQuery, 'limit'>;
}

const cases: Case[] = [
  ...['営業', '開発', '品質', '経理', '人事'].map((q) => ({ kind: '2-char Japanese', query: { q } })),
  ...['法人営業', '生産技術', 'データ分析', 'デザイン'].map((q) => ({ kind: '3+ char Japanese', query: { q } })),
  ...['engin', 'market', 'sales', 'design'].map((q) => ({ kind: 'English prefix', query: { q } })),
  // Words no job has: a LIKE scan reads every row before it knows; the index knows at once.
  ...['該当なし', 'kubernetes'].map((q) => ({ kind: 'no match', query: { q } })),
  { kind: 'filters only', query: { type: 'side_job' } },
  { kind: 'filters only', query: { department: '営業' } },
  { kind: 'filters only', query: { remote: 'remote', location: '東京' } },
  { kind: 'q + filters', query: { q: '営業', type: 'rehire' } },
  { kind: 'no query (first page)', query: {} },
];

export interface JobsBenchRow {
  query: string;
  jobsMedian: number;
  jobsP99: number;
  httpMedian: number;
  likeMedian?: number;
  directoryMedian?: number;
}

export async function runJobsBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-jobs-'));
  const db = openDb(`file:${join(dir, 'bench.db')}`);
  try {
    await migrateDb(db);
    const now = new Date('2026-11-21T03:00:00.000Z');
    const tenant = await createTenant(db, now, { name: 'Jobs Bench 株式会社', allowedOrigins: [], membershipPolicy: 'open' });
    await db.run(sql`pragma synchronous = off`);
    const r = prng(20261122);
    const t0 = performance.now();
    // Each job through the service, as the admin API writes it (markdown parsed, index in the same batch), a second apart.
    for (let i = 0; i < N; i++) await createJob(operatorContext(db, tenant, { now: new Date(now.getTime() + i * 1000) }), generateJob(r, i));
    const jobsSeconds = (performance.now() - t0) / 1000;
    const ts = now.toISOString();
    for (let i = 0; i < N; i += 400) await db.insert(members).values(Array.from({ length: Math.min(400, N - i) }, (_, k) => generateMember(r, i + k, tenant.id, ts)));
    await reindexTenant(db, tenant.id);
    await db.run(sql`pragma synchronous = full`);
    await db.run(sql`analyze`);
    console.log(`jobs: ${N.toLocaleString('en')} jobs written through the service (parse + index) in ${jobsSeconds.toFixed(1)} s (${((jobsSeconds * 1000) / N).toFixed(2)} ms each); ${N.toLocaleString('en')} directory members beside them`);

    const app = createApp({ db, config: loadConfig({}), mailer: outboxMailer(null, 'bench@homecoming.test'), clock: fixedClock(new Date(now.getTime() + N * 1000)), log: jsonLogger('silent') });
    const ctx = operatorContext(db, tenant, { now: new Date(now.getTime() + N * 1000) });
    const pk = (await createApiKey(ctx, { kind: 'publishable' })).key;
    const [viewer] = await db.select().from(members).where(sql`${members.tenantId} = ${tenant.id} and ${members.status} = 'approved'`).limit(1);
    const session = (await createSession(ctx, viewer!.id)).token;
    const get = async (url: string, token: string) => {
      const res = await app.request(url, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`[homecoming] bench: ${url} → ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const params = (q: Case['query']) => new URLSearchParams({ limit: '20', ...Object.fromEntries(Object.entries(q).map(([k, v]) => [k, String(v)])) });

    const rows = new Map<string, { service: number[]; http: number[]; like: number[]; directory: number[] }>();
    for (const c of cases) await listJobs(ctx, { limit: 20, ...c.query }, { members: false }); // warm-up
    for (let rep = 0; rep < REPEAT; rep++) {
      for (const c of cases) {
        const row = rows.get(c.kind) ?? { service: [], http: [], like: [], directory: [] };
        rows.set(c.kind, row);
        row.service.push(await time(() => listJobs(ctx, { limit: 20, ...c.query }, { members: false })));
        row.http.push(await time(() => get(`/v1/jobs?${params(c.query)}`, pk)));
        if (c.query.q && !c.query.type) {
          row.like.push(await time(() => likeScan(db, tenant.id, c.query.q!)));
          row.directory.push(await time(() => get(`/v1/members?limit=20&q=${encodeURIComponent(c.query.q!)}`, session)));
        }
      }
    }
    const ms = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));
    console.log(
      `job search, ${N.toLocaleString('en')} jobs in one tenant, first page of 20. FTS = listJobs (bigram FTS5); HTTP = GET /v1/jobs (publishable key, JSON); ` +
        `LIKE = '%q%' over the same text, same data, same run; directory = GET /v1/members?q= over ${N.toLocaleString('en')} members, same run (the baseline the board copies):`,
    );
    console.table(
      [...rows].map(([kind, row]) => {
        const s = stats(row.service);
        const h = stats(row.http);
        const l = row.like.length ? stats(row.like) : undefined;
        const d = row.directory.length ? stats(row.directory) : undefined;
        return {
          query: kind,
          'FTS median ms': ms(s.median),
          'FTS p99 ms': ms(s.p99),
          'HTTP median ms': ms(h.median),
          'HTTP p99 ms': ms(h.p99),
          'LIKE median ms': ms(l?.median),
          'directory HTTP median ms': ms(d?.median),
          'jobs HTTP / directory HTTP': d ? `${(h.median / d.median).toFixed(2)}×` : '—',
        };
      }),
    );
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runJobsBench();
