/**
 * A write load as members make it: each writer is a member editing their own profile through
 * PATCH /v1/me, over real HTTP, spread over API processes. Shared by the contention test and the
 * bench so both measure the same thing.
 */
import { operatorContext } from '../../server/core/context.js';
import { writeFileSync } from 'node:fs';
import type { Db } from '../../server/db/client.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { createMember, sessionFor } from './members.js';

export interface WriteOutcome {
  status: number;
  ms: number;
  detail?: string;
}

export interface LoadTenant {
  tenantId: string;
  publishable: { id: string; key: string };
  secretKey: string;
  members: { id: string; token: string }[];
}

/** A tenant with keys and `memberCount` approved members, each with a session. */
export async function seedLoadTenant(db: Db, memberCount: number): Promise<LoadTenant> {
  const now = new Date();
  const tenant = await createTenant(db, now, { name: '並行株式会社', allowedOrigins: ['https://careers.example.jp'], membershipPolicy: 'open' });
  const ctx = operatorContext(db, tenant, { now });
  const p = await createApiKey(ctx, { kind: 'publishable' });
  const secretKey = (await createApiKey(ctx, { kind: 'secret' })).key;
  const members = [];
  for (let i = 0; i < memberCount; i++) {
    const m = await createMember(db, tenant.id, { status: 'approved', name: `並行 ${i}` });
    members.push({ id: m.id, token: await sessionFor(db, m) });
  }
  return { tenantId: tenant.id, publishable: { id: p.view.id, key: p.key }, secretKey, members };
}

/** A roster CSV of `rows` distinct leavers. */
export function writeRosterCsv(path: string, rows: number): void {
  const header = 'email,name,employeeNumber,department,joinedOn,leftOn,kind';
  const lines = Array.from({ length: rows }, (_, i) => `leaver${i}@example.jp,退職 ${i},E${100000 + i},営業部,2015-04-01,2023-03-31,alumni`);
  writeFileSync(path, [header, ...lines].join('\n'));
}

export async function timedFetch(url: string, init: RequestInit): Promise<WriteOutcome> {
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - t0, detail: res.status >= 500 ? text.slice(0, 300) : undefined };
  } catch (err) {
    return { status: 0, ms: performance.now() - t0, detail: String(err) };
  }
}

export const patchMe = (apiUrl: string, token: string, currentTitle: string) =>
  timedFetch(`${apiUrl}/v1/me`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ currentTitle }),
  });

export interface WriteLoadResult {
  outcomes: WriteOutcome[];
  /** Each member's last acknowledged value, to check nothing acknowledged was lost. */
  lastWritten: Map<string, string>;
  seconds: number;
}

/** Every member in `writers` writes in a loop for `seconds`, writer i through `apiUrls[i % n]`. */
export async function runWriteLoad(apiUrls: string[], writers: { id: string; token: string }[], seconds: number): Promise<WriteLoadResult> {
  const end = Date.now() + seconds * 1000;
  const outcomes: WriteOutcome[] = [];
  const lastWritten = new Map<string, string>();
  await Promise.all(
    writers.map(async (m, i) => {
      const url = apiUrls[i % apiUrls.length]!;
      for (let n = 0; Date.now() < end; n++) {
        const value = `書き込み ${i}-${n}`;
        const res = await patchMe(url, m.token, value);
        outcomes.push(res);
        if (res.status === 200) lastWritten.set(m.id, value);
      }
    }),
  );
  return { outcomes, lastWritten, seconds };
}

export function summarize(result: WriteLoadResult) {
  const ms = result.outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  const ok = result.outcomes.filter((o) => o.status === 200).length;
  return {
    writes: result.outcomes.length,
    ok,
    perSecond: ok / result.seconds,
    errors: result.outcomes.filter((o) => o.status >= 500 || o.status === 0).length,
    p50: at(0.5),
    p99: at(0.99),
    slowest: ms.at(-1) ?? 0,
  };
}
