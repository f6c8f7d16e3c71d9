import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema/index.js';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

const migrationsFolder = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens the database at `url`: a `file:` path (created if missing) or a libsql server (sqld). */
export function openDb(url: string, authToken?: string): Db {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (path && path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({ url, authToken });
  return drizzle(client, { schema }) as Db;
}

/** Applies every pending drizzle-kit migration. Safe to run at each start. */
export async function migrateDb(db: Db): Promise<void> {
  if (db.$client.protocol === 'file') {
    // WAL lets readers proceed while a writer holds the lock; busy_timeout waits instead of failing.
    await db.$client.execute('PRAGMA journal_mode = WAL');
    await db.$client.execute('PRAGMA busy_timeout = 5000');
  }
  await migrate(db, { migrationsFolder });
}
