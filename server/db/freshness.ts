/**
 * What the database layer knows about freshness: which request it is serving, and what this process
 * wrote lately. Two uses:
 *  - Caches (core/cache.ts) hold values for a tenant for well under a second. A value loaded before
 *    this process committed a write for that tenant (or a write it cannot place, such as the CLI's or
 *    the outbox worker's) is stale at once: every commit takes a sequence number, and a cache entry
 *    remembers the number current when its load began.
 *  - A process that reads through a replica (DATABASE_REPLICA_URL) sends the reads of whoever just
 *    wrote to the primary for `primaryAfterWriteMs`: the replica trails the primary by a few
 *    milliseconds, and a member must see their own write at once (read-your-writes). Everyone else
 *    reads the replica.
 *
 * The request is identified by the auth middleware (requestScope.run): `subject` is the hash of the
 * presented credential, `tenantId` the tenant it belongs to, once known.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestScope {
  /** The presented credential's hash: the same caller across requests, without keeping the credential. */
  subject?: string;
  /** The tenant the request acts for, set once the credential is resolved. */
  tenantId?: string;
  /** Every read in this scope goes to the primary (readFromPrimary). */
  primary?: boolean;
  /** Its writes change nothing a cache holds (the outbox worker's claims): they invalidate nothing. */
  bookkeeping?: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being served, if any (none in the CLI, the outbox worker, start-up). */
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

/** Runs `fn` outside any request (background work woken by a request must not inherit its tenant). */
export function outsideRequest<T>(fn: () => T): T {
  return storage.exit(fn);
}

/** Longest the replica is expected to trail the primary, with a wide margin: 2–30 ms measured here. */
export const PRIMARY_AFTER_WRITE_MS = 2000;

/** This process's commits, as caches and read routing need them. One per database client. */
export class LocalWrites {
  private seq = 0;
  /** Sequence number of the last commit that named no tenant: it may have changed any. */
  private unplaced = 0;
  private lastByTenant = new Map<string, number>();
  /** When a subject ('s:…') or a tenant ('t:…') last wrote, for read routing. */
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
    } else {
      this.lastByTenant.set(scope.tenantId, this.seq);
    }
    const now = Date.now();
    if (scope?.subject) this.wroteAt.set(`s:${scope.subject}`, now);
    if (scope?.tenantId) this.wroteAt.set(`t:${scope.tenantId}`, now);
    if (this.wroteAt.size > 10_000) this.prune(now);
  }

  /** Whether this process committed anything for `tenantId` (or anything unplaced) after sequence `seq`. */
  changedSince(tenantId: string | undefined, seq: number): boolean {
    if (this.unplaced > seq) return true;
    return tenantId !== undefined && (this.lastByTenant.get(tenantId) ?? 0) > seq;
  }

  /** Whether `tenantId` was written by this process within the replica's margin (cache loads then read the primary). */
  tenantWroteLately(tenantId: string): boolean {
    return this.recent(`t:${tenantId}`);
  }

  /** Whether a read in `scope` must go to the primary: asked for, or its caller wrote lately. */
  wantsPrimary(scope: RequestScope | undefined = storage.getStore()): boolean {
    if (!scope) return false;
    return scope.primary === true || (scope.subject !== undefined && this.recent(`s:${scope.subject}`));
  }

  private recent(key: string): boolean {
    const at = this.wroteAt.get(key);
    return at !== undefined && Date.now() - at < this.primaryAfterWriteMs;
  }

  private prune(now: number): void {
    for (const [key, at] of this.wroteAt) if (now - at >= this.primaryAfterWriteMs) this.wroteAt.delete(key);
  }
}
