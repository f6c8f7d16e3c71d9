/**
 * Real processes for concurrency, crash and outage tests: API servers and CLI runs started the way an
 * operator starts them — the API from its bundle (`node dist/server/index.mjs`, built here from the
 * current sources, once per test process), the CLI (`server/cli.ts`) under tsx — each with its own
 * environment.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { distDir } from '../../server/paths.js';
import { buildServer } from '../../scripts/server-build.js';
import { freePort } from './db.js';

let bundle: Promise<string> | undefined;

/** This test process's own bundle of the API (so a stale dist/ can never be what a test runs), removed when it exits. */
function serverBundle(): Promise<string> {
  if (!bundle) {
    const outfile = join(distDir, 'server', `test-${process.pid}`, 'index.mjs');
    process.once('exit', () => rmSync(dirname(outfile), { recursive: true, force: true }));
    bundle = buildServer(outfile);
  }
  return bundle;
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr, and its JSON log lines at warn and above. */
  output(): string;
  /** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: no clean-up of any kind. */
  kill(): Promise<void>;
}

const baseEnv = () => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'warn' });

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => child.once('exit', () => ok()));
}

/** Starts the API (server/index.ts, bundled) on a free port and resolves once it says it is listening. */
export async function startApiProcess(env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<ApiProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--enable-source-maps', await serverBundle()], {
    env: { ...baseEnv(), PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const lines = createInterface({ input: child.stdout! });
  const listening = new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`API process did not start within ${options.timeoutMs ?? 60_000} ms:\n${out}`)), options.timeoutMs ?? 60_000);
    lines.on('line', (line) => {
      if (!line.startsWith('{')) out += `${line}\n`;
      else if (/"level":"(warn|error)"/.test(line)) out += `${line}\n`;
      if (line.includes('API listening on')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`API process exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  await listening;
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    async stop(graceMs = 5000) {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The operator CLI in its own process. */
export function runCli(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<CliRun> {
  return new Promise((ok) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', ...args],
      { env: { ...baseEnv(), ...env }, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}
