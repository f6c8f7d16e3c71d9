import { eq } from 'drizzle-orm';
import {
  apiKeys,
  conversations,
  events,
  groupMembers,
  groups,
  jobOffers,
  jobResponses,
  jobs,
  memberKinds,
  members,
  messageReports,
  messages,
  postComments,
  postReactions,
  postReports,
  posts,
  relayBatons,
  rosterEntries,
  staff,
} from '../../server/db/schema.js';
import type { MemberRow } from '../../server/modules/members/profile.js';
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
  const feed = await feedFixtures(t, tenant, viewer, other);
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
  // A conversation the other member started with the viewer, its message reported by the viewer, and a member to block.
  const otherSession = await sessionFor(db, other);
  const talk = await t.call('POST', '/v1/me/conversations', { token: otherSession, origin: tenant.origin, body: { memberIds: [viewer.id], body: 'お久しぶりです' } });
  if (talk.status !== 201) throw new Error(`fixture conversation: ${JSON.stringify(talk.body)}`);
  const report = await t.call('POST', `/v1/me/messages/${talk.body.message.id}/reports`, { token: session, origin: tenant.origin, body: { reason: 'fixture' } });
  if (report.status !== 201) throw new Error(`fixture report: ${JSON.stringify(report.body)}`);
  const blockable = await createMember(db, tenant.id, { name: '遮断 三郎', status: 'approved' });
  // A kind the company added; its key is the tenant's own, so another tenant's credentials find nothing by it.
  const kindKey = `fx-${tenant.id.toLowerCase().replace(/[^a-z0-9]/g, '').slice(-24)}`;
  const kind = await t.call('POST', '/v1/admin/member-kinds', { token: tenant.sk, body: { key: kindKey, labelJa: '定年退職者', labelEn: 'Retiree', features: ['directory', 'events'] } });
  if (kind.status !== 201) throw new Error(`fixture member kind: ${JSON.stringify(kind.body)}`);
  const group = await groupFixtures(t, tenant, viewer, other, blockable);
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
      ...feed.ids,
      '/v1/me/conversations': talk.body.conversationId,
      '/v1/me/messages': talk.body.message.id,
      '/v1/me/blocks': blockable.id,
      '/v1/admin/message-reports': report.body.id,
      '/v1/admin/member-kinds': kindKey,
      '/v1/groups': group.id,
      '/v1/admin/groups': group.id,
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
      'POST /v1/admin/jobs/preview': { markdown: '**太字**' },
      'POST /v1/admin/roster/preview': { entries: [{ emails: [`preview-${tenant.id}@example.jp`.toLowerCase()], name: '名簿 確認' }] },
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
      'PUT /v1/events/{id}/registration': { guests: 0 },
      'POST /v1/admin/events/{id}/check-ins': { code: 'ABCD-2345' },
      'POST /v1/admin/events/{id}/messages': { subject: 'お知らせ', message: '当日はよろしくお願いします。' },
      ...feedBodies(other.id),
      'POST /v1/me/conversations': { memberIds: [other.id], body: 'こんにちは' },
      'POST /v1/me/conversations/{id}/messages': { body: 'どうも' },
      'POST /v1/me/conversations/{id}/read': {},
      'POST /v1/me/messages/{id}/reports': { reason: '迷惑です' },
      'PATCH /v1/admin/message-reports/{id}': { status: 'resolved' },
      'POST /v1/admin/member-kinds': { key: 'volunteer', labelJa: 'ボランティア', labelEn: 'Volunteer', features: ['events'] },
      'PATCH /v1/admin/member-kinds/{key}': { labelEn: 'Retired' },
      'PATCH /v1/admin/members/{id}': { kind: 'employee' },
      ...group.bodies,
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

/**
 * The feed's objects: the viewer's post with a comment, a reaction and a report by another member, a
 * public company post, a relay started by the company. Made through the API, as members and staff would.
 */
