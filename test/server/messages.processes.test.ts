/**
 * Two real API processes on one database: a message sent through one arrives on streams opened on
 * the other (and on the same one), each once; a process shutting down ends its streams instead of
 * hanging on them.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { operatorContext } from '../../server/core/context.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { startSqld, testEngine, type SqldServer } from '../helpers/db.js';
import { readStream } from '../helpers/message-stream.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { startApiProcess, type ApiProcess } from '../helpers/processes.js';

describe(`message streams across processes (${testEngine})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-messages-'));
  let sqld: SqldServer | undefined;
  let url: string;
  let db: Db;
  let apis: ApiProcess[] = [];
  const origin = 'https://careers.messages.example.jp';
  let tenantId: string;

  before(async () => {
    if (testEngine === 'sqld') {
      sqld = await startSqld();
      url = sqld.url;
    } else {
      url = `file:${join(dir, 'messages.db')}`;
    }
    db = openDb(url);
    await migrateDb(db);
    const row = await createTenant(db, new Date(), { name: 'ストリーム株式会社', allowedOrigins: [origin] });
    await createApiKey(operatorContext(db, row), { kind: 'publishable' });
    tenantId = row.id;
    apis = await Promise.all([startApiProcess({ DATABASE_URL: url }), startApiProcess({ DATABASE_URL: url })]);
  });

  after(async () => {
    await Promise.all(apis.map((a) => a.stop()));
    db?.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function member(name: string) {
    const m = await createMember(db, tenantId, { status: 'approved', name });
    return { ...m, token: await sessionFor(db, m) };
  }
  const headers = (token: string) => ({ authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' });
  const open = async (api: ApiProcess, token: string) => {
    const res = await fetch(`${api.url}/v1/me/messages/stream`, { headers: { ...headers(token), accept: 'text/event-stream' } });
    assert.equal(res.status, 200);
    const s = readStream(res);
    await s.next('ready');
    return s;
  };

  it('a message sent through one process arrives on streams opened on the other, and on its own, once each', async () => {
    const [one, two] = apis as [ApiProcess, ApiProcess];
    const taro = await member('山田 太郎');
    const hanako = await member('田中 花子');
    const onTwo = await open(two, hanako.token);
    const onOne = await open(one, hanako.token);
    const senderOnTwo = await open(two, taro.token);
    try {
      const started = await fetch(`${one.url}/v1/me/conversations`, { method: 'POST', headers: headers(taro.token), body: JSON.stringify({ memberIds: [hanako.id], body: '別のプロセスから' }) });
      assert.equal(started.status, 201);
      const { conversationId } = (await started.json()) as { conversationId: string };
      for (const s of [onTwo, onOne]) assert.equal((await s.next('message', 10_000)).data.body, '別のプロセスから');
      assert.equal((await senderOnTwo.next('message', 10_000)).data.mine, true);

      const reply = await fetch(`${two.url}/v1/me/conversations/${conversationId}/messages`, { method: 'POST', headers: headers(hanako.token), body: JSON.stringify({ body: '返信します' }) });
      assert.equal(reply.status, 201);
      assert.equal((await senderOnTwo.next('message', 10_000)).data.body, '返信します');
      await new Promise((ok) => setTimeout(ok, 1_200)); // a few polls more: nothing arrives twice
      for (const s of [onTwo, onOne]) assert.deepEqual(s.seen.filter((e) => e.event === 'message').map((e) => e.data.body), ['別のプロセスから', '返信します']);
    } finally {
      for (const s of [onTwo, onOne, senderOnTwo]) await s.close();
    }
  });

  it('a process that is stopped ends its open streams and exits (it does not wait for them)', async () => {
    const extra = await startApiProcess({ DATABASE_URL: url });
    const m = await member('接続 中');
    const s = await open(extra, m.token);
    await extra.stop(20_000);
    assert.equal(extra.child.signalCode, null, 'exited by itself, not killed');
    assert.deepEqual((await s.next('closed')).data, { reason: 'shutdown' });
    await s.close();
  });
});
