/**
 * Short-lived, per-process caches for what the public read path asks again and again: a publishable
 * key's row, the answer of a public list. The promise every process keeps:
 *  - the process that writes sees its change at once: a value loaded before this process committed
 *    a write for the value's tenant (or a write it cannot place, such as the outbox worker's jobs) is
 *    never served again;
 *  - every other process sees it within `ttlMs` (≤ 1 s, 500 ms by default), plus a replica's lag
 *    (a few ms; loads for a tenant this process just wrote read the primary).
 * Concurrent misses share one load, so an expiring entry under load costs one query, not one per request.
 *
 * Measured (test/bench, one run): a hit costs about a microsecond; the lookups it saves cost
 * 0.1–0.4 ms each (drizzle + libsql prepare/step), which is most of a public read.
 */
import { LRUCache } from 'lru-cache';
import type { Db } from '../db/client.js';
import { readFromPrimary } from '../db/freshness.js';

export interface FreshCacheOptions<V> {
  /** Entries kept at most; the least recently used go first. */
  max: number;
  /** How long a value may be served after its load began, in ms: at most 1000. Default 500. */
  ttlMs?: number;
  /**
   * A value that means "not found": it is not kept (the next request asks again), and when this
   * process reads a replica it is confirmed with the primary, since what was just created elsewhere
   * (a key, a session from a sign-in) may not have reached the replica yet.
   */
  missing?: (value: V) => boolean;
  /** The tenant a loaded value belongs to, when its key does not say (a credential found by its hash). */
  tenantOf?: (value: V) => string | undefined;
}

interface Entry<V> {
  value: Promise<V>;
  /** LocalWrites.sequence when the load began. */
  seq: number;
  loadedAt: number;
  tenantId: string | undefined;
  /** Until its load settles, an entry found by a credential does not know its tenant yet. */
  settled: boolean;
}

export const MAX_TTL_MS = 1000;

export class FreshCache<V> {
  private readonly entries: LRUCache<string, Entry<V>>;
  private readonly ttlMs: number;

  constructor(
    private readonly db: Db,
    private readonly options: FreshCacheOptions<V>,
  ) {
    this.ttlMs = Math.min(options.ttlMs ?? 500, MAX_TTL_MS);
    this.entries = new LRUCache({ max: options.max });
  }

  /**
   * The value for `key`, loaded by `load` when there is none fresh. `tenantId` is the tenant the
   * value belongs to when the caller knows it (a public list); otherwise `tenantOf` tells, once loaded.
   */
  get(key: string, load: () => Promise<V>, tenantId?: string): Promise<V> {
    const writes = this.db.$client.localWrites;
    const now = performance.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.loadedAt < this.ttlMs && !this.outdated(hit)) return hit.value;

    const owner = tenantId ?? hit?.tenantId;
    // After this process wrote the tenant, the replica may not have the write yet: ask the primary.
    const fromPrimary = this.db.$client.hasReplica && owner !== undefined && writes.tenantWroteLately(owner);
    const entry: Entry<V> = { value: this.load(load, fromPrimary), seq: writes.sequence, loadedAt: now, tenantId: owner, settled: false };
    this.entries.set(key, entry);
    entry.value.then(
      (value) => {
        entry.settled = true;
        const gone = this.options.missing?.(value);
        if (!gone && this.options.tenantOf) entry.tenantId = this.options.tenantOf(value);
        if (gone && this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        // A failed load (database unavailable) is not remembered: the next request tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.value;
  }

  /** The value for `key` when one is fresh (or being loaded), without loading: undefined otherwise. */
  peek(key: string): Promise<V> | undefined {
    const hit = this.entries.get(key);
    if (hit && performance.now() - hit.loadedAt < this.ttlMs && !this.outdated(hit)) return hit.value;
    return undefined;
  }

  /**
   * Whether this process wrote what `entry` may hold since its load began. A load still running for a
   * tenant not known yet is not joined after any commit: it may have read from before that commit.
   */
  private outdated(entry: Entry<V>): boolean {
    const writes = this.db.$client.localWrites;
    if (entry.tenantId === undefined && !entry.settled && writes.sequence > entry.seq) return true;
    return writes.changedSince(entry.tenantId, entry.seq);
  }

  /** Forgets everything (tests; an operator action that changes what every entry means). */
  clear(): void {
    this.entries.clear();
  }

  private async load(load: () => Promise<V>, fromPrimary: boolean): Promise<V> {
    const value = await (fromPrimary ? readFromPrimary(load) : load());
    if (!fromPrimary && this.db.$client.hasReplica && this.options.missing?.(value)) return readFromPrimary(load);
    return value;
  }
}

const caches = new WeakMap<Db, Map<string, FreshCache<unknown>>>();

/**
 * The cache named `name` over `db`, made on first use: one per database client, so every app (and
 * every test's app) has its own. The options of the first call win.
 */
export function freshCache<V>(db: Db, name: string, options: FreshCacheOptions<V>): FreshCache<V> {
  let named = caches.get(db);
  if (!named) caches.set(db, (named = new Map()));
  let cache = named.get(name);
  if (!cache) named.set(name, (cache = new FreshCache(db, options as FreshCacheOptions<unknown>)));
  return cache as FreshCache<V>;
}
