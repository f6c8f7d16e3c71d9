/**
 * The database under concurrent writes, with real processes: two API processes on one database
 * (the embedded file, or sqld over ws:// with HOMECOMING_TEST_DB=sqld), 20 members editing their
 * profiles for 15 s, and a 20,000-row roster import from the CLI at the same time. Then every process
 * must still write at once and see changes made elsewhere (a revoked key, a suspended member).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { rosterEntries } from '../../server/db/schema/index.js';
import { createApiKey, createTenant } from '../../server/services/tenants.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { runCli, startApiProcess, type ApiProcess } from '../helpers/processes.js';

const WRITERS = 20;
const SECONDS = 15;
const ROSTER_ROWS = 20_000;

interface Outcome {
  status: number;
  ms: number;
  detail?: string;
}

/** A fresh, empty database for this file alone: a temp file, or a sqld of its own. */
async function freshDatabase(dir: string): Promise<{ url: string; sqld?: SqldServer }> {
  if (testEngine === 'sqld') {
    const sqld = await startSqld();
    return { url: sqld.url, sqld };
  }
  return { url: `file:${join(dir, 'contention.db')}` };
}

async function timed(url: string, init: RequestInit): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t0, detail: res.status >= 500 ? text.slice(0, 200) : undefined };
  } catch (err) {
    return { status: 0, ms: performance.now() - t0, detail: String(err) };
  }
}

/** Polls `check` until it is true or `withinMs` has passed; returns whether it became true. */
async function becomes(check: () => Promise<boolean>, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe(`concurrent writes on ${testEngine}: two API processes and a CLI import`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-contention-'));
  let url: string;
  let sqld: SqldServer | undefined;
  let db: Db;
  let apis: ApiProcess[] = [];
  let tenantId: string;
  let pk: { id: string; key: string };
  let sk: string;
  const members: { id: string; token: string }[] = [];

  before(async () => {
    ({ url, sqld } = await freshDatabase(dir));
    db = openDb(url);
    await migrateDb(db);
    const now = new Date();
    const tenant = await createTenant(db, now, { name: '並行株式会社', allowedOrigins: ['https://careers.example.jp'], membershipPolicy: 'open' });
    tenantId = tenant.id;
    const p = await createApiKey(db, tenantId, now, { kind: 'publishable' });
    pk = { id: p.view.id, key: p.key };
    sk = (await createApiKey(db, tenantId, now, { kind: 'secret' })).key;
    for (let i = 0; i < WRITERS + 2; i++) {
      const m = await createMember(db, tenantId, { status: 'approved', name: `並行 ${i}` });
      members.push({ id: m.id, token: await sessionFor(db, m) });
    }
    const header = 'email,name,employeeNumber,department,joinedOn,leftOn,kind';
    const rows = Array.from({ length: ROSTER_ROWS }, (_, i) => `leaver${i}@example.jp,退職 ${i},E${100000 + i},営業部,2015-04-01,2023-03-31,alumni`);
    writeFileSync(join(dir, 'roster.csv'), [header, ...rows].join('\n'));
    const env = { DATABASE_URL: url, SMTP_URL: '', DATABASE_TIMEOUT_MS: '5000' };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  });

  after(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const patchMe = (api: ApiProcess, token: string, headline: string) =>
    timed(`${api.url}/v1/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ currentTitle: headline }),
    });

  it(`${WRITERS} writers for ${SECONDS} s and a ${ROSTER_ROWS}-row roster import: no 5xx, none slower than 10 s, nothing lost`, async () => {
    // Exports read several tables at once, which opens more than one connection in a process.
    for (const [i, api] of apis.entries()) {
      const res = await timed(`${api.url}/v1/me/export`, { headers: { authorization: `Bearer ${members[i]!.token}` } });
      assert.equal(res.status, 200, res.detail);
    }
    const importing = runCli(['roster', 'import', '--tenant', tenantId, join(dir, 'roster.csv')], { DATABASE_URL: url });
    const end = Date.now() + SECONDS * 1000;
    const outcomes: Outcome[] = [];
    const lastWritten = new Map<string, string>();
    await Promise.all(
      members.slice(0, WRITERS).map(async (m, i) => {
        const api = apis[i % apis.length]!;
        for (let n = 0; Date.now() < end; n++) {
          const headline = `書き込み ${i}-${n}`;
          const res = await patchMe(api, m.token, headline);
          outcomes.push(res);
          if (res.status === 200) lastWritten.set(m.id, headline);
        }
      }),
    );
    const cli = await importing;
    const failures = outcomes.filter((o) => o.status >= 500 || o.status === 0);
    const slow = outcomes.filter((o) => o.ms > 10_000);
    const ok = outcomes.filter((o) => o.status === 200).length;
    console.log(`[contention ${testEngine}] ${outcomes.length} writes, ${ok} ok, ${failures.length} failed, slowest ${Math.round(Math.max(...outcomes.map((o) => o.ms)))} ms`);
    assert.equal(failures.length, 0, `5xx or no answer: ${JSON.stringify(failures.slice(0, 3))}\n${apis.map((a) => a.output()).join('\n').slice(0, 2000)}`);
    assert.equal(slow.length, 0, `${slow.length} writes took longer than 10 s`);
    assert.ok(ok > WRITERS, `only ${ok} writes succeeded`);
    assert.equal(cli.code, 0, cli.stderr.slice(-2000));
    const [imported] = await db.select({ n: count() }).from(rosterEntries).where(eq(rosterEntries.tenantId, tenantId));
    assert.equal(imported!.n, ROSTER_ROWS);
    // Every acknowledged write is there: each member's last 200 answer is what the database holds.
    for (const m of members.slice(0, WRITERS)) {
      const res = await fetch(`${apis[0]!.url}/v1/me`, { headers: { authorization: `Bearer ${m.token}` } });
      assert.equal((await res.json()).profile.currentTitle, lastWritten.get(m.id));
    }
  });

  it('afterwards every process writes at once and sees a key revoked by the CLI within 1 s', async () => {
    for (const [i, api] of apis.entries()) {
      const res = await patchMe(api, members[WRITERS]!.token, `その後 ${i}`);
      assert.equal(res.status, 200, res.detail);
    }
    const events = (api: ApiProcess) => fetch(`${api.url}/v1/events`, { headers: { authorization: `Bearer ${pk.key}` } }).then((r) => r.status);
    for (const api of apis) assert.equal(await events(api), 200);
    const revoked = await runCli(['keys', 'revoke', '--tenant', tenantId, pk.id], { DATABASE_URL: url });
    assert.equal(revoked.code, 0, revoked.stderr);
    for (const api of apis) assert.ok(await becomes(async () => (await events(api)) === 401, 1000), `${api.url} still accepts the revoked key`);
  });

  it('a member suspended through one process is refused by the other within 1 s', async () => {
    const member = members[WRITERS + 1]!;
    const me = (api: ApiProcess) => fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${member.token}` } }).then((r) => r.status);
    assert.equal(await me(apis[1]!), 200);
    const res = await fetch(`${apis[0]!.url}/v1/admin/members/${member.id}/suspend`, { method: 'POST', headers: { authorization: `Bearer ${sk}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: '規約違反' }) });
    assert.equal(res.status, 200, await res.text());
    assert.ok(await becomes(async () => (await me(apis[1]!)) !== 200, 1000), 'the other process still accepts the suspended member');
  });
});
