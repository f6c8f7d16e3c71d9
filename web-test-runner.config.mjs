// Widget tests in real Chromium against a real Homecoming API. The API runs in a child process
// (test/helpers/widget-api.ts, TypeScript through tsx) that this config's plugin starts on first use;
// test files reach it through the `homecoming-api` server command.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

const chromePath = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(
  (p) => p && existsSync(p),
);
if (!chromePath) {
  throw new Error('[homecoming] No Chromium found: install it (Debian: apt-get install chromium) or set CHROME_PATH.');
}

/** Starts the API child on first use and relays `homecoming-api` commands to it. */
function homecomingApi() {
  let child;
  let ready;
  let seq = 0;
  const waiting = new Map();

  function start() {
    child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/widget-api.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
    ready = new Promise((ok, fail) => {
      child.once('error', fail);
      child.once('exit', (code) => {
        const error = new Error(`[homecoming] the widget test API exited (${code})`);
        fail(error);
        for (const { reject } of waiting.values()) reject(error);
        waiting.clear();
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (!line.startsWith('@@homecoming ')) return;
        const message = JSON.parse(line.slice('@@homecoming '.length));
        if (message.ready) return ok();
        const entry = waiting.get(message.id);
        if (!entry) return;
        waiting.delete(message.id);
        if (message.error) entry.reject(new Error(message.error));
        else entry.resolve(message.result);
      });
    });
    return ready;
  }

  return {
    name: 'homecoming-api',
    async executeCommand({ command, payload }) {
      if (command !== 'homecoming-api') return undefined;
      if (!child) start();
      await ready;
      const id = ++seq;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        child.stdin.write(`${JSON.stringify({ ...payload, id })}\n`);
      });
    },
    async serverStop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((ok) => child.once('exit', ok));
      child.stdin.end();
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

// No inline script or style, no eval: what a careful careers site sets. The API runs on 127.0.0.1
// at a free port; ws: is the test runner's own channel.
const strictCsp =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ws: http://127.0.0.1:*; object-src 'none'; base-uri 'none'";

export default {
  files: ['test/widgets/**/*.test.ts', '!test/widgets/csp/**'],
  groups: [
    {
      name: 'csp',
      files: 'test/widgets/csp/*.test.ts',
      testRunnerHtml: (testFramework) =>
        `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${strictCsp}"></head><body><script type="module" src="${testFramework}"></script></body></html>`,
    },
  ],
  nodeResolve: true,
  // One page at a time: a page in a background tab gets no animation frames and no focus.
  concurrency: 1,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), homecomingApi()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: chromePath,
        headless: true,
        args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        // A fixed viewer time zone, so tests can check what a person in Tokyo sees.
        env: { ...process.env, TZ: 'Asia/Tokyo' },
      },
    }),
  ],
  // A ceiling, not a measure: a loaded 2-core machine once took more than 15 s to set up a suite's tenant.
  testFramework: { config: { timeout: 30000 } },
};
