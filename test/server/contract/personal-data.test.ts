/**
 * The personal-data registry against the database: every table holding member data is declared by
 * its module (so erasure and export cannot miss it), and erasure and export do what each declaration
 * says — checked over the registry, not over a hand-kept list of tables.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { tableName } from '../../../server/core/personal-data.js';
import { tablesWithMemberData, undeclaredTables } from '../../../server/core/personal-data-check.js';
import { personalDataRegistry } from '../../../server/modules/registry.js';
import { makeTestApp, type TestContext, type TestTenant } from '../../helpers/app.js';
import { createMember, sessionFor } from '../../helpers/members.js';

describe('personal-data registry (contract)', () => {
  let t: TestContext;
  let a: TestTenant;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('個人情報株式会社');
  });
  after(() => t.close());

  it('declares every table of the schema that holds member data', async () => {
    const found = await tablesWithMemberData(t.deps.db);
    assert.ok(found.has('members') && found.has('sessions') && found.has('contact_messages'), [...found.keys()].join(', '));
    assert.deepEqual(await undeclaredTables(t.deps.db, personalDataRegistry), []);
  });

  it('would notice a new table with a member column that nobody declared', async () => {
    await t.deps.db.run(sql`create table if not exists contract_probe_notes (id text primary key, author_member_id text)`);
    try {
      assert.deepEqual(await undeclaredTables(t.deps.db, personalDataRegistry), ['contract_probe_notes']);
    } finally {
      await t.deps.db.run(sql`drop table contract_probe_notes`);
    }
  });

  it('erasing a member does what each declaration says, in every declared table; another member is untouched', async () => {
    const me = await createMember(t.deps.db, a.id, { status: 'approved', name: '消去 太郎', email: `erase-${Date.now()}@example.jp` });
    const other = await createMember(t.deps.db, a.id, { status: 'approved', name: '残る 花子' });
    const token = await sessionFor(t.deps.db, me);
    const otherToken = await sessionFor(t.deps.db, other);
    // Data in as many declared tables as the API can put it: a code, consent, messages both ways, a roster entry, mail.
    await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: me.email } });
    await t.call('POST', '/v1/admin/roster', { token: a.sk, body: { entries: [{ emails: [me.email], name: '消去 太郎' }] } });
    assert.equal((await t.call('POST', `/v1/members/${other.id}/contact`, { token, origin: a.origin, body: { message: 'こんにちは' } })).status, 201);
    assert.equal((await t.call('POST', `/v1/members/${me.id}/contact`, { token: otherToken, origin: a.origin, body: { message: 'どうも' } })).status, 201);
    // The feed: a self-introduction passing a baton (a relay started), a comment, a reaction, a report, a visit; a baton passed to me.
    const feed = (token: string, method: string, path: string, body?: unknown) => t.call(method, path, { token, origin: a.origin, body });
    const mine = (await feed(token, 'POST', '/v1/posts', { kind: 'self_intro', body: '自己紹介', nomineeMemberId: other.id })).body;
    const theirs = (await feed(otherToken, 'POST', '/v1/posts', { kind: 'self_intro', body: '別の自己紹介', nomineeMemberId: me.id })).body;
    assert.equal((await feed(token, 'POST', `/v1/posts/${theirs.id}/comments`, { body: 'コメント' })).status, 201);
    assert.equal((await feed(token, 'PUT', `/v1/posts/${theirs.id}/reactions`, { kind: 'like', reacted: true })).status, 200);
    assert.equal((await feed(token, 'POST', `/v1/posts/${theirs.id}/reports`, { reason: '確認' })).status, 201);
    assert.equal((await feed(token, 'GET', '/v1/posts')).status, 200);
    assert.ok(mine.id);

    const subject = { id: me.id, tenantId: a.id, email: me.email };
    const rowsOf = async (i: number) => {
      const d = personalDataRegistry[i]!;
      const [r] = await t.deps.db.all<{ n: number }>(sql`select count(*) as n from ${sql.identifier(tableName(d.table))} where ${d.rows(subject)}`);
      return Number(r!.n);
    };
    const inTenant = async (i: number) => {
      const [r] = await t.deps.db.all<{ n: number }>(sql`select count(*) as n from ${sql.identifier(tableName(personalDataRegistry[i]!.table))} where tenant_id = ${a.id}`);
      return Number(r!.n);
    };
    const before = await Promise.all(personalDataRegistry.map((_, i) => rowsOf(i)));
    const tenantRows = await Promise.all(personalDataRegistry.map((_, i) => inTenant(i)));
    assert.ok(before.filter((n) => n > 0).length >= 14, `data in only ${before.filter((n) => n > 0).length} declared tables`);

    assert.equal((await t.call('DELETE', '/v1/me', { token, origin: a.origin })).status, 204);

    for (const [i, d] of personalDataRegistry.entries()) {
      const left = await rowsOf(i);
      const what = `${tableName(d.table)} (${JSON.stringify(d.erase)})`;
      if (d.erase === 'delete') assert.equal(left, 0, `${what}: ${left} rows left`);
      else if ('keep' in d.erase) assert.equal(left, before[i], `${what} changed`);
      else {
        // Anonymised: the rows stay (threads remain readable), and none of them names the member any more.
        assert.equal(left, 0, `${what}: ${left} rows still name the member`);
        assert.equal(await inTenant(i), tenantRows[i], `${what}: anonymised rows must stay`);
      }
    }
    assert.equal((await t.call('GET', '/v1/me', { token: otherToken, origin: a.origin })).status, 200);
  });

  it('the export holds a key for every declaration that exports, and only those', async () => {
    const me = await createMember(t.deps.db, a.id, { status: 'approved', name: '書出 太郎' });
    const token = await sessionFor(t.deps.db, me);
    const res = await t.call('GET', '/v1/me/export', { token, origin: a.origin });
    assert.equal(res.status, 200);
    const declared = personalDataRegistry.flatMap((d) => ('key' in d.export ? [d.export.key] : []));
    assert.deepEqual(Object.keys(res.body).sort(), ['exportedAt', 'network', ...declared].sort());
  });
});
