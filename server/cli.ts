import { Command } from 'commander';
import { describeFailure, openDeps } from './cli/deps.js';
import { registerDeliveriesCommand } from './cli/deliveries.js';
import { registerKeyCommands } from './cli/keys.js';
import { registerMemberCommands } from './cli/members.js';
import { registerOriginCommands } from './cli/origins.js';
import { registerOutboxCommand } from './cli/outbox.js';
import { registerRosterCommands } from './cli/roster.js';
import { registerStaffCommands } from './cli/staff.js';
import { registerTenantCommands } from './cli/tenants.js';

/** The operator's command line: `npm run homecoming -- <command>`. The database is DATABASE_URL's. */
export function buildProgram(): Command {
  const program = new Command('homecoming')
    .description('Operate Homecoming: tenants, their API keys and allowed origins, rosters, members (approval), mail deliveries, the dev outbox.\nThe database is the one DATABASE_URL names (default file:./data/homecoming.db).')
    .showHelpAfterError('(add --help for usage)')
    .enablePositionalOptions();
  registerTenantCommands(program, openDeps);
  registerKeyCommands(program, openDeps);
  registerOriginCommands(program, openDeps);
  registerOutboxCommand(program);
  registerDeliveriesCommand(program, openDeps);
  registerRosterCommands(program, openDeps);
  registerMemberCommands(program, openDeps);
  registerStaffCommands(program, openDeps);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  console.error(`error: ${describeFailure(err)}`);
  process.exitCode = 1;
}
