import { Option, type Command } from 'commander';
import { serviceContext } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { CliError, requireTenant, table, withDeps, type OpenDeps } from './deps.js';

const staffService = () => import('../modules/staff/service.js');
const roles = ['owner', 'admin', 'moderator', 'event_staff'] as const;

/** The first owner of a tenant (who then invites the rest from the console), and a look at who is staff. */
export function registerStaffCommands(program: Command, openDeps: OpenDeps) {
  const staff = program.command('staff').description("a tenant's console staff: invite the first owner, list staff");

  staff
    .command('invite')
    .description('invite a staff member: they are mailed the console address and sign in with an emailed code')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .requiredOption('--email <address>', 'their email address')
    .addOption(new Option('--role <role>', 'what they may do').choices(roles).default('owner'))
    .option('--name <name>', 'their name, used in mail greetings (default: the part of the address before @)')
    .addOption(new Option('--locale <locale>', 'language of their mail').choices(['ja', 'en']))
    .option('--json', 'print the staff member as JSON')
    .action(async (opts: { tenant: string; email: string; role: (typeof roles)[number]; name?: string; locale?: 'ja' | 'en'; json?: boolean }) => {
      const { inviteFromOperator } = await staffService();
      const { emailAddress, singleLine } = await import('../core/text.js');
      const email = emailAddress.safeParse(opts.email);
      if (!email.success) throw new CliError(`--email ${opts.email} is not an email address.`);
      const name = singleLine(100).min(1).safeParse(opts.name ?? email.data.split('@')[0]);
      if (!name.success) throw new CliError('--name must be one line of at most 100 characters.');
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        try {
          const s = await inviteFromOperator(serviceContext(deps, tenant), { email: email.data, name: name.data, role: opts.role, locale: opts.locale });
          if (opts.json) console.log(JSON.stringify(s));
          else console.log(`${s.name} <${s.email}> is invited as ${s.role} of ${tenant.name} (${s.id}). They sign in at ${deps.config.PUBLIC_API_URL}/console/`);
        } catch (err) {
          if (err instanceof AppError) throw new CliError(err.detail);
          throw err;
        }
        await deps.deliverOutbox();
      });
    });

  staff
    .command('list')
    .description('list staff, oldest first')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .option('--json', 'print a JSON array')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const { listStaff } = await staffService();
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        const rows = (await listStaff(serviceContext(deps, tenant), { limit: 100 })).data;
        if (opts.json) console.log(JSON.stringify(rows));
        else console.log(rows.length ? table(['id', 'role', 'status', 'name', 'email'], rows.map((s) => [s.id, s.role, s.status, s.name, s.email])) : `${tenant.name} has no staff yet.`);
      });
    });
}
