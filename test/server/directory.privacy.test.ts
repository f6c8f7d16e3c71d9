import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { Visibility } from '../../server/db/schema.js';
import { profileFields, type MemberRow, type ProfileField } from '../../server/modules/members/profile.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

/**
 * Every profile field, set to a value found nowhere else, and how one would look for it: a search
 * query (for the fields the directory searches) and a filter (for the fields it filters on).
 */
const secrets: Record<ProfileField, { value: unknown; q?: string; filter?: string }> = {
  nameKana: { value: 'ヒミツカナ', q: 'ヒミツカナ' },
  photoUrl: { value: 'https://img.example/secret-photo.png' },
  joinedYear: { value: 1987 },
  leftYear: { value: 1999, filter: 'leftYearFrom=1999&leftYearTo=1999' },
  lastDepartment: { value: '隠密調査部', q: '隠密', filter: `department=${encodeURIComponent('隠密')}` },
  lastTitle: { value: '秘書室長', q: '秘書' },
  career: { value: [{ department: '極秘プロジェクト室', title: 'ステルス担当' }], q: 'ステルス' },
  currentCompany: { value: '黒幕商事', q: '黒幕', filter: `company=${encodeURIComponent('黒幕')}` },
  currentTitle: { value: 'Shadowdirector', q: 'shadowdir' },
  location: { value: '稚内市', filter: `location=${encodeURIComponent('稚内')}` },
  skills: { value: ['Cobolsecret'], q: 'cobolsecret', filter: 'skill=cobolsecret' },
  qualifications: { value: ['潜水士免許'], q: '潜水士' },
  interests: { value: ['盆栽鑑賞'], q: '盆栽' },
  bio: { value: 'zebrafishbio lover', q: 'zebrafish' },
  links: { value: [{ label: 'secretlink', url: 'https://secret.example/x' }] },
  openTo: { value: ['business'], filter: 'openTo=business' },
};

