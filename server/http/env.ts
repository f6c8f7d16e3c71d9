import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Tenant } from '../modules/tenants/service.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/log.js';
import type { Mailer } from '../core/mail/transport.js';
import type { SessionPrincipal } from '../modules/auth/sessions.js';

/** Everything the app needs from outside; tests build the app over their own. */
export interface Deps {
  db: Db;
  config: Config;
  mailer: Mailer;
  clock: Clock;
  log: Logger;
}

export type Principal =
  | { kind: 'publishable'; tenant: Tenant; keyId: string }
  | { kind: 'secret'; tenant: Tenant; keyId: string }
  | ({ kind: 'session'; tenant: Tenant } & SessionPrincipal);

export type PrincipalKind = Principal['kind'];

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    /** Set by `identify()` when the Bearer credential is valid. */
    principal?: Principal;
    /** Why the Bearer credential was not accepted, thrown later by `requireAuth()` if the route needs one. */
    authFailure?: import('../core/errors.js').ApiError;
  };
}
