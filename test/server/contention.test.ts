/**
 * The database under concurrent writes, with real processes: two API processes on one database
 * (the embedded file, or sqld over ws:// with HOMECOMING_TEST_DB=sqld), 20 members editing their
 * profiles for 15 s, and a 20,000-row roster import from the CLI at the same time. Then every process
 * must still write at once and see changes made elsewhere (a revoked key, a suspended member).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { rosterEntries } from '../../server/db/schema.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { runCli, startApiProcess, type ApiProcess } from '../helpers/processes.js';
import { patchMe, runWriteLoad, seedLoadTenant, summarize, timedFetch, writeRosterCsv, type LoadTenant } from '../helpers/write-load.js';

const WRITERS = 20;
const SECONDS = 15;
const ROSTER_ROWS = 20_000;

/** A fresh, empty database for this file alone: a temp file, or a sqld of its own. */
async function freshDatabase(dir: string): Promise<{ url: string; sqld?: SqldServer }> {
  if (testEngine === 'sqld') {
    const sqld = await startSqld();
    return { url: sqld.url, sqld };
  }
  return { url: `file:${join(dir, 'contention.db')}` };
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
  let t: LoadTenant;

  before(async () => {
    ({ url, sqld } = await freshDatabase(dir));
    db = openDb(url);
    await migrateDb(db);
    t = await seedLoadTenant(db, WRITERS + 2);
    writeRosterCsv(join(dir, 'roster.csv'), ROSTER_ROWS);
    const env = { DATABASE_URL: url, SMTP_URL: '', DATABASE_TIMEOUT_MS: '5000' };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
  });

  after(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`${WRITERS} writers for ${SECONDS} s and a ${ROSTER_ROWS}-row roster import: no 5xx, none slower than 10 s, nothing lost`, async () => {
    // Exports read several tables at once, which opens more than one connection in a process.
    for (const [i, api] of apis.entries()) {
      const res = await timedFetch(`${api.url}/v1/me/export`, { headers: { authorization: `Bearer ${t.members[i]!.token}` } });
      assert.equal(res.status, 200, res.detail);
    }
    const importing = runCli(['roster', 'import', '--tenant', t.tenantId, join(dir, 'roster.csv')], { DATABASE_URL: url });
    const load = await runWriteLoad(
      apis.map((a) => a.url),
      t.members.slice(0, WRITERS),
      SECONDS,
    );
    const cli = await importing;
    const s = summarize(load);
    console.log(`[contention ${testEngine}] ${s.writes} writes, ${s.ok} ok, ${s.errors} failed, p99 ${Math.round(s.p99)} ms, slowest ${Math.round(s.slowest)} ms`);
    const failures = load.outcomes.filter((o) => o.status >= 500 || o.status === 0);
    assert.equal(failures.length, 0, `5xx or no answer: ${JSON.stringify(failures.slice(0, 3))}\n${apis.map((a) => a.output()).join('\n').slice(0, 2000)}`);
    assert.equal(load.outcomes.filter((o) => o.ms > 10_000).length, 0, 'writes took longer than 10 s');
    assert.ok(s.ok > WRITERS, `only ${s.ok} writes succeeded`);
    assert.equal(cli.code, 0, cli.stderr.slice(-2000));
    const [imported] = await db.select({ n: count() }).from(rosterEntries).where(eq(rosterEntries.tenantId, t.tenantId));
    assert.equal(imported!.n, ROSTER_ROWS);
    // Every acknowledged write is there: each member's last 200 answer is what the database holds.
    for (const m of t.members.slice(0, WRITERS)) {
      const res = await fetch(`${apis[0]!.url}/v1/me`, { headers: { authorization: `Bearer ${m.token}` } });
      assert.equal((await res.json()).profile.currentTitle, load.lastWritten.get(m.id));
    }
  });

  it('afterwards every process writes at once and sees a key revoked by the CLI within 1 s', async () => {
    for (const [i, api] of apis.entries()) {
      const res = await patchMe(api.url, t.members[WRITERS]!.token, `その後 ${i}`);
      assert.equal(res.status, 200, res.detail);
    }
    const events = (api: ApiProcess) => fetch(`${api.url}/v1/events`, { headers: { authorization: `Bearer ${t.publishable.key}` } }).then((r) => r.status);
    for (const api of apis) assert.equal(await events(api), 200);
    const revoked = await runCli(['keys', 'revoke', '--tenant', t.tenantId, t.publishable.id], { DATABASE_URL: url });
    assert.equal(revoked.code, 0, revoked.stderr);
    for (const api of apis) assert.ok(await becomes(async () => (await events(api)) === 401, 1000), `${api.url} still accepts the revoked key`);
  });

  it('a member suspended through one process is refused by the other within 1 s', async () => {
    const member = t.members[WRITERS + 1]!;
    const me = (api: ApiProcess) => fetch(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${member.token}` } }).then((r) => r.status);
    assert.equal(await me(apis[1]!), 200);
    const res = await fetch(`${apis[0]!.url}/v1/admin/members/${member.id}/suspend`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '規約違反' }),
    });
    assert.equal(res.status, 200, await res.text());
    assert.ok(await becomes(async () => (await me(apis[1]!)) !== 200, 1000), 'the other process still accepts the suspended member');
  });
});
