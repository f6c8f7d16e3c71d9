import { serviceContext } from '../core/context.js';
import { readFile } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { AppError } from '../core/errors.js';
import { CliError, requireTenant, table, withDeps, type OpenDeps } from './deps.js';

/** Loaded on demand, like the rest of the database code: `--help` should not pay for zod and csv-parse. */
const rosterService = () => import('../modules/roster/service.js');
// Copies of the service's constants for help texts (roster.test.ts checks they agree).
const MAX_ROSTER_ROWS = 5000;
const rosterCsvColumns = ['email', 'name', 'employeeNumber', 'department', 'joinedOn', 'leftOn', 'kind'];

/** A file can be much larger than one API call; it is imported in batches, each one atomic. */
const MAX_FILE_ROWS = 1_000_000;

/** Lists a validation failure the way a person fixes a spreadsheet: one problem a line. */
function describeInvalid(err: AppError, file: string): CliError {
  const problems = err.extra.errors ?? [];
  const shown = problems.slice(0, 20).map((e) => `  ${e.field}: ${e.message}`);
  const more = problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
  return new CliError(`${file}: nothing was imported.\n${shown.join('\n')}${more}`);
}

export function registerRosterCommands(program: Command, openDeps: OpenDeps) {
  const roster = program.command('roster').description("import and list a tenant's roster of leavers (sign-ups that match are approved at once)");

  roster
    .command('import')
    .description(`import a CSV roster (header: ${rosterCsvColumns.join(',')}; several emails in one cell separated by ";")`)
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .option('--batch-size <rows>', `rows written per transaction (1–${MAX_ROSTER_ROWS})`, '500')
    .argument('<file>', 'CSV file, UTF-8 (a BOM from Excel is fine)')
    .action(async (file: string, opts: { tenant: string; batchSize: string }) => {
      const batchSize = Number(opts.batchSize);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > MAX_ROSTER_ROWS) {
        throw new CliError(`--batch-size must be a whole number from 1 to ${MAX_ROSTER_ROWS}.`);
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        throw new CliError(`Cannot read ${file}: ${(err as Error).message}`);
      }
      const { checkRosterDuplicates, csvField, parseRosterCsv, upsertRoster } = await rosterService();
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        // The whole file is checked before the first write, so a typo on line 9000 does not leave half a roster.
        let parsed: ReturnType<typeof parseRosterCsv>;
        try {
          parsed = parseRosterCsv(text, { maxRows: MAX_FILE_ROWS });
          checkRosterDuplicates(parsed.entries, csvField(parsed.lines));
        } catch (err) {
          if (err instanceof AppError && err.code === 'validation_failed') throw describeInvalid(err, file);
          throw err;
        }
        const { entries, lines } = parsed;
        const bar = new cliProgress.SingleBar(
          { format: 'roster |{bar}| {value}/{total} rows', stream: process.stderr, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(entries.length, 0);
        const totals = { created: 0, updated: 0, approved: 0 };
        try {
          for (let i = 0; i < entries.length; i += batchSize) {
            const started = performance.now();
            const result = await upsertRoster(serviceContext(deps, tenant), entries.slice(i, i + batchSize), csvField(lines.slice(i, i + batchSize)));
            totals.created += result.created;
            totals.updated += result.updated;
            totals.approved += result.approved.length;
            bar.increment(result.created + result.updated);
            // Give way to live traffic: pause as long as the batch took, so the API's writers get the
            // lock between batches instead of waiting behind the whole file.
            await new Promise((r) => setTimeout(r, Math.min(250, performance.now() - started)));
          }
        } catch (err) {
          bar.stop();
          const done = totals.created + totals.updated;
          const prefix = done ? `${done} rows were imported before this failure; importing the file again is safe (rows are matched, not duplicated).\n` : '';
          if (err instanceof AppError && err.code === 'validation_failed') throw new CliError(prefix + describeInvalid(err, file).message);
          if (err instanceof AppError) throw new CliError(prefix + err.message);
          throw err;
        }
        bar.stop();
        console.log(
          `Imported ${entries.length} roster rows into ${tenant.name}: ${totals.created} new, ${totals.updated} updated; ${totals.approved} pending member(s) approved.`,
        );
        // The approvals' mail is in the outbox; deliver it now rather than wait for an API process to.
        if (totals.approved) await deps.deliverOutbox();
      });
    });

  roster
    .command('list')
    .description("list a tenant's roster, oldest first")
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const { listRoster } = await rosterService();
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        const rows = [];
        let cursor: string | undefined;
        do {
          const page = await listRoster(serviceContext(deps, tenant), { limit: 100, cursor });
          rows.push(...page.data);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (opts.json) {
          console.log(JSON.stringify(rows.map(({ tenantId: _t, ...r }) => r)));
          return;
        }
        if (!rows.length) {
          console.log(`${tenant.name} has no roster yet. Import one with: roster import --tenant ${tenant.id} leavers.csv`);
          return;
        }
        console.log(
          table(
            ['id', 'employee no.', 'name', 'department', 'joined', 'left', 'kind', 'emails'],
            rows.map((r) => [r.id, r.employeeNumber ?? '', r.name, r.department, r.joinedOn ?? '', r.leftOn ?? '', r.kind, r.emails.join('; ')]),
          ),
        );
        console.log(`${rows.length} entr${rows.length === 1 ? 'y' : 'ies'}.`);
      });
    });
}
