/**
 * What the API does when the database cannot answer, with real processes: several processes
 * migrating an empty database at once, a write lock held by someone else, and (on sqld) a server
 * that stops answering or goes away. The answer is always a 503 problem+json with Retry-After,
 * never a hang and never a 500, and the API recovers by itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createClient } from '@libsql/client';
import { operatorContext } from '../../server/core/context.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'homecoming-outage-'));
const sqlds: SqldServer[] = [];
let fileCount = 0;

async function emptyDatabase(): Promise<{ url: string; sqld?: SqldServer }> {
  if (testEngine === 'sqld') {
    const sqld = await startSqld();
    sqlds.push(sqld);
    return { url: sqld.url, sqld };
  }
  fileCount += 1;
  return { url: `file:${join(dir, `outage-${fileCount}.db`)}` };
}

after(async () => {
  await Promise.all(sqlds.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** Fetch with a generous client-side limit, so a hang shows as status 0 instead of stalling the test. */
async function call(url: string, init: RequestInit = {}) {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
  } catch (err) {
    return { status: 0, headers: new Headers(), body: String(err) };
  }
}

describe(`starting up on ${testEngine}`, () => {
  it('three rounds of two API processes starting together on an empty database: both come up every time', async () => {
    for (let round = 0; round < 3; round++) {
      const { url } = await emptyDatabase();
      const env = { DATABASE_URL: url, SMTP_URL: '' };
      const started = await Promise.allSettled([startApiProcess(env), startApiProcess(env)]);
      const up = started.filter((s): s is PromiseFulfilledResult<ApiProcess> => s.status === 'fulfilled').map((s) => s.value);
      const errors = started.filter((s): s is PromiseRejectedResult => s.status === 'rejected').map((s) => String(s.reason));
      try {
        assert.equal(up.length, 2, `round ${round}: ${errors.join('\n')}`);
        for (const api of up) assert.equal((await call(`${api.url}/health`)).status, 200);
      } finally {
        await Promise.all(up.map((a) => a.stop()));
      }
    }
  });
});

describe(`when the database cannot answer (${testEngine})`, () => {
  let url: string;
  let sqld: SqldServer | undefined;
  let db: Db;
  let api: ApiProcess;
  let token: string;
  let pk: string;

  before(async () => {
    ({ url, sqld } = await emptyDatabase());
    db = openDb(url);
    await migrateDb(db);
    const tenant = await createTenant(db, new Date(), { name: '障害株式会社', allowedOrigins: ['https://careers.example.jp'] });
    pk = (await createApiKey(operatorContext(db, tenant), { kind: 'publishable' })).key;
    token = await sessionFor(db, await createMember(db, tenant.id, { status: 'approved', name: '障害 太郎' }));
    api = await startApiProcess({ DATABASE_URL: url, SMTP_URL: '', DATABASE_TIMEOUT_MS: '1000' });
  });

  after(async () => {
    await api?.stop();
    db?.$client.close();
  });

  const patch = (title: string) =>
    call(`${api.url}/v1/me`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ currentTitle: title }),
    });

  it('a write lock held elsewhere past the deadline: 503 problem+json with Retry-After; reads go on; then writes recover', async () => {
    // Another client holds the write lock, as a long migration or a stuck tool would.
    const other = createClient({ url });
    const tx = await other.transaction('write');
    try {
      await tx.execute("UPDATE members SET current_title = 'held' WHERE 0");
      const res = await patch('待ち');
      assert.equal(res.status, 503, JSON.stringify(res.body));
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.equal(res.body.code, 'unavailable');
      assert.match(res.headers.get('retry-after') ?? '', /^\d+$/);
      if (testEngine === 'file') {
        // WAL: readers are not blocked by the writer.
        assert.equal((await call(`${api.url}/v1/events`, { headers: { authorization: `Bearer ${pk}` } })).status, 200);
      }
    } finally {
      await tx.rollback();
      other.close();
    }
    const res = await patch('復旧');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.profile.currentTitle, '復旧');
  });

  it('sqld stops answering (SIGSTOP), then resumes: 503s meanwhile, never a hang; then it works again', { skip: testEngine !== 'sqld' }, async () => {
    assert.ok(sqld?.pid);
    process.kill(sqld.pid, 'SIGSTOP');
    try {
      const write = await patch('停止中');
      const read = await call(`${api.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(write.status, 503, JSON.stringify(write.body));
      assert.equal(read.status, 503, JSON.stringify(read.body));
      assert.ok(write.headers.get('retry-after'));
    } finally {
      process.kill(sqld.pid, 'SIGCONT');
    }
    let res = await patch('再開');
    for (let i = 0; i < 20 && res.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 250));
      res = await patch('再開');
    }
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });
});
