/**
 * The mail for an absent member, through a real SMTP server: one mail for a burst of messages, none
 * for messages already read or for a member with a stream open, and a one-click way to stop it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { MemberRow } from '../../server/modules/members/profile.js';
import { UNREAD_MAIL_DELAY_MS } from '../../server/modules/messages/service.js';
import { streamHub } from '../../server/modules/messages/stream.js';
import type { TestContext, TestTenant } from '../helpers/app.js';
import { readStream } from '../helpers/message-stream.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { makeSmtpTestApp, type TestSmtp } from '../helpers/smtp.js';

describe('mail about unread messages', () => {
  let t: TestContext;
  let smtp: TestSmtp;
  let a: TestTenant;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
    a = await t.tenant('通知株式会社');
    await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { alumniPageUrl: 'https://careers.example.jp/alumni' } });
    // Presence is refreshed quickly here, so a test can move the clock and still count as connected.
    streamHub(t.deps, { presenceMs: 20 });
  });
  after(() => t.close());

  let n = 0;
  async function member(overrides: Partial<MemberRow> = {}) {
    n++;
    const m = await createMember(t.deps.db, a.id, { status: 'approved', email: `unread-${n}-${process.pid}@example.jp`, ...overrides });
    return { ...m, token: await sessionFor(t.deps.db, m) };
  }
  type M = Awaited<ReturnType<typeof member>>;
  const as = (m: M) => ({ token: m.token, origin: a.origin });
  const mailsTo = (m: M) => smtp.messages.filter((x) => x.to.includes(m.email));
  async function later(ms = UNREAD_MAIL_DELAY_MS + 60_000) {
    t.clock.advance(ms);
    await t.worker.drain();
  }

  it('sends ONE mail for a burst of messages, in the member’s language, greeting them by name, with a deep link and one-click unsubscribe', async () => {
    const taro = await member({ name: '山田 太郎' });
    const hanako = await member({ name: '田中 花子' });
    const id = (await t.call('POST', '/v1/me/conversations', { ...as(taro), body: { memberIds: [hanako.id], body: '一通目' } })).body.conversationId;
    for (const body of ['二通目', '三通目']) assert.equal((await t.call('POST', `/v1/me/conversations/${id}/messages`, { ...as(taro), body: { body } })).status, 201);
    assert.equal(mailsTo(hanako).length, 0, 'nothing at once');
    await later();
    await later();
    const mails = mailsTo(hanako);
    assert.equal(mails.length, 1, mails.map((m) => m.subject).join(' / '));
    const mail = mails[0]!;
    assert.equal(mail.subject, '[通知株式会社] 未読のメッセージが 3 件あります');
    assert.match(mail.text, /^田中 花子 様/);
    assert.match(mail.text, /山田 太郎 さん：3 件/);
    assert.match(mail.text, new RegExp(`https://careers\\.example\\.jp/alumni#alumni-conversation=${id}`));
    assert.ok(!mail.text.includes('三通目'), 'the mail says who wrote, not what');
    assert.ok(!mail.text.includes(taro.email));
    assert.equal(mailsTo(taro).length, 0, 'the sender is not mailed about their own messages');

    // The next burst is another mail; the unsubscribe link stops them.
    await t.call('POST', `/v1/me/conversations/${id}/messages`, { ...as(taro), body: { body: '四通目' } });
    await later();
    assert.equal(mailsTo(hanako).length, 2);
    assert.match(mailsTo(hanako)[1]!.subject, /1 件/);
    const unsubscribe = /<([^>]+)>/.exec(mail.headers['list-unsubscribe'] ?? '')![1]!;
    const url = new URL(unsubscribe);
    assert.equal((await t.app.request(`${url.pathname}${url.search}`, { method: 'POST' })).status, 200);
    await t.call('POST', `/v1/me/conversations/${id}/messages`, { ...as(taro), body: { body: '五通目' } });
    await later();
    assert.equal(mailsTo(hanako).length, 2, 'no more after unsubscribing');
  });

  it('mails nobody whose messages were read in time, and writes in English to an English-speaking member', async () => {
    const x = await member({ name: 'Ken Sato' });
    const reader = await member({ name: '既読 さん' });
    const jane = await member({ name: 'Jane Doe', locale: 'en' });
    const id = (await t.call('POST', '/v1/me/conversations', { ...as(x), body: { memberIds: [reader.id, jane.id], body: 'Hello both' } })).body.conversationId;
    await t.call('POST', `/v1/me/conversations/${id}/read`, { ...as(reader), body: {} });
    await later();
    assert.equal(mailsTo(reader).length, 0);
    const [mail] = mailsTo(jane);
    assert.equal(mail?.subject, '[通知株式会社] You have 1 unread message');
    assert.match(mail!.text, /^Hello Jane Doe,/);
    assert.match(mail!.text, /Ken Sato: 1 new/);
  });

  it('does not mail a member with a message stream open, and does once they are gone', async () => {
    const x = await member();
    const here = await member();
    const res = await t.app.request('/v1/me/messages/stream', { headers: { authorization: `Bearer ${here.token}`, origin: a.origin, accept: 'text/event-stream' } });
    const stream = readStream(res);
    await stream.next('ready');
    await t.call('POST', '/v1/me/conversations', { ...as(x), body: { memberIds: [here.id], body: '見ていますか' } });
    await stream.next('message');
    t.clock.advance(UNREAD_MAIL_DELAY_MS + 60_000);
    await new Promise((ok) => setTimeout(ok, 100)); // the hub marks its streams present (every 20 ms here)
    await t.worker.drain();
    assert.equal(mailsTo(here).length, 0, 'present: no mail');
    await stream.close();
    await new Promise((ok) => setTimeout(ok, 50));
    await later();
    await later();
    assert.equal(mailsTo(here).length, 1, 'gone: one mail');
  });
});
