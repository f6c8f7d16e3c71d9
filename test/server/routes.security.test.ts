/**
 * What every route must do, checked over every operation in the OpenAPI document — so a route
 * added later is covered without anyone remembering to add it here. A route whose path takes an id
 * needs a fixture below; the suite fails loudly for one it cannot fill.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { fixtureId, tenantFixtures, type TenantFixtures } from '../helpers/fixtures.js';

type Kind = 'publishable' | 'secret' | 'session' | 'staff';
interface Operation {
  method: string;
  path: string;
  kinds: Kind[];
  hasBody: boolean;
  /** `x-homecoming-credential: path`: the credential is the URL itself (a calendar feed), for clients that cannot send headers. */
  credentialInPath: boolean;
}

const schemeKinds: Record<string, Kind> = { publishableKey: 'publishable', secretKey: 'secret', memberSession: 'session', staffSession: 'staff' };

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      const kinds = (op.security ?? []).flatMap((req: Record<string, unknown>) => Object.keys(req).map((k) => schemeKinds[k]!));
      ops.push({ method: method.toUpperCase(), path, kinds, hasBody: Boolean(op.requestBody), credentialInPath: op['x-homecoming-credential'] === 'path' });
    }
  }
  return ops;
}

describe('every route: credentials, origins and tenant isolation', () => {
  let t: TestContext;
  let a: TestTenant & TenantFixtures;
  let b: TestTenant & TenantFixtures;
  let ops: Operation[];

  before(async () => {
    t = await makeTestApp();
    a = { ...(await t.tenant('テナントA')), ...({} as TenantFixtures) };
    b = { ...(await t.tenant('テナントB')), ...({} as TenantFixtures) };
    Object.assign(a, await tenantFixtures(t, a));
    Object.assign(b, await tenantFixtures(t, b));
    ops = operations((await t.call('GET', '/openapi.json')).body);
  });
  after(() => t.close());

  const credential = (tenant: TestTenant & TenantFixtures, kind: Kind) =>
    kind === 'publishable' ? tenant.pk : kind === 'secret' ? tenant.sk : kind === 'staff' ? tenant.staffSession : tenant.session;

  /** The concrete URL of an operation for a tenant: its path ids filled with that tenant's objects. */
  const urlFor = (op: Operation, tenant: TenantFixtures) =>
    op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const id = fixtureId(tenant, op.path);
      if (!id) throw new Error(`no fixture id for {${name}} in ${op.method} ${op.path}: add one to test/helpers/fixtures.ts`);
      return id;
    });

  const bodyFor = (op: Operation, tenant: TenantFixtures) => (op.hasBody ? (tenant.bodies[`${op.method} ${op.path}`] ?? {}) : undefined);

  const isProblem = (res: { headers: Headers; body: any }, status: number) => {
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    assert.equal(res.body.status, status);
    assert.ok(res.body.detail, 'problem has a detail');
  };

  it('has the documented operations', () => {
    assert.ok(ops.length >= 10, `only ${ops.length} operations`);
    for (const op of ops) {
      // Staff sessions (an owner's, here) are let into every admin route; role by role in staff-roles.test.ts.
      if (op.path.startsWith('/v1/admin')) assert.deepEqual(op.kinds, ['secret', 'staff'], `${op.method} ${op.path}`);
      // The console's own sign-in is the one /v1 door without a credential: the console has no key.
      else if (op.path.startsWith('/v1/') && !op.path.startsWith('/v1/staff/auth/email/')) assert.ok(op.kinds.length > 0 || op.credentialInPath, `${op.method} ${op.path} declares its credentials`);
      if (op.credentialInPath) assert.deepEqual([op.method, op.kinds], ['GET', []], `${op.path}: a credential in the path is for reading only`);
    }
  });

  it('refuses a request without a credential, or with a malformed or unknown one (401)', async () => {
    for (const op of ops.filter((o) => o.kinds.length)) {
      const url = urlFor(op, a);
      for (const token of [undefined, 'pk_unknown000000000000', 'sk_unknown000000000000', 'hcs_unknown0000000000', 'hcst_unknown000000000']) {
        const res = await t.call(op.method, url, { token, body: bodyFor(op, a) });
        assert.equal(res.status, 401, `${op.method} ${url} with ${token ?? 'nothing'}: ${JSON.stringify(res.body)}`);
        isProblem(res, 401);
      }
      const malformed = await t.call(op.method, url, { headers: { authorization: 'Basic abc' }, body: bodyFor(op, a) });
      assert.equal(malformed.status, 401, `${op.method} ${url} with Basic auth`);
    }
  });

  it('refuses a credential of the wrong kind (403), e.g. a publishable key on /v1/admin/*', async () => {
    for (const op of ops.filter((o) => o.kinds.length)) {
      for (const kind of (['publishable', 'secret', 'session', 'staff'] as Kind[]).filter((k) => !op.kinds.includes(k))) {
        const res = await t.call(op.method, urlFor(op, a), { token: credential(a, kind), body: bodyFor(op, a) });
        assert.equal(res.status, 403, `${op.method} ${op.path} with ${kind}: ${JSON.stringify(res.body)}`);
        isProblem(res, 403);
      }
    }
  });

  it('refuses a secret key sent from a browser, saying it belongs on a server', async () => {
    for (const op of ops.filter((o) => o.kinds.includes('secret'))) {
      const res = await t.call(op.method, urlFor(op, a), { token: a.sk, origin: a.origin, body: bodyFor(op, a) });
      assert.equal(res.status, 403, `${op.method} ${op.path}`);
      assert.equal(res.body.code, 'secret_key_in_browser');
      assert.match(res.body.detail, /server/);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
  });

  it('refuses publishable keys and sessions from an origin not on the tenant list', async () => {
    for (const op of ops.filter((o) => o.kinds.includes('publishable') || o.kinds.includes('session'))) {
      // A staff session from any page but the console's own origin is refused too (staff-roles.test.ts).
      for (const kind of op.kinds.filter((k) => k !== 'secret' && k !== 'staff')) {
        const res = await t.call(op.method, urlFor(op, a), { token: credential(a, kind), origin: b.origin, body: bodyFor(op, a) });
        assert.equal(res.status, 403, `${op.method} ${op.path} with ${kind} from ${b.origin}`);
        assert.equal(res.body.code, 'origin_not_allowed');
        // The refusal (and only the refusal) is readable by the page, so the widget can say why; it holds no data.
        assert.equal(res.headers.get('access-control-allow-origin'), b.origin);
        assert.deepEqual(Object.keys(res.body).sort(), ['code', 'detail', 'instance', 'requestId', 'status', 'title', 'type']);
      }
    }
  });

  it("never shows or changes tenant A's objects to tenant B's credentials", async () => {
    // /v1/me and the session address only the caller's own data, and signing B out would end the run.
    const selfScoped = (o: Operation) => o.path.startsWith('/v1/me') || o.path === '/v1/auth/session' || o.path === '/v1/staff/auth/session';
    for (const op of ops.filter((o) => o.kinds.length && !selfScoped(o))) {
      for (const kind of op.kinds) {
        const token = credential(b, kind);
        const origin = kind === 'secret' || kind === 'staff' ? undefined : b.origin;
        const res = await t.call(op.method, urlFor(op, a), { token, origin, body: bodyFor(op, a) });
        const seen = JSON.stringify(res.body);
        for (const id of Object.values(a.ids)) {
          if (op.path.includes('{')) continue; // checked by status below
          assert.ok(!seen.includes(id), `${op.method} ${op.path} as B (${kind}) shows A's ${id}`);
        }
        if (op.path.includes('{')) {
          assert.equal(res.status, 404, `${op.method} ${urlFor(op, a)} as B (${kind}): ${seen}`);
        } else {
          assert.ok(res.status < 500, `${op.method} ${op.path}: ${res.status}`);
        }
      }
    }
    // Nothing B did changed A's data.
    const after = await tenantFixtures.snapshot(t, a);
    assert.deepEqual(after, a.snapshot);
  });

  it('stops accepting a key as soon as it is revoked', async () => {
    const c = await t.tenant('テナントC');
    const spare = await t.call('POST', '/v1/admin/keys', { token: c.sk, body: { kind: 'publishable', label: 'spare' } });
    assert.equal(spare.status, 201);
    assert.equal((await t.call('GET', '/v1/events', { token: spare.body.key })).status, 200);
    const revoked = await t.call('DELETE', `/v1/admin/keys/${spare.body.id}`, { token: c.sk });
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revokedAt);
    for (const op of ops.filter((o) => o.kinds.includes('publishable'))) {
      const res = await t.call(op.method, urlFor(op, a), { token: spare.body.key, body: bodyFor(op, a) });
      assert.equal(res.status, 401, `${op.method} ${op.path}`);
      assert.match(res.body.detail, /revoked/);
    }
    const secret = await t.call('POST', '/v1/admin/keys', { token: c.sk, body: { kind: 'secret' } });
    await t.call('DELETE', `/v1/admin/keys/${secret.body.id}`, { token: c.sk });
    const res = await t.call('GET', '/v1/admin/tenant', { token: secret.body.key });
    assert.equal(res.status, 401);
  });

  it('answers CORS preflights for widget routes and never for /v1/admin', async () => {
    const preflight = await t.app.request('/v1/events', {
      method: 'OPTIONS',
      headers: { origin: a.origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /authorization/i);
    const admin = await t.app.request('/v1/admin/events', {
      method: 'OPTIONS',
      headers: { origin: a.origin, 'access-control-request-method': 'GET' },
    });
    assert.equal(admin.headers.get('access-control-allow-origin'), null);
  });

  it('keeps stored keys hashed: no key appears in the database', async () => {
    const { db } = t.deps;
    const dump = JSON.stringify(await db.$client.execute('select * from api_keys'));
    assert.ok(!dump.includes(a.pk) && !dump.includes(a.sk));
    if (a.session) assert.ok(!JSON.stringify(await db.$client.execute('select * from sessions')).includes(a.session));
  });
});
