/**
 * Delivers what the outbox holds. Every API process runs one worker; they share the table, and a
 * row is claimed by one worker at a time (one UPDATE … RETURNING), so each message goes out once.
 * A worker that dies mid-delivery leaves its claim to run out, and another worker picks the row up:
 * nothing is lost to kill -9, at the price of a rare second copy (same Message-ID, so mail clients
 * can fold it). Failures wait with exponential backoff; after `maxAttempts`, or an SMTP 5xx, the row
 * is marked failed for the operator (`npm run homecoming -- deliveries`).
 *
 * The worker is woken after every write its process commits; it then looks (one indexed read) for
 * due rows, so a sign-in code leaves at once. It also looks every `pollMs`, for rows other processes
 * recorded and for retries.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { MailMessage, Mailer } from '../core/mail/transport.js';
import { outbox } from '../core/outbox/schema.js';
import type { OutboxItem, OutboxTopics } from '../core/outbox/topics.js';
import type { Db } from '../db/client.js';
import { requestScope } from '../db/freshness.js';

export interface OutboxWorkerOptions {
  /** How often an idle worker looks for due rows (rows recorded by other processes, retries). */
  pollMs?: number;
  /** Rows claimed at once. */
  batchSize?: number;
  /** How long a claim lasts before another worker may take the row over. */
  claimMs?: number;
  maxAttempts?: number;
  /** Sent rows are kept this long for the operator, then deleted (they hold addresses). */
  keepSentMs?: number;
}

export interface OutboxWorker {
  readonly id: string;
  start(): void;
  /** Look now instead of at the next poll. */
  wake(): void;
  /** Handles everything due now, then resolves with how many rows it handled. For tests and the CLI. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
const defaults: Required<OutboxWorkerOptions> = { pollMs: 1000, batchSize: 20, claimMs: 60_000, maxAttempts: 8, keepSentMs: 7 * DAY };

/** 10 s, 20 s, 40 s … capped at 30 min, with ±20 % jitter so retries from many rows spread out. */
export function retryDelayMs(attempts: number): number {
  const base = Math.min(30 * 60_000, 10_000 * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** An SMTP answer in the 5xx range: the server refused this message for good (no such mailbox…). */
const isPermanent = (err: unknown) => {
  const code = (err as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
};

type Claimed = OutboxItem & { kind: 'mail' | 'job' };

export function createOutboxWorker(
  deps: { db: Db; mailer: Mailer; clock: Clock; log: Logger },
  topics: OutboxTopics,
  options: OutboxWorkerOptions = {},
): OutboxWorker {
  const opts = { ...defaults, ...options };
  const { db, mailer, clock, log } = deps;
  const id = `wrk_${randomUUID().slice(0, 8)}`;
  let running = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let loop: Promise<void> | undefined;
  let lastSweep = 0;

  /** A read first: most wake-ups find nothing, and a read costs no write lock. */
  async function anythingDue(now: number): Promise<boolean> {
    const rows = await db.all(sql`
      select 1 from outbox where status = 'pending' and available_at <= ${now} and (locked_until is null or locked_until <= ${now}) limit 1`);
    return rows.length > 0;
  }

  async function claim(now: number): Promise<Claimed[]> {
    const rows = await db.all<Record<string, unknown>>(sql`
      update outbox set locked_by = ${id}, locked_until = ${now + opts.claimMs}, attempts = attempts + 1
      where id in (
        select id from outbox
        where status = 'pending' and available_at <= ${now} and (locked_until is null or locked_until <= ${now})
        order by available_at, created_at limit ${opts.batchSize})
      returning id, tenant_id, kind, topic, payload, member_id, attempts`);
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: String(r.tenant_id),
      kind: r.kind as Claimed['kind'],
      topic: String(r.topic),
      payload: JSON.parse(String(r.payload)) as Record<string, unknown>,
      memberId: r.member_id === null ? null : String(r.member_id),
      attempts: Number(r.attempts),
    }));
  }

  async function perform(item: Claimed): Promise<void> {
    const topic = topics[item.topic];
    if (item.kind === 'mail') {
      const { message } = item.payload as { message: MailMessage };
      await mailer.send({ ...message, messageId: `<${item.id}@homecoming>` });
      await topic?.delivered?.(db, item);
    } else {
      if (!topic?.run) throw new Error(`no handler for outbox topic ${item.topic}`);
      await topic.run(db, item, { now: clock.now() });
    }
  }

  async function handle(item: Claimed): Promise<void> {
    const mine = and(eq(outbox.id, item.id), eq(outbox.lockedBy, id));
    try {
      await perform(item);
      await db
        .update(outbox)
        .set({ status: 'sent', sentAt: clock.now().toISOString(), lockedBy: null, lockedUntil: null, lastError: null, coalesceKey: null })
        .where(mine);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = isPermanent(err) || item.attempts >= opts.maxAttempts;
      log[final ? 'error' : 'warn'](final ? 'outbox delivery failed for good' : 'outbox delivery failed; will retry', {
        outboxId: item.id,
        tenantId: item.tenantId,
        topic: item.topic,
        attempts: item.attempts,
        error: message,
      });
      // OR REPLACE: a coalesced twin recorded meanwhile would clash with this row's key; they say the same.
      await db.run(sql`
        update or replace outbox set status = ${final ? 'failed' : 'pending'}, available_at = ${clock.now().getTime() + retryDelayMs(item.attempts)},
          locked_by = null, locked_until = null, last_error = ${message.slice(0, 500)}
        where id = ${item.id} and locked_by = ${id}`);
      if (final) await topics[item.topic]?.failed?.(db, item).catch(() => undefined);
    }
  }

  /** Removes sent rows past their keeping time, at most once an hour. */
  async function sweep(now: number): Promise<void> {
    if (now - lastSweep < 60 * 60_000) return;
    lastSweep = now;
    await db.delete(outbox).where(and(eq(outbox.status, 'sent'), lt(outbox.createdAt, new Date(now - opts.keepSentMs).toISOString())));
  }

  /**
   * One look at the queue (outside any request scope, so on the primary: a job follows a write and
   * must see it). Claims are bookkeeping (no cache holds outbox rows); a job's own writes count for its
   * tenant, so they refresh what this process cached for it.
   */
  function tick(): Promise<number> {
    return requestScope.run({ bookkeeping: true }, async () => {
      const now = clock.now().getTime();
      await sweep(now);
      if (!(await anythingDue(now))) return 0;
      const rows = await claim(now);
      for (const row of rows) await requestScope.run({ tenantId: row.tenantId }, () => handle(row));
      return rows.length;
    });
  }

  async function run(): Promise<void> {
    while (running) {
      let handled = 0;
      woken = false;
      try {
        handled = await tick();
      } catch (err) {
        // The database being busy or away is not the worker's to fix: try again at the next poll.
        log.warn('outbox worker could not reach the database', { error: err instanceof Error ? err.message : String(err) });
      }
      if (!running) break;
      if (handled === opts.batchSize || woken) continue;
      await new Promise<void>((ok) => {
        const timer = setTimeout(done, opts.pollMs);
        function done() {
          clearTimeout(timer);
          wakeUp = undefined;
          ok();
        }
        wakeUp = done;
      });
    }
  }

  const unsubscribe = db.$client.onWrite(() => {
    woken = true;
    wakeUp?.();
  });

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async drain() {
      let total = 0;
      for (let n = await tick(); n > 0; n = await tick()) total += n;
      return total;
    },
    async stop() {
      running = false;
      unsubscribe();
      wakeUp?.();
      await loop;
    },
  };
}
