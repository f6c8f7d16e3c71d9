import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { members, messages } from '../../server/db/schema.js';
import type { MemberRow } from '../../server/modules/members/profile.js';
import { MESSAGE_LIMITS } from '../../server/modules/messages/service.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { readStream } from '../helpers/message-stream.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('direct messages', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('メッセージ株式会社');
    b = await t.tenant('別会社');
  });
  after(() => t.close());

  async function member(overrides: Partial<MemberRow> = {}, tenant = a) {
    const m = await createMember(t.deps.db, tenant.id, { status: 'approved', ...overrides });
    return { ...m, token: await sessionFor(t.deps.db, m), tenant };
  }
  type M = Awaited<ReturnType<typeof member>>;
  const as = (m: M) => ({ token: m.token, origin: m.tenant.origin });
  const start = (from: M, to: M[], body = 'こんにちは') => t.call('POST', '/v1/me/conversations', { ...as(from), body: { memberIds: to.map((x) => x.id), body } });
  const send = (from: M, conversationId: string, body = 'どうも') => t.call('POST', `/v1/me/conversations/${conversationId}/messages`, { ...as(from), body: { body } });
  const list = (m: M) => t.call('GET', '/v1/me/conversations', as(m));

  it('starts a conversation; the other side lists it with the unread count, reads the thread, and marks it read', async () => {
    const taro = await member({ name: '山田 太郎' });
    const hanako = await member({ name: '田中 花子' });
    const started = await start(taro, [hanako], '初めまして');
    assert.equal(started.status, 201, JSON.stringify(started.body));
    const id = started.body.conversationId;
    assert.equal(started.body.message.mine, true);
    await send(taro, id, '二通目');

    const theirs = await list(hanako);
    assert.equal(theirs.status, 200);
    assert.equal(theirs.body.data.length, 1);
    assert.equal(theirs.body.data[0].unread, 2);
    assert.deepEqual(theirs.body.data[0].members, [{ id: taro.id, name: '山田 太郎', left: false }]);
    assert.equal(theirs.body.data[0].lastMessage.body, '二通目');
    assert.ok(!JSON.stringify(theirs.body).includes('@'), 'no address anywhere');
    assert.equal((await list(taro)).body.data[0].unread, 0, 'your own messages are read');
    assert.deepEqual((await t.call('GET', '/v1/me/messages/unread', as(hanako))).body, { total: 2, conversations: 1 });

    const thread = await t.call('GET', `/v1/me/conversations/${id}/messages?limit=1`, as(hanako));
    assert.deepEqual(thread.body.data.map((m: { body: string }) => m.body), ['二通目']);
    const older = await t.call('GET', `/v1/me/conversations/${id}/messages?limit=1&cursor=${thread.body.nextCursor}`, as(hanako));
    assert.deepEqual(older.body.data.map((m: { body: string; sender: { name: string } }) => [m.body, m.sender.name]), [['初めまして', '山田 太郎']]);
    assert.equal(older.body.nextCursor, null);

    const read = await t.call('POST', `/v1/me/conversations/${id}/read`, { ...as(hanako), body: {} });
    assert.deepEqual(read.body, { total: 0, conversations: 0 });
    // Starting again with the same member continues the pair's conversation.
    assert.equal((await start(hanako, [taro], 'お返事です')).body.conversationId, id);
  });

  it('holds three or more members in one conversation', async () => {
    const [x, y, z] = [await member(), await member(), await member()];
    const res = await start(x, [y, z], 'みなさんへ');
    assert.equal(res.status, 201);
    for (const m of [y, z]) {
      const c = (await list(m)).body.data[0];
      assert.equal(c.kind, 'multi');
      assert.equal(c.members.length, 2);
    }
    assert.equal((await start(x, [x], 'me')).status, 422);
  });

  it('a block stops messages either way, new and in an existing conversation; unblocking allows them again', async () => {
    const x = await member();
    const y = await member();
    const id = (await start(x, [y])).body.conversationId;
    assert.equal((await t.call('PUT', `/v1/me/blocks/${x.id}`, as(y))).status, 200);
    const before = (await t.deps.db.select().from(messages).where(eq(messages.conversationId, id))).length;
    for (const res of [await send(x, id), await send(y, id), await start(x, [y]), await start(y, [x])]) assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal((await t.deps.db.select().from(messages).where(eq(messages.conversationId, id))).length, before, 'nothing written');
    assert.deepEqual((await t.call('GET', '/v1/me/blocks', as(y))).body.data.map((b: { memberId: string }) => b.memberId), [x.id]);
    assert.equal((await t.call('DELETE', `/v1/me/blocks/${x.id}`, as(y))).status, 204);
    assert.equal((await send(x, id)).status, 201);
  });

  it('a member hidden from the directory cannot be messaged by a stranger (404), but can by someone they already talk with', async () => {
    const hidden = await member({ unlisted: true });
    const friend = await member();
    const stranger = await member();
    // They talked before hiding: the friend started it while the member was listed.
    await t.deps.db.update(members).set({ unlisted: false }).where(eq(members.id, hidden.id));
    assert.equal((await start(friend, [hidden])).status, 201);
    await t.deps.db.update(members).set({ unlisted: true }).where(eq(members.id, hidden.id));
    assert.equal((await start(stranger, [hidden])).status, 404);
    assert.equal((await t.call('POST', `/v1/members/${hidden.id}/contact`, { ...as(stranger), body: { message: 'hi' } })).status, 404);
    assert.equal((await start(friend, [hidden], 'また連絡しました')).status, 201);
    assert.equal((await start(friend, [hidden, stranger], 'グループで')).status, 201, 'the friend may bring them into a new conversation');
  });

  it('refuses pending members, unknown ids and other tenants’ members (404) and members of other tenants reading (404)', async () => {
    const x = await member();
    const pending = await member({ status: 'pending' });
    const other = await member({}, b);
    for (const target of [pending, other]) assert.equal((await start(x, [target])).status, 404);
    assert.equal((await t.call('POST', '/v1/me/conversations', { ...as(x), body: { memberIds: ['mem_nobody'], body: 'x' } })).status, 404);
    const y = await member();
    const id = (await start(x, [y])).body.conversationId;
    const outsider = await member({}, b);
    const sameTenantOutsider = await member();
    for (const m of [outsider, sameTenantOutsider]) {
      assert.equal((await t.call('GET', `/v1/me/conversations/${id}/messages`, as(m))).status, 404);
      assert.equal((await send(m, id)).status, 404);
      assert.equal((await t.call('GET', `/v1/me/conversations/${id}`, as(m))).status, 404);
    }
    assert.equal((await start(pending, [x])).status, 403, 'a pending member cannot write');
  });

  it(`rate-limits sending: ${MESSAGE_LIMITS.perSenderPerMinute} a minute, then 429 with Retry-After`, async () => {
    const x = await member();
    const y = await member();
    const id = (await start(x, [y])).body.conversationId;
    for (let i = 1; i < MESSAGE_LIMITS.perSenderPerMinute; i++) assert.equal((await send(x, id, `#${i}`)).status, 201);
    const refused = await send(x, id, 'one too many');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    t.clock.advance(60_000);
    assert.equal((await send(x, id, 'next minute')).status, 201);
  });

  it('leaving takes the conversation out of the list and stops delivery; a new message from the directory brings the member back', async () => {
    const x = await member();
    const y = await member();
    const id = (await start(x, [y])).body.conversationId;
    assert.equal((await t.call('POST', `/v1/me/conversations/${id}/leave`, as(y))).status, 204);
    assert.equal((await list(y)).body.data.length, 0);
    assert.equal((await t.call('GET', `/v1/me/conversations/${id}/messages`, as(y))).status, 404);
    assert.equal((await send(x, id, 'まだいますか')).status, 201);
    assert.deepEqual((await t.call('GET', '/v1/me/messages/unread', as(y))).body, { total: 0, conversations: 0 });
    assert.equal((await start(x, [y], 'もう一度')).body.conversationId, id);
    assert.equal((await list(y)).body.data[0].id, id);
  });

  it('a report reaches the company’s moderation queue (the message only), which can remove the message', async () => {
    const x = await member({ name: '送信 者' });
    const y = await member();
    const started = await start(x, [y], '不適切なメッセージ');
    const messageId = started.body.message.id;
    assert.equal((await t.call('POST', `/v1/me/messages/${messageId}/reports`, { ...as(x), body: { reason: '自分' } })).status, 400, 'not your own');
    const outsider = await member();
    assert.equal((await t.call('POST', `/v1/me/messages/${messageId}/reports`, { ...as(outsider), body: { reason: '見えない' } })).status, 404);
    const filed = await t.call('POST', `/v1/me/messages/${messageId}/reports`, { ...as(y), body: { reason: '迷惑です' } });
    assert.equal(filed.status, 201);
    assert.equal((await t.call('POST', `/v1/me/messages/${messageId}/reports`, { ...as(y), body: { reason: 'もう一度' } })).body.id, filed.body.id, 'once per member');

    const queue = await t.call('GET', '/v1/admin/message-reports?status=open', { token: a.sk });
    assert.equal(queue.status, 200);
    const report = queue.body.data.find((r: { id: string }) => r.id === filed.body.id);
    assert.equal(report.message.body, '不適切なメッセージ');
    assert.equal(report.message.senderName, '送信 者');
    assert.equal(report.reason, '迷惑です');
    assert.equal((await t.call('GET', `/v1/admin/message-reports/${filed.body.id}`, { token: b.sk })).status, 404, 'another tenant sees nothing');
    assert.equal((await t.call('GET', '/v1/admin/message-reports', { token: b.sk })).body.data.length, 0);

    const decided = await t.call('PATCH', `/v1/admin/message-reports/${filed.body.id}`, { token: a.sk, body: { status: 'resolved', removeMessage: true } });
    assert.equal(decided.status, 200);
    assert.equal(decided.body.status, 'resolved');
    const thread = await t.call('GET', `/v1/me/conversations/${started.body.conversationId}/messages`, as(y));
    assert.deepEqual([thread.body.data[0].body, thread.body.data[0].removed], ['', true]);
  });

  it('erasing a member anonymises their messages (the other side still reads them); the export holds what they wrote', async () => {
    const leaving = await member({ name: '退会 する人' });
    const staying = await member();
    const id = (await start(leaving, [staying], '残る言葉')).body.conversationId;
    await send(staying, id, 'お返事');
    await t.call('PUT', `/v1/me/blocks/${staying.id}`, as(await member()));
    const exported = await t.call('GET', '/v1/me/export', as(leaving));
    assert.deepEqual(exported.body.messagesWritten.map((m: { body: string }) => m.body), ['残る言葉']);
    assert.deepEqual(exported.body.conversations.map((c: { conversationId: string }) => c.conversationId), [id]);

    assert.equal((await t.call('DELETE', '/v1/me', as(leaving))).status, 204);
    const thread = await t.call('GET', `/v1/me/conversations/${id}/messages`, as(staying));
    assert.deepEqual(
      thread.body.data.map((m: { body: string; sender: unknown }) => [m.body, m.sender]),
      [['お返事', { id: staying.id, name: staying.name }], ['残る言葉', null]],
    );
    const [row] = await t.deps.db.select().from(messages).where(eq(messages.body, '残る言葉'));
    assert.deepEqual([row?.senderErased, row?.senderName], [true, '']);
    assert.equal((await list(staying)).body.data[0].members.length, 0, 'the erased member is no longer listed in it');
  });

  it('streams new messages to every open stream of the participants, at once; refuses a stream without Accept: text/event-stream', async () => {
    const x = await member();
    const y = await member();
    const open = async (m: M) => {
      const res = await t.app.request('/v1/me/messages/stream', { headers: { authorization: `Bearer ${m.token}`, origin: m.tenant.origin, accept: 'text/event-stream' } });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
      return readStream(res);
    };
    const plain = await t.call('GET', '/v1/me/messages/stream', as(y));
    assert.equal(plain.status, 400);
    const ys = [await open(y), await open(y)];
    const xs = await open(x);
    const outsider = await open(await member());
    for (const s of [...ys, xs]) await s.next('ready');
    const sent = await start(x, [y], 'リアルタイム');
    for (const s of ys) {
      const e = await s.next('message');
      assert.equal(e.data.body, 'リアルタイム');
      assert.equal(e.data.mine, false);
      assert.equal(e.data.conversationId, sent.body.conversationId);
    }
    assert.equal((await xs.next('message')).data.mine, true, "the sender's other tabs hear it too");
    await send(y, sent.body.conversationId, 'はい');
    assert.equal((await xs.next('message')).data.body, 'はい');
    assert.equal(outsider.seen.filter((e) => e.event === 'message').length, 0, 'nobody else hears it');
    for (const s of [...ys, xs, outsider]) await s.close();
  });

  it('holds at most 5 streams per member: a sixth closes the oldest with a "replaced" event', async () => {
    const x = await member();
    const streams = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.app.request('/v1/me/messages/stream', { headers: { authorization: `Bearer ${x.token}`, origin: x.tenant.origin, accept: 'text/event-stream' } });
      streams.push(readStream(res));
    }
    assert.deepEqual((await streams[0]!.next('closed')).data, { reason: 'replaced' });
    for (const s of streams) await s.close();
  });
});
