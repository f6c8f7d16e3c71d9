/**
 * Freshness across real API processes on one database (the file, or sqld over ws:// with
 * HOMECOMING_TEST_DB=sqld). Each process keeps publishable keys and public answers for a moment
 * (server/core/cache.ts): a change shows at once on the process that made it and within 1 s on the
 * other (test/helpers/freshness.ts has the cases).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { checkFreshness, freshnessCases, ORIGIN, type FreshnessCase } from '../helpers/freshness.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';
import { seedLoadTenant } from '../helpers/write-load.js';

describe(`freshness on ${testEngine}: two API processes on one database`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-freshness-'));
  let sqld: SqldServer | undefined;
  let db: Db;
  let apis: ApiProcess[] = [];
  let cases: FreshnessCase[] = [];

  before(async () => {
    let url = `file:${join(dir, 'freshness.db')}`;
    if (testEngine === 'sqld') {
      sqld = await startSqld();
      url = sqld.url;
    }
    db = openDb(url);
    await migrateDb(db);
    const env = { DATABASE_URL: url, SMTP_URL: '' };
    apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    cases = await freshnessCases(db, apis[0]!.url);
  });

  after(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('each change: at once on the process that made it, within 1 s on the other (writer alternating)', async () => {
    const lags: string[] = [];
    for (const [i, c] of cases.entries()) {
      const [writer, other] = i % 2 === 0 ? [apis[0]!, apis[1]!] : [apis[1]!, apis[0]!];
      const { lagMs } = await checkFreshness(c, writer.url, [other.url]);
      lags.push(`${c.name}: ${Math.round(lagMs[0]!)} ms`);
    }
    console.log(`[freshness ${testEngine}] seen by the other process after: ${lags.join('; ')}`);
  });

  it('a key created on one process works on the other at once', async () => {
    const t = await seedLoadTenant(db, 0);
    const events = (api: ApiProcess, key: string) =>
      fetch(`${api.url}/v1/events`, { headers: { authorization: `Bearer ${key}`, origin: ORIGIN } }).then((r) => r.status);
    const created = await fetch(`${apis[0]!.url}/v1/admin/keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.secretKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'publishable' }),
    });
    assert.equal(created.status, 201);
    const { key } = (await created.json()) as { key: string };
    assert.equal(await events(apis[1]!, key), 200);
    assert.equal(await events(apis[0]!, key), 200);
  });
});
