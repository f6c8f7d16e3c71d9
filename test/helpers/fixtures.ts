import { eq } from 'drizzle-orm';
import { apiKeys, conversations, events, jobOffers, jobResponses, jobs, members, messageReports, messages, rosterEntries } from '../../server/db/schema.js';
import { createApiKey } from '../../server/modules/tenants/service.js';
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
  const offer = await t.call('POST', '/v1/admin/job-offers', { token: tenant.sk, body: { memberId: viewer.id, kind: 'rehire', message: 'お話ししませんか' } });
  if (offer.status !== 201) throw new Error(`fixture offer: ${JSON.stringify(offer.body)}`);
  // A conversation the other member started with the viewer, its message reported by the viewer, and a member to block.
  const otherSession = await sessionFor(db, other);
  const talk = await t.call('POST', '/v1/me/conversations', { token: otherSession, origin: tenant.origin, body: { memberIds: [viewer.id], body: 'お久しぶりです' } });
  if (talk.status !== 201) throw new Error(`fixture conversation: ${JSON.stringify(talk.body)}`);
  const report = await t.call('POST', `/v1/me/messages/${talk.body.message.id}/reports`, { token: session, origin: tenant.origin, body: { reason: 'fixture' } });
  if (report.status !== 201) throw new Error(`fixture report: ${JSON.stringify(report.body)}`);
  const blockable = await createMember(db, tenant.id, { name: '遮断 三郎', status: 'approved' });
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
      '/v1/me/conversations': talk.body.conversationId,
      '/v1/me/messages': talk.body.message.id,
      '/v1/me/blocks': blockable.id,
      '/v1/admin/message-reports': report.body.id,
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
      'POST /v1/me/conversations': { memberIds: [other.id], body: 'こんにちは' },
      'POST /v1/me/conversations/{id}/messages': { body: 'どうも' },
      'POST /v1/me/conversations/{id}/read': {},
      'POST /v1/me/messages/{id}/reports': { reason: '迷惑です' },
      'PATCH /v1/admin/message-reports/{id}': { status: 'resolved' },
    },
    session,
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
    jobs: await db.select().from(jobs).where(eq(jobs.tenantId, tenant.id)),
    jobResponses: await db.select().from(jobResponses).where(eq(jobResponses.tenantId, tenant.id)),
    jobOffers: await db.select().from(jobOffers).where(eq(jobOffers.tenantId, tenant.id)),
    conversations: await db.select().from(conversations).where(eq(conversations.tenantId, tenant.id)),
    messages: await db.select().from(messages).where(eq(messages.tenantId, tenant.id)),
    messageReports: await db.select().from(messageReports).where(eq(messageReports.tenantId, tenant.id)),
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
