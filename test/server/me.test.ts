import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import { consents, contactMessages, emailCodes, members, rosterEntries, sessions } from '../../server/db/schema.js';
import { sha256 } from '../../server/core/crypto.js';
import { newId } from '../../server/core/ids.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';

describe('/v1/me', () => {
  let t: TestContext;
  let a: TestTenant;
  let seq = 0;
  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('ミライ製作所');
    await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body: { membershipPolicy: 'open' } });
  });
  after(() => t.close());

  /** Signs a new member in through the real code flow (the dev outbox holds the mail here). */
  async function signIn(tn: TestTenant = a) {
    const email = `me-${process.pid}-${++seq}@example.jp`;
    await t.call('POST', '/v1/auth/email/start', { token: tn.pk, origin: tn.origin, body: { email } });
    const mail = t.outbox.messages.findLast((m) => m.to === email)!;
    const code = /\b(\d{6})\b/.exec(mail.text)![1]!;
    const res = await t.call('POST', '/v1/auth/email/verify', { token: tn.pk, origin: tn.origin, body: { email, code } });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { token: string; member: any };
  }

  const patch = (token: string, body: unknown, tn: TestTenant = a) => t.call('PATCH', '/v1/me', { token, origin: tn.origin, body });
  const row = async (id: string) => (await t.deps.db.select().from(members).where(eq(members.id, id)))[0];

  const fullProfile = {
    name: '山田 太郎',
    nameKana: 'やまだ たろう',
    photoUrl: 'https://cdn.example.jp/taro.jpg',
    joinedYear: 2012,
    leftYear: 2020,
    lastDepartment: '営業部',
    lastTitle: '課長',
    career: [
      { department: '営業部', title: '主任', from: '2012-04', to: '2016-03' },
      { department: '営業部', title: '課長', from: '2016-04' },
    ],
    currentCompany: '株式会社サンプル',
    currentTitle: '事業開発',
    location: '東京都',
    skills: ['法人営業', 'Python', 'Python', ''],
    qualifications: ['中小企業診断士'],
    interests: ['登山', 'ボランティア'],
    bio: '営業として8年勤めました。\n今は新規事業をやっています。',
    links: [{ label: 'LinkedIn', url: 'https://www.linkedin.com/in/example' }],
    openTo: ['rehire', 'mentoring', 'rehire'],
  };

  it('returns the member shape the widgets rely on', async () => {
    const { token, member } = await signIn();
    const res = await t.call('GET', '/v1/me', { token, origin: a.origin });
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), [
      'allowReplies',
      'consent',
      'createdAt',
      'email',
      'features',
      'id',
      'kind',
      'locale',
      'profile',
      'status',
      'statusReason',
      'unlisted',
      'visibility',
    ]);
    assert.equal(res.body.id, member.id);
    assert.deepEqual(res.body.consent, { requiredVersion: null, acceptedVersion: null, needed: false, policyUrl: null });
    assert.equal(res.body.profile.bio, '');
    assert.equal(res.body.visibility.currentCompany, 'members');
    assert.equal((await t.call('GET', '/v1/me', { token: a.pk, origin: a.origin })).status, 403);
    assert.equal((await t.call('GET', '/v1/me')).status, 401);
  });

  it('edits every profile field, visibility, listing, replies and language', async () => {
    const { token, member } = await signIn();
    const res = await patch(token, {
      ...fullProfile,
      visibility: { currentCompany: 'company', bio: 'nobody' },
      unlisted: true,
      allowReplies: true,
      locale: 'en',
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body.profile.skills, ['法人営業', 'Python']);
    assert.deepEqual(res.body.profile.openTo, ['rehire', 'mentoring']);
    assert.equal(res.body.profile.bio, fullProfile.bio);
    assert.deepEqual(res.body.profile.career, fullProfile.career);
    assert.equal(res.body.visibility.currentCompany, 'company');
    assert.equal(res.body.visibility.bio, 'nobody');
    assert.equal(res.body.visibility.skills, 'members');
    assert.equal(res.body.unlisted, true);
    assert.equal(res.body.allowReplies, true);
    assert.equal(res.body.locale, 'en');
    // Visibility merges: changing one field keeps the others.
    const again = await patch(token, { visibility: { bio: 'members' }, photoUrl: null });
    assert.equal(again.body.visibility.currentCompany, 'company');
    assert.equal(again.body.visibility.bio, 'members');
    assert.equal(again.body.profile.photoUrl, null);
    const stored = await row(member.id);
    assert.equal(stored!.currentCompany, '株式会社サンプル');
  });

  it('a pending member may edit their profile', async () => {
    const b = await t.tenant();
    const { token, member } = await signIn(b);
    assert.equal(member.status, 'pending');
    const res = await patch(token, { name: '待機 中', bio: '承認待ちです' }, b);
    assert.equal(res.status, 200);
    assert.equal(res.body.profile.name, '待機 中');
  });

  it('refuses bad input with 422 naming the field, and writes nothing', async () => {
    const { token, member } = await signIn();
    await patch(token, { joinedYear: 2010, bio: 'before' });
    const before = await row(member.id);
    const cases: [string, unknown, string][] = [
      ['name not a string', { name: 123 }, 'body.name'],
      ['empty name', { name: '   ' }, 'body.name'],
      ['huge name', { name: 'あ'.repeat(101) }, 'body.name'],
      ['control character', { name: 'a\u0000b' }, 'body.name'],
      ['multi-line title', { currentTitle: 'a\nb' }, 'body.currentTitle'],
      ['huge bio', { bio: 'x'.repeat(2001) }, 'body.bio'],
      ['bio with NUL', { bio: 'a\u0000' }, 'body.bio'],
      ['http photo', { photoUrl: 'http://cdn.example.jp/a.jpg' }, 'body.photoUrl'],
      ['javascript photo', { photoUrl: 'javascript:alert(1)' }, 'body.photoUrl'],
      ['photo not a URL', { photoUrl: 'taro.jpg' }, 'body.photoUrl'],
      ['javascript link', { links: [{ label: 'x', url: 'javascript:alert(1)' }] }, 'body.links.0.url'],
      ['link without label', { links: [{ url: 'https://example.jp' }] }, 'body.links.0.label'],
      ['too many links', { links: Array.from({ length: 11 }, () => ({ label: 'x', url: 'https://example.jp' })) }, 'body.links'],
      ['too many skills', { skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }, 'body.skills'],
      ['long skill', { skills: ['x'.repeat(51)] }, 'body.skills.0'],
      ['skills not an array', { skills: 'Python' }, 'body.skills'],
      ['year as text', { joinedYear: '2010' }, 'body.joinedYear'],
      ['year out of range', { joinedYear: 1800 }, 'body.joinedYear'],
      ['fractional year', { leftYear: 2020.5 }, 'body.leftYear'],
      ['left before joined', { leftYear: 2005 }, 'body.leftYear'],
      ['unknown open-to flag', { openTo: ['world_domination'] }, 'body.openTo.0'],
      ['career without department', { career: [{ title: '課長' }] }, 'body.career.0.department'],
      ['career dates reversed', { career: [{ department: '営業部', from: '2016-04', to: '2012-04' }] }, 'body.career.0.to'],
      ['career date format', { career: [{ department: '営業部', from: 'April 2016' }] }, 'body.career.0.from'],
      ['unknown visibility level', { visibility: { bio: 'everyone' } }, 'body.visibility.bio'],
      ['visibility of email', { visibility: { email: 'members' } }, 'body.visibility.email'],
      ['unlisted as text', { unlisted: 'yes' }, 'body.unlisted'],
      ['unknown locale', { locale: 'fr' }, 'body.locale'],
      ['unknown field', { email: 'new@example.jp' }, 'body.email'],
      ['status is not self-service', { status: 'approved' }, 'body.status'],
      ['no policy to accept', { acceptPrivacyPolicyVersion: 'v1' }, 'body.acceptPrivacyPolicyVersion'],
      ['nothing to change', {}, 'body'],
      ['valid and invalid together', { bio: 'after', name: 42 }, 'body.name'],
    ];
    for (const [label, body, field] of cases) {
      const res = await patch(token, body);
      assert.equal(res.status, 422, `${label}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      assert.ok(
        res.body.errors.some((e: { field: string }) => e.field === field),
        `${label}: expected ${field} in ${JSON.stringify(res.body.errors)}`,
      );
    }
    // Not JSON at all is a syntax error (400), still naming the body.
    const raw = await t.call('PATCH', '/v1/me', { token, origin: a.origin, raw: '{"bio": "x"' });
    assert.equal(raw.status, 400);
    assert.equal(raw.body.errors[0].field, 'body');
    assert.deepEqual(await row(member.id), before);
  });

  it('a request body over the size limit is a 413, not a 500', async () => {
    const { token } = await signIn();
    const res = await patch(token, { bio: 'x'.repeat(2_000_000) });
    assert.equal(res.status, 413);
  });

  it('DELETE erases the member and everything hanging off it', async () => {
    const { token, member } = await signIn();
    await patch(token, { ...fullProfile, skills: ['営業'] });
    const other = await signIn();
    const { db } = t.deps;
    const ts = t.clock.now().toISOString();
    await db.insert(contactMessages).values([
      { id: newId('msg'), tenantId: a.id, fromMemberId: member.id, toMemberId: other.member.id, body: 'こんにちは', repliesAllowed: false, createdAt: ts },
      { id: newId('msg'), tenantId: a.id, fromMemberId: other.member.id, toMemberId: member.id, body: 'お久しぶりです', repliesAllowed: true, createdAt: ts },
    ]);
    await db.insert(consents).values({ id: newId('con'), tenantId: a.id, memberId: member.id, version: 'v1', acceptedAt: ts });
    await t.call('POST', '/v1/auth/email/start', { token: a.pk, origin: a.origin, body: { email: member.email } });
    await db.insert(rosterEntries).values({ id: `ros_keep_${seq}`, tenantId: a.id, emails: [member.email], name: '名簿', createdAt: ts, updatedAt: ts });
    const indexed = async () => (await db.all<{ n: number }>(sql`select count(*) as n from directory_entries where member_id = ${member.id}`))[0]!.n;
    assert.equal(Number(await indexed()), 1);

    const res = await t.call('DELETE', '/v1/me', { token, origin: a.origin });
    assert.equal(res.status, 204);

    assert.equal(await row(member.id), undefined);
    assert.equal((await db.select().from(sessions).where(eq(sessions.memberId, member.id))).length, 0);
    assert.equal((await db.select().from(consents).where(eq(consents.memberId, member.id))).length, 0);
    assert.equal((await db.select().from(emailCodes).where(and(eq(emailCodes.tenantId, a.id), eq(emailCodes.email, member.email)))).length, 0);
    assert.equal((await db.select().from(contactMessages).where(eq(contactMessages.fromMemberId, member.id))).length, 0);
    assert.equal((await db.select().from(contactMessages).where(eq(contactMessages.toMemberId, member.id))).length, 0);
    assert.equal(Number(await indexed()), 0);
    // The company's own roster is not the member's to delete.
    assert.equal((await db.select().from(rosterEntries).where(eq(rosterEntries.id, `ros_keep_${seq}`))).length, 1);
    assert.equal((await t.call('GET', '/v1/me', { token, origin: a.origin })).status, 401);
    // The other member is untouched.
    assert.equal((await t.call('GET', '/v1/me', { token: other.token, origin: a.origin })).status, 200);
  });

  it('export holds my data, as an attachment, and no token or hash', async () => {
    const { token, member } = await signIn();
    const second = await signIn();
    await patch(token, { bio: '書き出しテスト', visibility: { bio: 'nobody' } });
    const { db } = t.deps;
    const ts = t.clock.now().toISOString();
    await db.insert(contactMessages).values([
      { id: newId('msg'), tenantId: a.id, fromMemberId: member.id, toMemberId: second.member.id, body: '私が送った', repliesAllowed: true, createdAt: ts },
      { id: newId('msg'), tenantId: a.id, fromMemberId: second.member.id, toMemberId: member.id, body: '他人が送った', repliesAllowed: false, createdAt: ts },
    ]);
    const res = await t.call('GET', '/v1/me/export', { token, origin: a.origin });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment; filename="homecoming-mem_[0-9A-Za-z]+\.json"$/);
    assert.equal(res.body.member.id, member.id);
    assert.equal(res.body.member.email, member.email);
    assert.equal(res.body.member.profile.bio, '書き出しテスト');
    assert.equal(res.body.member.visibility.bio, 'nobody');
    assert.equal(res.body.network.name, 'ミライ製作所');
    assert.equal(res.body.sessions.length, 1);
    assert.deepEqual(Object.keys(res.body.sessions[0]).sort(), ['createdAt', 'expiresAt', 'id', 'lastSeenAt', 'revokedAt']);
    assert.deepEqual(res.body.messagesSent.map((m: { body: string }) => m.body), ['私が送った']);
    const text = JSON.stringify(res.body);
    const [session] = await db.select().from(sessions).where(eq(sessions.memberId, member.id));
    assert.ok(!text.includes(token));
    assert.ok(!text.includes(session!.tokenHash));
    assert.ok(!text.includes(sha256(token)));
    assert.ok(!/hash/i.test(text));
    assert.ok(!text.includes('他人が送った'));
  });
});
