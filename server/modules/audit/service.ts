import { and, desc, eq, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { auditLog, type AuditActorKind } from './schema.js';

export interface AuditQuery {
  limit: number;
  cursor?: string;
  actorId?: string;
  actorKind?: AuditActorKind;
  targetId?: string;
  /** An exact action (`POST /v1/admin/members/{id}/approve`). */
  action?: string;
  from?: string;
  to?: string;
}

type AuditRow = typeof auditLog.$inferSelect;

export const toAuditView = (r: AuditRow) => ({
  id: r.id,
  at: r.at,
  actor: { kind: r.actorKind, id: r.actorId, name: r.actorName, email: r.actorEmail, role: r.actorRole },
  action: r.action,
  targetId: r.targetId,
  status: r.status,
  summary: r.summary ?? null,
});

/**
 * Entries are paged by time, then by insertion order (SQLite's rowid): two entries of the same
 * millisecond still come out in the order they were written, and a cursor names its place exactly.
 */
const seq = sql<number>`${auditLog}.rowid`;

/** The list's cursor: the common [instant, id] shape, the "id" being the entry's rowid in digits. */
function afterCursor(cursor: string | undefined): [string, number] | undefined {
  const after = decodeCursor(cursorKeys.instantThenId, cursor);
  if (!after) return undefined;
  if (!/^[1-9]\d{0,15}$/.test(after[1])) throw AppError.field('cursor', 'is not a cursor this list returned');
  return [after[0], Number(after[1])];
}

/** The tenant's audit log, newest first. */
export async function listAudit(ctx: ServiceContext, q: AuditQuery) {
  const where: (SQL | undefined)[] = [
    q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
    q.actorKind ? eq(auditLog.actorKind, q.actorKind) : undefined,
    q.targetId ? eq(auditLog.targetId, q.targetId) : undefined,
    q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from).toISOString()) : undefined,
    q.to ? lt(auditLog.at, new Date(q.to).toISOString()) : undefined,
  ];
  const after = afterCursor(q.cursor);
  if (after) where.push(or(lt(auditLog.at, after[0]), and(eq(auditLog.at, after[0]), sql`${seq} < ${after[1]}`)));
  // Bound to the tenant by ctx.scoped.where below; a plain select only to read the rowid beside the row.
  // eslint-disable-next-line no-restricted-syntax
  const rows = await ctx.db
    .select({ entry: auditLog, seq })
    .from(auditLog)
    .where(ctx.scoped.where(auditLog, ...where))
    .orderBy(desc(auditLog.at), desc(seq))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.entry.at, String(r.seq)]);
  return { data: page.data.map((r) => toAuditView(r.entry)), nextCursor: page.nextCursor };
}
