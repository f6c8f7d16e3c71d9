import { serviceContext } from '../core/context.js';
import { Option, type Command } from 'commander';
import { apiKeyKinds, type ApiKeyKind } from '../db/schema.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../modules/tenants/service.js';
import { requireTenant, table, withDeps, type OpenDeps } from './deps.js';

export function registerKeyCommands(program: Command, openDeps: OpenDeps) {
  const keys = program.command('keys').description("create, list and revoke a tenant's API keys");

  keys
    .command('create')
    .description('create a key and print it (shown once)')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .addOption(new Option('--kind <kind>', 'publishable (pk_, for web pages) or secret (sk_, for servers)').choices(apiKeyKinds).makeOptionMandatory())
    .option('--label <label>', 'a name to tell keys apart, e.g. "careers site"')
    .option('--json', 'print {id, kind, key} as JSON')
    .action(async (opts: { tenant: string; kind: ApiKeyKind; label?: string; json?: boolean }) => {
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        const label = opts.label?.trim() || undefined;
        const { key, view } = await createApiKey(serviceContext(deps, tenant), { kind: opts.kind, label });
        if (opts.json) {
          console.log(JSON.stringify({ id: view.id, kind: view.kind, label: view.label, key }));
          return;
        }
        console.log(`Created ${view.kind} key ${view.id} (${view.label}) for ${tenant.name}:`);
        console.log(`  ${key}`);
        console.log('It is shown once: Homecoming keeps only its hash.');
      });
    });

  keys
    .command('list')
    .description("list a tenant's keys (previews only; keys are never shown again)")
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        const rows = await listApiKeys(serviceContext(deps, tenant));
        if (opts.json) {
          console.log(JSON.stringify(rows));
          return;
        }
        if (!rows.length) {
          console.log(`${tenant.name} has no keys. Create one with: keys create --tenant ${tenant.id} --kind publishable`);
          return;
        }
        console.log(
          table(
            ['id', 'kind', 'label', 'preview', 'created', 'last used', 'revoked'],
            rows.map((k) => [k.id, k.kind, k.label, k.preview, k.createdAt.slice(0, 16), k.lastUsedAt?.slice(0, 16) ?? '-', k.revokedAt?.slice(0, 16) ?? '-']),
          ),
        );
      });
    });

  keys
    .command('revoke')
    .description('revoke a key: requests carrying it are refused from now on')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .argument('<keyId>', 'key id (key_…), as shown by keys list')
    .action(async (keyId: string, opts: { tenant: string }) => {
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        const view = await revokeApiKey(serviceContext(deps, tenant), keyId);
        console.log(`Revoked ${view.kind} key ${view.id} (${view.preview}) of ${tenant.name} at ${view.revokedAt}.`);
      });
    });
}
