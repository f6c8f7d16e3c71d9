/**
 * Access by member kind, over every operation in the OpenAPI document: each route a member session may
 * call names its feature (`x-feature`), a member whose kind lacks it is refused with 403 problem+json
 * before anything happens, a member whose kind has it is not, and one tenant's kinds never change
 * another's. A route added later is covered without anyone remembering to add it here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { features, type Feature } from '../../server/modules/member-kinds/features.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { fixtureId, tenantFixtures, type TenantFixtures } from '../helpers/fixtures.js';
import { createMember, sessionFor } from '../helpers/members.js';

interface Operation {
  method: string;
  path: string;
  session: boolean;
  hasBody: boolean;
  feature: Feature | null | undefined;
}

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(item)) {
      const session = (op.security ?? []).some((req: Record<string, unknown>) => 'memberSession' in req);
      ops.push({ method: method.toUpperCase(), path, session, hasBody: Boolean(op.requestBody), feature: op['x-feature'] });
    }
  }
  return ops;
}

/** Paths that belong to a feature: a member route here must name one (never `feature: null`). */
const featurePaths: [RegExp, Feature][] = [
  // Contacting a member from the directory is a message (it becomes a conversation's first).
  [/^\/v1\/members\/\{id\}\/contact$/, 'messages'],
  // A member's groups on their directory profile: what groups they are in is the groups feature's.
  [/^\/v1\/members\/\{id\}\/groups$/, 'groups'],
  [/^\/v1\/members(\/|$)/, 'directory'],
  [/^\/v1\/(events|me\/events|me\/calendar-feed)(\/|$|\.)/, 'events'],
  [/^\/v1\/(jobs|referrals|me\/job-)/, 'jobs'],
  [/^\/v1\/(posts|comments|relays|me\/batons)(\/|$)/, 'feed'],
  [/^\/v1\/me\/(conversations|messages|blocks)(\/|$)/, 'messages'],
  [/^\/v1\/(groups|me\/groups)(\/|$)/, 'groups'],
];

