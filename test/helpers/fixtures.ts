import { eq } from 'drizzle-orm';
import { apiKeys, events, jobOffers, jobResponses, jobs, members, rosterEntries, staff } from '../../server/db/schema.js';
import { createApiKey } from '../../server/modules/tenants/service.js';
import type { StaffRole } from '../../server/modules/staff/schema.js';
import { inviteFromOperator } from '../../server/modules/staff/service.js';
import { createStaffSession } from '../../server/modules/staff/sessions.js';
import { eventBody, jobBody, type TestContext, type TestTenant } from './app.js';
import { createMember, sessionFor } from './members.js';

/** One object of every kind a route can address, in one tenant, for the cross-route suites. */
export interface TenantFixtures {
  /** Path prefix (as in the OpenAPI document) → an id of that tenant's object there. */
  ids: Record<string, string>;
  /** `METHOD /path` → a valid body, so a refusal is about credentials, not input. */
  bodies: Record<string, unknown>;
  /** An approved member's session token. */
  session: string;
  /** An owner's staff console session token. */
  staffSession: string;
  snapshot: unknown;
}

export async function tenantFixtures(t: TestContext, tenant: TestTenant): Promise<TenantFixtures> {
  const { db, clock } = t.deps;
  const event = await t.call('POST', '/v1/admin/events', { token: tenant.sk, body: eventBody() });
  if (event.status !== 201) throw new Error(`fixture event: ${JSON.stringify(event.body)}`);
  const spareKey = await createApiKey(await t.ctx(tenant.id), { kind: 'publishable', label: 'fixture' });
  // Open to rehire, so the company may send the fixture offer.
  const viewer = await createMember(db, tenant.id, { name: '閲覧 太郎', status: 'approved', openTo: ['rehire'] });
  const other = await createMember(db, tenant.id, { name: '田中 花子', status: 'approved', lastDepartment: '営業部' });
  const now = clock.now().toISOString();
  const rosterId = `ros_fixture_${tenant.id}`;
  await db.insert(rosterEntries).values({
    id: rosterId,
    tenantId: tenant.id,
    emails: [`roster-${tenant.id}@example.jp`],
    name: '名簿 次郎',
    createdAt: now,
    updatedAt: now,
  });
  const session = await sessionFor(db, viewer);
  const job = await t.call('POST', '/v1/admin/jobs', { token: tenant.sk, body: jobBody() });
  if (job.status !== 201) throw new Error(`fixture job: ${JSON.stringify(job.body)}`);
  const interest = await t.call('POST', `/v1/jobs/${job.body.id}/interest`, { token: session, origin: tenant.origin, body: { note: 'fixture' } });
  if (interest.status !== 201) throw new Error(`fixture interest: ${JSON.stringify(interest.body)}`);
  const staffRes = await t.call('POST', '/v1/admin/staff', { token: tenant.sk, body: { email: `moderator-${tenant.id}@example.jp`.toLowerCase(), name: '管理 次郎', role: 'moderator' } });
  if (staffRes.status !== 201) throw new Error(`fixture staff: ${JSON.stringify(staffRes.body)}`);
  const offer = await t.call('POST', '/v1/admin/job-offers', { token: tenant.sk, body: { memberId: viewer.id, kind: 'rehire', message: 'お話ししませんか' } });
  if (offer.status !== 201) throw new Error(`fixture offer: ${JSON.stringify(offer.body)}`);
  const staffSession = await ownerSession(t, tenant.id);
  return {
    ids: {
      '/v1/jobs': job.body.id,
      '/v1/admin/jobs': job.body.id,
      '/v1/admin/job-responses': interest.body.id,
      '/v1/me/job-responses': interest.body.id,
      '/v1/me/job-offers': offer.body.id,
      '/v1/events': event.body.id,
      '/v1/admin/events': event.body.id,
      '/v1/admin/keys': spareKey.view.id,
      '/v1/members': other.id,
      '/v1/admin/members': other.id,
      '/v1/admin/roster': rosterId,
      '/v1/admin/staff': staffRes.body.id,
    },
    bodies: {
      'POST /v1/admin/events': eventBody(),
      'PATCH /v1/admin/events/{id}': { title: '変更後' },
      'POST /v1/admin/keys': { kind: 'secret' },
      'PATCH /v1/admin/tenant': { name: '変更後' },
      'POST /v1/members/{id}/contact': { message: 'こんにちは' },
      'POST /v1/auth/email/start': { email: `someone-${tenant.id}@example.jp` },
      'POST /v1/auth/email/verify': { email: `someone-${tenant.id}@example.jp`, code: '000000' },
      'PATCH /v1/me': { name: '新しい名前' },
      'POST /v1/admin/members/{id}/reject': { reason: 'test' },
      'POST /v1/admin/members/{id}/suspend': { reason: 'test' },
      'POST /v1/admin/jobs': jobBody(),
      'PATCH /v1/admin/jobs/{id}': { title: '変更後' },
      'POST /v1/jobs/{id}/interest': { note: 'よろしくお願いします' },
      'POST /v1/jobs/{id}/application': { message: '応募します' },
      'POST /v1/referrals': { jobId: job.body.id, name: '紹介 次郎', email: `referred-${tenant.id}@example.jp`.toLowerCase(), relation: '前職の同僚', agreed: true },
      'PATCH /v1/admin/job-responses/{id}': { status: 'contacted' },
      'POST /v1/admin/job-offers': { memberId: viewer.id, kind: 'rehire', message: 'お話ししませんか' },
      'PUT /v1/me/job-alerts': { types: ['rehire'] },
      'POST /v1/admin/staff': { email: `invitee-${tenant.id}@example.jp`.toLowerCase(), name: '招待 三郎', role: 'admin' },
      'PATCH /v1/admin/staff/{id}': { name: '変更後' },
      'POST /v1/staff/auth/email/start': { email: `moderator-${tenant.id}@example.jp`.toLowerCase() },
      'POST /v1/staff/auth/email/verify': { email: `moderator-${tenant.id}@example.jp`.toLowerCase(), code: '000000' },
    },
    session,
    staffSession,
    snapshot: await snapshot(t, tenant),
  };
}

