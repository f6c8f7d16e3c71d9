/**
 * What the database layer knows about freshness: which request it is serving, and what this process
 * wrote lately. Two uses:
 *  - Caches (core/cache.ts) hold values for a tenant for well under a second. A value loaded before
 *    this process committed a write for that tenant (or a write it cannot place, such as the CLI's or
 *    a test's) is stale at once: every commit takes a sequence number, and a cache entry remembers the
 *    number current when its load began.
 *  - A process with a read replica (DATABASE_REPLICA_URL) sends to it only the reads of public GET
 *    requests (a publishable key: anonymous careers-page visitors, who have no writes of their own to
 *    see) — the bulk of the traffic. Everything else reads the primary: members and staff see their own
 *    writes at once whichever process answers them, and no request that writes decides on a stale read.
 *    After this process wrote a tenant, even its public reads go to the primary for
 *    `primaryAfterWriteMs`, so the writing process shows the change at once.
 *
 * The request is identified by the auth middleware (requestScope.run).
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  /** The tenant the request acts for, set once the credential is resolved. */
  tenantId?: string;
  /** Its reads may go to the replica (a public GET with a publishable key). */
  replica?: boolean;
  /** Every read in this scope goes to the primary (readFromPrimary), whatever `replica` says. */
  primary?: boolean;
  /** Its writes change nothing a cache holds (the outbox worker's claims): they invalidate nothing. */
  bookkeeping?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being served, if any (none in the CLI, start-up). */
export const requestScope = {
  run<T>(scope: RequestScope, fn: () => T): T {
    return storage.run(scope, fn);
  },
  current(): RequestScope | undefined {
    return storage.getStore();
  },
};

/** Runs `fn` with every read it makes sent to the primary (a no-op without a replica). */
export function readFromPrimary<T>(fn: () => PromiseLike<T>): Promise<T> {
  return storage.run({ ...storage.getStore(), primary: true }, async () => await fn());
}

/**
 * Runs `fn` as bookkeeping: its writes (a key's last use, a session's sliding expiry) change nothing a
 * cache holds, so they invalidate nothing and keep public reads on the replica.
 */
export function asBookkeeping<T>(fn: () => T): T {
  return storage.run({ ...storage.getStore(), bookkeeping: true }, fn);
}

/** Longest the replica is expected to trail the primary, with a wide margin: 2–30 ms measured here. */
export const PRIMARY_AFTER_WRITE_MS = 2000;

/** This process's commits, as caches and read routing need them. One per database client. */
export class LocalWrites {
  private seq = 0;
  /** Sequence number of the last commit that named no tenant: it may have changed any. */
  private unplaced = 0;
  private lastByTenant = new Map<string, number>();
  /** When each tenant was last written by this process, for read routing. */
  private wroteAt = new Map<string, number>();

  constructor(private readonly primaryAfterWriteMs = PRIMARY_AFTER_WRITE_MS) {}

  /** The current sequence number: a cache load that begins now is stale once a later commit touches its tenant. */
  get sequence(): number {
    return this.seq;
  }

  /** Called by the guard after every commit, in the async context of whoever wrote. */
  committed(scope: RequestScope | undefined = storage.getStore()): void {
    this.seq += 1;
    if (scope?.bookkeeping) return;
    if (!scope?.tenantId) {
      this.unplaced = this.seq;
      return;
    }
    this.lastByTenant.set(scope.tenantId, this.seq);
    const now = Date.now();
    this.wroteAt.set(scope.tenantId, now);
    if (this.wroteAt.size > 10_000) this.prune(now);
  }

  /** Whether this process committed anything for `tenantId` (or anything unplaced) after sequence `seq`. */
  changedSince(tenantId: string | undefined, seq: number): boolean {
    if (this.unplaced > seq) return true;
    return tenantId !== undefined && (this.lastByTenant.get(tenantId) ?? 0) > seq;
  }

  /** Whether `tenantId` was written by this process within the replica's margin. */
  tenantWroteLately(tenantId: string): boolean {
    const at = this.wroteAt.get(tenantId);
    return at !== undefined && Date.now() - at < this.primaryAfterWriteMs;
  }

  /** Whether a read in `scope` may go to the replica (see the top of this file). */
  wantsReplica(scope: RequestScope | undefined = storage.getStore()): boolean {
    if (!scope?.replica || scope.primary) return false;
    return scope.tenantId === undefined || !this.tenantWroteLately(scope.tenantId);
  }

  private prune(now: number): void {
    for (const [key, at] of this.wroteAt) if (now - at >= this.primaryAfterWriteMs) this.wroteAt.delete(key);
  }
}
