import { Option, type Command } from 'commander';
import { serviceContext } from '../core/context.js';
import { AppError } from '../core/errors.js';
import { CliError, requireTenant, table, withDeps, type OpenDeps } from './deps.js';

/** Loaded on demand, like the other database commands. */
const memberAdmin = () => import('../modules/members/admin.js');
const statuses = ['pending', 'approved', 'rejected', 'suspended'] as const;

/**
 * The approval queue from a terminal: list members (oldest first, the order a queue is worked), and
 * approve, reject or suspend one — the same decisions, rules and mails as the admin API.
 */
export function registerMemberCommands(program: Command, openDeps: OpenDeps) {
  const members = program.command('members').description("a tenant's members: the approval queue, approve, reject, suspend");

  members
    .command('list')
    .description('list members, oldest first (the approval queue order)')
    .requiredOption('--tenant <id>', 'tenant id (ten_…)')
    .addOption(new Option('--status <status>', 'only members with this status').choices(statuses))
    .option('--json', 'print a JSON array')
    .action(async (opts: { tenant: string; status?: (typeof statuses)[number]; json?: boolean }) => {
      const { listAdminMembers } = await memberAdmin();
      await withDeps(openDeps, async (deps) => {
        const tenant = await requireTenant(deps, opts.tenant);
        const ctx = serviceContext(deps, tenant);
        const rows = [];
        let cursor: string | undefined;
        do {
          const page = await listAdminMembers(ctx, { limit: 100, cursor, status: opts.status });
          rows.push(...page.data);
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        if (opts.json) {
          console.log(JSON.stringify(rows));
          return;
        }
        if (!rows.length) {
          console.log(`${tenant.name} has no ${opts.status ?? ''} members${opts.status ? '' : ' yet'}.`.replace('  ', ' '));
          return;
        }
        console.log(table(['id', 'status', 'name', 'email', 'joined'], rows.map((m) => [m.id, m.status, m.profile.name, m.email, m.createdAt.slice(0, 16)])));
        const pending = rows.filter((m) => m.status === 'pending').length;
        if (pending) console.log(`\n${pending} waiting. Approve one with: members approve --tenant ${tenant.id} MEMBER_ID`);
      });
    });

  const decide = (name: 'approve' | 'reject' | 'suspend', summary: string) =>
    members
      .command(name)
      .description(summary)
      .requiredOption('--tenant <id>', 'tenant id (ten_…)')
      .option('--reason <text>', 'told to the member by mail (required to reject or suspend)')
      .argument('<memberId>', 'member id (mem_…), as members list shows it')
      .action(async (memberId: string, opts: { tenant: string; reason?: string }) => {
        const reason = opts.reason?.trim();
        if (name !== 'approve' && !reason) throw new CliError(`--reason is required to ${name} a member (it is told to them).`);
        const { changeMemberStatus } = await memberAdmin();
        await withDeps(openDeps, async (deps) => {
          const tenant = await requireTenant(deps, opts.tenant);
          const ctx = serviceContext(deps, tenant);
          const change = name === 'approve' ? { status: 'approved' as const } : { status: name === 'reject' ? ('rejected' as const) : ('suspended' as const), reason: reason! };
          try {
            const member = await changeMemberStatus(ctx, memberId, change);
            console.log(`${member.name || member.email} (${member.id}) is now ${member.status}.`);
          } catch (err) {
            if (err instanceof AppError) throw new CliError(err.detail);
            throw err;
          }
          // The decision's mail is in the outbox; deliver it now rather than wait for an API process to.
          await deps.deliverOutbox();
        });
      });

  decide('approve', 'approve a member (they are told by mail); also lifts a suspension');
  decide('reject', 'reject a membership request, with a reason told by mail');
  decide('suspend', 'suspend a member: out of the directory and signed out everywhere');
}
