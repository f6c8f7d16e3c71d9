/**
 * The one connection policy every query and transaction goes through: a libsql `Client` wrapped so
 * that
 *  - writes (write statements, batches, transactions, migrations) leave each process one at a time,
 *    take the write lock up front (BEGIN IMMEDIATE), and are retried with jittered backoff on busy;
 *  - every call is bounded by one deadline, after which it fails with DatabaseUnavailableError
 *    (a 503 with Retry-After at the HTTP edge) instead of hanging or surfacing SQLITE_BUSY;
 *  - a file connection that a busy error has poisoned is replaced before anyone reads from it again.
 *
 * Why each of these (measured here, see the issue note and TOOLCHAIN.md):
 *  - libsql-js leaves a statement that failed with SQLITE_BUSY "in progress" until it is garbage
 *    collected; meanwhile its connection reads an old snapshot and every COMMIT on it fails with
 *    "SQL statements in progress" (tursodatabase/libsql-client-ts#352). Closing the pool's
 *    connections (`reconnect()`) is the only way to drop it from outside.
 *  - sqld 0.24 wedges (every later write hangs until it is restarted) once about ten write
 *    transactions wait on its lock at once; one writer per process keeps N processes at N.
 *  - SQLite has a single writer per database anyway, so queueing writes inside a process costs no
 *    throughput; it only moves the waiting from the lock into a FIFO that honours a deadline.
 *
 * With a replica (sqld's `--primary-grpc-url`), the reads of public GET requests go to it and everything
 * else to the primary, under the same policy (freshness.ts says which reads, and why).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Client, InArgs, InStatement, Replicated, ResultSet, Transaction, TransactionMode } from '@libsql/client';
import { LocalWrites } from './freshness.js';

export interface DbPolicy {
  /** Upper bound for one database call, including the wait for the write slot and the retries. */
  timeoutMs: number;
  /** With a replica: how long public reads of a tenant stay on the primary after this process wrote it. */
  primaryAfterWriteMs?: number;
}

export const defaultDbPolicy: DbPolicy = { timeoutMs: 5000 };

const scopedPolicy = new AsyncLocalStorage<Partial<DbPolicy>>();

/** Runs `fn` with its database calls under a different policy (e.g. a shorter deadline). */
export function withDbPolicy<T>(policy: Partial<DbPolicy>, fn: () => PromiseLike<T>): Promise<T> {
  // Awaited inside the scope: drizzle's query builders only run when awaited.
  return scopedPolicy.run(policy, async () => await fn());
}

/**
 * Bookkeeping writes (last used, last seen) must never hold up or fail the request they ride on:
 * they get a short deadline, and a busy or unreachable database just skips them this time.
 */
export async function bestEffort(fn: () => PromiseLike<unknown>, timeoutMs = 200): Promise<void> {
  try {
    await withDbPolicy({ timeoutMs }, fn);
  } catch (err) {
    if (!unavailableCause(err)) throw err;
  }
}

/**
 * The reason in `err`'s cause chain (drizzle wraps driver errors) that makes the database count as
 * unavailable: our own deadline, a busy lock that escaped, or a lost connection.
 */
export function unavailableCause(err: unknown): unknown {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof DatabaseUnavailableError || isBusyError(e) || isConnectionError(e)) return e;
  }
  return undefined;
}

/** SQLite's own busy wait on a file connection. It blocks the event loop, so it stays short; longer waits are async. */
export const FILE_BUSY_TIMEOUT_MS = 50;

/** The database did not answer in time or is unreachable: worth retrying later, not a bug. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(
    message: string,
    readonly retryAfterSeconds = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Figures the bench and tests read: how often the policy had to wait or give up, and where reads went. */
export interface DbStats {
  busyRetries: number;
  timeouts: number;
  reconnects: number;
  /** Reads answered by the replica / by the primary (everything, without a replica). */
  replicaReads: number;
  primaryReads: number;
}

const errorText = (err: unknown) => {
  const e = err as { code?: unknown; message?: unknown } | null;
  return `${String(e?.code ?? '')} ${String(e?.message ?? '')}`;
};

/** SQLITE_BUSY / SQLITE_LOCKED in any of the forms libsql and sqld report them. */
export function isBusyError(err: unknown): boolean {
  return /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked|statements in progress/i.test(errorText(err));
}

/** The server could not be reached or dropped the connection (sqld down, restarting, network). */
export function isConnectionError(err: unknown): boolean {
  return /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up|WebSocket|HRANA_WEBSOCKET|HRANA_CLOSED|fetch failed|STREAM_EXPIRED|other side closed/i.test(
    errorText(err),
  );
}

const READ_START = /^(?:select|explain|values)\b/i;
const WRITE_WORD = /\b(?:insert|update|delete|replace|create|drop|alter)\b/i;

