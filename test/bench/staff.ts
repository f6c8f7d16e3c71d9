/**
 * What roles and the audit log cost an admin request, in process (app.request), same run, same file:
 * the member list with a staff session (session lookup + capability check) beside the same list with
 * a secret key; an audited write (PATCH an event, its audit entry written after the handler) beside
 * the audit insert alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { operatorContext } from '../../server/core/context.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer } from '../../server/core/mail/transport.js';
import { migrateDb, openDb } from '../../server/db/client.js';
import { members } from '../../server/db/schema.js';
import { AuditTrail, recordAfterResponse } from '../../server/modules/audit/trail.js';
import { inviteFromOperator } from '../../server/modules/staff/service.js';
import { createStaffSession } from '../../server/modules/staff/sessions.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';

const N = Number(process.env.BENCH_STAFF_REPEAT ?? 400);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runStaffBench() {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-staff-'));
  const db = openDb(`file:${join(dir, 'bench.db')}`);
  try {
    await migrateDb(db);
    const tenant = await createTenant(db, new Date(), { name: 'ベンチ株式会社', allowedOrigins: [] });
    const ctx = operatorContext(db, tenant);
    const sk = (await createApiKey(ctx, { kind: 'secret' })).key;
    const owner = await inviteFromOperator(ctx, { email: 'owner@bench.example.jp', name: 'ベンチ オーナー', role: 'owner' });
    const staff = (await createStaffSession(ctx, owner.id)).token;
    const ts = new Date().toISOString();
    await db.insert(members).values(
      Array.from({ length: 200 }, (_, i) => ({ id: `mem_bench${i}`, tenantId: tenant.id, email: `m${i}@bench.example.jp`, name: `メンバー ${i}`, status: 'approved' as const, createdAt: ts, updatedAt: ts })),
    );
    const app = createApp({ db, config: loadConfig({}), mailer: outboxMailer(null, 'bench@homecoming.test'), clock: { now: () => new Date() }, log: jsonLogger('silent') });
    const call = async (method: string, path: string, token: string, body?: unknown) => {
      const t0 = performance.now();
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status}`);
      return performance.now() - t0;
    };
    const event = await (await app.request('/v1/admin/events', {
      method: 'POST',
      headers: { authorization: `Bearer ${sk}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'ベンチ', category: 'meetup', startsAt: '2026-12-05T19:00:00+09:00', endsAt: '2026-12-05T21:00:00+09:00', timeZone: 'Asia/Tokyo', venueName: '本社' }),
    })).json() as { id: string; detail?: string };
    if (!event.id) throw new Error(`bench event: ${JSON.stringify(event)}`);
    const samples = { sk: [] as number[], staff: [] as number[], write: [] as number[], audit: [] as number[] };
    for (let i = 0; i < N; i++) {
      samples.sk.push(await call('GET', '/v1/admin/members?limit=20', sk));
      samples.staff.push(await call('GET', '/v1/admin/members?limit=20', staff));
      samples.write.push(await call('PATCH', `/v1/admin/events/${event.id}`, staff, { title: `ベンチ ${i}` }));
      const trail = operatorContext(db, tenant);
      trail.audit = new AuditTrail({ kind: 'staff', id: owner.id, name: owner.name, email: owner.email, role: 'owner' }, 'PATCH /v1/admin/events/{id}');
      const t0 = performance.now();
      await recordAfterResponse(trail, 200, event.id);
      samples.audit.push(performance.now() - t0);
    }
    return { n: N, sk: median(samples.sk), staff: median(samples.staff), write: median(samples.write), audit: median(samples.audit) };
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
