import { eq } from 'drizzle-orm';
import { apiKeys, events, members, rosterEntries } from '../../server/db/schema.js';
import { createApiKey } from '../../server/modules/tenants/service.js';
import { eventBody, type TestContext, type TestTenant } from './app.js';
import { createMember, sessionFor } from './members.js';

/** One object of every kind a route can address, in one tenant, for the cross-route suites. */
export interface TenantFixtures {
  /** Path prefix (as in the OpenAPI document) → an id of that tenant's object there. */
  ids: Record<string, string>;
  /** `METHOD /path` → a valid body, so a refusal is about credentials, not input. */
  bodies: Record<string, unknown>;
  /** An approved member's session token. */
  session: string;
  snapshot: unknown;
}

export async function tenantFixtures(t: TestContext, tenant: TestTenant): Promise<TenantFixtures> {
  const { db, clock } = t.deps;
  const event = await t.call('POST', '/v1/admin/events', { token: tenant.sk, body: eventBody() });
  if (event.status !== 201) throw new Error(`fixture event: ${JSON.stringify(event.body)}`);
  const spareKey = await createApiKey(await t.ctx(tenant.id), { kind: 'publishable', label: 'fixture' });
  const viewer = await createMember(db, tenant.id, { name: '閲覧 太郎', status: 'approved' });
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
  return {
    ids: {
      '/v1/events': event.body.id,
      '/v1/admin/events': event.body.id,
      '/v1/admin/keys': spareKey.view.id,
      '/v1/members': other.id,
      '/v1/admin/members': other.id,
      '/v1/admin/roster': rosterId,
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
      'PUT /v1/events/{id}/registration': { guests: 0 },
      'POST /v1/admin/events/{id}/check-ins': { code: 'ABCD-2345' },
      'POST /v1/admin/events/{id}/messages': { subject: 'お知らせ', message: '当日はよろしくお願いします。' },
    },
    session: await sessionFor(db, viewer),
    snapshot: await snapshot(t, tenant),
  };
}

/** The tenant's rows that another tenant must never be able to change. */
async function snapshot(t: TestContext, tenant: TestTenant) {
  const { db } = t.deps;
  return {
    events: await db.select().from(events).where(eq(events.tenantId, tenant.id)),
    keys: (await db.select().from(apiKeys).where(eq(apiKeys.tenantId, tenant.id))).map((k) => [k.id, k.label, k.revokedAt]),
    members: (await db.select().from(members).where(eq(members.tenantId, tenant.id))).map(({ updatedAt: _u, ...m }) => m),
    roster: await db.select().from(rosterEntries).where(eq(rosterEntries.tenantId, tenant.id)),
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
