import type { Deps } from '../core/context.js';
import type { Tenant } from '../modules/tenants/service.js';
import type { SessionPrincipal } from '../modules/auth/sessions.js';
import type { StaffPrincipal } from '../modules/staff/sessions.js';

export type Principal =
  | { kind: 'publishable'; tenant: Tenant; keyId: string }
  | { kind: 'secret'; tenant: Tenant; keyId: string; keyLabel?: string }
  | ({ kind: 'session'; tenant: Tenant } & SessionPrincipal)
  | ({ kind: 'staff'; tenant: Tenant } & StaffPrincipal);

export type PrincipalKind = Principal['kind'];

export interface AppEnv {
  Variables: {
    deps: Deps;
    requestId: string;
    /** Set by `identify()` when the Bearer credential is valid. */
    principal?: Principal;
    /** Why the Bearer credential was not accepted, thrown later by `requireAuth()` if the route needs one. */
    authFailure?: import('../core/errors.js').AppError;
    /** Set by `requireAuth()` when it refuses the page's origin: the refusal is made readable by that page. */
    originRefused?: boolean;
  };
}
