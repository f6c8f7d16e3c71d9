import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { jobBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';

describe('jobs: search and filters (Japanese and English, the directory’s way)', () => {
  let t: TestContext;
  let a: TestTenant;
  let b: TestTenant;
  const id: Record<string, string> = {};

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant('検索株式会社');
    b = await t.tenant('別会社');
    const jobs: [string, Record<string, unknown>][] = [
      ['sales', { title: '法人営業マネージャー', department: '営業本部', location: '東京都港区', remotePolicy: 'hybrid', employmentType: 'rehire' }],
      ['desc', { title: 'カスタマーサクセス', department: 'CS部', location: '大阪市', description: '営業チームと一緒に、既存のお客さまを支えます。', employmentType: 'contract', remotePolicy: 'onsite' }],
      ['ai', { title: 'データ分析（副業）', department: 'ＡＩ推進室', location: 'フルリモート', remotePolicy: 'remote', employmentType: 'side_job' }],
      ['en', { title: '組込みソフトウェア開発', department: '開発部', location: '名古屋市', employmentType: 'freelance', remotePolicy: 'remote', translations: { en: { title: 'Embedded software engineer', description: 'Firmware for our collaborative robots.' } } }],
      ['closed', { title: '営業アシスタント', status: 'closed', employmentType: 'contract' }],
    ];
    for (const [key, body] of jobs) {
      // Each a moment apart: lists are newest first.
      t.clock.advance(1000);
      const res = await t.call('POST', '/v1/admin/jobs', { token: a.sk, body: jobBody({ description: '', requirements: '', ...body }) });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      id[key] = res.body.id;
    }
    await t.call('POST', '/v1/admin/jobs', { token: b.sk, body: jobBody({ title: '法人営業（別会社）' }) });
  });
  after(() => t.close());

  const search = async (query: string, tenant = a) => {
    const res = await t.call('GET', `/v1/jobs?${query}`, { token: tenant.pk, origin: tenant.origin });
    assert.equal(res.status, 200, `${query}: ${JSON.stringify(res.body)}`);
    return res.body.data.map((j: { id: string }) => Object.keys(id).find((k) => id[k] === j.id) ?? j.id);
  };
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  it('lists open jobs newest first, closed ones not at all', async () => {
    assert.deepEqual(await search(''), ['en', 'ai', 'desc', 'sales']);
  });

  it('finds Japanese words inside longer ones, titles first, then description matches', async () => {
    assert.deepEqual(await search(q('営業')), ['sales', 'desc'], 'title match before a newer description match');
    assert.deepEqual(await search(q('マネージャー')), ['sales']);
    assert.deepEqual(await search(q('まねーじゃー')), ['sales'], 'hiragana finds katakana');
    assert.deepEqual(await search(q('営業 東京')), ['sales'], 'every word must match');
    assert.deepEqual(await search(q('分析')), ['ai']);
  });

  it('finds English words and prefixes, in a job’s translation too', async () => {
    assert.deepEqual(await search(q('engineer')), ['en']);
    assert.deepEqual(await search(q('Firm')), ['en']);
    assert.deepEqual(await search(q('ＥＮＧＩＮＥＥＲ')), ['en'], 'full-width, upper case');
  });

  it('filters by type, remote policy, department and location (width, case and kana folded), combined with search', async () => {
    assert.deepEqual(await search('type=side_job'), ['ai']);
    assert.deepEqual(await search('remote=remote'), ['en', 'ai']);
    assert.deepEqual(await search(`department=${encodeURIComponent('ai推進')}`), ['ai']);
    assert.deepEqual(await search(`location=${encodeURIComponent('東京')}`), ['sales']);
    assert.deepEqual(await search(`${q('営業')}&type=contract`), ['desc']);
    const filters = await t.call('GET', '/v1/jobs/filters', { token: a.pk, origin: a.origin });
    assert.deepEqual(filters.body.departments.sort(), ['CS部', 'ＡＩ推進室', '営業本部', '開発部'].sort());
  });

  it('offers the filter menus in the reader’s language where a job is translated; either language filters', async () => {
    await t.call('PATCH', `/v1/admin/jobs/${id.sales}`, { token: a.sk, body: { translations: { en: { department: 'Corporate Sales' } } } });
    const en = await t.call('GET', '/v1/jobs/filters?lang=en', { token: a.pk, origin: a.origin });
    assert.ok(en.body.departments.includes('Corporate Sales') && !en.body.departments.includes('営業本部'));
    assert.ok(en.body.departments.includes('開発部'), 'untranslated ones as they are');
    assert.deepEqual(await search(`department=${encodeURIComponent('corporate sales')}`), ['sales']);
    assert.deepEqual(await search(`department=${encodeURIComponent('営業本部')}`), ['sales']);
  });

  it('pages through a search with cursors, across the title tier and the rest, without repeats', async () => {
    const seen: string[] = [];
    let cursor = '';
    for (let i = 0; i < 5; i++) {
      const res = await t.call('GET', `/v1/jobs?${q('営業')}&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: a.pk, origin: a.origin });
      seen.push(...res.body.data.map((j: { id: string }) => j.id));
      if (!res.body.nextCursor) break;
      cursor = res.body.nextCursor;
    }
    assert.deepEqual(seen, [id.sales, id.desc]);
  });

  it('takes any text as plain words, never query syntax, and finds nothing of another tenant', async () => {
    for (const text of ['"', 'NEAR(営業 東京)', '*', 'sales OR 1=1', '営業"', '{title}: x', '😀']) assert.ok(Array.isArray(await search(q(text))), text);
    assert.deepEqual(await search(q('別会社')), []);
    const other = await search(q('営業'), b);
    assert.equal(other.length, 1);
    assert.ok(!Object.values(id).includes(other[0]));
  });

  it('an edit re-indexes the job at once, in the same write', async () => {
    await t.call('PATCH', `/v1/admin/jobs/${id.ai}`, { token: a.sk, body: { title: '機械学習エンジニア（副業）' } });
    assert.deepEqual(await search(q('機械学習')), ['ai']);
    assert.deepEqual(await search(q('データ分析')), []);
    await t.call('DELETE', `/v1/admin/jobs/${id.ai}`, { token: a.sk });
    assert.deepEqual(await search(q('機械学習')), []);
    const [left] = (await t.deps.db.$client.execute('select count(*) as n from job_search s left join job_search_docs d on d.doc_id = s.rowid where d.doc_id is null')).rows;
    assert.equal(Number(left!.n), 0, 'no orphaned search text');
  });
});
