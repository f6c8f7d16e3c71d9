import { and, desc, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
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
  const after = decodeCursor(cursorKeys.instantThenId, q.cursor);
  if (after) where.push(or(lt(auditLog.at, after[0]), and(eq(auditLog.at, after[0]), lt(auditLog.id, after[1]))));
  const rows = await ctx.scoped
    .select(auditLog, ...where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (r) => [r.at, r.id]);
  return { data: page.data.map(toAuditView), nextCursor: page.nextCursor };
}
