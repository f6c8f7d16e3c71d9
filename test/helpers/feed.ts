/** Helpers for the feed's server tests: members with sessions, and the calls members and staff make. */
import assert from 'node:assert/strict';
import type { TestContext, TestTenant } from './app.js';
import { createMember, sessionFor } from './members.js';
import type { MemberRow } from '../../server/modules/members/profile.js';

export interface FeedMember {
  row: MemberRow;
  token: string;
}

let people = 0;

/** An approved, listed member of the tenant with a session. */
export async function feedMember(t: TestContext, tenant: TestTenant, values: Partial<MemberRow> = {}): Promise<FeedMember> {
  people += 1;
  const row = await createMember(t.deps.db, tenant.id, { status: 'approved', name: `メンバー ${people}`, approvedAt: '2026-01-01T00:00:00.000Z', ...values });
  return { row, token: await sessionFor(t.deps.db, row) };
}

/** A call that must succeed; returns the body. */
export async function ok(t: TestContext, method: string, path: string, opts: Parameters<TestContext['call']>[2] = {}): Promise<any> {
  const res = await t.call(method, path, opts);
  assert.ok(res.status >= 200 && res.status < 300, `${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const memberPost = (t: TestContext, m: FeedMember, body: Record<string, unknown>) =>
  ok(t, 'POST', '/v1/posts', { token: m.token, body: { kind: 'general', ...body } });

export const companyPost = (t: TestContext, tenant: TestTenant, body: Record<string, unknown>) =>
  ok(t, 'POST', '/v1/admin/posts', { token: tenant.sk, body: { kind: 'news', ...body } });

/** Every post id the credential sees, page by page (`query` without limit/cursor). */
export async function feedIds(t: TestContext, token: string, query = '', limit = 100): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? '&' : '';
    const res: any = await ok(t, 'GET', `/v1/posts?limit=${limit}${sep}${query}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    ids.push(...res.data.map((p: { id: string }) => p.id));
    cursor = res.nextCursor;
  } while (cursor);
  return ids;
}
