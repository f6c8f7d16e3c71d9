import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { AppError } from './errors.js';

export interface RateLimitRule {
  /** Counter name plus what it counts per, e.g. `email-start:ten_x:taro@example.jp`. */
  key: string;
  limit: number;
  windowMs: number;
}

export interface RateLimitResult {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit against a fixed window kept in the database, so the limit holds across every
 * API process behind a load balancer. One upsert statement: no read-modify-write race.
 */
export async function hitRateLimit(db: Db, rule: RateLimitRule, now: Date): Promise<RateLimitResult> {
  const t = now.getTime();
  const windowStart = t - (t % rule.windowMs);
  const rows = await db.all<{ count: number; window_start: number }>(sql`
    insert into rate_limits (key, window_start, count) values (${rule.key}, ${windowStart}, 1)
    on conflict (key) do update set
      count = case when rate_limits.window_start = excluded.window_start then rate_limits.count + 1 else 1 end,
      window_start = excluded.window_start
    returning count, window_start`);
  const count = Number(rows[0]?.count ?? 1);
  return {
    allowed: count <= rule.limit,
    remaining: Math.max(0, rule.limit - count),
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + rule.windowMs - t) / 1000)),
  };
}

/** Like hitRateLimit, but throws a 429 problem with Retry-After and `message` when over the limit. */
export async function enforceRateLimit(db: Db, rule: RateLimitRule, now: Date, message: string): Promise<void> {
  const result = await hitRateLimit(db, rule, now);
  if (!result.allowed) {
    throw new AppError('rate_limited', `${message} Try again in ${result.retryAfterSeconds} seconds.`, {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}