describe('directory privacy: what a member hid never reaches other members', () => {
  let t: TestContext;
  let a: TestTenant;
  let token: string;
  /** field → level → the member who set that field to its secret value at that visibility. */
  const holders = {} as Record<ProfileField, Record<Visibility, MemberRow>>;
  let everything: MemberRow;

  const get = async (path: string) => {
    const res = await t.call('GET', path, { token, origin: a.origin });
    assert.equal(res.status, 200, `${path}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ids = (body: { data: { id: string }[] }) => body.data.map((c) => c.id);

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
    const db = t.deps.db;
    const viewer = await createMember(db, a.id, { name: '閲覧 太郎', status: 'approved' });
    token = await sessionFor(db, viewer);
    for (const field of profileFields) {
      holders[field] = {} as Record<Visibility, MemberRow>;
      for (const level of ['members', 'company', 'nobody'] as const) {
        holders[field][level] = await createMember(db, a.id, {
          name: `Privacy ${field} ${level}`,
          status: 'approved',
          [field]: secrets[field].value,
          visibility: { [field]: level },
        });
      }
    }
    // One member who hides every field from members at once, with an email to look for.
    everything = await createMember(db, a.id, {
      name: 'Hidden Everything',
      status: 'approved',
      email: 'hidden.everything@secret-mail.example',
      ...Object.fromEntries(profileFields.map((f) => [f, secrets[f].value])),
      visibility: Object.fromEntries(profileFields.map((f, i) => [f, i % 2 ? 'company' : 'nobody'])),
    });
  });
  after(() => t.close());

  /** Every card of the full directory listing, the search results and the detail for `m`. */
  async function everyView(m: MemberRow) {
    const list = (await get('/v1/members?limit=100')).data;
    const searched = (await get(`/v1/members?q=${encodeURIComponent(m.name)}`)).data;
    const detail = await get(`/v1/members/${m.id}`);
    return [
      ['list', list.find((c: { id: string }) => c.id === m.id)],
      ['search', searched.find((c: { id: string }) => c.id === m.id)],
      ['detail', detail],
    ] as const;
  }

  for (const field of profileFields) {
    describe(field, () => {
      it('is absent (not null) from list, search results and detail when hidden from members; present when shown', async () => {
        for (const level of ['company', 'nobody'] as const) {
          for (const [view, card] of await everyView(holders[field][level])) {
            assert.ok(card, `${view} should show the member`);
            assert.equal(field in card.profile, false, `${field} (${level}) leaked in ${view}`);
            assert.equal('email' in card, false);
            if (typeof secrets[field].value !== 'number') {
              const needle = JSON.stringify(secrets[field].value).replace(/^\[|\]$/g, '').replace(/^"|"$/g, '');
              assert.ok(!JSON.stringify(card).includes(needle), `${field} value leaked in ${view}`);
            }
          }
        }
        for (const [view, card] of await everyView(holders[field].members)) {
          assert.deepEqual(card.profile[field], secrets[field].value, `${field} should show in ${view}`);
        }
      });

      if (secrets[field].q) {
        it(`is not searchable when hidden (q=${secrets[field].q})`, async () => {
          const found = ids(await get(`/v1/members?q=${encodeURIComponent(secrets[field].q!)}`));
          assert.deepEqual(found, [holders[field].members.id]);
        });
      }
      if (secrets[field].filter) {
        it(`is not filterable when hidden (${secrets[field].filter})`, async () => {
          const found = ids(await get(`/v1/members?${secrets[field].filter}`));
          assert.deepEqual(found, [holders[field].members.id]);
        });
      }
    });
  }

  it('a member who hides everything shows only their name, in every view, and is found by nothing else', async () => {
    for (const [view, card] of await everyView(everything)) {
      assert.deepEqual(Object.keys(card.profile), ['name'], view);
      assert.ok(!JSON.stringify(card).includes('secret-mail'), view);
    }
    for (const field of profileFields) {
      if (secrets[field].q) assert.ok(!ids(await get(`/v1/members?q=${encodeURIComponent(secrets[field].q!)}`)).includes(everything.id), field);
      if (secrets[field].filter) assert.ok(!ids(await get(`/v1/members?${secrets[field].filter}`)).includes(everything.id), field);
    }
    assert.deepEqual(ids(await get('/v1/members?q=secret')), []);
  });

  it('no directory response carries any email address', async () => {
    const list = await t.call('GET', '/v1/members?limit=100', { token, origin: a.origin });
    assert.ok(!/@/.test(JSON.stringify(list.body)));
  });

  describe('the company (admin API and CSV) sees what is shown to members or the company, never "nobody"', () => {
    it('admin list and detail', async () => {
      const list = await t.call('GET', '/v1/admin/members?limit=100', { token: a.sk });
      assert.equal(list.status, 200);
      for (const field of profileFields) {
        for (const level of ['members', 'company', 'nobody'] as const) {
          const m = holders[field][level];
          const fromList = list.body.data.find((x: { id: string }) => x.id === m.id);
          const detail = (await t.call('GET', `/v1/admin/members/${m.id}`, { token: a.sk })).body;
          for (const view of [fromList, detail]) {
            assert.equal(view.email, m.email);
            if (level === 'nobody') assert.equal(field in view.profile, false, `${field} nobody leaked to the company`);
            else assert.deepEqual(view.profile[field], secrets[field].value, `${field} ${level}`);
          }
        }
      }
    });

    it('admin search does not match a kana hidden from everyone', async () => {
      const res = await t.call('GET', `/v1/admin/members?q=${encodeURIComponent('ヒミツカナ')}`, { token: a.sk });
      const found = new Set(ids(res.body));
      assert.ok(found.has(holders.nameKana.members.id));
      assert.ok(found.has(holders.nameKana.company.id));
      assert.ok(!found.has(holders.nameKana.nobody.id));
      assert.ok(!found.has(everything.id));
    });

    it('CSV export leaves "nobody" cells empty and fills the others', async () => {
      const res = await t.app.request('/v1/admin/members/export.csv', { headers: { authorization: `Bearer ${a.sk}` } });
      assert.equal(res.status, 200);
      const rows: Record<string, string>[] = parse(Buffer.from(await res.arrayBuffer()), { columns: true, bom: true });
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const field of profileFields) {
        assert.equal(byId.get(holders[field].nobody.id)![field], '', `${field} nobody leaked into the CSV`);
        assert.notEqual(byId.get(holders[field].company.id)![field], '', `${field} company missing from the CSV`);
        assert.notEqual(byId.get(holders[field].members.id)![field], '', `${field} members missing from the CSV`);
      }
      const hidden = byId.get(everything.id)!;
      for (const [i, field] of profileFields.entries()) assert.equal(hidden[field] === '', i % 2 === 0, field);
    });
  });
});
