/**
 * How cost grows with data: the public events list and the member directory with 1k, 10k and 100k
 * rows in one tenant, and one tenant among 100, through app.request (in process, a file database).
 * For each: a member session's request (never kept: every one queries the database) and the public
 * list to a publishable key (kept per tenant and URL, server/http/public-cache.ts). Events spread over
 * ten years, most of them past, as a long-lived network's are. BENCH_GROWTH_MAX caps the sizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createApp, type App } from '../../server/app.js';
import { fixedClock } from '../../server/core/clock.js';
import { operatorContext } from '../../server/core/context.js';
import { newId } from '../../server/core/ids.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer } from '../../server/core/mail/transport.js';
import { loadConfig } from '../../server/config.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { events, members } from '../../server/db/schema.js';
import { reindexTenant } from '../../server/modules/directory/search-index.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { sessionFor } from '../helpers/members.js';
import { generateMember, prng } from './directory.js';

const NOW = new Date('2026-11-21T03:00:00.000Z');
const ORIGIN = 'https://careers.example.jp';
const DAY = 86_400_000;
const WARM_UP = 20;

interface Setup {
  label: string;
  tenantId: string;
  pk: string;
  session: string;
}

async function seedTenant(db: Db, label: string, eventCount: number, memberCount: number, seed: number): Promise<Setup> {
  const tenant = await createTenant(db, NOW, { name: `Growth ${label}`, allowedOrigins: [ORIGIN], membershipPolicy: 'open' });
  const ctx = operatorContext(db, tenant, { now: NOW });
  const pk = (await createApiKey(ctx, { kind: 'publishable' })).key;
  const r = prng(seed);
  const ts = NOW.toISOString();
  for (let i = 0; i < eventCount; i += 500) {
    const rows = Array.from({ length: Math.min(500, eventCount - i) }, () => {
      // Ten years back to one ahead: about 9 in 10 are past.
      const startsAt = new Date(NOW.getTime() - 3650 * DAY + Math.floor(r.next() * 4015 * DAY));
      return {
        id: newId('evt'),
        tenantId: tenant.id,
        title: `勉強会 ${i}`,
        description: 'アルムナイ同士の勉強会です。',
        category: 'study_session' as const,
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        timeZone: 'Asia/Tokyo',
        status: 'published' as const,
        createdAt: ts,
        updatedAt: ts,
      };
    });
    await db.insert(events).values(rows);
  }
  for (let i = 0; i < memberCount; i += 400) {
    const rows = Array.from({ length: Math.min(400, memberCount - i) }, (_, k) => ({ ...generateMember(r, i + k, tenant.id, ts), id: newId('mem'), email: `m${i + k}-${seed}@growth.example.jp` }));
    await db.insert(members).values(rows);
  }
  await reindexTenant(db, tenant.id);
  const [viewer] = await db.select().from(members).where(sql`${members.tenantId} = ${tenant.id} and ${members.status} = 'approved'`).limit(1);
  return { label, tenantId: tenant.id, pk, session: await sessionFor(db, viewer!) };
}

function quantile(xs: number[], p: number) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

/** Wall time p50 / p99 and this process's CPU time p50 (ms): on a shared machine the CPU time says more. */
export interface Timing {
  p50: number;
  p99: number;
  cpu50: number;
}

async function timeRequests(app: App, path: string, token: string, repeat: number): Promise<Timing> {
  const wall: number[] = [];
  const cpu: number[] = [];
  // Twenty unmeasured requests first: the first sizes measured would otherwise pay for the JIT warming up.
  for (let i = 0; i < repeat + WARM_UP; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const res = await app.request(path, { headers: { authorization: `Bearer ${token}`, origin: ORIGIN } });
    if (res.status !== 200) throw new Error(`[homecoming] bench: ${path} ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
    const used = process.cpuUsage(c0);
    if (i < WARM_UP) continue;
    wall.push(performance.now() - t0);
    cpu.push((used.user + used.system) / 1000);
  }
  return { p50: quantile(wall, 0.5), p99: quantile(wall, 0.99), cpu50: quantile(cpu, 0.5) };
}

export interface GrowthRow {
  label: string;
  events: number;
  members: number;
  upcomingSession: Timing;
  pastSession: Timing;
  upcomingPublic: Timing;
  directoryFirstPage: Timing;
  directory2Char: Timing;
}

export async function runGrowthBench(): Promise<GrowthRow[]> {
  const max = Number(process.env.BENCH_GROWTH_MAX ?? 100_000);
  const repeat = Number(process.env.BENCH_GROWTH_REPEAT ?? 40);
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-growth-'));
  const db = openDb(`file:${join(dir, 'growth.db')}`);
  try {
    await migrateDb(db);
    await db.run(sql`pragma synchronous = off`);
    const sizes = [1_000, 10_000, 100_000].filter((n) => n <= max);
    const setups: (Setup & { events: number; members: number })[] = [];
    for (const [i, n] of sizes.entries()) {
      // Directory rows up to 10k here; the directory at 100k members has its own bench (directory.ts).
      const m = Math.min(n, 10_000);
      setups.push({ ...(await seedTenant(db, `${n.toLocaleString('en')} rows`, n, m, 100 + i)), events: n, members: m });
    }
    // 100 tenants of 1,000 events and 100 members each: the one measured is in the middle of them.
    let among: Setup | undefined;
    for (let i = 0; i < 100; i++) {
      const s = await seedTenant(db, '1,000 events in one of 100 tenants', 1_000, 100, 1000 + i);
      if (i === 50) among = s;
    }
    setups.push({ ...among!, events: 1_000, members: 100 });
    await db.run(sql`pragma synchronous = full`);
    await db.run(sql`analyze`);

    const app = createApp({ db, config: loadConfig({}), mailer: outboxMailer(null, 'bench@homecoming.test'), clock: fixedClock(NOW), log: jsonLogger('silent') });
    const rows: GrowthRow[] = [];
    for (const s of setups) {
      rows.push({
        label: s.label,
        events: s.events,
        members: s.members,
        upcomingSession: await timeRequests(app, '/v1/events?limit=20', s.session, repeat),
        pastSession: await timeRequests(app, '/v1/events?limit=20&when=past', s.session, repeat),
        upcomingPublic: await timeRequests(app, '/v1/events?limit=20', s.pk, repeat),
        directoryFirstPage: await timeRequests(app, '/v1/members?limit=20', s.session, repeat),
        directory2Char: await timeRequests(app, `/v1/members?limit=20&q=${encodeURIComponent('営業')}`, s.session, repeat),
      });
    }
    return rows;
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows as `npm run bench` prints them: p50 / p99 wall (cpu p50), ms. */
export function growthTable(rows: GrowthRow[]): string[][] {
  const f = (t: Timing) => `${t.p50.toFixed(2)} / ${t.p99.toFixed(2)} (${t.cpu50.toFixed(2)})`;
  return [
    ['tenant', 'events list, session', 'past events, session', 'events list, publishable key', 'directory first page', 'directory 営業'],
    ...rows.map((r) => [`${r.label} (${r.members.toLocaleString('en')} members)`, f(r.upcomingSession), f(r.pastSession), f(r.upcomingPublic), f(r.directoryFirstPage), f(r.directory2Char)]),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of growthTable(await runGrowthBench())) console.log(row.join(' | '));
}