/** Whether a statement only reads. Anything not clearly a read is treated as a write (the safe side). */
export function isReadStatement(stmt: InStatement | [string, InArgs?] | string): boolean {
  const sql = typeof stmt === 'string' ? stmt : Array.isArray(stmt) ? stmt[0] : stmt.sql;
  const head = sql.replace(/^(?:\s+|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '');
  if (READ_START.test(head)) return true;
  // A CTE is a read unless it feeds a write.
  return /^with\b/i.test(head) && !WRITE_WORD.test(head);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Full-jitter exponential backoff: 0–5 ms, 0–10 ms, … capped at 0–200 ms. */
const backoff = (attempt: number) => Math.random() * Math.min(200, 5 * 2 ** attempt);

/** A FIFO of one: the process's write slot. Waiters give up at their deadline. */
class WriteSlot {
  private held = false;
  private waiters: { grant: () => void; fail: (err: Error) => void }[] = [];

  acquire(deadline: number): Promise<() => void> {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.held = false;
    };
    if (!this.held) {
      this.held = true;
      return Promise.resolve(release);
    }
    return new Promise((ok, fail) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          ok(release);
        },
        fail,
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        fail(new DatabaseUnavailableError('The database is busy with other writes; try again in a moment.'));
      }, Math.max(0, deadline - Date.now()));
      this.waiters.push(waiter);
    });
  }
}

/**
 * Wraps `raw` in the policy. The result is a drop-in `Client` (drizzle and the CLI use it unchanged);
 * `stats` counts retries, time-outs and reconnects.
 */