async function feedFixtures(t: TestContext, tenant: TestTenant, viewer: MemberRow, other: MemberRow) {
  const { db } = t.deps;
  const session = await sessionFor(db, viewer);
  const otherSession = await sessionFor(db, other);
  const ok = (what: string, res: { status: number; body: any }) => {
    if (res.status >= 300) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const as = (token: string) => ({ token, origin: tenant.origin });
  const post = ok('post', await t.call('POST', '/v1/posts', { ...as(session), body: { kind: 'general', title: '近況', body: '独立して 3 年です。' } }));
  ok('company post', await t.call('POST', '/v1/admin/posts', { token: tenant.sk, body: { kind: 'news', title: 'お知らせ', body: '公開のお知らせ', audience: 'public' } }));
  const comment = ok('comment', await t.call('POST', `/v1/posts/${post.id}/comments`, { ...as(session), body: { body: '補足です' } }));
  ok('reaction', await t.call('PUT', `/v1/posts/${post.id}/reactions`, { ...as(otherSession), body: { kind: 'like', reacted: true } }));
  const report = ok('report', await t.call('POST', `/v1/posts/${post.id}/reports`, { ...as(otherSession), body: { reason: '確認してください' } }));
  const relay = ok('relay', await t.call('POST', '/v1/admin/relays', { token: tenant.sk, body: { title: 'リレー', nomineeMemberId: viewer.id } }));
  return {
    session,
    ids: {
      '/v1/posts': post.id,
      '/v1/admin/posts': post.id,
      '/v1/comments': comment.id,
      '/v1/admin/comments': comment.id,
      '/v1/admin/reports': report.id,
      '/v1/relays': relay.id,
      '/v1/admin/relays': relay.id,
    },
  };
}

/**
 * A group of the company's (by request) with the viewer as its admin, the other member's request to
 * join and a post of the viewer's in it; bodies that name members of the tenant.
 */
async function groupFixtures(t: TestContext, tenant: TestTenant, viewer: MemberRow, other: MemberRow, third: MemberRow) {
  const { db } = t.deps;
  const ok = (what: string, res: { status: number; body: any }) => {
    if (res.status >= 300) throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const input = { name: '営業部 OB・OG 会', description: '営業部の集まり', kind: 'department', joinRule: 'request', visibility: 'members' };
  const group = ok('group', await t.call('POST', '/v1/admin/groups', { token: tenant.sk, body: input }));
  ok('group admin', await t.call('PUT', `/v1/admin/groups/${group.id}/members`, { token: tenant.sk, body: { memberId: viewer.id, role: 'admin' } }));
  ok('group request', await t.call('POST', `/v1/groups/${group.id}/join`, { token: await sessionFor(db, other), origin: tenant.origin }));
  const post = ok('group post', await t.call('POST', '/v1/posts', { token: await sessionFor(db, viewer), origin: tenant.origin, body: { kind: 'general', body: 'グループの投稿', groupId: group.id } }));
  return {
    id: group.id as string,
    bodies: {
      'POST /v1/groups': { ...input, name: '釣りの会', kind: 'interest' },
      'PATCH /v1/groups/{id}/membership': { showInDirectory: false },
      'POST /v1/groups/{id}/requests/decision': { memberId: other.id, approve: true },
      'POST /v1/groups/{id}/invitations': { memberId: third.id },
      'POST /v1/groups/{id}/removals': { memberId: other.id },
      'POST /v1/groups/{id}/hidden-posts': { postId: post.id, reason: '確認中' },
      'POST /v1/admin/groups': { ...input, name: '新しい会' },
      'PATCH /v1/admin/groups/{id}': { description: '変更後' },
      'PUT /v1/admin/groups/{id}/members': { memberId: third.id, role: 'member' },
      'POST /v1/admin/groups/{id}/removals': { memberId: other.id },
    } as Record<string, unknown>,
  };
}

/** Valid bodies for the feed's routes. */
function feedBodies(otherId: string): Record<string, unknown> {
  return {
    'POST /v1/posts': { kind: 'general', body: 'こんにちは' },
    'POST /v1/posts/preview': { body: '**太字**' },
    'PATCH /v1/posts/{id}': { body: '編集しました' },
    'POST /v1/posts/{id}/comments': { body: 'コメントです' },
    'PUT /v1/posts/{id}/reactions': { kind: 'thanks', reacted: true },
    'POST /v1/posts/{id}/reports': { reason: '不適切です' },
    'PATCH /v1/comments/{id}': { body: '直しました' },
    'POST /v1/comments/{id}/reports': { reason: '不適切です' },
    'POST /v1/admin/posts': { kind: 'news', body: 'お知らせです' },
    'POST /v1/admin/posts/preview': { body: '**太字**' },
    'PATCH /v1/admin/posts/{id}': { pinned: true },
    'POST /v1/admin/posts/{id}/hide': { reason: '確認中' },
    'POST /v1/admin/comments/{id}/hide': { reason: '確認中' },
    'POST /v1/admin/relays': { nomineeMemberId: otherId },
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
    staff: (await db.select().from(staff).where(eq(staff.tenantId, tenant.id))).map((s) => [s.id, s.role, s.status, s.name]),
    posts: await db.select().from(posts).where(eq(posts.tenantId, tenant.id)),
    comments: await db.select().from(postComments).where(eq(postComments.tenantId, tenant.id)),
    reactions: await db.select().from(postReactions).where(eq(postReactions.tenantId, tenant.id)),
    reports: await db.select().from(postReports).where(eq(postReports.tenantId, tenant.id)),
    batons: await db.select().from(relayBatons).where(eq(relayBatons.tenantId, tenant.id)),
    conversations: await db.select().from(conversations).where(eq(conversations.tenantId, tenant.id)),
    messages: await db.select().from(messages).where(eq(messages.tenantId, tenant.id)),
    messageReports: await db.select().from(messageReports).where(eq(messageReports.tenantId, tenant.id)),
    memberKinds: await db.select().from(memberKinds).where(eq(memberKinds.tenantId, tenant.id)),
    groups: await db.select().from(groups).where(eq(groups.tenantId, tenant.id)),
    groupMembers: await db.select().from(groupMembers).where(eq(groupMembers.tenantId, tenant.id)),
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
