import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { bestEffort } from '../../db/guard.js';
import { jsonRow } from '../../db/json-row.js';
import type { ServiceContext } from '../../core/context.js';
import { tenantDb } from '../../core/tenant-db.js';
import { members } from '../members/schema.js';
import { featuresOf, type Feature } from '../member-kinds/features.js';
import { memberKinds } from '../member-kinds/schema.js';
import { tenants } from '../tenants/schema.js';
import { sessions } from './schema.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { newId } from '../../core/ids.js';
import type { MemberRow } from '../members/profile.js';
import type { Tenant } from '../tenants/service.js';

/** What a valid member session adds to the request. */
export interface SessionPrincipal {
  sessionId: string;
  memberId: string;
  /** The member's full row as of this request (status, profile, locale). */
  member: MemberRow;
  /** What the member's kind may use (member-kinds): read with the session, so checking a route's feature costs nothing more. */
  features: Feature[];
}

export type SessionRow = typeof sessions.$inferSelect;

/** Session tokens carry their own prefix so they can never be mistaken for API keys (pk_/sk_). */
export const SESSION_PREFIX = 'hcs_';
/** A session that goes unused this long expires; each use pushes the expiry forward (sliding). */
export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding the expiry is a write, so it happens at most this often per session: reads stay reads. */
export const SESSION_TOUCH_MS = 60 * 60 * 1000;

/** Member statuses whose sessions still work. Rejected members may sign in to see why, and to erase their data. */
const activeStatuses = new Set<MemberRow['status']>(['pending', 'approved', 'rejected']);

/** Starts a session and returns its token in clear, once; only the hash is kept. */
export async function createSession(ctx: ServiceContext, memberId: string): Promise<{ token: string; sessionId: string; expiresAt: string }> {
  const token = `${SESSION_PREFIX}${randomToken(40)}`;
  const id = newId('ses');
  const ts = ctx.now.toISOString();
  const expiresAt = new Date(ctx.now.getTime() + SESSION_IDLE_MS).toISOString();
  await ctx.scoped.insert(sessions, { id, memberId, tokenHash: sha256(token), createdAt: ts, lastSeenAt: ts, expiresAt });
  return { token, sessionId: id, expiresAt };
}

// A session is found by its token's hash before any tenant is known: the row says which tenant it is.
const prepareFindSession = (db: Db) =>
  // eslint-disable-next-line no-restricted-syntax
  db
    // The member and tenant rows are wide: each read as one JSON value (db/json-row.ts), 0.69 → 0.4 ms a lookup.
    .select({ session: sessions, member: jsonRow(members), tenant: jsonRow(tenants), kindFeatures: memberKinds.features })
    .from(sessions)
    .innerJoin(members, and(eq(members.id, sessions.memberId), eq(members.tenantId, sessions.tenantId)))
    .innerJoin(tenants, eq(tenants.id, sessions.tenantId))
    // The member's kind, when the tenant stored it (built-in kinds without a row have their defaults).
    .leftJoin(memberKinds, and(eq(memberKinds.tenantId, members.tenantId), eq(memberKinds.key, members.kind)))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.revokedAt)))
    .limit(1)
    .prepare();

/** Every member request runs this lookup: prepared once per database, it skips query building. */
const findSessionStatements = new WeakMap<Db, ReturnType<typeof prepareFindSession>>();

/**
 * Resolves a presented member-session token: unknown, revoked, expired tokens and those of suspended
 * (or deleted) members are no session. The tenant comes from the session row, never from the caller.
 */
export async function resolveSession(
  db: Db,
  token: string,
  now: Date,
): Promise<({ tenant: Tenant } & SessionPrincipal) | undefined> {
  if (!token.startsWith(SESSION_PREFIX) || token.length > 200) return undefined;
  let statement = findSessionStatements.get(db);
  if (!statement) findSessionStatements.set(db, (statement = prepareFindSession(db)));
  const row = (await statement.all({ hash: sha256(token) }))[0];
  if (!row) return undefined;
  const { session, member, tenant, kindFeatures } = row;
  if (Date.parse(session.expiresAt) <= now.getTime()) return undefined;
  if (!activeStatuses.has(member.status)) return undefined;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_TOUCH_MS) {
    // Sliding expiry: skipped when the database is busy; the next request tries again.
    await bestEffort(() =>
      tenantDb(db, tenant.id).update(
        sessions,
        { lastSeenAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_IDLE_MS).toISOString() },
        eq(sessions.id, session.id),
      ),
    );
  }
  return { tenant, sessionId: session.id, memberId: member.id, member, features: featuresOf(member.kind, kindFeatures) };
}

/** Signs one session out. */
export async function revokeSession(ctx: ServiceContext, sessionId: string): Promise<void> {
  await ctx.scoped.update(sessions, { revokedAt: ctx.now.toISOString() }, eq(sessions.id, sessionId), isNull(sessions.revokedAt));
}

/** The statement that signs a member out everywhere (suspension), for a batch; `when` can make it conditional. */
export function revokeMemberSessions(ctx: ServiceContext, memberId: string, when?: SQL) {
  return ctx.scoped.update(sessions, { revokedAt: ctx.now.toISOString() }, eq(sessions.memberId, memberId), isNull(sessions.revokedAt), when);
}

/** Session metadata for the member's own export: never the token or its hash. */
export const sessionView = (s: SessionRow) => ({
  id: s.id,
  createdAt: s.createdAt,
  lastSeenAt: s.lastSeenAt,
  expiresAt: s.expiresAt,
  revokedAt: s.revokedAt,
});
