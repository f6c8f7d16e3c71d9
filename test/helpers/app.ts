import { createApp, type App } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import type { Deps } from '../../server/core/context.js';
import { fixedClock } from '../../server/core/clock.js';
import { jsonLogger } from '../../server/core/log.js';
import { outboxMailer, type Mailer } from '../../server/core/mail/transport.js';
import { operatorContext, type ServiceContext } from '../../server/core/context.js';
import { outboxTopics } from '../../server/modules/index.js';
import { createApiKey, createTenant, getTenant } from '../../server/modules/tenants/service.js';
import { createOutboxWorker, type OutboxWorker } from '../../server/workers/outbox.js';
import { testDb } from './db.js';

export interface TestTenant {
  id: string;
  origin: string;
  pk: string;
  sk: string;
}

export interface TestContext {
  app: App;
  deps: Deps;
  clock: ReturnType<typeof fixedClock>;
  outbox: ReturnType<typeof outboxMailer>;
  /** The outbox worker, not started: `call` drains it after each request, as a running server would soon after. */
  worker: OutboxWorker;
  /** A service context for `tenantId` at the test clock's time, as the operator (CLI) would have. */
  ctx(tenantId: string): Promise<ServiceContext>;
  /** A new tenant with one publishable and one secret key and an allowed origin of its own. */
  tenant(name?: string): Promise<TestTenant>;
  /** `app.request` with JSON in and out and Bearer auth; `origin` adds the Origin header a browser would. */
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; origin?: string; headers?: Record<string, string>; raw?: string },
  ): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

let tenantCount = 0;

/** Builds the real app over a fresh database (file or sqld, see testEngine), with a movable clock. */
export async function makeTestApp(options: { config?: Partial<Config>; mailer?: Mailer; now?: string } = {}): Promise<TestContext> {
  const { db, close } = await testDb();
  const config = { ...loadConfig({}), ...options.config };
  const outbox = outboxMailer(null, config.MAIL_FROM);
  const clock = fixedClock(options.now ?? '2026-11-21T03:00:00.000Z');
  const deps: Deps = { db, config, mailer: options.mailer ?? outbox, clock, log: jsonLogger('silent') };
  const app = createApp(deps);
  const worker = createOutboxWorker(deps, outboxTopics);

  return {
    app,
    deps,
    clock,
    outbox,
    worker,
    async ctx(tenantId) {
      const tenant = await getTenant(db, tenantId);
      if (!tenant) throw new Error(`no tenant ${tenantId}`);
      return operatorContext(db, tenant, { now: clock.now(), config });
    },
    async tenant(name = 'テスト株式会社') {
      tenantCount += 1;
      const origin = `https://careers-${process.pid}-${tenantCount}.example.jp`;
      const t = await createTenant(db, clock.now(), { name, allowedOrigins: [origin], membershipPolicy: 'roster_then_approval' });
      const ctx = operatorContext(db, t, { now: clock.now() });
      const pk = await createApiKey(ctx, { kind: 'publishable' });
      const sk = await createApiKey(ctx, { kind: 'secret' });
      return { id: t.id, origin, pk: pk.key, sk: sk.key };
    },
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      if (opts.origin) headers.origin = opts.origin;
      let body: string | undefined;
      if (opts.raw !== undefined) {
        body = opts.raw;
        headers['content-type'] ??= 'application/json';
      } else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await app.request(path, { method, headers, body });
      const text = await res.text();
      // What the request recorded in the outbox (mail, index updates) is handled before the test looks.
      await worker.drain();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    close,
  };
}

/** A valid event body for the admin API, overridable field by field. */
export function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    title: 'アルムナイ交流会',
    description: '久しぶりに集まりましょう。',
    category: 'meetup',
    startsAt: '2026-12-05T19:00:00+09:00',
    endsAt: '2026-12-05T21:00:00+09:00',
    timeZone: 'Asia/Tokyo',
    venueName: '本社 20F ラウンジ',
    capacity: 40,
    feeAmount: 1000,
    status: 'published',
    ...overrides,
  };
}

/** A valid, open, public job body for the admin API, overridable field by field. */
export function jobBody(overrides: Record<string, unknown> = {}) {
  return {
    title: '法人営業（カムバック採用）',
    department: '営業本部',
    location: '東京都港区',
    remotePolicy: 'hybrid',
    employmentType: 'rehire',
    description: '## 仕事内容\n\n- 既存のお客さまへの提案\n- **チームの立ち上げ**',
    requirements: '- 法人営業の経験 3 年以上',
    salaryMin: 6_000_000,
    salaryMax: 9_000_000,
    salaryUnit: 'year',
    visibility: 'public',
    status: 'open',
    ...overrides,
  };
}
