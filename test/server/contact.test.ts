import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { messages } from '../../server/db/schema.js';
import { CONTACT_LIMITS } from '../../server/modules/contact/service.js';
import type { MemberRow } from '../../server/modules/members/profile.js';
import { type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { makeSmtpTestApp, type TestSmtp } from '../helpers/smtp.js';

const HOUR = 60 * 60 * 1000;

describe('contacting a member', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
    a = await t.tenant('アルファ株式会社');
    b = await t.tenant('ベータ株式会社');
  });
  after(() => t.close());

  /** A fresh approved member with a session (each test its own, so rate limits do not carry over). */
  async function member(overrides: Partial<MemberRow> = {}, tenant = a) {
    const m = await createMember(t.deps.db, tenant.id, { status: 'approved', ...overrides });
    return { m, token: await sessionFor(t.deps.db, m) };
  }
  const contact = (token: string, id: string, body: unknown, tenant = a) =>
    t.call('POST', `/v1/members/${id}/contact`, { token, origin: tenant.origin, body });
  const mailTo = (address: string) => smtp.waitFor((m) => m.to.includes(address));

  it('emails the recipient in Japanese, with the sender’s name and message, without revealing the address', async () => {
    const sender = await member({ name: '佐藤 健', email: 'sato.ken@example.jp' });
    const { m: recipient } = await member({ name: '田中 花子', locale: 'ja', email: 'hanako.recipient@example.jp' });
    const res = await contact(sender.token, recipient.id, { message: 'ご無沙汰しています。\n新規事業の件でお話しできませんか？' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.id, /^msg_/);
    assert.equal(res.body.repliesAllowed, false);
    assert.ok(!JSON.stringify(res.body).includes('hanako.recipient'));

    const mail = await mailTo('hanako.recipient@example.jp');
    assert.deepEqual(mail.to, ['hanako.recipient@example.jp']);
    assert.equal(mail.subject, '[アルファ株式会社] 佐藤 健 さんからのメッセージ');
    assert.match(mail.text, /佐藤 健 さんからメッセージが届きました/);
    assert.match(mail.text, /> ご無沙汰しています。\n> 新規事業の件でお話しできませんか？/);
    // Replies not allowed: no Reply-To, the sender's address nowhere, and the mail says how to answer.
    assert.equal(mail.headers['reply-to'], undefined);
    assert.ok(!mail.raw.includes('sato.ken'));
    assert.match(mail.text, /返信しても届きません/);
    assert.match(mail.text, /メンバー名簿/);
  });

  it('writes in English to an English-speaking recipient, with Reply-To when the sender allows replies', async () => {
    const sender = await member({ name: '山田 太郎', email: 'yamada.replies@example.jp', allowReplies: true });
    const { m: recipient } = await member({ name: 'Jane Doe', locale: 'en', email: 'jane.recipient@example.com' });
    const res = await contact(sender.token, recipient.id, { message: 'Hello Jane, coffee next week?' });
    assert.equal(res.status, 201);
    assert.equal(res.body.repliesAllowed, true);
    const mail = await mailTo('jane.recipient@example.com');
    assert.equal(mail.subject, '[アルファ株式会社] Message from 山田 太郎');
    assert.match(mail.text, /山田 太郎 sent you a message/);
    assert.match(mail.text, /> Hello Jane, coffee next week\?/);
    assert.match(mail.headers['reply-to'] ?? '', /yamada\.replies@example\.jp/);
    assert.match(mail.text, /reply to this email/);
  });

  it('makes the message the first of a conversation both members find in their messages', async () => {
    const sender = await member({ allowReplies: true });
    const { m: recipient, token: recipientToken } = await member();
    const res = await contact(sender.token, recipient.id, { message: 'ログに残ります' });
    const [row] = await t.deps.db.select().from(messages).where(eq(messages.id, res.body.id));
    assert.equal(row?.tenantId, a.id);
    assert.equal(row?.senderMemberId, sender.m.id);
    assert.equal(row?.conversationId, res.body.conversationId);
    assert.equal(row?.body, 'ログに残ります');
    assert.equal(res.body.repliesAllowed, true);
    const theirs = await t.call('GET', '/v1/me/conversations', { token: recipientToken, origin: a.origin });
    assert.equal(theirs.body.data[0].id, res.body.conversationId);
    assert.equal(theirs.body.data[0].unread, 1);
    assert.deepEqual(theirs.body.data[0].members.map((m: { id: string }) => m.id), [sender.m.id]);
  });

  it('escapes the message in the HTML part, and a name cannot add mail headers or recipients', async () => {
    const sender = await member({ name: '悪意\r\nBcc: victim@evil.example' });
    const { m: recipient } = await member({ email: 'html.recipient@example.jp' });
    const res = await contact(sender.token, recipient.id, { message: '<script>alert(1)</script> & <b>hi</b>' });
    assert.equal(res.status, 201);
    const mail = await mailTo('html.recipient@example.jp');
    assert.deepEqual(mail.to, ['html.recipient@example.jp']);
    assert.equal(mail.headers.bcc, undefined);
    assert.ok(!mail.html.includes('<script>'));
    assert.match(mail.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &lt;b&gt;hi&lt;\/b&gt;/);
  });

  it('refuses yourself (400), and unlisted, pending, suspended, unknown or other-tenant members (404); nothing is sent', async () => {
    const sender = await member();
    const before = smtp.messages.length;
    assert.equal((await contact(sender.token, sender.m.id, { message: 'me' })).status, 400);
    const targets = [
      (await member({ unlisted: true })).m,
      (await member({ status: 'pending' })).m,
      (await member({ status: 'suspended' })).m,
      (await member({}, b)).m,
    ];
    for (const target of [...targets.map((x) => x.id), 'mem_nobody']) {
      const res = await contact(sender.token, target, { message: 'こんにちは' });
      assert.equal(res.status, 404, target);
    }
    assert.equal(smtp.messages.length, before);
  });

  it('only approved members with a session may send: pending 403, publishable key 403, secret key 403, nothing 401', async () => {
    const { m: recipient } = await member();
    const pending = await member({ status: 'pending' });
    const res = await contact(pending.token, recipient.id, { message: 'hi' });
    assert.equal(res.status, 403);
    assert.equal(res.body.code, 'membership_pending');
    assert.equal((await contact(a.pk, recipient.id, { message: 'hi' })).status, 403);
    assert.equal((await t.call('POST', `/v1/members/${recipient.id}/contact`, { token: a.sk, body: { message: 'hi' } })).status, 403);
    assert.equal((await t.call('POST', `/v1/members/${recipient.id}/contact`, { body: { message: 'hi' } })).status, 401);
  });

  it('refuses bad messages with 422 naming body.message, and sends nothing', async () => {
    const sender = await member();
    const { m: recipient } = await member();
    const before = smtp.messages.length;
    for (const body of [{}, { message: '' }, { message: '   ' }, { message: 'x'.repeat(1001) }, { message: 42 }, { message: 'a\u0000b' }]) {
      const res = await contact(sender.token, recipient.id, body);
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.equal(res.body.errors[0].field, 'body.message');
    }
    const extra = await contact(sender.token, recipient.id, { message: 'hi', cc: 'x@example.jp' });
    assert.equal(extra.status, 422);
    assert.equal((await contact(sender.token, recipient.id, { message: 'あ'.repeat(1000) })).status, 201);
    await mailTo(recipient.email);
    assert.equal(smtp.messages.length, before + 1);
  });

  it(`allows ${CONTACT_LIMITS.perPairPerDay} messages a day to the same member, then 429 with Retry-After`, async () => {
    const sender = await member();
    const { m: recipient } = await member();
    const { m: other } = await member();
    for (let i = 0; i < CONTACT_LIMITS.perPairPerDay; i++) {
      assert.equal((await contact(sender.token, recipient.id, { message: `${i}` })).status, 201);
    }
    const refused = await contact(sender.token, recipient.id, { message: 'one more' });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.code, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    // Another recipient is still fine; the pair limit is per pair.
    assert.equal((await contact(sender.token, other.id, { message: 'hi' })).status, 201);
    t.clock.advance(24 * HOUR);
    assert.equal((await contact(sender.token, recipient.id, { message: 'next day' })).status, 201);
  });

  it(`allows ${CONTACT_LIMITS.perSenderPerHour} messages an hour per sender, then 429 until the hour is over`, async () => {
    const sender = await member();
    const recipients = [];
    for (let i = 0; i <= CONTACT_LIMITS.perSenderPerHour; i++) recipients.push((await member()).m);
    // Start at the top of an hour so the whole burst falls into one window.
    t.clock.set(new Date(Math.ceil(t.clock.now().getTime() / HOUR) * HOUR));
    const before = smtp.messages.length;
    for (let i = 0; i < CONTACT_LIMITS.perSenderPerHour; i++) {
      assert.equal((await contact(sender.token, recipients[i]!.id, { message: 'hi' })).status, 201, `message ${i}`);
    }
    const last = recipients.at(-1)!;
    const refused = await contact(sender.token, last.id, { message: 'hi' });
    assert.equal(refused.status, 429);
    await smtp.waitFor(() => smtp.messages.length >= before + CONTACT_LIMITS.perSenderPerHour);
    assert.equal(smtp.messages.filter((m) => m.to.includes(last.email)).length, 0);
    t.clock.advance(HOUR);
    assert.equal((await contact(sender.token, last.id, { message: 'hi' })).status, 201);
  });
});