export function guardClient(raw: Client, policy: DbPolicy = defaultDbPolicy, replica?: Client): GuardedClient {
  const stats: DbStats = { busyRetries: 0, timeouts: 0, reconnects: 0, replicaReads: 0, primaryReads: 0 };
  const writeListeners = new Set<() => void>();
  const localWrites = new LocalWrites(policy.primaryAfterWriteMs);
  const committed = () => {
    localWrites.committed();
    for (const listener of writeListeners) listener();
  };
  /** Where a read goes: the primary, unless this read may be served by the replica (freshness.ts). */
  const reader = (): Client => {
    if (replica && localWrites.wantsReplica()) {
      stats.replicaReads += 1;
      return replica;
    }
    stats.primaryReads += 1;
    return raw;
  };
  const slot = new WriteSlot();
  const isFile = raw.protocol === 'file';
  let openTransactions = 0;
  let poisoned = false;

  /** Replaces the pool's file connections once no transaction holds one (see the header). */
  const healIfPoisoned = () => {
    if (!poisoned || openTransactions > 0) return;
    poisoned = false;
    stats.reconnects += 1;
    raw.reconnect();
  };

  /** Races `op` against the deadline. A call that loses keeps running; `settled` says when it is done. */
  function bounded<T>(op: Promise<T>, deadline: number, what: string): { result: Promise<T>; settled: Promise<unknown> } {
    const settled = op.then(
      () => undefined,
      () => undefined,
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => {
      timer = setTimeout(() => {
        stats.timeouts += 1;
        fail(new DatabaseUnavailableError(`The database did not answer in time (${what}).`));
      }, Math.max(0, deadline - Date.now()));
    });
    return { result: Promise.race([op, timeout]).finally(() => clearTimeout(timer)), settled };
  }

  /** Runs `op` until it succeeds, fails for a reason other than busy, or the deadline passes. */
  async function retrying<T>(op: () => Promise<T>, deadline: number, what: string, onSettled?: (p: Promise<unknown>) => void): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const call = bounded(op(), deadline, what);
      onSettled?.(call.settled);
      try {
        return await call.result;
      } catch (err) {
        if (err instanceof DatabaseUnavailableError) throw err;
        if (isConnectionError(err)) throw new DatabaseUnavailableError('The database cannot be reached right now.', 2, { cause: err });
        // Our own reconnect can close a pooled connection between its borrow and its use.
        const closedByHeal = isFile && !raw.closed && /CLIENT_CLOSED/.test(errorText(err));
        if (!isBusyError(err) && !closedByHeal) throw err;
        if (isFile && !closedByHeal) {
          poisoned = true;
          healIfPoisoned();
        }
        const wait = backoff(attempt);
        if (Date.now() + wait >= deadline) {
          stats.timeouts += 1;
          throw new DatabaseUnavailableError(`The database stayed locked past the deadline (${what}).`, 1, { cause: err });
        }
        stats.busyRetries += 1;
        await sleep(wait);
      }
    }
  }

  const timeoutMs = () => scopedPolicy.getStore()?.timeoutMs ?? policy.timeoutMs;
  const read = <T>(op: (client: Client) => Promise<T>, what: string) => {
    const client = reader();
    return retrying(() => op(client), Date.now() + timeoutMs(), what);
  };

  /**
   * Holds the process's write slot for `op` (and its retries). If a call times out on a server, the
   * slot stays held until that call settles, so a stuck server does not collect more writers.
   */
  async function write<T>(op: () => Promise<T>, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs();
    const release = await slot.acquire(deadline);
    let last: Promise<unknown> = Promise.resolve();
    try {
      const result = await retrying(op, deadline, what, (settled) => (last = settled));
      committed();
      return result;
    } finally {
      void last.then(release);
    }
  }

  function guardTransaction(tx: Transaction, deadline: number, done: () => void): Transaction {
    let finished = false;
    const finish = (didCommit = false) => {
      if (finished) return;
      finished = true;
      if (didCommit) committed();
      clearTimeout(timer);
      openTransactions -= 1;
      done();
      healIfPoisoned();
    };
    // A transaction left open past the deadline is rolled back, so it cannot hold the lock for good.
    const timer = setTimeout(() => {
      stats.timeouts += 1;
      tx.close();
      finish();
    }, Math.max(0, deadline - Date.now()));
    const step = <T>(op: () => Promise<T>, what: string) => bounded(op(), deadline, what).result;
    return {
      execute: (stmt: InStatement) => step(() => tx.execute(stmt), 'transaction statement'),
      batch: (stmts: InStatement[]) => step(() => tx.batch(stmts), 'transaction batch'),
      executeMultiple: (sql: string) => step(() => tx.executeMultiple(sql), 'transaction script'),
      async commit() {
        let ok = false;
        try {
          await step(() => tx.commit(), 'commit');
          ok = true;
        } finally {
          finish(ok);
        }
      },
      async rollback() {
        try {
          await tx.rollback();
        } finally {
          finish();
        }
      },
      close() {
        tx.close();
        finish();
      },
      get closed() {
        return finished || tx.closed;
      },
    };
  }

  const client = {
    stats,
    localWrites,
    hasReplica: replica !== undefined,
    onWrite(listener: () => void) {
      writeListeners.add(listener);
      return () => void writeListeners.delete(listener);
    },
    get closed() {
      return raw.closed;
    },
    get protocol() {
      return raw.protocol;
    },
    execute(stmtOrSql: InStatement | string, args?: InArgs): Promise<ResultSet> {
      const stmt: InStatement = typeof stmtOrSql === 'string' ? { sql: stmtOrSql, args: args ?? [] } : stmtOrSql;
      return isReadStatement(stmt) ? read((c) => c.execute(stmt), 'read') : write(() => raw.execute(stmt), 'write');
    },
    batch(stmts: Array<InStatement | [string, InArgs?]>, mode?: TransactionMode): Promise<ResultSet[]> {
      if (mode !== 'write' && stmts.every(isReadStatement)) return read((c) => c.batch(stmts, 'deferred'), 'read batch');
      // Every batch that writes takes the write lock up front: no read-then-upgrade, so no SQLITE_BUSY_SNAPSHOT.
      return write(() => raw.batch(stmts, 'write'), 'write batch');
    },
    migrate(stmts: InStatement[]): Promise<ResultSet[]> {
      return write(() => raw.migrate(stmts), 'migration');
    },
    executeMultiple(sql: string): Promise<void> {
      return write(() => raw.executeMultiple(sql), 'script');
    },
    async transaction(mode: TransactionMode = 'write'): Promise<Transaction> {
      const deadline = Date.now() + timeoutMs();
      if (mode === 'read') {
        const tx = await read((c) => c.transaction('read'), 'read transaction');
        openTransactions += 1;
        return guardTransaction(tx, deadline, () => undefined);
      }
      const release = await slot.acquire(deadline);
      try {
        const tx = await retrying(() => raw.transaction('write'), deadline, 'begin');
        openTransactions += 1;
        return guardTransaction(tx, deadline, release);
      } catch (err) {
        release();
        throw err;
      }
    },
    sync(): Promise<Replicated> {
      return raw.sync();
    },
    close() {
      raw.close();
      replica?.close();
    },
    reconnect() {
      raw.reconnect();
      replica?.reconnect();
    },
  };
  return client as GuardedClient;
}

export type GuardedClient = Client & {
  stats: DbStats;
  /** This process's commits, for caches and read routing (freshness.ts). */
  localWrites: LocalWrites;
  /** Whether reads may go to a replica (DATABASE_REPLICA_URL). */
  hasReplica: boolean;
  /** Called after every write this client commits (the outbox worker wakes on it). Returns an unsubscribe. */
  onWrite(listener: () => void): () => void;
};
