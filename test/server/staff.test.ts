/**
 * Staff accounts and the console's sign-in, with mail through a real SMTP server: the first owner from
 * the operator, invitations, roles' limits on owners, a tenant always keeping an owner, console codes and
 * sessions kept apart from members', and the audit log (actor snapshots that outlive removal, entries in
 * the change's own batch, filters, pages).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { inviteFromOperator } from '../../server/modules/staff/service.js';
import type { TestContext, TestTenant } from '../helpers/app.js';
import { createMember } from '../helpers/members.js';
import { makeSmtpTestApp, type ReceivedMail, type TestSmtp } from '../helpers/smtp.js';

const codeIn = (m: ReceivedMail) => /\b(\d{6})\b/.exec(m.text)?.[1] ?? assert.fail(`no code in: ${m.text}`);

describe('staff accounts, console sign-in and the audit log', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let a: TestTenant;
  let seq = 0;
  const address = (label: string) => `${label}-${process.pid}-${++seq}@example.jp`;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp({ config: { PUBLIC_API_URL: 'https://alumni-api.example.jp' } }));
    a = await t.tenant('監査株式会社');
  });
  after(() => t.close());

  async function signIn(email: string) {
    const before = smtp.messages.length;
    const start = await t.call('POST', '/v1/staff/auth/email/start', { body: { email } });
    assert.equal(start.status, 202, JSON.stringify(start.body));
    const mail = await smtp.waitFor((m) => smtp.messages.indexOf(m) >= before && m.to.includes(email) && /code|コード/.test(m.subject));
    const res = await t.call('POST', '/v1/staff/auth/email/verify', { body: { email, code: codeIn(mail) } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return { token: res.body.token as string, body: res.body, mail };
  }

  async function firstOwner(name = '山田 オーナー') {
    const email = address('owner');
    const owner = await inviteFromOperator(await t.ctx(a.id), { email, name, role: 'owner' });
    await t.worker.drain();
    return { ...owner, ...(await signIn(email)) };
  }

  it('the operator invites the first owner: the invitation greets them by name and links the console; a code signs them in', async () => {
    const email = address('first');
    await inviteFromOperator(await t.ctx(a.id), { email, name: '佐藤 一郎', role: 'owner' });
    await t.worker.drain();
    const invite = await smtp.waitFor((m) => m.to.includes(email));
    assert.match(invite.subject, /招待/);
    assert.match(invite.text, /佐藤 一郎 様/);
    assert.ok(invite.text.includes(`https://alumni-api.example.jp/console/?email=${encodeURIComponent(email)}`), invite.text);
    const { token, body, mail } = await signIn(email);
    assert.match(mail.text, /佐藤 一郎 様/);
    assert.match(token, /^hcst_/);
    assert.equal(body.staff.status, 'active');
    assert.equal(body.tenant.id, a.id);
    const me = await t.call('GET', '/v1/admin/staff/me', { token });
    assert.equal(me.body.staff.role, 'owner');
    assert.ok(me.body.capabilities.includes('staff.owners'));
    // Only the hash is kept.
    assert.ok(!JSON.stringify(await t.deps.db.all(sql`select * from staff_sessions`)).includes(token));
  });

  it('answers 202 for an address that is not staff, and mails nothing', async () => {
    const before = smtp.messages.length;
    assert.equal((await t.call('POST', '/v1/staff/auth/email/start', { body: { email: address('nobody') } })).status, 202);
    await t.worker.drain();
    assert.equal(smtp.messages.length, before);
  });

  it('keeps console codes and member codes apart: neither opens the other', async () => {
    const owner = await firstOwner();
    // The same address asks for a member code on the careers page.
    assert.equal((await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: owner.email } })).status, 202);
    const memberMail = await smtp.waitFor((m) => m.to.includes(owner.email) && /サインインコード/.test(m.subject) && !/管理/.test(m.subject));
    const wrongDoor = await t.call('POST', '/v1/staff/auth/email/verify', { body: { email: owner.email, code: codeIn(memberMail) } });
    assert.equal(wrongDoor.status, 422);
    // And a console code is no member code.
    const before = smtp.messages.length;
    await t.call('POST', '/v1/staff/auth/email/start', { body: { email: owner.email } });
    const staffMail = await smtp.waitFor((m) => smtp.messages.indexOf(m) >= before && /管理コンソール/.test(m.subject));
    const memberVerify = await t.call('POST', '/v1/auth/email/verify', { token: a.pk, origin: a.origin, body: { email: owner.email, code: codeIn(staffMail) } });
    assert.equal(memberVerify.status, 422);
    // The member's code still works where it belongs, and gives a member session, which the admin API refuses.
    const member = await t.call('POST', '/v1/auth/email/verify', { token: a.pk, origin: a.origin, body: { email: owner.email, code: codeIn(memberMail) } });
    assert.equal(member.status, 200);
    assert.equal((await t.call('GET', '/v1/admin/members', { token: member.body.token })).status, 403);
  });

  it('a code survives five tries in all; then even the right one is refused', async () => {
    const email = address('guess');
    await inviteFromOperator(await t.ctx(a.id), { email, name: '試行 花子', role: 'admin' });
    const before = smtp.messages.length;
    await t.call('POST', '/v1/staff/auth/email/start', { body: { email } });
    const code = codeIn(await smtp.waitFor((m) => smtp.messages.indexOf(m) >= before && m.to.includes(email) && /コード/.test(m.subject)));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) assert.equal((await t.call('POST', '/v1/staff/auth/email/verify', { body: { email, code: wrong } })).status, 422);
    const late = await t.call('POST', '/v1/staff/auth/email/verify', { body: { email, code } });
    assert.equal(late.status, 422);
    assert.match(late.body.detail, /Too many/);
  });

  it('owners invite admins; admins invite moderators but not owners, and cannot touch an owner', async () => {
    const owner = await firstOwner();
    const adminEmail = address('admin');
    const invited = await t.call('POST', '/v1/admin/staff', { token: owner.token, body: { email: adminEmail, name: 'Alice Admin', role: 'admin', locale: 'en' } });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    assert.equal(invited.body.status, 'invited');
    const mail = await smtp.waitFor((m) => m.to.includes(adminEmail));
    assert.match(mail.text, /Hello Alice Admin,/);
    assert.match(mail.text, /山田 オーナー invited you/);
    assert.equal((await t.call('POST', '/v1/admin/staff', { token: owner.token, body: { email: adminEmail, name: 'again', role: 'admin' } })).status, 409);

    const admin = await signIn(adminEmail);
    const asOwner = await t.call('POST', '/v1/admin/staff', { token: admin.token, body: { email: address('x'), name: '昇格 太郎', role: 'owner' } });
    assert.equal(asOwner.status, 403);
    assert.equal((await t.call('DELETE', `/v1/admin/staff/${owner.id}`, { token: admin.token })).status, 403);
    assert.equal((await t.call('PATCH', `/v1/admin/staff/${invited.body.id}`, { token: admin.token, body: { role: 'owner' } })).status, 403);
    const mod = await t.call('POST', '/v1/admin/staff', { token: admin.token, body: { email: address('mod'), name: '見守 次郎', role: 'moderator' } });
    assert.equal(mod.status, 201);
    const bad = await t.call('POST', '/v1/admin/staff', { token: admin.token, body: { email: address('ev'), name: '受付', role: 'event_staff', eventIds: ['evt_doesnotexist'] } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'body.eventIds');
  });

  it('a tenant keeps an owner: the last one can be neither removed nor demoted', async () => {
    const solo = await t.tenant('一人株式会社');
    const email = address('solo');
    const owner = await inviteFromOperator(await t.ctx(solo.id), { email, name: '唯一 オーナー', role: 'owner' });
    assert.equal((await t.call('DELETE', `/v1/admin/staff/${owner.id}`, { token: solo.sk })).status, 409);
    assert.equal((await t.call('PATCH', `/v1/admin/staff/${owner.id}`, { token: solo.sk, body: { role: 'admin' } })).status, 409);
    const second = await t.call('POST', '/v1/admin/staff', { token: solo.sk, body: { email: address('second'), name: '二人目', role: 'owner' } });
    assert.equal(second.status, 201);
    assert.equal((await t.call('PATCH', `/v1/admin/staff/${owner.id}`, { token: solo.sk, body: { role: 'admin' } })).body.role, 'admin');
    assert.equal((await t.call('DELETE', `/v1/admin/staff/${second.body.id}`, { token: solo.sk })).status, 409);
  });

  it('signing out ends the console session', async () => {
    const owner = await firstOwner();
    assert.equal((await t.call('DELETE', '/v1/staff/auth/session', { token: owner.token })).status, 204);
    assert.equal((await t.call('GET', '/v1/admin/staff/me', { token: owner.token })).status, 401);
  });

  it('the audit log names each actor (kept after removal), records a change once, skips refusals and is filtered and paged', async () => {
    const tenant = await t.tenant('記録株式会社');
    const ownerEmail = address('aud-owner');
    await inviteFromOperator(await t.ctx(tenant.id), { email: ownerEmail, name: '記録 オーナー', role: 'owner' });
    const owner = await signIn(ownerEmail);
    const adminEmail = address('aud-admin');
    const invited = await t.call('POST', '/v1/admin/staff', { token: owner.token, body: { email: adminEmail, name: '記録 管理者', role: 'admin' } });
    const admin = await signIn(adminEmail);
    const member = await createMember(t.deps.db, tenant.id, { status: 'pending', name: '申請 花子' });
    assert.equal((await t.call('POST', `/v1/admin/members/${member.id}/approve`, { token: admin.token })).status, 200);
    assert.equal((await t.call('POST', `/v1/admin/members/${member.id}/approve`, { token: admin.token })).status, 200); // no change: no entry
    assert.equal((await t.call('PATCH', '/v1/admin/tenant', { token: tenant.sk, body: { name: '' } })).status, 422); // refused: no entry
    assert.equal((await t.call('PATCH', '/v1/admin/tenant', { token: tenant.sk, body: { alumniPageUrl: 'https://careers.example.jp/alumni' } })).status, 200);
    assert.equal((await t.call('DELETE', `/v1/admin/staff/${invited.body.id}`, { token: owner.token })).status, 200);

    const log = await t.call('GET', '/v1/admin/audit', { token: owner.token });
    assert.equal(log.status, 200);
    const rows = log.body.data.map((e: any) => [e.action, e.actor.kind, e.actor.name, e.actor.role, e.targetId]);
    assert.deepEqual(rows, [
      ['DELETE /v1/admin/staff/{id}', 'staff', '記録 オーナー', 'owner', invited.body.id],
      ['PATCH /v1/admin/tenant', 'secret_key', log.body.data[1].actor.name, null, tenant.id],
      ['POST /v1/admin/members/{id}/approve', 'staff', '記録 管理者', 'admin', member.id],
      ['POST /v1/admin/staff', 'staff', '記録 オーナー', 'owner', invited.body.id],
    ]);
    assert.match(log.body.data[1].actor.id, /^key_/);
    assert.deepEqual(log.body.data[2].summary, { before: { status: 'pending' }, after: { status: 'approved' } });
    assert.equal(log.body.data[2].actor.email, adminEmail);
    // The member's name is not copied into the log: ids and states only.
    assert.ok(!JSON.stringify(log.body).includes('申請 花子'));

    const byAdmin = await t.call('GET', `/v1/admin/audit?actorId=${invited.body.id}`, { token: owner.token });
    assert.deepEqual(byAdmin.body.data.map((e: any) => e.action), ['POST /v1/admin/members/{id}/approve']);
    const page1 = await t.call('GET', '/v1/admin/audit?limit=3', { token: tenant.sk });
    const page2 = await t.call('GET', `/v1/admin/audit?limit=3&cursor=${page1.body.nextCursor}`, { token: tenant.sk });
    assert.deepEqual([...page1.body.data, ...page2.body.data].map((e: any) => e.id), log.body.data.map((e: any) => e.id));
    assert.equal(page2.body.nextCursor, null);
    assert.equal((await t.call('GET', '/v1/admin/audit?cursor=nonsense', { token: tenant.sk })).status, 422);
    // The removed admin's token is dead, and the log still names them.
    assert.equal((await t.call('GET', '/v1/admin/audit', { token: admin.token })).status, 401);
  });
});