describe('every member route: access by member kind', () => {
  let t: TestContext;
  let a: TestTenant & TenantFixtures;
  let b: TestTenant & TenantFixtures;
  let ops: Operation[];
  /** Per feature, a session of a member of tenant A whose kind has every feature but that one. */
  const without = new Map<Feature, string>();
  /** A member of A whose kind has no feature at all. */
  let bare: string;

  before(async () => {
    t = await makeTestApp();
    a = { ...(await t.tenant('テナントA')), ...({} as TenantFixtures) };
    b = { ...(await t.tenant('テナントB')), ...({} as TenantFixtures) };
    Object.assign(a, await tenantFixtures(t, a));
    Object.assign(b, await tenantFixtures(t, b));
    ops = operations((await t.call('GET', '/openapi.json')).body);
    for (const f of features) {
      const key = `no-${f}`;
      const made = await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key, labelJa: key, labelEn: key, features: features.filter((x) => x !== f) } });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      without.set(f, await sessionFor(t.deps.db, await createMember(t.deps.db, a.id, { status: 'approved', kind: key })));
    }
    const none = await t.call('POST', '/v1/admin/member-kinds', { token: a.sk, body: { key: 'bare', labelJa: '最小', labelEn: 'Bare', features: [] } });
    assert.equal(none.status, 201);
    bare = await sessionFor(t.deps.db, await createMember(t.deps.db, a.id, { status: 'approved', kind: 'bare' }));
    // Tenant B takes everything from its alumni and gives its own `no-jobs` kind every feature: nothing of that reaches A.
    assert.equal((await t.call('PATCH', '/v1/admin/member-kinds/alumni', { token: b.sk, body: { features: [] } })).status, 200);
    assert.equal((await t.call('POST', '/v1/admin/member-kinds', { token: b.sk, body: { key: 'no-jobs', labelJa: 'x', labelEn: 'x', features: [...features] } })).status, 201);
  });
  after(() => t.close());

  const urlFor = (op: Operation, tenant: TenantFixtures) =>
    op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
      const id = fixtureId(tenant, op.path);
      if (!id) throw new Error(`no fixture id for {${name}} in ${op.method} ${op.path}: add one to test/helpers/fixtures.ts`);
      return id;
    });
  const bodyFor = (op: Operation, tenant: TenantFixtures) => (op.hasBody ? (tenant.bodies[`${op.method} ${op.path}`] ?? {}) : undefined);
  const call = (op: Operation, token: string) => t.call(op.method, urlFor(op, a), { token, origin: a.origin, body: bodyFor(op, a) });

  it('every route a member session may call declares its feature, and routes of a feature never say null', () => {
    const member = ops.filter((o) => o.session);
    assert.ok(member.length >= 50, `only ${member.length} member operations`);
    for (const op of member) {
      assert.ok(op.feature === null || features.includes(op.feature as Feature), `${op.method} ${op.path}: x-feature ${String(op.feature)}`);
      const owner = featurePaths.find(([re]) => re.test(op.path));
      if (owner) assert.equal(op.feature, owner[1], `${op.method} ${op.path} belongs to ${owner[1]}`);
    }
    // Only member sessions are checked: other operations carry no x-feature.
    for (const op of ops.filter((o) => !o.session)) assert.equal(op.feature, undefined, `${op.method} ${op.path}`);
  });

  it('refuses a member whose kind lacks the feature: 403 problem+json naming it, before anything happens', async () => {
    const before = await tenantFixtures.snapshot(t, a);
    for (const op of ops.filter((o) => o.session && o.feature)) {
      const res = await call(op, without.get(op.feature!)!);
      assert.equal(res.status, 403, `${op.method} ${op.path} without ${op.feature}: ${JSON.stringify(res.body)}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', `${op.method} ${op.path}`);
      assert.equal(res.body.code, 'feature_not_available');
      assert.equal(res.body.type, 'https://homecoming.dev/problems/feature-not-available');
      assert.ok(res.body.detail.includes(op.feature!), `${op.method} ${op.path}: ${res.body.detail}`);
    }
    // Nothing was written by the refused calls.
    assert.deepEqual(await tenantFixtures.snapshot(t, a), before);
  });

  it('lets a member whose kind has the feature through (other kinds lacking other features alike)', async () => {
    for (const op of ops.filter((o) => o.session && o.feature)) {
      // A member lacking some other feature has this one.
      const other = features.find((f) => f !== op.feature)!;
      for (const token of [a.session, without.get(other)!]) {
        const res = await call(op, token);
        assert.notEqual(res.body?.code, 'feature_not_available', `${op.method} ${op.path}: ${JSON.stringify(res.body)}`);
        assert.ok(res.status < 500, `${op.method} ${op.path}: ${res.status}`);
      }
    }
  });

  it('never refuses a member their own account, sign-out or notifications (feature: null), whatever their kind', async () => {
    const own = ops.filter((o) => o.session && o.feature === null && !(o.method === 'DELETE' && (o.path === '/v1/me' || o.path === '/v1/auth/session')));
    assert.ok(own.some((o) => o.path === '/v1/me'));
    for (const op of own) {
      const res = await call(op, bare);
      assert.notEqual(res.body?.code, 'feature_not_available', `${op.method} ${op.path}`);
      assert.ok(res.status !== 401 && res.status !== 403 && res.status < 500, `${op.method} ${op.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  });

  it("keeps one tenant's kinds to itself", async () => {
    // B's alumni have nothing now: B's member is refused, A's alumni are not.
    const jobs = ops.find((o) => o.method === 'GET' && o.path === '/v1/jobs')!;
    assert.equal((await t.call('GET', '/v1/jobs', { token: b.session, origin: b.origin })).body.code, 'feature_not_available');
    assert.equal((await call(jobs, a.session)).status, 200);
    // B's `no-jobs` has every feature; A's still lacks jobs.
    assert.equal((await call(jobs, without.get('jobs')!)).status, 403);
    // A publishable key is no member session: the public lists stay open to visitors of either tenant.
    assert.equal((await t.call('GET', '/v1/jobs', { token: b.pk, origin: b.origin })).status, 200);
  });
});
