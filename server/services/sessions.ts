import type { Db } from '../db/client.js';
import type { Tenant } from './tenants.js';

/** What a valid member session adds to the request. Filled in by the sign-in work (issue 3). */
export interface SessionPrincipal {
  sessionId: string;
  memberId: string;
}

/** Resolves a presented member-session token. Until sign-in exists, no token is a session. */
export async function resolveSession(
  _db: Db,
  _token: string,
  _now: Date,
): Promise<({ tenant: Tenant } & SessionPrincipal) | undefined> {
  return undefined;
}
