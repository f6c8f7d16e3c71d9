import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startExamplesServer, type RunningExamples } from '../../scripts/examples-server.js';
import { ensureWidgetsBuilt } from '../../scripts/widgets-build.js';
import { loadConfig } from '../../server/config.js';
import { startApi, type RunningApi } from '../../server/runtime.js';
import { seedDemo, type SeedResult } from '../../server/demo/seed.js';
import { freePort } from './db.js';

export interface E2eStack {
  api: RunningApi;
  site: RunningExamples;
  browser: Browser;
  demo: SeedResult;
  apiOrigin: string;
  siteOrigin: string;
  close(): Promise<void>;
}

/**
 * What `npm start` runs, on free ports: the built bundle, the API over a fresh file database with the
 * demo seeded, the example site on another origin (allowed for the demo key), and headless Chromium.
 * `siteRoot` serves another folder of pages in place of examples/, with the same snippet filling and CSP.
 */
export async function startE2eStack(options: { smtpUrl?: string; siteRoot?: string } = {}): Promise<E2eStack> {
  const build = await ensureWidgetsBuilt({ quiet: true });
  assert.ok(build === 'fresh' || build === 'built', `the widget bundle must build (${build})`);
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-e2e-'));
  const config = loadConfig({ DATABASE_URL: `file:${join(dir, 'homecoming.db')}`, SMTP_URL: options.smtpUrl, LOG_LEVEL: 'silent' });
  const api = await startApi(config, 0, '127.0.0.1');
  const apiOrigin = `http://127.0.0.1:${api.port}`;
  // The site's origin must be allowed before the key goes into its pages, so its port comes first.
  const sitePort = await freePort();
  const siteOrigin = `http://127.0.0.1:${sitePort}`;
  const demo = await seedDemo(api.deps.db, api.deps.clock.now(), { origins: [siteOrigin] });
  const site = await startExamplesServer({ port: sitePort, hostname: '127.0.0.1', apiUrl: apiOrigin, publishableKey: demo.publishableKey, root: options.siteRoot });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    api,
    site,
    browser,
    demo,
    apiOrigin,
    siteOrigin,
    async close() {
      await browser.close();
      await site.close();
      await api.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
