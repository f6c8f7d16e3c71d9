import { serviceContext } from '../core/context.js';
import { Option, type Command } from 'commander';
import { membershipPolicies } from '../db/schema.js';
import { createApiKey, createTenant, listTenants, normalizeOrigin } from '../modules/tenants/service.js';
import { CliError, collect, table, withDeps, type OpenDeps } from './deps.js';

/** Validates and normalises origins given on the command line; a bad one stops the command. */
export function parseOrigins(values: string[]): string[] {
  const out: string[] = [];
  for (const value of values) {
    const origin = normalizeOrigin(value);
    if (!origin) throw new CliError(`"${value}" is not an origin: use scheme://host[:port], e.g. https://careers.example.jp (no path).`);
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

export function registerTenantCommands(program: Command, openDeps: OpenDeps) {
  const tenants = program.command('tenants').description('create and list tenants (companies)');

  tenants
    .command('create')
    .description("create a tenant and print its first publishable and secret keys (shown once)")
    .requiredOption('--name <name>', "the company's name, e.g. 株式会社ミライ製作所")
    .option('--origin <url>', 'an origin whose pages may use the publishable key (repeatable)', collect, [])
    .addOption(new Option('--locale <locale>', 'default language of the widgets').choices(['ja', 'en']).default('ja'))
    .addOption(
      new Option('--policy <policy>', 'who may join: roster, roster_then_approval or open')
        .choices(membershipPolicies)
        .default('roster_then_approval'),
    )
    .option('--json', 'print {tenantId, publishableKey, secretKey} as JSON')
    .action(async (opts: { name: string; origin: string[]; locale: 'ja' | 'en'; policy: (typeof membershipPolicies)[number]; json?: boolean }) => {
      const name = opts.name.trim();
      if (!name) throw new CliError('--name must not be empty.');
      const allowedOrigins = parseOrigins(opts.origin);
      await withDeps(openDeps, async (deps) => {
        const tenant = await createTenant(deps.db, deps.clock.now(), { name, allowedOrigins, defaultLocale: opts.locale, membershipPolicy: opts.policy });
        const ctx = serviceContext(deps, tenant);
        const pk = await createApiKey(ctx, { kind: 'publishable' });
        const sk = await createApiKey(ctx, { kind: 'secret' });
        if (opts.json) {
          console.log(JSON.stringify({ tenantId: tenant.id, publishableKey: pk.key, secretKey: sk.key }));
          return;
        }
        console.log(`Created tenant ${tenant.id} (${tenant.name})`);
        console.log(`  locale ${tenant.defaultLocale}, membership policy ${tenant.membershipPolicy}`);
        console.log(`  allowed origins: ${allowedOrigins.length ? allowedOrigins.join(', ') : '(none yet — add with: origins add)'}`);
        console.log('');
        console.log(`  publishable key  ${pk.key}   for the careers pages`);
        console.log(`  secret key       ${sk.key}   for your servers only`);
        console.log('');
        console.log('These keys are shown once: Homecoming keeps only their hashes.');
      });
    });

  tenants
    .command('list')
    .description('list every tenant')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }) => {
      await withDeps(openDeps, async ({ db }) => {
        const rows = await listTenants(db);
        if (opts.json) {
          console.log(
            JSON.stringify(
              rows.map((t) => ({
                id: t.id,
                name: t.name,
                allowedOrigins: t.allowedOrigins,
                defaultLocale: t.defaultLocale,
                membershipPolicy: t.membershipPolicy,
                createdAt: t.createdAt,
              })),
            ),
          );
          return;
        }
        if (!rows.length) {
          console.log('No tenants yet. Create one with: npm run homecoming -- tenants create --name "…" --origin https://…');
          return;
        }
        console.log(
          table(
            ['id', 'name', 'locale', 'policy', 'allowed origins', 'created'],
            rows.map((t) => [t.id, t.name, t.defaultLocale, t.membershipPolicy, t.allowedOrigins.join(' ') || '-', t.createdAt.slice(0, 10)]),
          ),
        );
      });
    });
}
