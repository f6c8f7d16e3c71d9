/**
 * What access by member kind costs a member request, in process (app.request), same run, same file:
 * the session lookup with the kind join (what every member request runs now) beside the same lookup
 * without it; and GET /v1/me/notifications (feature: null) beside GET /v1/jobs/filters (feature 'jobs',
 * checked from the features the lookup read) for a member whose kind has a stored row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { and, eq, isNull } from 'drizzle-orm';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { operatorContext } from '../../server/core/context.js';
import { sha256 } from '../../server/core/crypto.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer } from '../../server/core/mail/transport.js';
import { migrateDb, openDb } from '../../server/db/client.js';
import { members, sessions, tenants } from '../../server/db/schema.js';
import { createSession, resolveSession } from '../../server/modules/auth/sessions.js';
import { createMemberKind } from '../../server/modules/member-kinds/service.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';

const N = Number(process.env.BENCH_KINDS_REPEAT ?? 2000);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function runMemberKindsBench() {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-kinds-'));
  const db = openDb(`file:${join(dir, 'bench.db')}`);
  try {
    await migrateDb(db);
    const tenant = await createTenant(db, new Date(), { name: 'ベンチ株式会社', allowedOrigins: [] });
    const ctx = operatorContext(db, tenant);
    await createApiKey(ctx, { kind: 'secret' });
    for (let k = 0; k < 10; k++) await createMemberKind(ctx, { key: `kind-${k}`, labelJa: `区分 ${k}`, labelEn: `Kind ${k}`, features: ['directory', 'events', 'jobs', 'feed'] });
    const ts = new Date().toISOString();
    await db.insert(members).values(
      Array.from({ length: 1000 }, (_, i) => ({ id: `mem_bench${i}`, tenantId: tenant.id, email: `m${i}@bench.example.jp`, name: `メンバー ${i}`, kind: `kind-${i % 10}`, status: 'approved' as const, createdAt: ts, updatedAt: ts })),
    );
    const { token } = await createSession(ctx, 'mem_bench7');
    // The lookup as it was before kinds: the same joins but the member kind's.
    const without = db
      .select({ session: sessions, member: members, tenant: tenants })
      .from(sessions)
      .innerJoin(members, and(eq(members.id, sessions.memberId), eq(members.tenantId, sessions.tenantId)))
      .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
      .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)))
      .limit(1)
      .prepare();
    const app = createApp({ db, config: loadConfig({}), mailer: outboxMailer(null, 'bench@homecoming.test'), clock: { now: () => new Date() }, log: jsonLogger('silent') });
    const call = async (path: string) => {
      const t0 = performance.now();
      const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`GET ${path} → ${res.status}`);
      return performance.now() - t0;
    };
    const samples = { join: [] as number[], plain: [] as number[], open: [] as number[], checked: [] as number[] };
    for (let i = 0; i < N; i++) {
      let t0 = performance.now();
      const found = await resolveSession(db, token, new Date());
      samples.join.push(performance.now() - t0);
      if (!found?.features.includes('jobs')) throw new Error('bench session has no jobs');
      t0 = performance.now();
      await without.all();
      samples.plain.push(performance.now() - t0);
      if (i % 5 === 0) {
        samples.open.push(await call('/v1/me/notifications'));
        samples.checked.push(await call('/v1/jobs/filters'));
      }
    }
    return { n: N, join: median(samples.join), plain: median(samples.plain), open: median(samples.open), checked: median(samples.checked) };
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
