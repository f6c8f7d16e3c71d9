/**
 * Delivers what the outbox holds. Every API process runs one worker; they share the table, and a
 * row is claimed by one worker at a time (one UPDATE … RETURNING), so each message goes out once.
 * A worker that dies mid-delivery leaves its claim to run out, and another worker picks the row up:
 * nothing is lost to kill -9, at the price of a rare second copy (same Message-ID, so mail clients
 * can fold it). Failures wait with exponential backoff; after MAX_ATTEMPTS, or an SMTP 5xx, the row
 * is marked failed for the operator (`npm run homecoming -- deliveries`).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox, type OutboxRow } from '../core/outbox/schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { MailMessage, Mailer } from '../core/mail/transport.js';

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
  /** Look now instead of at the next poll (called after a commit that recorded something). */
  wake(): void;
  /** Delivers everything due, then resolves with how many rows it handled. For tests and the CLI. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
const defaults: Required<OutboxWorkerOptions> = { pollMs: 1000, batchSize: 10, claimMs: 60_000, maxAttempts: 8, keepSentMs: 7 * DAY };

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

export function createOutboxWorker(deps: { db: Db; mailer: Mailer; clock: Clock; log: Logger }, options: OutboxWorkerOptions = {}): OutboxWorker {
  const opts = { ...defaults, ...options };
  const { db, mailer, clock, log } = deps;
  const id = `wrk_${randomUUID().slice(0, 8)}`;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  let lastSweep = 0;

  async function claim(now: number): Promise<OutboxRow[]> {
    const rows = await db.all<Record<string, unknown>>(sql`
      update outbox set locked_by = ${id}, locked_until = ${now + opts.claimMs}, attempts = attempts + 1
      where id in (
        select id from outbox
        where status = 'pending' and available_at <= ${now} and (locked_until is null or locked_until <= ${now})
        order by available_at, id limit ${opts.batchSize})
      returning id, tenant_id, kind, topic, payload, attempts`);
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: String(r.tenant_id),
      kind: r.kind,
      topic: String(r.topic),
      payload: JSON.parse(String(r.payload)),
      attempts: Number(r.attempts),
    })) as OutboxRow[];
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const mine = and(eq(outbox.id, row.id), eq(outbox.lockedBy, id));
    try {
      const message = row.payload as unknown as MailMessage;
      await mailer.send({ ...message, messageId: `<${row.id}@homecoming>` });
      await db
        .update(outbox)
        .set({ status: 'sent', sentAt: clock.now().toISOString(), lockedBy: null, lockedUntil: null, lastError: null })
        .where(mine);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = isPermanent(err) || row.attempts >= opts.maxAttempts;
      log[final ? 'error' : 'warn'](final ? 'delivery failed for good' : 'delivery failed; will retry', {
        outboxId: row.id,
        tenantId: row.tenantId,
        topic: row.topic,
        attempts: row.attempts,
        error: message,
      });
      await db
        .update(outbox)
        .set({
          status: final ? 'failed' : 'pending',
          availableAt: clock.now().getTime() + retryDelayMs(row.attempts),
          lockedBy: null,
          lockedUntil: null,
          lastError: message.slice(0, 500),
        })
        .where(mine);
    }
  }

  /** Removes sent rows past their keeping time, at most once an hour. */
  async function sweep(now: number): Promise<void> {
    if (now - lastSweep < 60 * 60_000) return;
    lastSweep = now;
    await db.delete(outbox).where(and(eq(outbox.status, 'sent'), lt(outbox.createdAt, new Date(now - opts.keepSentMs).toISOString())));
  }

  async function tick(): Promise<number> {
    const now = clock.now().getTime();
    const rows = await claim(now);
    for (const row of rows) await deliver(row);
    await sweep(now);
    return rows.length;
  }

  async function run(): Promise<void> {
    while (running) {
      let handled = 0;
      try {
        handled = await tick();
      } catch (err) {
        // The database being busy or away is not the worker's to fix: try again at the next poll.
        log.warn('outbox worker could not reach the database', { error: err instanceof Error ? err.message : String(err) });
      }
      if (!running) break;
      if (handled === opts.batchSize) continue;
      await new Promise<void>((ok) => {
        wakeUp = ok;
        timer = setTimeout(ok, opts.pollMs);
      });
      clearTimeout(timer);
      wakeUp = undefined;
    }
  }

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loop = run();
    },
    wake() {
      wakeUp?.();
    },
    async drain() {
      let total = 0;
      for (let n = await tick(); n > 0; n = await tick()) total += n;
      return total;
    },
    async stop() {
      running = false;
      wakeUp?.();
      await loop;
    },
  };
}
