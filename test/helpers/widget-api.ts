/**
 * A real Homecoming API for the widget tests, run as a child of the test runner
 * (`node --import tsx test/helpers/widget-api.ts`). It reads one JSON command per line on stdin and
 * answers each with one `@@homecoming {...}` line on stdout:
 *   {id, cmd: 'create', origin}  → a fresh file database, a tenant allowing `origin`, the fixture
 *                                  events, served on a free port → {name, url, publishableKey}
 *   {id, cmd: 'stop', name}      → stops listening (the API is "down"); the database stays
 *   {id, cmd: 'start', name}     → listens again on the same port
 *   {id, cmd: 'members.…', name, …}  → member fixtures, sessions, mail, SSO: see widget-members.ts
 *   {id, cmd: 'rich-text.parse', markdown: [...]} → the server's rich-text trees: see widget-rich-text.ts
 *   {id, cmd: 'jobs.…', name, …}     → jobs, responses, offers as the company: see widget-jobs.ts
 *   {id, cmd: 'events.…', name, …}   → events with registration, and who registered: see widget-events.ts
 *   {id, cmd: 'feed.…', name, …}     → posts, comments, moderation: see widget-feed.ts
 * Each test file creates its own API, so stopping one never disturbs another.
 */
import { operatorContext } from '../../server/core/context.js';
import { outboxTopics } from '../../server/modules/index.js';
import { createOutboxWorker } from '../../server/workers/outbox.js';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Deps } from '../../server/core/context.js';
import { migrateDb, openDb } from '../../server/db/client.js';
import { systemClock } from '../../server/core/clock.js';
import { jsonLogger } from '../../server/core/log.js';
import { smtpMailer } from '../../server/core/mail/transport.js';
import { createEvent } from '../../server/modules/events/service.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { startSmtp } from './smtp.js';
import { fixtureEvents, type WidgetApi } from './widget-fixtures.js';
import { jobCommand } from './widget-jobs.js';
import { memberCommand, type MemberCommandContext } from './widget-members.js';
import { eventCommand } from './widget-events.js';
import { richTextCommand } from './widget-rich-text.js';
import { feedCommand } from './widget-feed.js';

interface Instance {
  server: Server;
  port: number;
  /** For the `members.*` commands (test/helpers/widget-members.ts). */
  members: MemberCommandContext;
  close(): Promise<void>;
}

const instances = new Map<string, Instance>();
const DAY = 24 * 60 * 60 * 1000;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', fail);
      const address = server.address();
      ok(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function stop(server: Server): Promise<void> {
  return new Promise((ok) => {
    server.close(() => ok());
    server.closeAllConnections();
  });
}

async function create(origin: string): Promise<WidgetApi> {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-widgets-'));
  const db = openDb(`file:${join(dir, 'api.db')}`);
  await migrateDb(db);
  const config = loadConfig({ LOG_LEVEL: 'silent' });
  const smtp = await startSmtp();
  const deps: Deps = { db, config, mailer: smtpMailer(smtp.url, config.MAIL_FROM), clock: systemClock, log: jsonLogger('silent') };
  const now = systemClock.now();
  const tenant = await createTenant(db, now, { name: 'ホームカミング商事', allowedOrigins: [origin] });
  const ctx = operatorContext(db, tenant, { now, config });
  const pk = await createApiKey(ctx, { kind: 'publishable' });
  // Whole hours, so the seeded times read like real events.
  const base = Math.ceil(now.getTime() / (60 * 60 * 1000)) * 60 * 60 * 1000;
  for (const e of fixtureEvents) {
    const start = typeof e.start === 'string' ? new Date(e.start) : new Date(base + e.start * DAY);
    await createEvent(ctx, {
      title: e.title,
      description: e.description,
      category: e.category,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + e.hours * 60 * 60 * 1000).toISOString(),
      timeZone: e.timeZone,
      venueName: e.venueName ?? null,
      isOnline: e.isOnline ?? false,
      feeAmount: e.feeAmount,
      capacity: e.capacity,
      notes: e.notes ?? '',
      status: e.status,
      translations: e.en ? { en: e.en } : {},
    });
  }
  const app = createApp(deps);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  // As in a real API process: mail goes out and the directory follows members through the outbox.
  const outbox = createOutboxWorker(deps, outboxTopics, { pollMs: 100 });
  outbox.start();
  const port = await listen(server, 0);
  const name = `api-${instances.size + 1}`;
  instances.set(name, {
    server,
    port,
    members: { deps, tenantId: tenant.id, smtp, request: async (path, init) => app.request(path, init) },
    async close() {
      if (server.listening) await stop(server);
      await outbox.stop();
      db.$client.close();
      await deps.mailer.close?.();
      await smtp.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
  return { name, url: `http://127.0.0.1:${port}`, publishableKey: pk.key };
}

function instance(name: unknown): Instance {
  const found = instances.get(String(name));
  if (!found) throw new Error(`no API named ${String(name)}`);
  return found;
}

async function handle(message: { cmd?: string; origin?: string; name?: string }): Promise<unknown> {
  switch (message.cmd) {
    case 'create':
      if (!message.origin) throw new Error('create needs the test page origin');
      return create(message.origin);
    case 'stop': {
      const api = instance(message.name);
      if (api.server.listening) await stop(api.server);
      return { stopped: true };
    }
    case 'start': {
      const api = instance(message.name);
      if (!api.server.listening) await listen(api.server, api.port);
      return { started: true };
    }
    case 'events.create':
    case 'events.registrations':
    case 'events.register': {
      const api = instance(message.name);
      return eventCommand({ ...api.members, url: () => `http://127.0.0.1:${api.port}` }, message as { cmd: string });
    }
    case 'rich-text.parse':
      return richTextCommand(message as { markdown?: unknown });
    default:
      if (message.cmd?.startsWith('members.')) return memberCommand(instance(message.name).members, message as { cmd: string });
      if (message.cmd?.startsWith('jobs.')) return jobCommand(instance(message.name).members, message as { cmd: string });
      if (message.cmd?.startsWith('feed.')) return feedCommand(instance(message.name).members, message as { cmd: string });
      throw new Error(`unknown command ${String(message.cmd)}`);
  }
}

const reply = (value: unknown) => process.stdout.write(`@@homecoming ${JSON.stringify(value)}\n`);

createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (!line.trim()) return;
    let message: { id?: number; cmd?: string };
    try {
      message = JSON.parse(line);
    } catch {
      reply({ error: `not JSON: ${line}` });
      return;
    }
    handle(message).then(
      (result) => reply({ id: message.id, result }),
      (error: unknown) => reply({ id: message.id, error: error instanceof Error ? error.message : String(error) }),
    );
  })
  .on('close', async () => {
    // The test runner closed our stdin: it is done with us.
    for (const api of instances.values()) await api.close();
    process.exit(0);
  });

reply({ ready: true });
