import { loadConfig, type Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Tenant } from '../modules/tenants/service.js';
import type { AuditTrail } from '../modules/audit/trail.js';
import type { Clock } from './clock.js';
import { jsonLogger, type Logger } from './log.js';
import type { Mailer } from './mail/transport.js';
import { tenantDb, type TenantDb } from './tenant-db.js';

/** Everything the app needs from outside; tests build the app over their own. */
export interface Deps {
  db: Db;
  config: Config;
  /** What the outbox worker delivers mail through; services never send mail themselves. */
  mailer: Mailer;
  clock: Clock;
  log: Logger;
}

/**
 * What a service works with: the database, the tenant it acts for (with the tenant-scoped query
 * builder, the usual way in), the time of the request and the logger. No HTTP in sight.
 */
export interface ServiceContext {
  db: Db;
  tenant: Tenant;
  /** Queries bound to `tenant`: `ctx.scoped.select(members, eq(members.id, id))`. */
  scoped: TenantDb;
  now: Date;
  log: Logger;
  config: Config;
  /** Who is changing data through an admin route, for the audit log (absent for the CLI and members). */
  audit?: AuditTrail;
}

export function serviceContext(deps: Pick<Deps, 'db' | 'clock' | 'log' | 'config'>, tenant: Tenant): ServiceContext {
  return { db: deps.db, tenant, scoped: tenantDb(deps.db, tenant.id), now: deps.clock.now(), log: deps.log, config: deps.config };
}

/**
 * A context outside any request (the operator CLI, the demo seed, tests): `now` defaults to the real
 * time, the config to the defaults, the log to silence.
 */
export function operatorContext(db: Db, tenant: Tenant, options: { now?: Date; config?: Config; log?: Logger } = {}): ServiceContext {
  const clock = { now: () => options.now ?? new Date() };
  return serviceContext({ db, clock, log: options.log ?? jsonLogger('silent'), config: options.config ?? loadConfig({}) }, tenant);
}
