import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createClient } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { randomToken } from '../core/crypto.js';
import { migrationsDir } from '../paths.js';
import { readFromPrimary } from './freshness.js';
import { defaultDbPolicy, FILE_BUSY_TIMEOUT_MS, guardClient, type DbPolicy, type GuardedClient } from './guard.js';
import * as schema from './schema.js';

export type Db = LibSQLDatabase<typeof schema> & { $client: GuardedClient };

const migrationsFolder = migrationsDir;

export interface OpenDbOptions {
  authToken?: string;
  policy?: Partial<DbPolicy>;
  /** A read replica of the libsql server at `url` (sqld with --primary-grpc-url): reads go there, writes to `url`. */
  replicaUrl?: string;
}

/**
 * Opens the database at `url`: a `file:` path (created if missing) or a libsql server (sqld).
 * Every query goes through the connection policy in guard.ts; every file connection gets the same
 * busy timeout (the client passes it to each connection it opens, not just the first).
 */
export function openDb(url: string, options: OpenDbOptions = {}): Db {
  const isFile = url.startsWith('file:');
  if (isFile) {
    const path = url.slice('file:'.length);
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  if (options.replicaUrl && (isFile || options.replicaUrl.startsWith('file:'))) {
    throw new Error('[homecoming] a read replica needs a libsql server for both the primary and the replica (not file:)');
  }
  const raw = createClient({ url, authToken: options.authToken, ...(isFile ? { timeout: FILE_BUSY_TIMEOUT_MS } : {}) });
  const replica = options.replicaUrl ? createClient({ url: options.replicaUrl, authToken: options.authToken }) : undefined;
  const client = guardClient(raw, { ...defaultDbPolicy, ...options.policy }, replica);
  return drizzle(client, { schema }) as Db;
}

const LOCK_TTL_MS = 120_000;

/**
 * Applies every pending drizzle-kit migration. Safe to run at each start, and from several processes
 * starting at once: they take turns through a lease row, so only one applies a migration and the
 * others then find nothing pending. A process that dies holding the lease loses it after LOCK_TTL_MS.
 */
export function migrateDb(db: Db, options: { waitMs?: number } = {}): Promise<void> {
  // What is already applied is read from the primary: a replica may not have the last migration yet.
  return readFromPrimary(() => migrateOnPrimary(db, options));
}

async function migrateOnPrimary(db: Db, options: { waitMs?: number }): Promise<void> {
  const client = db.$client;
  if (client.protocol === 'file') {
    // WAL lets readers proceed while a writer holds the lock. It is a property of the file, set once.
    await client.execute('PRAGMA journal_mode = WAL');
  }
  await client.execute('CREATE TABLE IF NOT EXISTS _homecoming_locks (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)');
  const holder = randomToken(12);
  const deadline = Date.now() + (options.waitMs ?? LOCK_TTL_MS);
  for (;;) {
    const now = Date.now();
    const got = await client.execute({
      sql: `INSERT INTO _homecoming_locks (name, holder, expires_at) VALUES ('migrate', ?, ?)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE _homecoming_locks.expires_at < ?
            RETURNING holder`,
      args: [holder, now + LOCK_TTL_MS, now],
    });
    if (got.rows[0]?.holder === holder) break;
    if (now > deadline) throw new Error('[homecoming] another process has been migrating the database for too long; is one stuck?');
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    await migrate(db, { migrationsFolder });
  } finally {
    await client.execute({ sql: "DELETE FROM _homecoming_locks WHERE name = 'migrate' AND holder = ?", args: [holder] });
  }
}