/** A staff member of `role` (invited by the operator) and a console session for them, as signing in would give. */
export async function staffSessionFor(t: TestContext, tenantId: string, role: StaffRole, opts: { email?: string; name?: string; eventIds?: string[] } = {}) {
  const ctx = await t.ctx(tenantId);
  const s = await inviteFromOperator(ctx, { email: opts.email ?? `${role}-${Math.random().toString(36).slice(2)}@example.jp`, name: opts.name ?? `${role} 担当`, role, eventIds: opts.eventIds });
  const { token } = await createStaffSession(ctx, s.id);
  return { id: s.id, email: s.email, token };
}

const ownerSession = async (t: TestContext, tenantId: string) => (await staffSessionFor(t, tenantId, 'owner', { name: 'オーナー 一郎' })).token;

/** The tenant's rows that another tenant must never be able to change. */
async function snapshot(t: TestContext, tenant: TestTenant) {
  const { db } = t.deps;
  return {
    events: await db.select().from(events).where(eq(events.tenantId, tenant.id)),
    keys: (await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenant.id))).map((k) => [k.id, k.label, k.revokedAt]),
    members: (await db.select().from(members).where(eq(members.tenantId, tenant.id))).map(({ updatedAt: _u, ...m }) => m),
    roster: await db.select().from(rosterEntries).where(eq(rosterEntries.tenantId, tenant.id)),
    jobs: await db.select().from(jobs).where(eq(jobs.tenantId, tenant.id)),
    jobResponses: await db.select().from(jobResponses).where(eq(jobResponses.tenantId, tenant.id)),
    jobOffers: await db.select().from(jobOffers).where(eq(jobOffers.tenantId, tenant.id)),
    staff: (await db.select().from(staff).where(eq(staff.tenantId, tenant.id))).map((s) => [s.id, s.role, s.status, s.name]),
  };
}
tenantFixtures.snapshot = snapshot;

/** Finds the fixture id for a path: the longest registered prefix wins. */
export function fixtureId(fixtures: TenantFixtures, path: string): string | undefined {
  const prefix = Object.keys(fixtures.ids)
    .filter((p) => path.startsWith(`${p}/`))
    .sort((x, y) => y.length - x.length)[0];
  return prefix ? fixtures.ids[prefix] : undefined;
}
