/** Members with sessions and an event to register for, for the event server tests. */
import type { TestContext, TestTenant } from './app.js';
import { eventBody } from './app.js';
import { createMember, sessionFor } from './members.js';
import type { MemberRow } from '../../server/modules/members/profile.js';

export interface Attendee {
  member: MemberRow;
  token: string;
}

/** `n` approved members of the tenant, each with a session. */
export async function attendees(t: TestContext, tenant: TestTenant, n: number, overrides: Parameters<typeof createMember>[2] = {}): Promise<Attendee[]> {
  const out: Attendee[] = [];
  for (let i = 0; i < n; i++) {
    const member = await createMember(t.deps.db, tenant.id, { status: 'approved', ...overrides });
    out.push({ member, token: await sessionFor(t.deps.db, member) });
  }
  return out;
}

/** A published event through the admin API; fails the test if refused. */
export async function createEvent(t: TestContext, tenant: TestTenant, overrides: Record<string, unknown> = {}) {
  const res = await t.call('POST', '/v1/admin/events', { token: tenant.sk, body: eventBody(overrides) });
  if (res.status !== 201) throw new Error(`event: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string } & Record<string, any>;
}

export const registerAs = (t: TestContext, tenant: TestTenant, who: Attendee, eventId: string, body: unknown = {}) =>
  t.call('PUT', `/v1/events/${eventId}/registration`, { token: who.token, origin: tenant.origin, body });

export const cancelAs = (t: TestContext, tenant: TestTenant, who: Attendee, eventId: string) =>
  t.call('DELETE', `/v1/events/${eventId}/registration`, { token: who.token, origin: tenant.origin });
