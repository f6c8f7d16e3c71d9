import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { newId } from '../ids.js';
import type { MailMessage } from '../mail/transport.js';

interface RecordBase {
  tenantId: string;
  /** What it is about (`sign-in-code`, `member-approved`, `directory.reindex`): the operator sees it, handlers key on it. */
  topic: string;
  now: Date;
  /** The member it is for, if any: erasing that member drops what is still pending. */
  memberId?: string | null;
  /** Not before this instant (default: at once). */
  notBefore?: Date;
  /**
   * Record it only if this holds when the statement runs, inside the same batch: e.g. that the
   * conditional update before it changed a row (`sql\`changes() = 1\``), so only the request that
   * really made a change sends the mail.
   */
  when?: SQL;
  /** Skip it while an unclaimed row with the same key waits (work that would only repeat itself). */
  coalesceKey?: string;
  /**
   * The row's id, when the caller can name it: a job that fans out mail gives each one an id derived
   * from the job and the recipient, so a job run again (after a crash) adds nothing a first run added.
   */
  id?: string;
}

function record(db: Db, kind: 'mail' | 'job', input: RecordBase, payload: unknown) {
  const availableAt = (input.notBefore ?? input.now).getTime();
  // INSERT … SELECT … WHERE, so that `when` can decide; a coalesced duplicate is simply not added.
  return db.run(sql`
    insert or ignore into outbox (id, tenant_id, kind, topic, payload, member_id, coalesce_key, status, attempts, available_at, created_at)
    select ${input.id ?? newId('obx')}, ${input.tenantId}, ${kind}, ${input.topic}, ${JSON.stringify(payload)}, ${input.memberId ?? null},
           ${input.coalesceKey ?? null}, 'pending', 0, ${availableAt}, ${input.now.toISOString()}
    where ${input.when ?? sql`1`}`);
}

/**
 * A statement that records a mail in the outbox. Put it in the same `db.batch([...])` as the change
 * that causes it: both happen or neither does, and a worker delivers it after the commit. `ref`
 * names what the mail is about, for the topic's `delivered`/`failed` handlers (e.g. `{ codeId }`).
 */
export function recordMail(db: Db, input: RecordBase & { message: MailMessage; ref?: Record<string, string> }) {
  const { message, ref, ...base } = input;
  return record(db, 'mail', base, { message, ...(ref ? { ref } : {}) });
}

/** A statement that records work for the topic's handler (see `OutboxTopics`), in the caller's batch. */
export function recordJob(db: Db, input: RecordBase & { payload: Record<string, unknown> }) {
  const { payload, ...base } = input;
  return record(db, 'job', base, payload);
}
