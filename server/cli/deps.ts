import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { Deps } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { getTenant, type Tenant } from '../modules/tenants/service.js';

/** The real dependencies, opened for one command and closed after it. */
export type CliDeps = Deps & {
  /** Delivers what the command recorded in the outbox (mail, index updates) before the process exits. */
  deliverOutbox(): Promise<number>;
  close(): Promise<void>;
};

/** Opens (and migrates) the database named by DATABASE_URL, plus the mailer, clock and logger. */
export async function openDeps(): Promise<CliDeps> {
  const config = loadConfig();
  // Loaded on demand: runtime.ts pulls in the whole HTTP app, which `--help` or `outbox` need not pay for.
  const { createDeps } = await import('../runtime.js');
  // The CLI's output is for people; the API's JSON access log would only get in the way.
  const deps = await createDeps({ ...config, LOG_LEVEL: config.LOG_LEVEL === 'debug' ? 'debug' : 'silent' });
  return {
    ...deps,
    async deliverOutbox() {
      const [{ createOutboxWorker }, { outboxTopics }] = await Promise.all([import('../workers/outbox.js'), import('../modules/index.js')]);
      return createOutboxWorker(deps, outboxTopics).drain();
    },
    async close() {
      await deps.mailer.close?.();
      deps.db.$client.close();
    },
  };
}

export type OpenDeps = typeof openDeps;

/** An operator mistake: printed as one line, exit code 1. */
export class CliError extends Error {}

/** Runs `fn` with freshly opened dependencies and always closes them, so the process can exit. */
export async function withDeps<T>(open: OpenDeps, fn: (deps: CliDeps) => Promise<T>): Promise<T> {
  const deps = await open();
  try {
    return await fn(deps);
  } finally {
    await deps.close();
  }
}

export async function requireTenant(deps: Deps, id: string): Promise<Tenant> {
  const tenant = await getTenant(deps.db, id);
  if (!tenant) throw new CliError(`No tenant ${id}. See the tenants with: npm run homecoming -- tenants list`);
  return tenant;
}

/** Turns any failure into its message: AppError and CliError are the operator's to fix, others are bugs. */
export function describeFailure(err: unknown): string {
  if (err instanceof CliError || err instanceof AppError) return err.message;
  if (err instanceof Error && err.name === 'ConfigError') return err.message;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}

/** Repeatable option collector: `--origin a --origin b`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** A fixed-width text table for terminal output. */
export function table(headers: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - width(c))))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export type { Command };
