/**
 * `npm run bench`: one run, every figure beside a baseline measured in the same run (absolute
 * numbers drift between runs on a shared machine; ratios much less). BENCH_SECONDS sets the
 * length of each load test (default 5). BENCH_ONLY=directory,scaleout runs only those sections
 * (names in `sections` below); the full run takes about ten minutes.
 */
import { cpus } from 'node:os';
import { measureWidgetBytes } from './bundle.js';
import { runDirectoryBench } from './directory.js';
import { runContentionBench } from './contention.js';
import { runEventsBench } from './events.js';
import { runJobsBench } from './jobs.js';
import { runStaffBench } from './staff.js';
import { runRegistrationBench } from './registrations.js';
import { runFeedBench } from './feed.js';
import { growthTable, runGrowthBench } from './growth.js';
import { describeMixedLoad, runMixedLoad, seedScaleOutTenant, startScaleOut } from '../../scripts/scale-out.js';
import { runMessagesBench } from './messages.js';
import { runMemberKindsBench } from './member-kinds.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const ROSTER_ROWS_LABEL = '20,000';
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n: number) => `${n.toFixed(3)} ms`;
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;

function printTable(rows: string[][]) {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('   ')}`.trimEnd();
  console.log(line(rows[0]!));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows.slice(1)) console.log(line(r));
}

const sections = ['http', 'widgets', 'directory', 'jobs', 'feed', 'growth', 'messages', 'staff', 'kinds', 'contention', 'registrations', 'scaleout'] as const;
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((s) => !(sections as readonly string[]).includes(s));
if (unknown?.length) throw new Error(`[homecoming] BENCH_ONLY: no section ${unknown.join(', ')} (sections: ${sections.join(', ')})`);
const want = (section: (typeof sections)[number]) => !only?.length || only.includes(section);

console.log(`Homecoming bench — Node ${process.version}, ${cpus().length} CPU(s), ${seconds} s per load test, nothing pinned\n`);

if (want('http')) {
  // At least 8 s a target, in four slices taken in turn: the ratios move a few points between runs on a shared machine.
  const load = await runEventsBench({ seconds: Math.max(8, seconds) });

  printTable([
    ['measure', 'figure', 'baseline (same run)', 'figure / baseline'],
    [
      'GET /v1/events, publishable key (req/s)',
      int(load.events.rps),
      `bare Hono JSON route: ${int(load.bare.rps)}`,
      pct(load.events.rps, load.bare.rps),
    ],
    ['  latency p50 / p99 (ms)', `${load.events.p50} / ${load.events.p99}`, `${load.bare.p50} / ${load.bare.p99}`, ''],
    ['  the same, accepting gzip (req/s)', int(load.eventsGzip.rps), `bare Hono JSON route: ${int(load.bare.rps)}`, pct(load.eventsGzip.rps, load.bare.rps)],
    ['GET /health, full middleware chain (req/s)', int(load.health.rps), `bare Hono JSON route: ${int(load.bare.rps)}`, pct(load.health.rps, load.bare.rps)],
    ['GET /v1/events on sqld ws://, publishable key (req/s)', int(load.sqldEvents.rps), `same on the file: ${int(load.events.rps)}`, pct(load.sqldEvents.rps, load.events.rps)],
    ['GET /v1/events on sqld ws://, member session (req/s)', int(load.sqldSessionEvents.rps), `same on the file: ${int(load.sessionEvents.rps)}`, pct(load.sqldSessionEvents.rps, load.sessionEvents.rps)],
  ]);
  console.log(`\n  ${load.connections} connections; the events list returns the seeded demo tenant's upcoming events. A publishable key's`);
  console.log('  answer is kept per tenant and URL for 500 ms (server/http/public-cache.ts); a member session\'s is made every time.');

  const failures = [load.events, load.eventsGzip, load.health, load.sqldEvents, load.sessionEvents, load.sqldSessionEvents, load.bare].reduce((n, f) => n + f.failures, 0);
  if (failures) console.log(`  WARNING: ${failures} non-2xx answers or connection errors — the req/s above are not meaningful.`);
}

if (want('widgets')) {
  const widgets = await measureWidgetBytes();
  console.log('\nWidget bytes a page downloads (compressed bodies as the API sends them; Lit alone for scale)\n');
  printTable([
    ['page', 'brotli', 'gzip', 'files', 'brotli / Lit alone'],
    ...widgets.pages.map((p) => [p.label, kb(p.brotli), kb(p.gzip), p.files.map((f) => f.replace(/-[\w-]{8}\.js$/, '')).join(' + '), `${(p.brotli / widgets.lit.brotli).toFixed(2)}×`]),
    ['Lit alone (LitElement + html + css)', kb(widgets.lit.brotli), kb(widgets.lit.gzip), '', '1.00×'],
  ]);
}

if (want('directory')) {
  console.log('\nDirectory search\n');
  await runDirectoryBench();
}

if (want('jobs')) {
  console.log('\nJob search (beside the directory’s, same run)\n');
  await runJobsBench();
}

if (want('feed')) {
  console.log('\nThe feed (GET /v1/posts) at 100,000 posts\n');
  await runFeedBench();
}

if (want('growth')) {
  console.log('\nHow cost grows with rows per tenant (in process, app.request; p50 / p99 wall ms, cpu p50 in brackets)\n');
  printTable(growthTable(await runGrowthBench()));
  console.log('\n  Directory rows stop at 10,000 here; 100,000 members in one tenant is the directory table above.');
}

if (want('messages')) {
  console.log('\nDirect messages, live (one API process, file database; 20 members in one conversation, each sending 10)\n');
  const dm = await runMessagesBench();
  printTable([
    ['measure', 'figure', 'baseline (same run)', 'figure / baseline'],
    ['messages delivered to open streams (/s)', int(dm.deliveredPerSecond), `sends taken, nobody connected: ${int(dm.sendsPerSecond)}/s`, `${(dm.deliveredPerSecond / dm.sendsPerSecond).toFixed(1)}×`],
    ['  sends taken while all 20 are connected (/s)', int(dm.sendsWithStreamsPerSecond), `${int(dm.sendsPerSecond)}/s`, pct(dm.sendsWithStreamsPerSecond, dm.sendsPerSecond)],
    ['open streams held (idle)', int(dm.streams), `RSS ${dm.rssBeforeMb.toFixed(0)} MB before`, `RSS ${dm.rssAfterMb.toFixed(0)} MB after`],
    ['  memory per open stream (KB RSS)', dm.kbPerStream.toFixed(1), '', ''],
  ]);
  console.log(`\n  ${int(dm.delivered)} deliveries: every message reaches all 20 members' streams, the sender's included.`);
}

if (want('staff')) {
  console.log('\nStaff roles and the audit log (in process, median of each request; same run, same database file)\n');
  const staffBench = await runStaffBench();
  printTable([
    ['measure', 'figure', 'baseline (same run)', 'figure / baseline'],
    ['GET /v1/admin/members?limit=20, staff session', ms(staffBench.staff), `same with a secret key: ${ms(staffBench.sk)}`, pct(staffBench.staff, staffBench.sk)],
    ['audit entry insert alone', ms(staffBench.audit), `PATCH /v1/admin/events/{id} (audited): ${ms(staffBench.write)}`, pct(staffBench.audit, staffBench.write)],
  ]);
  console.log(`\n  ${staffBench.n} requests each, 200 members in the tenant.`);
}

if (want('kinds')) {
  console.log('\nAccess by member kind (in process, median; same run, same database file, 10 company kinds, 1,000 members)\n');
  const kinds = await runMemberKindsBench();
  printTable([
    ['measure', 'figure', 'baseline (same run)', 'figure / baseline'],
    ['session lookup with the kind join (resolveSession)', ms(kinds.join), `the lookup without it: ${ms(kinds.plain)}`, pct(kinds.join, kinds.plain)],
    ['GET /v1/jobs/filters, member session (feature checked)', ms(kinds.checked), `GET /v1/me/notifications (feature: null): ${ms(kinds.open)}`, pct(kinds.checked, kinds.open)],
  ]);
  console.log(`\n  ${kinds.n} lookups each; the feature check itself reads nothing more (the features come with the session).`);
}

if (want('contention')) {
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
}

if (want('registrations')) {
  const reg = await runRegistrationBench();
  console.log(`\nRegistrations under contention (${reg.people} members at once for a ${reg.seats}-seat event, two API processes, file database, ${reg.rounds} rounds)\n`);
  printTable([
    ['measure', 'figure', 'baseline (same run)', 'figure / baseline'],
    [
      'registrations/s (PUT /v1/events/{id}/registration)',
      int(reg.registrations.perSecond),
      `plain writes/s, same members at once (PATCH /v1/me): ${int(reg.plainWrites.perSecond)}`,
      pct(reg.registrations.perSecond, reg.plainWrites.perSecond),
    ],
    ['  latency p50 / p99 (ms)', `${int(reg.registrations.p50)} / ${int(reg.registrations.p99)}`, `${int(reg.plainWrites.p50)} / ${int(reg.plainWrites.p99)}`, ''],
    ['  errors: 5xx (503 at the database deadline) or no answer', String(reg.registrations.errors), String(reg.plainWrites.errors), ''],
    ['oversold seats (must be 0)', String(reg.oversold), '', ''],
    ['duplicate registrations or waitlist places (must be 0)', String(reg.duplicates), '', ''],
    ['rounds with an empty seat while someone waits (must be 0)', String(reg.emptySeatsWithWaitlist), '', ''],
  ]);
  if (Object.keys(reg.refusals).length) console.log(`\n  Answers other than 200, by status: ${JSON.stringify(reg.refusals)} (the database deadline passed; registering is idempotent, so the client may simply retry).`);
}

if (want('scaleout')) {
  console.log('\nScale-out: sqld primary + replica, two API processes, a load balancer (scripts/scale-out.ts)\n');
  const stack = await startScaleOut();
  try {
    console.log(describeMixedLoad(await runMixedLoad(stack, await seedScaleOutTenant(stack, 10), seconds * 2)));
  } finally {
    await stack.stop();
  }
}
