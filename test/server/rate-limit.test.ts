import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../server/db/client.js';
import { AppError } from '../../server/core/errors.js';
import { enforceRateLimit, hitRateLimit } from '../../server/core/rate-limit.js';
import { testDb } from '../helpers/db.js';

describe('rate limits', () => {
  let db: Db;
  let close: () => Promise<void>;
  before(async () => ({ db, close } = await testDb()));
  after(() => close());

  it('allows `limit` hits per window, then refuses until the next window', async () => {
    const rule = { key: `t:${Math.random()}`, limit: 3, windowMs: 60_000 };
    const t0 = new Date('2026-11-21T00:00:10Z');
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(db, rule, t0));
    assert.deepEqual(results.map((r) => r.allowed), [true, true, true, false]);
    assert.equal(results[3]!.retryAfterSeconds, 50);
    const next = await hitRateLimit(db, rule, new Date('2026-11-21T00:01:00Z'));
    assert.equal(next.allowed, true);
  });

  it('keeps counters apart by key', async () => {
    const now = new Date('2026-11-21T00:00:00Z');
    await hitRateLimit(db, { key: 'a-key', limit: 1, windowMs: 1000 }, now);
    assert.equal((await hitRateLimit(db, { key: 'b-key', limit: 1, windowMs: 1000 }, now)).allowed, true);
  });

  it('enforceRateLimit throws a 429 with Retry-After', async () => {
    const rule = { key: `e:${Math.random()}`, limit: 1, windowMs: 10_000 };
    const now = new Date('2026-11-21T00:00:00Z');
    await enforceRateLimit(db, rule, now, 'Too many.');
    await assert.rejects(enforceRateLimit(db, rule, now, 'Too many.'), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'rate_limited');
      assert.equal(err.extra.retryAfterSeconds, 10);
      return true;
    });
  });
});
