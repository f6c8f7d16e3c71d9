import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { composeMail } from '../../server/core/mail/compose.js';
import { getPreferences, unsubscribeUrl } from '../../server/modules/notifications/service.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

describe('notification preferences and one-click unsubscribe', () => {
  let t: TestContext;
  let a: TestTenant;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
  });
  after(() => t.close());

  const member = async () => {
    const m = await createMember(t.deps.db, a.id, { status: 'approved', name: '配信 太郎' });
    return { m, token: await sessionFor(t.deps.db, m) };
  };

  it('shows defaults, saves a choice, refuses an unknown value naming the topic', async () => {
    const { token } = await member();
    const initial = await t.call('GET', '/v1/me/notifications', { token, origin: a.origin });
    assert.equal(initial.status, 200);
    assert.equal(initial.body['feed.digest'], 'weekly');
    assert.equal(initial.body['jobs.alerts'], 'off');
    const saved = await t.call('PATCH', '/v1/me/notifications', { token, origin: a.origin, body: { 'feed.digest': 'never', 'jobs.alerts': 'on' } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal(saved.body['feed.digest'], 'never');
    assert.equal(saved.body['jobs.alerts'], 'on');
    const bad = await t.call('PATCH', '/v1/me/notifications', { token, origin: a.origin, body: { 'feed.digest': 'daily' } });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'body.feed.digest');
  });

  it('a mail with an unsubscribe link carries List-Unsubscribe; GET asks, POST turns the topic off, only for that member', async () => {
    const { m } = await member();
    const other = await member();
    const ctx = await t.ctx(a.id);
    const url = await unsubscribeUrl(ctx, m.id, 'feed.digest');
    const mail = composeMail({ to: m.email, locale: 'ja', tenantName: 'テスト', name: m.name, subject: '週刊ダイジェスト', paragraphs: ['新しい投稿があります。'], unsubscribeUrl: url, tag: 'digest' });
    assert.equal(mail.headers?.['List-Unsubscribe'], `<${url}>`);
    assert.equal(mail.headers?.['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    assert.ok(mail.text.includes(url));
    const path = url.slice(url.indexOf('/unsubscribe'));
    const page = await t.app.request(path);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<form method="post"/);
    assert.equal((await getPreferences(ctx, m.id))['feed.digest'], 'weekly', 'a GET (a link scanner) changes nothing');
    const done = await t.app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(done.status, 200);
    assert.equal((await getPreferences(ctx, m.id))['feed.digest'], 'never');
    assert.equal((await getPreferences(ctx, other.m.id))['feed.digest'], 'weekly');
  });

  it('a token altered to name another member, topic or tenant is refused', async () => {
    const { m } = await member();
    const other = await member();
    const ctx = await t.ctx(a.id);
    const url = await unsubscribeUrl(ctx, m.id, 'feed.digest');
    const token = new URL(url).searchParams.get('t')!;
    const [payload, mac] = token.split('.');
    const forge = (text: string) => `${Buffer.from(text).toString('base64url')}.${mac}`;
    const decoded = Buffer.from(payload!, 'base64url').toString();
    for (const bad of [forge(decoded.replace(m.id, other.m.id)), forge(decoded.replace('feed.digest', 'jobs.offers')), `${payload}.x${mac!.slice(1)}`, 'nonsense']) {
      const res = await t.app.request(`/unsubscribe?t=${encodeURIComponent(bad)}`, { method: 'POST' });
      assert.equal(res.status, 400, bad);
    }
    assert.equal((await getPreferences(ctx, other.m.id))['feed.digest'], 'weekly');
  });
});
