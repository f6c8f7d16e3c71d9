/**
 * Every admin route × every role, generated from /openapi.json: each operation names the capability it
 * needs (`x-capability`), and each credential gets exactly what server/modules/staff/roles.ts gives it —
 * 403 problem+json otherwise. Also a member session, a publishable key, another tenant's owner and a
 * removed staff member.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { requireEventInScope } from '../../server/http/capability.js';
import { defineRoute } from '../../server/http/route.js';
import { resolveStaffSession } from '../../server/modules/staff/sessions.js';
import { capabilities, roleCapabilities, type Capability } from '../../server/modules/staff/roles.js';
import { staffRoles, type StaffRole } from '../../server/modules/staff/schema.js';
import { eventBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { fixtureId, staffSessionFor, tenantFixtures, type TenantFixtures } from '../helpers/fixtures.js';

interface Op {
  method: string;
  path: string;
  capability: Capability;
  hasBody: boolean;
}

describe('admin routes × roles (from /openapi.json)', () => {
  let t: TestContext;
  let a: TestTenant & TenantFixtures;
  let b: TestTenant & TenantFixtures;
  let ops: Op[];
  const tokens = {} as Record<StaffRole, string>;

  before(async () => {
    t = await makeTestApp();
    a = { ...(await t.tenant('権限株式会社')), ...({} as TenantFixtures) };
    b = { ...(await t.tenant('別会社')), ...({} as TenantFixtures) };
    Object.assign(a, await tenantFixtures(t, a));
    Object.assign(b, await tenantFixtures(t, b));
    for (const role of staffRoles) tokens[role] = (await staffSessionFor(t, a.id, role, { eventIds: role === 'event_staff' ? [a.ids['/v1/admin/events']!] : undefined })).token;
    const doc = (await t.call('GET', '/openapi.json')).body;
    ops = [];
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      if (!path.startsWith('/v1/admin')) continue;
      for (const [method, op] of Object.entries<any>(item)) ops.push({ method: method.toUpperCase(), path, capability: op['x-capability'], hasBody: Boolean(op.requestBody) });
    }
  });
  after(() => t.close());

  const url = (op: Op, f: TenantFixtures) => op.path.replace(/\{\w+\}/g, () => fixtureId(f, op.path) ?? 'missing');
  const body = (op: Op, f: TenantFixtures) => (op.hasBody ? (f.bodies[`${op.method} ${op.path}`] ?? {}) : undefined);
  const isForbidden = (res: { status: number; headers: Headers; body: any }, what: string) => {
    assert.equal(res.status, 403, `${what}: ${JSON.stringify(res.body)}`);
    assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8', what);
    assert.equal(res.body.code, 'forbidden', what);
  };

  it('every admin operation declares a capability from the table, and defineRoute refuses one that does not', () => {
    assert.ok(ops.length >= 40, `only ${ops.length} admin operations`);
    for (const op of ops) assert.ok(capabilities.includes(op.capability), `${op.method} ${op.path} declares no known capability (${op.capability})`);
    assert.throws(() => defineRoute({ method: 'get', path: '/v1/admin/nothing', auth: ['secret'], responses: {} }, (c) => c.body(null) as never), /must declare its capability/);
  });

  it('event staff reach only their assigned events (for check-in and attendee routes); other roles every event', async () => {
    const assigned = a.ids['/v1/admin/events']!;
    const eventStaff = await resolveStaffSession(t.deps.db, tokens.event_staff, t.clock.now());
    assert.deepEqual(eventStaff?.eventIds, [assigned]);
    const principal = { kind: 'staff' as const, ...eventStaff! };
    assert.doesNotThrow(() => requireEventInScope(principal, assigned));
    assert.throws(() => requireEventInScope(principal, b.ids['/v1/admin/events']!), /assigned to you/);
    const admin = await resolveStaffSession(t.deps.db, tokens.admin, t.clock.now());
    assert.doesNotThrow(() => requireEventInScope({ kind: 'staff', ...admin! }, b.ids['/v1/admin/events']!));
  });

  it('each role gets exactly what its capabilities allow: refusals first (they change nothing), then the allowed calls', async () => {
    const unchanged = await tenantFixtures.snapshot(t, a);
    for (const role of staffRoles) {
      for (const op of ops.filter((o) => !roleCapabilities[role].has(o.capability))) {
        isForbidden(await t.call(op.method, url(op, a), { token: tokens[role], body: body(op, a) }), `${role}: ${op.method} ${op.path}`);
      }
    }
    // Nothing a refused role tried changed anything.
    assert.deepEqual(await tenantFixtures.snapshot(t, a), unchanged);
    for (const role of ['moderator', 'event_staff', 'admin', 'owner'] as const) {
      for (const op of ops.filter((o) => roleCapabilities[role].has(o.capability))) {
        const res = await t.call(op.method, url(op, a), { token: tokens[role], body: body(op, a) });
        assert.ok(![401, 403].includes(res.status) && res.status < 500, `${role}: ${op.method} ${op.path} → ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  });

  it('the roles table: owner everything, admin all but owners, moderator moderation + reading members, event staff check-in and attendees only', () => {
    assert.equal(roleCapabilities.owner.size, capabilities.length);
    assert.deepEqual([...capabilities].filter((c) => !roleCapabilities.admin.has(c)), ['staff.owners']);
    assert.deepEqual([...roleCapabilities.moderator].sort(), ['console.use', 'members.read', 'messages.moderate', 'posts.moderate']);
    assert.deepEqual([...roleCapabilities.event_staff].sort(), ['console.use', 'events.attendees', 'events.checkin']);
  });

  it('the routes main added have the capabilities the roles need: check-in and attendees for event staff, moderation for moderators, company posts for admins', () => {
    const capabilityOf = (method: string, path: string) => ops.find((o) => o.method === method && o.path === path)?.capability;
    assert.equal(capabilityOf('POST', '/v1/admin/events/{id}/check-ins'), 'events.checkin');
    assert.equal(capabilityOf('GET', '/v1/admin/events/{id}/registrations'), 'events.attendees');
    assert.equal(capabilityOf('GET', '/v1/admin/events/{id}/registrations.csv'), 'events.attendees');
    assert.equal(capabilityOf('POST', '/v1/admin/events/{id}/messages'), 'events.manage');
    for (const path of ['/v1/admin/reports', '/v1/admin/posts', '/v1/admin/posts/{id}']) assert.equal(capabilityOf('GET', path), 'posts.moderate', path);
    for (const path of ['/v1/admin/posts/{id}/hide', '/v1/admin/posts/{id}/restore', '/v1/admin/posts/{id}/approve', '/v1/admin/comments/{id}/hide', '/v1/admin/reports/{id}/dismiss']) {
      assert.equal(capabilityOf('POST', path), 'posts.moderate', path);
    }
    assert.equal(capabilityOf('POST', '/v1/admin/posts'), 'posts.manage');
    assert.equal(capabilityOf('PATCH', '/v1/admin/posts/{id}'), 'posts.manage');
    assert.equal(capabilityOf('POST', '/v1/admin/relays'), 'posts.manage');
    assert.equal(capabilityOf('GET', '/v1/admin/message-reports'), 'messages.moderate');
    assert.equal(capabilityOf('PATCH', '/v1/admin/message-reports/{id}'), 'messages.moderate');
  });

  it('event staff check in an attendee of their assigned event and list its registrations; another event of the tenant is refused (as not found) and unchanged', async () => {
    const event = await t.call('POST', '/v1/admin/events', { token: a.sk, body: eventBody({ title: '受付のあるイベント' }) });
    const other = await t.call('POST', '/v1/admin/events', { token: a.sk, body: eventBody({ title: '別のイベント' }) });
    assert.equal(event.status, 201);
    assert.equal(other.status, 201);
    const assigned = event.body.id as string;
    const doorStaff = await staffSessionFor(t, a.id, 'event_staff', { eventIds: [assigned] });
    const register = async (eventId: string) => {
      const res = await t.call('PUT', `/v1/events/${eventId}/registration`, { token: a.session, origin: a.origin, body: { guests: 0 } });
      assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body));
      return (await t.call('GET', `/v1/events/${eventId}/registration`, { token: a.session, origin: a.origin })).body;
    };
    const mine = await register(assigned);
    const elsewhere = await register(other.body.id);
    const asEventStaff = (method: string, path: string, body?: unknown) => t.call(method, path, { token: doorStaff.token, body });

    const list = await asEventStaff('GET', `/v1/admin/events/${assigned}/registrations`);
    assert.equal(list.status, 200, JSON.stringify(list.body));
    // The event is new: the fixture member's registration is its only one.
    assert.deepEqual(list.body.data.map((r: { status: string; checkInCode: string }) => [r.status, r.checkInCode]), [['registered', mine.checkInCode]]);
    const checkedIn = await asEventStaff('POST', `/v1/admin/events/${assigned}/check-ins`, { code: mine.checkInCode });
    assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body));
    assert.equal(checkedIn.body.status, 'attended');
    assert.equal(checkedIn.body.alreadyCheckedIn, false);

    const elsewhereId = (await t.call('GET', `/v1/admin/events/${other.body.id}/registrations`, { token: a.sk })).body.data[0].registrationId as string;
    for (const [method, path, body] of [
      ['POST', `/v1/admin/events/${other.body.id}/check-ins`, { code: elsewhere.checkInCode }],
      ['POST', `/v1/admin/events/${other.body.id}/check-ins`, { registrationId: elsewhereId }],
      ['GET', `/v1/admin/events/${other.body.id}/registrations`, undefined],
      ['GET', `/v1/admin/events/${other.body.id}/registrations.csv`, undefined],
    ] as const) {
      const res = await asEventStaff(method, path, body);
      assert.equal(res.status, 404, `${method} ${path}: ${JSON.stringify(res.body)}`);
      assert.match(res.body.detail ?? res.body.title ?? '', /assigned to you/);
    }
    // Neither a message to the attendees nor the event itself: those are the organisers'.
    assert.equal((await asEventStaff('POST', `/v1/admin/events/${assigned}/messages`, { subject: 'x', message: 'y' })).status, 403);
    assert.equal((await asEventStaff('GET', `/v1/admin/events/${assigned}`)).status, 403);
    const untouched = await t.call('GET', `/v1/admin/events/${other.body.id}/registrations`, { token: a.sk });
    assert.equal(untouched.body.data.find((r: { registrationId: string }) => r.registrationId === elsewhereId)?.status, 'registered');
  });

  it('event staff cannot see members at all, nor settings, keys or the audit log; a moderator cannot change settings or keys', async () => {
    const memberId = a.ids['/v1/admin/members']!;
    for (const path of ['/v1/admin/members', `/v1/admin/members/${memberId}`, '/v1/admin/members/export.csv', '/v1/admin/tenant', '/v1/admin/keys', '/v1/admin/audit']) {
      isForbidden(await t.call('GET', path, { token: tokens.event_staff }), `event staff GET ${path}`);
    }
    isForbidden(await t.call('PATCH', '/v1/admin/tenant', { token: tokens.moderator, body: { name: '乗っ取り' } }), 'moderator PATCH tenant');
    isForbidden(await t.call('POST', '/v1/admin/keys', { token: tokens.moderator, body: { kind: 'secret' } }), 'moderator POST keys');
    assert.equal((await t.call('GET', `/v1/admin/members/${memberId}`, { token: tokens.moderator })).status, 200);
  });

  it('a member session and a publishable key get 403 on every admin route; another tenant’s owner sees none of A’s objects', async () => {
    for (const op of ops) {
      isForbidden(await t.call(op.method, url(op, a), { token: a.session, body: body(op, a) }), `member session ${op.method} ${op.path}`);
      const pk = await t.call(op.method, url(op, a), { token: a.pk, body: body(op, a) });
      assert.equal(pk.status, 403, `pk ${op.method} ${op.path}`);
      if (op.path.includes('{') && op.path !== '/v1/admin/staff/me') {
        const res = await t.call(op.method, url(op, a), { token: b.staffSession, body: body(op, a) });
        assert.equal(res.status, 404, `B's owner ${op.method} ${url(op, a)}: ${JSON.stringify(res.body)}`);
      }
    }
  });

  it('a removed staff member is signed out at once (401) on every admin route', async () => {
    const removed = await staffSessionFor(t, a.id, 'admin');
    assert.equal((await t.call('GET', '/v1/admin/members', { token: removed.token })).status, 200);
    assert.equal((await t.call('DELETE', `/v1/admin/staff/${removed.id}`, { token: a.sk })).status, 200);
    for (const op of ops) {
      const res = await t.call(op.method, url(op, a), { token: removed.token, body: body(op, a) });
      assert.equal(res.status, 401, `removed staff ${op.method} ${op.path}`);
      assert.equal(res.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    }
  });

  it('a staff session is never a member session, and works only from the console’s own origin', async () => {
    for (const [method, path] of [['GET', '/v1/me'], ['GET', '/v1/members'], ['GET', '/v1/events']] as const) {
      isForbidden(await t.call(method, path, { token: tokens.owner, origin: a.origin }), `staff on ${path}`);
    }
    const fromCareers = await t.call('GET', '/v1/admin/members', { token: tokens.owner, origin: a.origin });
    assert.equal(fromCareers.status, 403);
    assert.equal(fromCareers.headers.get('access-control-allow-origin'), null);
    assert.equal((await t.call('GET', '/v1/admin/members', { token: tokens.owner, origin: 'http://localhost' })).status, 200);
  });
});
