import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { newId } from '../ids.js';
import type { MailMessage } from '../mail/transport.js';

export interface RecordMail {
  tenantId: string;
  /** What the mail is about (`sign-in-code`, `member-approved`…), shown to the operator. */
  topic: string;
  message: MailMessage;
  now: Date;
  /** The member it is for, if any: erasing that member cancels what is still pending. */
  memberId?: string | null;
  /** A second record with the same key in the tenant is dropped: one reminder per registration, say. */
  dedupeKey?: string;
  /** Not before this instant (default: at once). */
  notBefore?: Date;
  /**
   * Record it only if this holds when the statement runs, inside the same batch: e.g. that the
   * conditional update before it changed a row (`sql\`changes() = 1\``), so only the request that
   * really made a change sends the mail.
   */
  when?: SQL;
}

/**
 * A statement that records a mail in the outbox. Put it in the same `db.batch([...])` as the change
 * that causes it: both happen or neither does, and the worker delivers it after the commit.
 */
export function recordMail(db: Db, input: RecordMail) {
  const id = newId('obx');
  const payload = JSON.stringify(input.message);
  const availableAt = (input.notBefore ?? input.now).getTime();
  // INSERT … SELECT … WHERE so that `when` can decide; a dedupe-key clash is simply nothing recorded.
  return db.run(sql`
    insert into outbox (id, tenant_id, kind, topic, payload, member_id, dedupe_key, status, attempts, available_at, created_at)
    select ${id}, ${input.tenantId}, 'mail', ${input.topic}, ${payload}, ${input.memberId ?? null}, ${input.dedupeKey ?? null},
           'pending', 0, ${availableAt}, ${input.now.toISOString()}
    where ${input.when ?? sql`1`}
    on conflict do nothing`);
}
