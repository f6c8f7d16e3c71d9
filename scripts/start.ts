import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { outboxPath, startApi } from '../server/runtime.js';
import { seedDemo } from '../server/demo/seed.js';
import { startExamplesServer } from './examples-server.js';
import { ensureWidgetsBuilt } from './widgets-build.js';

/** Fails early, with the variable to change, rather than with a stack trace from listen(). */
async function assertPortFree(port: number, variable: string): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const probe = createServer();
    probe.once('error', () => fail(new ConfigError(`[homecoming] port ${port} is already in use: stop what runs there or set ${variable}.`)));
    probe.listen(port, '0.0.0.0', () => probe.close(() => ok()));
  });
}

/** Keys and outbox sit beside the database file (./data by default), never in the repository. */
export function demoKeysPath(config: Config): string {
  return join(dirname(outboxPath(config)), 'demo-keys.json');
}

async function main() {
  const config = loadConfig();
  await assertPortFree(config.PORT, 'PORT');
  await assertPortFree(config.EXAMPLES_PORT, 'EXAMPLES_PORT');

  console.log('[homecoming] building the widgets…');
  const build = await ensureWidgetsBuilt();
  if (build === 'fresh') console.log('[homecoming] widgets are up to date (dist/widgets)');
  else if (build === 'built') console.log('[homecoming] widgets built (dist/widgets)');
  else console.warn(`[homecoming] WARNING: the widget bundle could not be built (${build}); the example page will stay empty.`);

  const api = await startApi(config);
  const exampleOrigins = [`http://localhost:${config.EXAMPLES_PORT}`, `http://127.0.0.1:${config.EXAMPLES_PORT}`];
  const keysFile = demoKeysPath(config);
  const demo = await seedDemo(api.deps.db, api.deps.clock.now(), { origins: exampleOrigins, keysFile });
  const examples = await startExamplesServer({
    port: config.EXAMPLES_PORT,
    apiUrl: config.PUBLIC_API_URL!,
    publishableKey: demo.publishableKey,
  });

  // Paths inside the project read best relative to it; others (a temp dir) as they are.
  const rel = (p: string) => {
    const r = relative(process.cwd(), p);
    return r && !r.startsWith('..') ? r : p;
  };
  // The CLI finds the outbox through DATABASE_URL, so a non-default one has to be repeated.
  const cliEnv = process.env.DATABASE_URL ? `DATABASE_URL=${config.DATABASE_URL} ` : '';
  const mail = config.SMTP_URL
    ? `SMTP ${new URL(config.SMTP_URL).host}`
    : `development outbox ${rel(outboxPath(config))}\n                  read it with: ${cliEnv}npm run homecoming -- outbox`;
  console.log(
    [
      '',
      '  Homecoming is running',
      '',
      `  API             ${config.PUBLIC_API_URL}   (docs ${config.PUBLIC_API_URL}/docs)`,
      `  Example site    ${examples.url}/   (another origin, as a customer's careers site)`,
      `  Database        ${config.DATABASE_URL}`,
      '',
      `  Demo tenant     ${demo.tenant.name}  ${demo.tenantId}${demo.created ? '  (created now)' : ''}`,
      `  Publishable key ${demo.publishableKey}`,
      `  Secret key      ${demo.secretKey}`,
      `                  (kept in ${rel(keysFile)}${demo.newKeys ? ', new this run' : ''})`,
      `  Mail            ${mail}`,
      '',
      `  Try: curl -H "Authorization: Bearer ${demo.secretKey}" ${config.PUBLIC_API_URL}/v1/admin/events`,
      '  Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\n[homecoming] stopping…');
    // A browser's keep-alive connection must not hold the shutdown open.
    setTimeout(() => process.exit(0), 3000).unref();
    await Promise.all([examples.close(), api.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
