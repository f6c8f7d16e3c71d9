import { serviceContext } from '../core/context.js';
import type { Command } from 'commander';
import { updateTenant } from '../modules/tenants/service.js';
import { requireTenant, withDeps, type CliDeps, type OpenDeps } from './deps.js';
import { parseOrigins } from './tenants.js';

function show(name: string, origins: string[]) {
  console.log(`Allowed origins of ${name}:`);
  console.log(origins.length ? origins.map((o) => `  ${o}`).join('\n') : '  (none: the publishable key works from no web page)');
}

/** Loads the tenant, applies `change` to its origin list and saves the result. */
async function changeOrigins(openDeps: OpenDeps, tenantId: string, change: (current: string[]) => string[]) {
  await withDeps(openDeps, async (deps: CliDeps) => {
    const tenant = await requireTenant(deps, tenantId);
    const next = change(tenant.allowedOrigins);
    const saved = await updateTenant(serviceContext(deps, tenant), { allowedOrigins: next });
    show(saved.name, saved.allowedOrigins);
  });
}

export function registerOriginCommands(program: Command, openDeps: OpenDeps) {
  const origins = program
    .command('origins')
    .description("the origins (scheme://host[:port]) whose pages may use a tenant's publishable key");

  origins
    .command('list')
    .description("show a tenant's allowed origins")
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .action(async (opts: { tenant: string }) => {
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        show(tenant.name, tenant.allowedOrigins);
      });
    });

  origins
    .command('set')
    .description('replace the allowed origins with exactly these')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .argument('<urls...>', 'origins, e.g. https://careers.example.jp')
    .action(async (urls: string[], opts: { tenant: string }) => {
      const wanted = parseOrigins(urls);
      await changeOrigins(openDeps, opts.tenant, () => wanted);
    });

  origins
    .command('add')
    .description('add origins to the list')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .argument('<urls...>', 'origins, e.g. https://careers.example.jp')
    .action(async (urls: string[], opts: { tenant: string }) => {
      const wanted = parseOrigins(urls);
      await changeOrigins(openDeps, opts.tenant, (current) => [...current, ...wanted.filter((o) => !current.includes(o))]);
    });

  origins
    .command('remove')
    .description('remove origins from the list')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .argument('<urls...>', 'origins to remove')
    .action(async (urls: string[], opts: { tenant: string }) => {
      const unwanted = parseOrigins(urls);
      await changeOrigins(openDeps, opts.tenant, (current) => current.filter((o) => !unwanted.includes(o)));
    });
}
