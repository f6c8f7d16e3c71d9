/**
 * `npm run bench`: one run, every figure beside a baseline measured in the same run (absolute
 * numbers drift between runs on a shared machine; ratios much less). BENCH_SECONDS sets the
 * length of each load test (default 5).
 */
import { cpus } from 'node:os';
import { measureWidgetBytes } from './bundle.js';
import { runDirectoryBench } from './directory.js';
import { runContentionBench } from './contention.js';
import { runEventsBench } from './events.js';
import { runJobsBench } from './jobs.js';
import { runStaffBench } from './staff.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const ROSTER_ROWS_LABEL = '20,000';
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('   ')}`.trimEnd();
  console.log(line(rows[0]!));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows.slice(1)) console.log(line(r));
}

console.log(`Homecoming bench — Node ${process.version}, ${cpus().length} CPU(s), ${seconds} s per load test, nothing pinned\n`);

const load = await runEventsBench({ seconds });
const widgets = await measureWidgetBytes();

printTable([
  ['measure', 'figure', 'baseline (same run)', 'figure / baseline'],
  [
    'GET /v1/events, publishable key (req/s)',
    int(load.events.rps),
    `bare Hono JSON route: ${int(load.bare.rps)}`,
    pct(load.events.rps, load.bare.rps),
  ],
  ['  latency p50 / p99 (ms)', `${load.events.p50} / ${load.events.p99}`, `${load.bare.p50} / ${load.bare.p99}`, ''],
]);
console.log(`\n  ${load.connections} connections; the events list returns the seeded demo tenant's upcoming events.`);

const failures = load.events.failures + load.bare.failures;
if (failures) console.log(`  WARNING: ${failures} non-2xx answers or connection errors — the req/s above are not meaningful.`);

console.log('\nWidget bytes a page downloads (compressed bodies as the API sends them; Lit alone for scale)\n');
printTable([
  ['page', 'brotli', 'gzip', 'files', 'brotli / Lit alone'],
  ...widgets.pages.map((p) => [p.label, kb(p.brotli), kb(p.gzip), p.files.map((f) => f.replace(/-[\w-]{8}\.js$/, '')).join(' + '), `${(p.brotli / widgets.lit.brotli).toFixed(2)}×`]),
  ['Lit alone (LitElement + html + css)', kb(widgets.lit.brotli), kb(widgets.lit.gzip), '', '1.00×'],
]);

console.log('\nDirectory search\n');
await runDirectoryBench();

console.log('\nJob search (beside the directory’s, same run)\n');
await runJobsBench();

console.log('\nStaff roles and the audit log (in process, median of each request; same run, same database file)\n');
const staffBench = await runStaffBench();
const ms = (n: number) => `${n.toFixed(3)} ms`;
printTable([
  ['measure', 'figure', 'baseline (same run)', 'figure / baseline'],
  ['GET /v1/admin/members?limit=20, staff session', ms(staffBench.staff), `same with a secret key: ${ms(staffBench.sk)}`, pct(staffBench.staff, staffBench.sk)],
  ['audit entry insert alone', ms(staffBench.audit), `PATCH /v1/admin/events/{id} (audited): ${ms(staffBench.write)}`, pct(staffBench.audit, staffBench.write)],
]);
console.log(`\n  ${staffBench.n} requests each, 200 members in the tenant.`);

console.log('\nWrites under contention (PATCH /v1/me by 20 members over two API processes; then with a 20,000-row CLI roster import)\n');
const contention = await runContentionBench(seconds);
printTable([
  ['engine', 'writes/s alone', 'writes/s during import', 'errors (must be 0)', 'p50 / p99 during import (ms)', 'import'],
  ...contention.map((f) => [
    f.engine === 'sqld' ? 'sqld (ws://)' : 'file',
    int(f.alone.perSecond),
    `${int(f.contended.perSecond)} (${pct(f.contended.perSecond, f.alone.perSecond)})`,
    String(f.alone.errors + f.contended.errors),
    `${int(f.contended.p50)} / ${int(f.contended.p99)}`,
    f.importOk ? `${ROSTER_ROWS_LABEL} rows in ${f.importSeconds.toFixed(1)} s` : 'FAILED',
  ]),
]);
