/**
 * What "fresh" means across API processes, as cases the two-process tests run: each case reads
 * something as a visitor or member would (`observe`), changes it through one process (`change`), and
 * expects the change on that process at once and on every other within 1 s — with each process
 * holding the old answer beforehand, so a cache that is never invalidated fails the case.
 *
 * Adding a case is one more entry in `freshnessCases`.
 */
import assert from 'node:assert/strict';
import type { Db } from '../../server/db/client.js';
import { eventBody, jobBody } from './app.js';
import { seedLoadTenant, type LoadTenant } from './write-load.js';

export const FRESH_WITHIN_MS = 1000;
export const ORIGIN = 'https://careers.example.jp';

export interface FreshnessCase {
  name: string;
  /** What a caller sees through the API at `api` (a short string to compare). */
  observe(api: string): Promise<string>;
  /** The change, made through the API at `api`. */
  change(api: string): Promise<void>;
  /** What `observe` must give once the change is seen. */
  after: string;
}

async function call(api: string, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

async function ok(res: Promise<{ status: number; text: string }>, status = 200): Promise<void> {
  const r = await res;
  assert.equal(r.status, status, r.text);
}

/**
 * A tenant per case family (each case may revoke or suspend what it uses), seeded directly in the
 * database, and the cases over it. Dates are relative to now so the events stay upcoming.
 */
export async function freshnessCases(db: Db, someApi: string): Promise<FreshnessCase[]> {
  const t: LoadTenant = await seedLoadTenant(db, 2);
  const other: LoadTenant = await seedLoadTenant(db, 1);
  const startsAt = new Date(Date.now() + 7 * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
  const created = await call(someApi, 'POST', '/v1/admin/events', t.secretKey, eventBody({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() }));
  assert.equal(created.status, 201, created.text);
  const eventId = created.json().id as string;
  // A second publishable key of the tenant, for the cases that must keep reading after one is revoked.
  const reader = await call(someApi, 'POST', '/v1/admin/keys', t.secretKey, { kind: 'publishable' });
  assert.equal(reader.status, 201, reader.text);
  const readerKey = reader.json().key as string;

  const listed = async (api: string) => {
    const res = await call(api, 'GET', '/v1/events?limit=20', readerKey, undefined, { origin: ORIGIN });
    if (res.status !== 200) return `status ${res.status}`;
    return (res.json().data as { title: string }[]).map((e) => e.title).join(' | ') || '(none)';
  };
  const status = (path: string, token: string, headers: Record<string, string> = {}) => async (api: string) =>
    String((await call(api, 'GET', path, token, undefined, headers)).status);

  // Remaining seats: a tenant of its own with a 10-seat event; each change is one more member registering.
  const seats: LoadTenant = await seedLoadTenant(db, 4);
  const seatsEvent = await call(someApi, 'POST', '/v1/admin/events', seats.secretKey, eventBody({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), capacity: 10 }));
  assert.equal(seatsEvent.status, 201, seatsEvent.text);
  const seatsId = seatsEvent.json().id as string;
  const seatsLeft = async (api: string) => {
    const res = await call(api, 'GET', '/v1/events?limit=20', seats.publishable.key, undefined, { origin: ORIGIN });
    if (res.status !== 200) return `status ${res.status}`;
    return String((res.json().data as { id: string; seatsLeft: number | null }[]).find((e) => e.id === seatsId)?.seatsLeft);
  };

  // The careers page's job board: one public job of its own tenant (the list is a kept public answer too).
  const board: LoadTenant = await seedLoadTenant(db, 1);
  const job = await call(someApi, 'POST', '/v1/admin/jobs', board.secretKey, jobBody());
  assert.equal(job.status, 201, job.text);
  const jobId = job.json().id as string;
  const jobTitles = async (api: string) => {
    const res = await call(api, 'GET', '/v1/jobs?limit=20', board.publishable.key, undefined, { origin: ORIGIN });
    if (res.status !== 200) return `status ${res.status}`;
    return (res.json().data as { title: string }[]).map((j) => j.title).join(' | ') || '(none)';
  };

  let title = 0;
  let jobTitle = 0;
  return [
    {
      name: 'an admin edit of a job shows on the public job board',
      observe: jobTitles,
      change: (api) => ok(call(api, 'PATCH', `/v1/admin/jobs/${jobId}`, board.secretKey, { title: `募集変更 ${++jobTitle}` })),
      get after() {
        return `募集変更 ${jobTitle}`;
      },
    },
    {
      name: 'a registration lowers the remaining seats in the public list',
      observe: seatsLeft,
      change: (api) => ok(call(api, 'PUT', `/v1/events/${seatsId}/registration`, seats.members[0]!.token, { guests: 0 }, { origin: ORIGIN })),
      after: '9',
    },
    {
      name: 'a revoked publishable key is refused',
      observe: status('/v1/events', t.publishable.key, { origin: ORIGIN }),
      change: (api) => ok(call(api, 'DELETE', `/v1/admin/keys/${t.publishable.id}`, t.secretKey)),
      after: '401',
    },
    {
      name: 'an admin edit of an event shows in the public list',
      observe: listed,
      change: (api) => ok(call(api, 'PATCH', `/v1/admin/events/${eventId}`, t.secretKey, { title: `変更後 ${++title}` })),
      get after() {
        return `変更後 ${title}`;
      },
    },
    {
      name: 'an event taken back to draft leaves the public list',
      observe: listed,
      change: (api) => ok(call(api, 'PATCH', `/v1/admin/events/${eventId}`, t.secretKey, { status: 'draft' })),
      after: '(none)',
    },
    {
      name: 'an origin removed from the tenant is refused',
      observe: status('/v1/events', readerKey, { origin: ORIGIN }),
      change: (api) => ok(call(api, 'PATCH', '/v1/admin/tenant', t.secretKey, { allowedOrigins: ['https://jobs.example.jp'] })),
      after: '403',
    },
    {
      name: "a suspended member's session is refused",
      observe: status('/v1/me', t.members[0]!.token),
      change: (api) => ok(call(api, 'POST', `/v1/admin/members/${t.members[0]!.id}/suspend`, t.secretKey, { reason: '規約違反' })),
      after: '401',
    },
    {
      name: "a member's own profile edit is read back",
      observe: async (api) => String(((await call(api, 'GET', '/v1/me', other.members[0]!.token)).json().profile as { currentTitle?: string })?.currentTitle),
      change: (api) => ok(call(api, 'PATCH', '/v1/me', other.members[0]!.token, { currentTitle: '新しい肩書き' })),
      after: '新しい肩書き',
    },
  ];
}

/** Polls `observe` on `api` until it gives `after`; returns how long that took, or undefined after `withinMs`. */
export async function seenWithin(observe: (api: string) => Promise<string>, api: string, after: string, withinMs: number): Promise<number | undefined> {
  const started = performance.now();
  for (;;) {
    if ((await observe(api)) === after) return performance.now() - started;
    if (performance.now() - started > withinMs) return undefined;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Runs one case: every process reads the old value (and so holds it, if it caches), the change goes
 * through `writer`; `writer` shows it on the very next read, every other process within 1 s.
 */
export async function checkFreshness(c: FreshnessCase, writer: string, others: string[]): Promise<{ lagMs: number[] }> {
  // The writer last, so its cached answer is as young as can be when the change is made.
  for (const api of [...others, writer]) {
    const before = await c.observe(api);
    assert.notEqual(before, c.after, `${c.name}: ${api} shows the change before it is made`);
    // Twice: the second read is the one a cache answers.
    await c.observe(api);
  }
  await c.change(writer);
  assert.equal(await c.observe(writer), c.after, `${c.name}: the process that made the change does not show it at once`);
  const lagMs: number[] = [];
  for (const api of others) {
    const lag = await seenWithin(c.observe, api, c.after, FRESH_WITHIN_MS);
    assert.ok(lag !== undefined, `${c.name}: ${api} does not show the change within ${FRESH_WITHIN_MS} ms (still "${await c.observe(api)}")`);
    lagMs.push(lag);
  }
  return { lagMs };
}
