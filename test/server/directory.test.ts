import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { members } from '../../server/db/schema.js';
import { seedDemoMembers } from '../../server/demo/members.js';
import { tenantToken } from '../../server/core/search/japanese.js';
import { compactSearchIndex, reindexMember, reindexTenant } from '../../server/modules/directory/search-index.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';
import type { MemberRow } from '../../server/modules/members/profile.js';

type Card = { id: string; kind: string; profile: Record<string, unknown>; canContact: boolean };

describe('member directory', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  let viewer: MemberRow;
  let tanaka: MemberRow;
  let smith: MemberRow;
  let suzuki: MemberRow;
  let pending: MemberRow;
  let unlisted: MemberRow;
  let suspended: MemberRow;
  let token: string;
  let pendingToken: string;
  let tokenB: string;

  /** GET as the approved viewer (from the tenant's page, as the widget calls it); returns the ids found. */
  const search = async (query: string, as = token, origin = a.origin) => {
    const res = await t.call('GET', `/v1/members${query ? `?${query}` : ''}`, { token: as, origin });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body.data as Card[]).map((c) => c.id);
  };
  const q = (text: string) => search(`q=${encodeURIComponent(text)}`);

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('アルファ株式会社');
    b = await t.tenant('ベータ株式会社');
    const db = t.deps.db;
    viewer = await createMember(db, a.id, { name: '閲覧 太郎', nameKana: 'えつらん たろう', status: 'approved' });
    tanaka = await createMember(db, a.id, {
      name: '田中 花子',
      nameKana: 'たなか はなこ',
      status: 'approved',
      lastDepartment: '法人営業部',
      lastTitle: '営業課長',
      currentCompany: '株式会社ミライ',
      currentTitle: '事業開発マネージャー',
      location: '東京都渋谷区',
      skills: ['Salesforce', '法人営業'],
      interests: ['登山', 'ボランティア'],
      bio: '新規事業の立ち上げが得意です。',
      leftYear: 2019,
      joinedYear: 2010,
      openTo: ['rehire'],
    });
    smith = await createMember(db, a.id, {
      name: 'John Smith',
      kind: 'employee',
      status: 'approved',
      lastDepartment: 'Product Marketing',
      currentCompany: 'Acme Corp',
      currentTitle: 'Marketing Lead',
      location: 'Osaka',
      skills: ['TypeScript', 'React'],
      interests: ['hiking'],
      bio: 'Marketing lead who loves café culture and résumé reviews.',
      leftYear: 2021,
      openTo: ['side_job', 'mentoring'],
      locale: 'en',
    });
    suzuki = await createMember(db, a.id, {
      name: '鈴木 一郎',
      nameKana: 'スズキ イチロウ',
      status: 'approved',
      lastDepartment: '開発部',
      lastTitle: 'エンジニア',
      career: [{ department: 'インフラ企画室', title: 'リーダー' }],
      skills: ['Go', 'Kubernetes'],
      qualifications: ['応用情報技術者'],
      leftYear: 2015,
      openTo: ['business'],
    });
    pending = await createMember(db, a.id, { name: '田中 保留', nameKana: 'たなか ほりゅう', status: 'pending', lastTitle: '営業' });
    unlisted = await createMember(db, a.id, { name: '田中 非掲載', status: 'approved', unlisted: true, lastTitle: '営業' });
    suspended = await createMember(db, a.id, { name: '田中 停止', status: 'suspended', lastTitle: '営業' });
    await createMember(db, b.id, { name: '田中 別社', status: 'approved', lastTitle: '営業' });
    const viewerB = await createMember(db, b.id, { name: 'ベータ 閲覧', status: 'approved' });
    token = await sessionFor(db, viewer);
    pendingToken = await sessionFor(db, pending);
    tokenB = await sessionFor(db, viewerB);
  });
  after(() => t.close());

  describe('who may look', () => {
    it('an approved member gets the listed, approved members of their own tenant', async () => {
      const ids = await search('');
      assert.deepEqual(new Set(ids), new Set([viewer.id, tanaka.id, smith.id, suzuki.id]));
    });

    it('a pending member gets 403 membership_pending explaining the wait', async () => {
      for (const path of ['/v1/members', `/v1/members/${tanaka.id}`]) {
        const res = await t.call('GET', path, { token: pendingToken, origin: a.origin });
        assert.equal(res.status, 403);
        assert.equal(res.body.code, 'membership_pending');
        assert.match(res.body.detail, /approv/);
      }
    });

    it('a rejected member is refused too', async () => {
      const rejected = await createMember(t.deps.db, a.id, { name: '却下 さん', status: 'rejected' });
      const res = await t.call('GET', '/v1/members', { token: await sessionFor(t.deps.db, rejected), origin: a.origin });
      assert.equal(res.status, 403);
    });

    it('keys alone are not enough: no credential 401, publishable 403, secret 403', async () => {
      assert.equal((await t.call('GET', '/v1/members')).status, 401);
      assert.equal((await t.call('GET', '/v1/members', { token: a.pk, origin: a.origin })).status, 403);
      assert.equal((await t.call('GET', '/v1/members', { token: a.sk })).status, 403);
      assert.equal((await t.call('GET', `/v1/members/${tanaka.id}`, { token: a.pk, origin: a.origin })).status, 403);
    });

    it("tenant B's session never sees tenant A's members, in search or detail", async () => {
      const ids = await search(`q=${encodeURIComponent('田中')}`, tokenB, b.origin);
      assert.equal(ids.length, 1);
      assert.ok(!ids.includes(tanaka.id));
      const detail = await t.call('GET', `/v1/members/${tanaka.id}`, { token: tokenB, origin: b.origin });
      assert.equal(detail.status, 404);
    });

    it('the search index itself keeps tenants apart (each FTS row carries its tenant token)', async () => {
      const count = async (tenantId: string) =>
        Number(
          (
            await t.deps.db.all<{ n: number }>(
              sql`select count(*) as n from directory_search where directory_search match ${`tenant : "${tenantToken(tenantId)}" AND "田中"`}`,
            )
          )[0]!.n,
        );
      assert.equal(await count(a.id), 1);
      assert.equal(await count(b.id), 1);
    });

    it("a session is refused from another tenant's origin", async () => {
      const res = await t.call('GET', '/v1/members', { token: tokenB, origin: a.origin });
      assert.equal(res.status, 403);
    });
  });

  describe('search', () => {
    it('finds a two-character Japanese word inside a longer one (営業 in 営業課長, 法人営業部)', async () => {
      assert.deepEqual(await q('営業'), [tanaka.id]);
    });

    it('finds a two-character family name (田中) but never pending, unlisted, suspended or other-tenant members', async () => {
      const ids = await q('田中');
      assert.deepEqual(ids, [tanaka.id]);
      for (const hidden of [pending, unlisted, suspended]) assert.ok(!ids.includes(hidden.id));
    });

    it('finds three-and-more-character Japanese words only where they occur in that order', async () => {
      assert.deepEqual(await q('事業開発'), [tanaka.id]);
      assert.deepEqual(await q('営業部'), [tanaka.id]);
      assert.deepEqual(await q('部営業'), []);
    });

    it('finds by reading in hiragana or katakana, full- or half-width', async () => {
      assert.deepEqual(await q('たなか'), [tanaka.id]);
      assert.deepEqual(await q('タナカ'), [tanaka.id]);
      assert.deepEqual(await q('ｽｽﾞｷ'), [suzuki.id]);
      assert.deepEqual(await q('すずき'), [suzuki.id]);
    });

    it('finds a single Japanese character as a prefix', async () => {
      assert.deepEqual(await q('鈴'), [suzuki.id]);
      assert.deepEqual(await q('一'), [suzuki.id]);
    });

    it('finds an English word and a prefix, case- and width-insensitively, and accents folded', async () => {
      assert.deepEqual(await q('marketing'), [smith.id]);
      assert.deepEqual(await q('Mark'), [smith.id]);
      assert.deepEqual(await q('typescr'), [smith.id]);
      assert.deepEqual(await q('ＲＥＡＣＴ'), [smith.id]);
      assert.deepEqual(await q('cafe resume'), [smith.id]);
      assert.deepEqual(await q('salesforce'), [tanaka.id]);
    });

    it('searches company, titles (current, last and career), skills, qualifications, interests and bio', async () => {
      assert.deepEqual(await q('ミライ'), [tanaka.id]);
      assert.deepEqual(await q('マネージャー'), [tanaka.id]);
      assert.deepEqual(await q('エンジニア'), [suzuki.id]);
      assert.deepEqual(await q('インフラ'), [suzuki.id]);
      assert.deepEqual(await q('kubernetes'), [suzuki.id]);
      assert.deepEqual(await q('応用情報'), [suzuki.id]);
      assert.deepEqual(await q('登山'), [tanaka.id]);
      assert.deepEqual(await q('hiking'), [smith.id]);
      assert.deepEqual(await q('立ち上げ'), [tanaka.id]);
    });

    it('ANDs the terms', async () => {
      assert.deepEqual(await q('田中 営業'), [tanaka.id]);
      assert.deepEqual(await q('田中 marketing'), []);
      assert.deepEqual(await q('acme 営業'), []);
    });

    it('never matches the email address', async () => {
      assert.deepEqual(await q(tanaka.email.split('@')[0]!), []);
      assert.deepEqual(await q('example'), []);
    });

    it('ranks a match in the name above the same word elsewhere', async () => {
      const db = t.deps.db;
      const inBio = await createMember(db, a.id, { name: '山本 健', status: 'approved', bio: '前職では佐藤さんと営業をしていました' });
      const inName = await createMember(db, a.id, { name: '佐藤 美咲', status: 'approved' });
      assert.deepEqual(await q('佐藤'), [inName.id, inBio.id]);
      await db.delete(members).where(sql`${members.id} in (${inBio.id}, ${inName.id})`);
      await reindexMember(db, inBio.id);
      await reindexMember(db, inName.id);
    });

    it('ranks a Latin name prefix above the word elsewhere, and the name keys are never searched as text', async () => {
      const db = t.deps.db;
      const inBio = await createMember(db, a.id, { name: '山本 次郎', status: 'approved', bio: 'Worked with Smithers on the launch' });
      assert.deepEqual(await q('smith'), [smith.id, inBio.id]);
      // Name keys are the name's tokens prefixed with `n` (nsmith): a search for that text finds nobody.
      assert.deepEqual(await q('nsmith'), []);
      assert.deepEqual(await q('n田中'), []);
      await db.delete(members).where(sql`${members.id} = ${inBio.id}`);
      await reindexMember(db, inBio.id);
    });
  });

  describe('filters', () => {
    const cases: [string, () => string[]][] = [
      ['department=営業', () => [tanaka.id]],
      ['department=marketing', () => [smith.id]],
      ['company=ミライ', () => [tanaka.id]],
      ['company=acme', () => [smith.id]],
      ['skill=typescript', () => [smith.id]],
      ['skill=Type', () => []],
      ['skill=法人営業', () => [tanaka.id]],
      ['location=東京', () => [tanaka.id]],
      ['location=osaka', () => [smith.id]],
      ['leftYearFrom=2020', () => [smith.id]],
      ['leftYearTo=2016', () => [suzuki.id]],
      ['leftYearFrom=2016&leftYearTo=2020', () => [tanaka.id]],
      ['openTo=mentoring', () => [smith.id]],
      ['openTo=rehire,business', () => [tanaka.id, suzuki.id]],
      ['kind=employee', () => [smith.id]],
      ['kind=alumni&openTo=side_job', () => []],
      ['q=営業&department=営業', () => [tanaka.id]],
      ['q=営業&leftYearFrom=2020', () => []],
    ];
    for (const [query, expected] of cases) {
      it(`?${query}`, async () => {
        const ids = await search(query.replace(/=([^&]*)/g, (_m, v: string) => `=${encodeURIComponent(v)}`));
        assert.deepEqual(new Set(ids), new Set(expected()));
      });
    }

    it('refuses unknown flags and out-of-range values with 422 naming the field', async () => {
      for (const [query, field] of [
        ['openTo=rehire,astronaut', 'query.openTo'],
        ['kind=robot', 'query.kind'],
        ['leftYearFrom=abc', 'query.leftYearFrom'],
        ['limit=0', 'query.limit'],
        ['limit=101', 'query.limit'],
      ] as const) {
        const res = await t.call('GET', `/v1/members?${query}`, { token, origin: a.origin });
        assert.equal(res.status, 422, query);
        assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${query}: ${JSON.stringify(res.body.errors)}`);
      }
    });
  });

  describe('pagination', () => {
    let extra: MemberRow[] = [];
    before(async () => {
      extra = [];
      for (let i = 0; i < 7; i++) {
        extra.push(await createMember(t.deps.db, a.id, { name: `営業 担当${i}`, nameKana: `えいぎょう たんとう${i}`, status: 'approved', bio: i % 2 ? '営業' : '' }));
      }
    });
    after(async () => {
      for (const m of extra) {
        await t.deps.db.delete(members).where(eq(members.id, m.id));
        await reindexMember(t.deps.db, m.id);
      }
    });

    const walk = async (query: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { status: number; body: { data: Card[]; nextCursor: string | null } } = await t.call(
          'GET',
          `/v1/members?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`,
          { token, origin: a.origin },
        );
        assert.equal(res.status, 200);
        assert.ok(res.body.data.length <= 2);
        seen.push(...res.body.data.map((c) => c.id));
        cursor = res.body.nextCursor;
        pages += 1;
      } while (cursor && pages < 20);
      return seen;
    };

    it('pages the whole directory by reading (kana), then id, without repeats', async () => {
      const all = await walk('');
      assert.equal(all.length, new Set(all).size);
      assert.equal(all.length, 4 + extra.length);
      const full = await search('limit=100');
      assert.deepEqual(all, full);
      // スズキ sorts before タナカ (gojūon order, hiragana and katakana folded together).
      assert.ok(full.indexOf(suzuki.id) < full.indexOf(tanaka.id));
    });

    it('pages search results by relevance without repeats or gaps', async () => {
      const all = await walk(`q=${encodeURIComponent('営業')}`);
      assert.equal(all.length, new Set(all).size);
      assert.deepEqual(new Set(all), new Set([tanaka.id, ...extra.map((m) => m.id)]));
      assert.deepEqual(all, await q('営業'));
    });

    it('refuses a cursor it did not issue with 422 naming query.cursor', async () => {
      for (const cursor of ['nope', Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('["x",1]').toString('base64url')]) {
        for (const extraQuery of ['', '&q=営業']) {
          const res = await t.call('GET', `/v1/members?cursor=${cursor}${encodeURI(extraQuery)}`, { token, origin: a.origin });
          assert.equal(res.status, 422, cursor + extraQuery);
          assert.equal(res.body.errors[0].field, 'query.cursor');
        }
      }
    });
  });

  describe('detail', () => {
    it('shows a listed member as a card without email', async () => {
      const res = await t.call('GET', `/v1/members/${tanaka.id}`, { token, origin: a.origin });
      assert.equal(res.status, 200);
      assert.equal(res.body.id, tanaka.id);
      assert.equal(res.body.kind, 'alumni');
      assert.equal(res.body.canContact, true);
      assert.equal(res.body.profile.currentCompany, '株式会社ミライ');
      assert.equal(res.body.email, undefined);
      assert.ok(!JSON.stringify(res.body).includes(tanaka.email));
    });

    it('marks yourself as not contactable', async () => {
      const res = await t.call('GET', `/v1/members/${viewer.id}`, { token, origin: a.origin });
      assert.equal(res.body.canContact, false);
    });

    it('404s for pending, unlisted, suspended, unknown and other-tenant members', async () => {
      const other = await createMember(t.deps.db, b.id, { name: '他社 社員', status: 'approved' });
      for (const id of [pending.id, unlisted.id, suspended.id, 'mem_doesnotexist', other.id]) {
        const res = await t.call('GET', `/v1/members/${id}`, { token, origin: a.origin });
        assert.equal(res.status, 404, id);
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      }
    });
  });

  describe('the index follows the member', () => {
    it('profile edits, unlisting, status changes and deletion are reflected after reindexMember', async () => {
      const db = t.deps.db;
      const m = await createMember(db, a.id, { name: '渡辺 翔', status: 'approved', bio: 'ドローン撮影' });
      assert.deepEqual(await q('ドローン'), [m.id]);

      await db.update(members).set({ bio: '写真家' }).where(eq(members.id, m.id));
      await reindexMember(db, m.id);
      assert.deepEqual(await q('ドローン'), []);
      assert.deepEqual(await q('写真'), [m.id]);

      await db.update(members).set({ unlisted: true }).where(eq(members.id, m.id));
      await reindexMember(db, m.id);
      assert.deepEqual(await q('渡辺'), []);

      await db.update(members).set({ unlisted: false, status: 'suspended' }).where(eq(members.id, m.id));
      await reindexMember(db, m.id);
      assert.deepEqual(await q('渡辺'), []);

      await db.update(members).set({ status: 'approved' }).where(eq(members.id, m.id));
      await reindexMember(db, m.id);
      assert.deepEqual(await q('渡辺'), [m.id]);

      await db.delete(members).where(eq(members.id, m.id));
      await reindexMember(db, m.id);
      assert.deepEqual(await q('渡辺'), []);
    });

    it("a deleted member's text leaves the FTS table, even when the row goes by cascade alone", async () => {
      const db = t.deps.db;
      const m = await createMember(db, a.id, { name: '消去 テスト', status: 'approved', bio: 'ユニコーンくじら' });
      const count = async () =>
        Number((await db.all<{ n: number }>(sql`select count(*) as n from directory_search where directory_search match ${'"ユニ ニコ"'}`))[0]!.n);
      assert.equal(await count(), 1);
      // No reindexMember call here: the foreign-key cascade and the delete trigger must do it.
      await db.delete(members).where(eq(members.id, m.id));
      assert.equal(await count(), 0);
    });

    it('reindexTenant rebuilds the same results', async () => {
      const before = await q('営業');
      await reindexTenant(t.deps.db, a.id, { batchSize: 3 });
      assert.deepEqual(await q('営業'), before);
      assert.deepEqual(new Set(await search('')), new Set([viewer.id, tanaka.id, smith.id, suzuki.id]));
    });

    it('compacting the index merges its segments and changes no result', async () => {
      const db = t.deps.db;
      // Row-by-row writes (each member's reindex) leave small segments behind.
      for (let i = 0; i < 30; i++) await reindexMember(db, [viewer, tanaka, smith, suzuki][i % 4]!.id);
      const queries = ['営業', '田中', 'smi', '営', 'たなか'];
      const before = await Promise.all(queries.map(q));
      assert.ok((await compactSearchIndex(db)) > 0, 'there was something to merge');
      assert.deepEqual(await Promise.all(queries.map(q)), before);
      assert.equal(await compactSearchIndex(db), 0, 'a compact index has nothing left to merge');
      // reindexTenant compacts what it wrote.
      await reindexTenant(db, a.id, { batchSize: 1 });
      assert.equal(await compactSearchIndex(db), 0);
      assert.deepEqual(await Promise.all(queries.map(q)), before);
    });
  });

  describe('hostile search input', () => {
    const inputs: [string, string][] = [
      ['lone quote', '"'],
      ['quotes', '"営業" "'],
      ['FTS operators', 'a AND b OR NOT c'],
      ['NEAR', 'NEAR(田中 営業, 2)'],
      ['star and caret', '営* ^田中'],
      ['column filter', 'name:田中'],
      ['braces', '{name kana}: 田中'],
      ['parens', '(((('],
      ['minus', '-田中 foo-bar'],
      ['emoji', '😀🎉 田中 👨‍👩‍👧'],
      ['control chars', 'ab\u0001\u0007\u001b[31mcd'],
      ['NUL', 'a\u0000b'],
      ['SQL', "'; drop table members; --"],
      ['percent', '%_%'],
      ['backslashes', '\\\\"\\'],
      ['just spaces', '     '],
      ['RTL', '\u202e田中'],
      ['many terms', Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ')],
      ['10 KB', '営業'.repeat(5000)],
      ['201 chars', 'a'.repeat(201)],
    ];
    for (const [label, input] of inputs) {
      it(`${label}: 200 or 4xx, never 5xx`, async () => {
        const res = await t.call('GET', `/v1/members?q=${encodeURIComponent(input)}`, { token, origin: a.origin });
        assert.ok(res.status < 500, `${label}: ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status !== 200) {
          assert.equal(res.status, 422);
          assert.equal(res.body.errors[0].field, 'query.q');
        }
        for (const filter of ['department', 'company', 'skill', 'location']) {
          const f = await t.call('GET', `/v1/members?${filter}=${encodeURIComponent(input)}`, { token, origin: a.origin });
          assert.ok(f.status < 500, `${filter} ${label}: ${f.status}`);
        }
      });
    }

    it('invalid UTF-8 in the query string: 200 or 4xx, never 5xx', async () => {
      for (const raw of ['%ED%A0%80', '%FF%FE', '%E5%96', '%', '%zz']) {
        const res = await t.call('GET', `/v1/members?q=${raw}`, { token, origin: a.origin });
        assert.ok(res.status < 500, `${raw}: ${res.status}`);
      }
    });

    it('a query longer than 200 characters is a 422 naming query.q', async () => {
      const res = await t.call('GET', `/v1/members?q=${'営'.repeat(201)}`, { token, origin: a.origin });
      assert.equal(res.status, 422);
      assert.equal(res.body.errors[0].field, 'query.q');
    });

    it('operator words are searched as words', async () => {
      const m = await createMember(t.deps.db, a.id, { name: 'Near Andersen', status: 'approved' });
      assert.deepEqual(await q('NEAR'), [m.id]);
      assert.deepEqual(await q('NEAR OR zzzz'), []);
      assert.deepEqual(await q('NEAR andersen'), [m.id]);
      await t.deps.db.delete(members).where(eq(members.id, m.id));
      await reindexMember(t.deps.db, m.id);
    });
  });

  describe('demo members', () => {
    it('are seeded approved and searchable, the unlisted one never shows, and a second run adds nothing', async () => {
      const demo = await t.tenant('デモ株式会社');
      const created = await seedDemoMembers(t.deps.db, demo.id, t.clock.now());
      assert.ok(created.length >= 12);
      assert.deepEqual(await seedDemoMembers(t.deps.db, demo.id, t.clock.now()), []);
      const [first] = await t.deps.db.select().from(members).where(eq(members.id, created[0]!));
      const demoToken = await sessionFor(t.deps.db, first!);
      const find = (query: string) => search(query, demoToken, demo.origin);
      const all = await find('limit=100');
      assert.equal(all.length, created.length - 1);
      assert.ok((await find(`q=${encodeURIComponent('営業')}`)).length >= 2);
      assert.equal((await find('q=marketing')).length, 1);
      assert.deepEqual(await find(`q=${encodeURIComponent('非公開')}`), []);
    });
  });
});
