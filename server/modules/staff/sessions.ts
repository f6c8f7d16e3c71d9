import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { newId } from '../../core/ids.js';
import { tenantDb } from '../../core/tenant-db.js';
import type { Db } from '../../db/client.js';
import { bestEffort } from '../../db/guard.js';
import { tenants } from '../tenants/schema.js';
import type { Tenant } from '../tenants/service.js';
import { staff, staffEventAssignments, staffSessions } from './schema.js';

export type StaffRow = typeof staff.$inferSelect;

/** What a valid staff session adds to the request. */
export interface StaffPrincipal {
  staffSessionId: string;
  staff: StaffRow;
  /** For event staff: the events assigned to them (empty for every other role). */
  eventIds: string[];
}

/**
 * Console tokens have a prefix of their own (`hcst_`), unlike members' (`hcs_`) and keys (`pk_`, `sk_`):
 * the prefix decides which table a token is looked up in, so a staff token can never be taken for a
 * member session, nor the reverse.
 */
export const STAFF_SESSION_PREFIX = 'hcst_';
/** Shorter than a member's 30 days: the console holds the company's keys to the network. */
export const STAFF_SESSION_IDLE_MS = 7 * 24 * 60 * 60 * 1000;
const TOUCH_MS = 60 * 60 * 1000;

export async function createStaffSession(ctx: ServiceContext, staffId: string) {
  const token = `${STAFF_SESSION_PREFIX}${randomToken(40)}`;
  const ts = ctx.now.toISOString();
  const expiresAt = new Date(ctx.now.getTime() + STAFF_SESSION_IDLE_MS).toISOString();
  await ctx.db.batch([
    ctx.scoped.insert(staffSessions, { id: newId('sss'), staffId, tokenHash: sha256(token), createdAt: ts, lastSeenAt: ts, expiresAt }),
    // The first sign-in makes an invitation an account.
    ctx.scoped.update(staff, { status: sql`case when ${staff.status} = 'invited' then 'active' else ${staff.status} end`, lastSignInAt: ts }, eq(staff.id, staffId)),
  ]);
  return { token, expiresAt };
}

// Found by the token's hash before any tenant is known: the row says which tenant it is.
const prepareFind = (db: Db) =>
  // eslint-disable-next-line no-restricted-syntax
  db
    .select({ session: staffSessions, staff, tenant: tenants })
    .from(staffSessions)
    .innerJoin(staff, and(eq(staff.id, staffSessions.staffId), eq(staff.tenantId, staffSessions.tenantId)))
    .innerJoin(tenants, eq(tenants.id, staffSessions.tenantId))
    .where(and(eq(staffSessions.tokenHash, sql.placeholder('hash')), isNull(staffSessions.revokedAt)))
    .limit(1)
    .prepare();
const statements = new WeakMap<Db, ReturnType<typeof prepareFind>>();

/** A presented console token: unknown, revoked, expired tokens and those of removed staff are no session. */
export async function resolveStaffSession(db: Db, token: string, now: Date): Promise<({ tenant: Tenant } & StaffPrincipal) | undefined> {
  if (!token.startsWith(STAFF_SESSION_PREFIX) || token.length > 200) return undefined;
  let statement = statements.get(db);
  if (!statement) statements.set(db, (statement = prepareFind(db)));
  const row = (await statement.all({ hash: sha256(token) }))[0];
  if (!row || row.staff.status === 'removed' || Date.parse(row.session.expiresAt) <= now.getTime()) return undefined;
  const scoped = tenantDb(db, row.tenant.id);
  if (now.getTime() - Date.parse(row.session.lastSeenAt) >= TOUCH_MS) {
    await bestEffort(() =>
      scoped.update(staffSessions, { lastSeenAt: now.toISOString(), expiresAt: new Date(now.getTime() + STAFF_SESSION_IDLE_MS).toISOString() }, eq(staffSessions.id, row.session.id)),
    );
  }
  const eventIds =
    row.staff.role === 'event_staff'
      ? (await scoped.select(staffEventAssignments, eq(staffEventAssignments.staffId, row.staff.id))).map((a) => a.eventId)
      : [];
  return { tenant: row.tenant, staffSessionId: row.session.id, staff: row.staff, eventIds };
}

export async function revokeStaffSession(ctx: ServiceContext, id: string) {
  await ctx.scoped.update(staffSessions, { revokedAt: ctx.now.toISOString() }, eq(staffSessions.id, id), isNull(staffSessions.revokedAt));
}

/** Every session of one staff member, for a batch (removal, a change of role). */
export function revokeAllStaffSessions(ctx: ServiceContext, staffId: string, when?: SQL) {
  return ctx.scoped.update(staffSessions, { revokedAt: ctx.now.toISOString() }, eq(staffSessions.staffId, staffId), isNull(staffSessions.revokedAt), when);
}
