import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';
import { freePort } from '../helpers/db.js';

/** Runs the real API entry point with `env` and returns how it ended; a server that starts is killed and reported. */
function runServer(env: Record<string, string>): Promise<{ code: number | null; stderr: string; started: boolean }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'file::memory:', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let started = false;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      if (String(d).includes('listening')) {
        started = true;
        child.kill('SIGKILL');
      }
    });
    // A bad value must stop start-up; if the server comes up instead, don't hang the suite.
    // Generous: on a loaded 2-core machine a tsx start-up alone can take many seconds.
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stderr, started });
    });
  });
}

// Each case is its own process; running them side by side keeps the file quick.
describe('configuration from the environment', { concurrency: 2 }, () => {
  const cases: [string, Record<string, string>][] = [
    ['PORT', { PORT: 'abc' }],
    ['PORT', { PORT: '70000' }],
    ['EXAMPLES_PORT', { EXAMPLES_PORT: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'ftp://x' }],
    ['SMTP_URL', { SMTP_URL: 'mail.example.jp:25' }],
    ['PUBLIC_API_URL', { PUBLIC_API_URL: 'not a url' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['MAX_BODY_BYTES', { MAX_BODY_BYTES: '0' }],
    ['SECRETS_KEY', { SECRETS_KEY: 'too-short' }],
    ['TRUST_PROXY_HOPS', { TRUST_PROXY_HOPS: '-1' }],
    ['DATABASE_REPLICA_URL', { DATABASE_REPLICA_URL: 'file:./replica.db' }],
    // A replica follows a libsql server; the embedded file (the default DATABASE_URL here) has none.
    ['DATABASE_REPLICA_URL', { DATABASE_REPLICA_URL: 'ws://127.0.0.1:1' }],
  ];
  for (const [variable, env] of cases) {
    it(`${variable}=${Object.values(env)[0]} stops start-up with a message naming ${variable}`, async () => {
      const { code, stderr, started } = await runServer(env);
      assert.equal(started, false, 'the server started despite the bad value');
      assert.equal(code, 1, `exit code ${code}; stderr: ${stderr}`);
      assert.match(stderr, new RegExp(`\\b${variable}\\b`));
      assert.match(stderr, /invalid configuration/);
      // A message for a person, not a stack trace.
      assert.doesNotMatch(stderr, /\n\s+at /);
    });
  }

  it('names every wrong variable at once', async () => {
    const { code, stderr } = await runServer({ PORT: 'abc', DATABASE_URL: 'ftp://x' });
    assert.equal(code, 1);
    assert.match(stderr, /PORT/);
    assert.match(stderr, /DATABASE_URL/);
  });

  it('starts with valid values (the failures above are about the values, not the harness)', async () => {
    const { started } = await runServer({ PORT: String(await freePort()) });
    assert.equal(started, true);
  });
});
