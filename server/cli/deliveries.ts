import { and, asc, count, desc, eq, inArray, or, gt, type SQL } from 'drizzle-orm';
import type { Command } from 'commander';
import { CliError, table, withDeps, type OpenDeps } from './deps.js';

/** Lazily, like the other database commands: `--help` should not pay for the schema. */
const outboxTable = async () => (await import('../core/outbox/schema.js')).outbox;

/**
 * The operator's view of the outbox: what waits, what keeps failing, what failed for good — and a way
 * to send failed deliveries again once the cause (a wrong SMTP password, a full mailbox) is fixed.
 */
export function registerDeliveriesCommand(program: Command, openDeps: OpenDeps) {
  const deliveries = program
    .command('deliveries')
    .description('mail and other side effects waiting in the outbox: counts, stuck and failed deliveries')
    .option('--tenant <id>', 'only this tenant')
    .option('--all', 'list every pending delivery, not only those that failed at least once')
    .option('--json', 'print {counts, rows} as JSON')
    .action(async (opts: { tenant?: string; all?: boolean; json?: boolean }) => {
      const outbox = await outboxTable();
      await withDeps(openDeps, async ({ db }) => {
        const scope = opts.tenant ? eq(outbox.tenantId, opts.tenant) : undefined;
        const counts = await db.select({ status: outbox.status, n: count() }).from(outbox).where(scope).groupBy(outbox.status);
        const troubled: SQL = opts.all ? or(eq(outbox.status, 'failed'), eq(outbox.status, 'pending'))! : or(eq(outbox.status, 'failed'), and(eq(outbox.status, 'pending'), gt(outbox.attempts, 0)))!;
        const rows = await db
          .select({
            id: outbox.id,
            tenantId: outbox.tenantId,
            topic: outbox.topic,
            status: outbox.status,
            attempts: outbox.attempts,
            nextAttemptAt: outbox.availableAt,
            lastError: outbox.lastError,
            createdAt: outbox.createdAt,
          })
          .from(outbox)
          .where(and(scope, troubled))
          .orderBy(desc(outbox.status), asc(outbox.createdAt))
          .limit(200);
        const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
        if (opts.json) {
          console.log(JSON.stringify({ counts: byStatus, rows: rows.map((r) => ({ ...r, nextAttemptAt: new Date(r.nextAttemptAt).toISOString() })) }));
          return;
        }
        console.log(`Outbox: ${['pending', 'sent', 'failed'].map((s) => `${byStatus[s] ?? 0} ${s}`).join(', ')}`);
        if (!rows.length) {
          console.log(opts.all ? 'Nothing is waiting.' : 'No delivery has failed.');
          return;
        }
        console.log(
          table(
            ['id', 'tenant', 'topic', 'status', 'tries', 'next try', 'last error'],
            rows.map((r) => [r.id, r.tenantId, r.topic, r.status, String(r.attempts), r.status === 'pending' ? new Date(r.nextAttemptAt).toISOString().slice(0, 19) : '-', (r.lastError ?? '').slice(0, 60)]),
          ),
        );
        if (rows.some((r) => r.status === 'failed')) console.log('\nOnce the cause is fixed, send them again with: deliveries retry --failed');
      });
    });

  deliveries
    .command('retry')
    .description('send failed deliveries again (all of them with --failed, or the ids given)')
    .option('--failed', 'every failed delivery')
    .option('--tenant <id>', 'only this tenant (with --failed)')
    .argument('[ids...]', 'outbox ids (obx_…), as deliveries lists them')
    .action(async (ids: string[], opts: { failed?: boolean; tenant?: string }) => {
      if (!opts.failed && ids.length === 0) throw new CliError('Name the deliveries to retry (obx_…), or pass --failed for all failed ones.');
      const outbox = await outboxTable();
      await withDeps(openDeps, async ({ db, clock }) => {
        const which = opts.failed ? and(eq(outbox.status, 'failed'), opts.tenant ? eq(outbox.tenantId, opts.tenant) : undefined) : inArray(outbox.id, ids);
        const retried = await db
          .update(outbox)
          .set({ status: 'pending', attempts: 0, availableAt: clock.now().getTime(), lockedBy: null, lockedUntil: null })
          .where(and(which, inArray(outbox.status, ['failed', 'pending'])))
          .returning({ id: outbox.id });
        console.log(`${retried.length} deliver${retried.length === 1 ? 'y' : 'ies'} will be tried again by the next API process to look (within a second or so).`);
      });
    });
}
