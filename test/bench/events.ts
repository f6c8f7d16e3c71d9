/**
 * Requests per second of the public read path (real HTTP, seeded demo data) next to a bare Hono JSON
 * route served the same way: the ceiling for this machine, this run. Measured: `/health` through the
 * whole middleware chain; `GET /v1/events` with a publishable key (a route declared `cache: 'public'`,
 * server/http/public-cache.ts), plain and to a client that accepts gzip. The servers run in a child
 * process so the load generator does not share their event loop.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../../server/config.js';
import { startApi } from '../../server/runtime.js';
import { seedDemo } from '../../server/demo/seed.js';
import type { Db } from '../../server/db/client.js';
import { members } from '../../server/db/schema.js';
import { startSqld } from '../helpers/db.js';
import { sessionFor } from '../helpers/members.js';

export interface LoadFigure {
  /** Mean requests per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** Non-2xx answers and connection errors: must be 0 for the figure to mean anything. */
  failures: number;
}

export interface EventsBenchResult {
  events: LoadFigure;
  /** The same list to a client that accepts gzip (a browser). */
  eventsGzip: LoadFigure;
  /** The public list of an API on sqld over ws:// (the same seed). */
  sqldEvents: LoadFigure;
  /** The list to a member session (never kept: every request queries), on the file and on sqld. */
  sessionEvents: LoadFigure;
  sqldSessionEvents: LoadFigure;
  health: LoadFigure;
  bare: LoadFigure;
  seconds: number;
  connections: number;
}

interface Targets {
  eventsUrl: string;
  sqldEventsUrl: string;
  sqldPublishableKey: string;
  sessionToken: string;
  sqldSessionToken: string;
  healthUrl: string;
  bareUrl: string;
  publishableKey: string;
  origin: string;
}

const ORIGIN = 'http://localhost:8080';

/** Child-process side: the real API over a fresh seeded database, and a bare Hono app, both on port 0. */
async function serveTargets(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-'));
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'bench.db')}`, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const api = await startApi(config, 0, '127.0.0.1');
  const demo = await seedDemo(api.deps.db, api.deps.clock.now(), { origins: [ORIGIN] });
  const sqld = await startSqld();
  const sqldApi = await startApi(loadConfig({ DATABASE_URL: sqld.url, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent' }), 0, '127.0.0.1');
  const sqldDemo = await seedDemo(sqldApi.deps.db, sqldApi.deps.clock.now(), { origins: [ORIGIN] });
  const memberSession = async (db: Db, tenantId: string) => {
    const [member] = await db.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.status, 'approved'))).limit(1);
    return sessionFor(db, member!);
  };

  const bareApp = new Hono().get('/', (c) => c.json({ data: [{ id: 'evt_1', title: 'hello' }], nextCursor: null }));
  const bare = await new Promise<ReturnType<typeof serve>>((ok) => {
    const s = serve({ fetch: bareApp.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  const address = bare.address();
  const barePort = typeof address === 'object' && address ? address.port : 0;

  const targets: Targets = {
    eventsUrl: `http://127.0.0.1:${api.port}/v1/events?limit=20`,
    sqldEventsUrl: `http://127.0.0.1:${sqldApi.port}/v1/events?limit=20`,
    sqldPublishableKey: sqldDemo.publishableKey,
    sessionToken: await memberSession(api.deps.db, demo.tenantId),
    sqldSessionToken: await memberSession(sqldApi.deps.db, sqldDemo.tenantId),
    healthUrl: `http://127.0.0.1:${api.port}/health`,
    bareUrl: `http://127.0.0.1:${barePort}/`,
    publishableKey: demo.publishableKey,
    origin: ORIGIN,
  };
  console.log(JSON.stringify(targets));
  // The parent closes stdin when it is done (or dies): then clean up and leave.
  process.stdin.resume();
  process.stdin.on('end', async () => {
    bare.close();
    await api.close();
    await sqldApi.close();
    await sqld.stop();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

async function load(url: string, headers: Record<string, string>, seconds: number, connections: number): Promise<LoadFigure> {
  const result = await autocannon({ url, headers, duration: seconds, connections });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
  };
}

const ROUNDS = 4;

/**
 * Each target for `seconds` in ROUNDS slices, in turn (A B C … A B C …), so a neighbour's burst on
 * this shared machine falls on every target alike; the figures are over all slices (p50 and p99: the
 * worst slice's).
 */
async function runsInTurn(runs: [string, Record<string, string>][], seconds: number, connections: number): Promise<LoadFigure[]> {
  const rounds: LoadFigure[][] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const figures: LoadFigure[] = [];
    for (const [url, headers] of runs) figures.push(await load(url, headers, seconds / ROUNDS, connections));
    rounds.push(figures);
  }
  return runs.map((_, i) => {
    const slices = rounds.map((r) => r[i]!);
    return {
      rps: slices.reduce((n, f) => n + f.rps, 0) / slices.length,
      p50: Math.max(...slices.map((f) => f.p50)),
      p99: Math.max(...slices.map((f) => f.p99)),
      requests: slices.reduce((n, f) => n + f.requests, 0),
      failures: slices.reduce((n, f) => n + f.failures, 0),
    };
  });
}

export async function runEventsBench(options: { seconds?: number; connections?: number } = {}): Promise<EventsBenchResult> {
  const seconds = options.seconds ?? 5;
  const connections = options.connections ?? 10;
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'serve'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  try {
    const line = await new Promise<string>((ok, fail) => {
      const rl = createInterface({ input: child.stdout! });
      rl.once('line', ok);
      child.once('exit', (code) => fail(new Error(`[homecoming] bench server exited with ${code}`)));
    });
    const targets = JSON.parse(line) as Targets;
    const eventHeaders = { authorization: `Bearer ${targets.publishableKey}`, origin: targets.origin };
    const gzipHeaders = { ...eventHeaders, 'accept-encoding': 'gzip, deflate, br' };
    const runs: [string, Record<string, string>][] = [
      [targets.bareUrl, {}],
      [targets.healthUrl, {}],
      [targets.eventsUrl, eventHeaders],
      [targets.eventsUrl, gzipHeaders],
      [targets.sqldEventsUrl, { authorization: `Bearer ${targets.sqldPublishableKey}`, origin: targets.origin }],
      [targets.eventsUrl, { authorization: `Bearer ${targets.sessionToken}`, origin: targets.origin }],
      [targets.sqldEventsUrl, { authorization: `Bearer ${targets.sqldSessionToken}`, origin: targets.origin }],
    ];
    // Warm every target up (JIT, the database's page cache) before anything is measured.
    for (const [url, headers] of runs) await load(url, headers, 1, connections);
    const [bare, health, events, eventsGzip, sqldEvents, sessionEvents, sqldSessionEvents] = await runsInTurn(runs, seconds, connections);
    return {
      events: events!,
      eventsGzip: eventsGzip!,
      sqldEvents: sqldEvents!,
      sessionEvents: sessionEvents!,
      sqldSessionEvents: sqldSessionEvents!,
      health: health!,
      bare: bare!,
      seconds,
      connections,
    };
  } finally {
    child.stdin!.end();
    await new Promise((ok) => (child.exitCode !== null ? ok(null) : child.once('exit', ok)));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === 'serve') {
  await serveTargets();
}
