/**
 * Bad input to every route, from the OpenAPI document: each gets a 4xx problem+json naming the
 * field — never a 5xx — and leaves the database exactly as it was.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { fixtureId, tenantFixtures, type TenantFixtures } from '../helpers/fixtures.js';
import { createMember, sessionFor } from '../helpers/members.js';

interface Operation {
  method: string;
  path: string;
  op: any;
}

/** Tables whose rows legitimately change on any request (usage stamps, counters). */
const volatile = new Set(['rate_limits', 'api_keys', 'sessions', '__drizzle_migrations']);

describe('every route: bad input', () => {
  let t: TestContext;
  let a: TestTenant & TenantFixtures;
  let doc: any;
  let ops: Operation[];

  before(async () => {
    t = await makeTestApp();
    const tenant = await t.tenant();
    a = { ...tenant, ...(await tenantFixtures(t, tenant)) };
    doc = (await t.call('GET', '/openapi.json')).body;
    ops = Object.entries<any>(doc.paths).flatMap(([path, item]) =>
      Object.entries<any>(item).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  after(() => t.close());

  const resolve = (schema: any): any => (schema?.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop()]) : schema);

  /** The caller an operation wants, from tenant A's allowed origin. */
  const auth = (o: Operation) => {
    const schemes = (o.op.security ?? []).flatMap((r: object) => Object.keys(r));
    if (schemes.includes('secretKey')) return { token: a.sk };
    if (schemes.includes('publishableKey')) return { token: a.pk, origin: a.origin };
    if (schemes.includes('memberSession')) return { token: a.session, origin: a.origin };
    return {};
  };
  const url = (o: Operation) => o.path.replace(/\{\w+\}/g, () => fixtureId(a, o.path) ?? 'x');

  async function dump() {
    const tables = await t.deps.db.$client.execute("select name from sqlite_master where type = 'table' and name not like '%fts%' and name not like 'sqlite_%'");
    const out: Record<string, unknown> = {};
    for (const { name } of tables.rows as unknown as { name: string }[]) {
      if (volatile.has(name)) continue;
      const rows = (await t.deps.db.$client.execute(`select * from "${name}"`)).rows.map((r) => JSON.stringify(r));
      out[name] = rows.sort();
    }
    return JSON.stringify(out);
  }

  /** Sends bad input; asserts a 4xx problem, naming `field` when given, and that nothing was written. */
  async function expectRefused(o: Operation, init: { path?: string; raw?: string; body?: unknown }, field?: string | RegExp) {
    const before = await dump();
    const res = await t.call(o.method, init.path ?? url(o), { ...auth(o), raw: init.raw, body: init.body });
    const what = `${o.method} ${init.path ?? o.path} ${(init.raw ?? JSON.stringify(init.body) ?? '').slice(0, 80)}`;
    assert.ok(res.status >= 400 && res.status < 500, `${what} → ${res.status} ${JSON.stringify(res.body)}`);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', what);
    if (field) {
      const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
      assert.ok(
        fields.some((f: string) => (typeof field === 'string' ? f === field : field.test(f))),
        `${what}: expected an error naming ${field}, got ${JSON.stringify(res.body)}`,
      );
    }
    assert.equal(await dump(), before, `${what} wrote to the database`);
    return res;
  }

  const withBody = () => ops.filter((o) => o.op.requestBody?.content?.['application/json']);

  it('malformed JSON and non-object bodies name `body`', async () => {
    for (const o of withBody()) {
      await expectRefused(o, { raw: '{"title": ' }, 'body');
      for (const body of [[], 'text', 42, null]) await expectRefused(o, { body }, /^body/);
    }
  });

  it('a field of the wrong type is named', async () => {
    const wrong: Record<string, unknown> = { string: 12345, integer: 'abc', number: 'abc', boolean: 'yes', array: 'x', object: 7 };
    for (const o of withBody()) {
      const schema = resolve(o.op.requestBody.content['application/json'].schema);
      const base = a.bodies[`${o.method} ${o.path}`] ?? {};
      for (const [prop, raw] of Object.entries<any>(schema.properties ?? {})) {
        const propSchema = resolve(raw);
        const type = [propSchema.type, ...(propSchema.anyOf ?? []).map((s: any) => resolve(s).type)].find((x) => x && x !== 'null');
        if (!type || !(type in wrong)) continue;
        await expectRefused(o, { body: { ...(base as object), [prop]: wrong[type] } }, `body.${prop}`);
      }
    }
  });

  it('huge strings are refused, naming the field', async () => {
    for (const o of withBody()) {
      const schema = resolve(o.op.requestBody.content['application/json'].schema);
      const base = a.bodies[`${o.method} ${o.path}`] ?? {};
      for (const [prop, raw] of Object.entries<any>(schema.properties ?? {})) {
        const propSchema = resolve(raw);
        const isString = propSchema.type === 'string' || (propSchema.anyOf ?? []).some((s: any) => resolve(s).type === 'string');
        if (!isString || propSchema.enum) continue;
        await expectRefused(o, { body: { ...(base as object), [prop]: 'あ'.repeat(100_000) } }, new RegExp(`^body\\.${prop}`));
      }
    }
  });

  it('bodies over the size limit get 413', async () => {
    for (const o of withBody()) {
      const res = await expectRefused(o, { raw: JSON.stringify({ pad: 'x'.repeat(t.deps.config.MAX_BODY_BYTES + 10) }) });
      assert.equal(res.status, 413, `${o.method} ${o.path}`);
    }
  });

  it('bad limits and cursors are named; no query value causes a 5xx', async () => {
    for (const o of ops) {
      const params: any[] = (o.op.parameters ?? []).filter((p: any) => p.in === 'query');
      const names = params.map((p) => p.name);
      if (names.includes('limit')) {
        for (const bad of ['abc', '0', '-1', '1.5', '100000']) {
          await expectRefused(o, { path: `${url(o)}?limit=${bad}` }, 'query.limit');
        }
      }
      if (names.includes('cursor')) {
        const wrongShape = Buffer.from(JSON.stringify({ a: 1 })).toString('base64url');
        for (const bad of ['not-a-cursor', wrongShape, '%E2%80%AE', 'x'.repeat(5000)]) {
          await expectRefused(o, { path: `${url(o)}?cursor=${bad}` }, 'query.cursor');
        }
      }
      for (const p of params) {
        for (const value of ['"', "' or 1=1 --", 'a'.repeat(10_000), '%F0%9F%98%80', 'NEAR(a b)', '%00', '*']) {
          const res = await t.call(o.method, `${url(o)}?${p.name}=${value}`, auth(o));
          assert.ok(res.status < 500, `${o.method} ${o.path}?${p.name}=${value.slice(0, 20)} → ${res.status} ${JSON.stringify(res.body)}`);
          if (res.status >= 400) assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
        }
      }
    }
  });

  it('odd path ids get a 4xx problem, never a 5xx', async () => {
    for (const o of ops.filter((x) => x.path.includes('{'))) {
      for (const id of ['nope', 'x'.repeat(300), "1'%20or%20'1'='1", '%F0%9F%98%80']) {
        const path = o.path.replace(/\{\w+\}/g, id);
        const res = await t.call(o.method, path, { ...auth(o), body: o.op.requestBody ? a.bodies[`${o.method} ${o.path}`] ?? {} : undefined });
        assert.ok(res.status >= 400 && res.status < 500, `${o.method} ${path.slice(0, 60)} → ${res.status}`);
        assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      }
    }
  });

  it('malformed JSON is a 400 (a syntax error) naming `body`; well-formed JSON of the wrong shape stays 422', async () => {
    for (const o of withBody()) {
      for (const raw of ['{"title": ', '{', '{"a":1,}', "{'a':1}", 'nul']) {
        const res = await expectRefused(o, { raw }, 'body');
        assert.equal(res.status, 400, `${o.method} ${o.path} ${raw}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.code, 'bad_request');
      }
      const wrongShape = await expectRefused(o, { body: [] }, /^body/);
      assert.equal(wrongShape.status, 422, `${o.method} ${o.path} []`);
    }
  });

  it('crafted cursors are refused on every list, naming query.cursor: never a 500, never accepted', async () => {
    const b64 = (json: string) => Buffer.from(json).toString('base64url');
    // Invalid for every list's key: wrong arity, null, non-finite, unsafe or fractional numbers, wrong types.
    const everywhere = [
      '[1e309,1]', '[-1e309,1]', '[null,null]', '[]', '[1]', '[0,1,2]', '"x"', '{"a":1}', '[true,false]', '[{},[]]',
      '[1,1e309]', '[0,9007199254740993]', '[1e300,1e300]', '[0,-5]', '[0,1.5]', '["2026-11-21T03:00:00.000Z",5]',
      '["2026-11-21T03:00:00.000Z","evt_x","extra"]', `["2026-11-21T03:00:00.000Z","${'x'.repeat(300)}"]`,
    ];
    const lists = ops.filter((o) => (o.op.parameters ?? []).some((p: any) => p.in === 'query' && p.name === 'cursor'));
    assert.ok(lists.length >= 5, `only ${lists.length} lists`);
    for (const o of lists) {
      // The directory pages differently with a search (tier, search row) than without (reading, id).
      const variants = o.path === '/v1/members' ? [['', '[5,"mem_x"]'], ['q=%E5%96%B6%E6%A5%AD&', '[2,5]']] : [['', '["yesterday","evt_x"]']];
      for (const [query, wrongForThisList] of variants) {
        for (const json of [...everywhere, wrongForThisList!]) {
          const res = await expectRefused(o, { path: `${url(o)}?${query}cursor=${b64(json)}` }, 'query.cursor');
          assert.ok([400, 422].includes(res.status), `${o.method} ${o.path}?${query}cursor=${json} → ${res.status}`);
        }
      }
    }
  });

  it('unknown paths and methods are problem+json 404 and 405', async () => {
    const missing = await t.call('GET', '/v1/nothing-here', { token: a.pk });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.type, 'https://homecoming.dev/problems/not-found');
    const wrongMethod = await t.call('PUT', '/v1/events', { token: a.pk });
    assert.equal(wrongMethod.status, 405);
    assert.match(wrongMethod.headers.get('allow') ?? '', /GET/);
    assert.equal(wrongMethod.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });
});

describe('field errors carry a machine-readable code', () => {
  let t: Awaited<ReturnType<typeof makeTestApp>>;
  before(async () => {
    t = await makeTestApp();
  });
  after(() => t.close());

  it('maps each kind of refusal to a code a widget can word in its own language', async () => {
    const a = await t.tenant();
    const m = await createMember(t.deps.db, a.id, { status: 'approved', name: '符号 太郎' });
    const token = await sessionFor(t.deps.db, m);
    const cases: [Record<string, unknown>, string, string, Record<string, unknown>?][] = [
      [{ name: '' }, 'body.name', 'required'],
      [{ name: 'あ'.repeat(101) }, 'body.name', 'too_long', { max: 100 }],
      [{ name: 'a\nb' }, 'body.name', 'not_single_line'],
      [{ bio: 'a\u0000b' }, 'body.bio', 'invalid_text'],
      [{ photoUrl: 'http://example.jp/a.png' }, 'body.photoUrl', 'invalid_url'],
      [{ skills: Array.from({ length: 31 }, (_, i) => `s${i}`) }, 'body.skills', 'too_many', { max: 30 }],
      [{ joinedYear: 1800 }, 'body.joinedYear', 'out_of_range', { min: 1900 }],
      [{ locale: 'fr' }, 'body.locale', 'invalid_choice', { options: ['ja', 'en'] }],
      [{ unlisted: 'yes' }, 'body.unlisted', 'invalid_type', { expected: 'boolean' }],
      [{ nickname: 'x' }, 'body.nickname', 'unknown_field'],
      [{ joinedYear: 2020, leftYear: 2010 }, 'body.leftYear', 'before', { other: 'joinedYear' }],
      [{}, 'body', 'nothing_to_change'],
    ];
    for (const [body, field, code, params] of cases) {
      const res = await t.call('PATCH', '/v1/me', { token, origin: a.origin, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      const error = res.body.errors.find((e: { field: string }) => e.field === field);
      assert.ok(error, `${JSON.stringify(body)}: ${JSON.stringify(res.body.errors)}`);
      assert.equal(error.code, code, `${JSON.stringify(body)}: ${JSON.stringify(error)}`);
      if (params) assert.deepEqual(error.params, params);
    }
  });
});
