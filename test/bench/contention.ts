/**
 * Writes per second under contention, on the embedded file and on sqld over ws://: 20 members
 * editing their profiles through two API processes, first alone (the baseline of this run), then
 * while the CLI imports a 20,000-row roster into the same database. Errors must be 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDb, openDb } from '../../server/db/client.js';
import { startSqld } from '../helpers/db.js';
import { runCli, startApiProcess } from '../helpers/processes.js';
import { runWriteLoad, seedLoadTenant, summarize, writeRosterCsv } from '../helpers/write-load.js';

const WRITERS = 20;
const ROSTER_ROWS = 20_000;

export interface ContentionFigure {
  engine: 'file' | 'sqld';
  alone: ReturnType<typeof summarize>;
  contended: ReturnType<typeof summarize>;
  importSeconds: number;
  importOk: boolean;
}

async function benchEngine(engine: 'file' | 'sqld', seconds: number): Promise<ContentionFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-contention-'));
  const sqld = engine === 'sqld' ? await startSqld() : undefined;
  const url = sqld?.url ?? `file:${join(dir, 'bench.db')}`;
  const db = openDb(url);
  try {
    await migrateDb(db);
    const tenant = await seedLoadTenant(db, WRITERS);
    writeRosterCsv(join(dir, 'roster.csv'), ROSTER_ROWS);
    const env = { DATABASE_URL: url, SMTP_URL: '', LOG_LEVEL: 'error' };
    const apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    try {
      const urls = apis.map((a) => a.url);
      await runWriteLoad(urls, tenant.members, 1); // warm-up
      const alone = summarize(await runWriteLoad(urls, tenant.members, seconds));
      const t0 = performance.now();
      const importing = runCli(['roster', 'import', '--tenant', tenant.tenantId, join(dir, 'roster.csv')], { DATABASE_URL: url }).then((r) => ({
        ok: r.code === 0,
        seconds: (performance.now() - t0) / 1000,
      }));
      const contended = summarize(await runWriteLoad(urls, tenant.members, seconds));
      const imported = await importing;
      return { engine, alone, contended, importSeconds: imported.seconds, importOk: imported.ok };
    } finally {
      await Promise.all(apis.map((a) => a.stop()));
    }
  } finally {
    db.$client.close();
    await sqld?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runContentionBench(seconds: number): Promise<ContentionFigure[]> {
  return [await benchEngine('file', seconds), await benchEngine('sqld', seconds)];
}
