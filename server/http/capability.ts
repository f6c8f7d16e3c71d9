/**
 * The capability check every admin route runs after requireAuth: a secret key has every capability,
 * a staff session its role's (server/modules/staff/roles.ts). Refusals are 403 problem+json naming the
 * role and what it lacks.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../core/errors.js';
import type { AuditActor } from '../modules/audit/trail.js';
import { roleCan, type Capability } from '../modules/staff/roles.js';
import type { AppEnv, Principal } from './env.js';

export function requireCapability(capability: Capability): MiddlewareHandler<AppEnv> {
  return async function requireCapability(c, next) {
    const principal = c.var.principal;
    if (principal?.kind === 'staff' && !roleCan(principal.staff.role, capability)) {
      throw new AppError('forbidden', `Your role (${principal.staff.role}) does not allow this (${capability}). Ask an owner or admin.`);
    }
    return next();
  };
}

/** Who the audit log names for a call: a staff member as they are now (a snapshot), or a secret key. */
export function auditActor(principal: Principal): AuditActor | undefined {
  if (principal.kind === 'staff') {
    const s = principal.staff;
    return { kind: 'staff', id: s.id, name: s.name, email: s.email, role: s.role };
  }
  if (principal.kind === 'secret') return { kind: 'secret_key', id: principal.keyId, name: principal.keyLabel ?? principal.keyId, email: null, role: null };
  return undefined;
}

/**
 * For routes of an event-scoped capability (check-in, attendees — `eventScoped` in roles.ts): event
 * staff reach only the events assigned to them; any other role or a secret key reaches every event.
 * Refused as not found, so an event staff account cannot even learn which other events exist.
 */
export function requireEventInScope(principal: Principal, eventId: string): void {
  if (principal.kind === 'staff' && principal.staff.role === 'event_staff' && !principal.eventIds.includes(eventId)) {
    throw new AppError('not_found', `No event ${eventId} among the events assigned to you.`);
  }
}
