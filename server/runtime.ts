import { dirname, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.js';
import { outboxTopics } from './modules/index.js';
import { createOutboxWorker, type OutboxWorker } from './workers/outbox.js';
import type { Config } from './config.js';
import type { Deps } from './core/context.js';
import { migrateDb, openDb } from './db/client.js';
import { systemClock } from './core/clock.js';
import { jsonLogger } from './core/log.js';
import { outboxMailer, smtpMailer } from './core/mail/transport.js';
import { closeStreams } from './modules/messages/stream.js';

/** Where the development outbox lives: beside a file database, else under ./data. */
export function outboxPath(config: Config): string {
  const url = config.DATABASE_URL;
  const dir = url.startsWith('file:') ? dirname(resolve(url.slice('file:'.length))) : resolve('data');
  return resolve(dir, 'outbox.jsonl');
}

/** Opens and migrates the database and wires the real dependencies from the config. */
export async function createDeps(config: Config): Promise<Deps> {
  const db = openDb(config.DATABASE_URL, {
    authToken: config.DATABASE_AUTH_TOKEN,
    replicaUrl: config.DATABASE_REPLICA_URL,
    policy: { timeoutMs: config.DATABASE_TIMEOUT_MS },
  });
  await migrateDb(db);
  const mailer = config.SMTP_URL ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : outboxMailer(outboxPath(config), config.MAIL_FROM);
  return { db, config, mailer, clock: systemClock, log: jsonLogger(config.LOG_LEVEL) };
}

export interface RunningApi {
  url: string;
  port: number;
  deps: Deps;
  /** This process's outbox worker (started): delivers mail and runs queued jobs. */
  outbox: OutboxWorker;
  close(): Promise<void>;
}

/** Serves the API on `port` (0 picks a free one). */
export async function startApi(config: Config, port = config.PORT, hostname = '0.0.0.0'): Promise<RunningApi> {
  const deps = await createDeps(config);
  const app = createApp(deps);
  const outbox = createOutboxWorker(deps, outboxTopics, { pollMs: config.OUTBOX_POLL_MS, claimMs: config.OUTBOX_CLAIM_MS });
  outbox.start();
  const server: ServerType = await new Promise((ok) => {
    const s = serve({ fetch: app.fetch, port, hostname }, () => ok(s));
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}`,
    port: actualPort,
    deps,
    outbox,
    async close() {
      const closing = new Promise<void>((ok) => server.close(() => ok()));
      // Open message streams would keep the server from closing: end them first.
      closeStreams(deps.db);
      await closing;
      await outbox.stop();
      await deps.mailer.close?.();
      deps.db.$client.close();
    },
  };
}
