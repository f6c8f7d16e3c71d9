/**
 * The audit trail of one admin request. defineRoute gives every admin request that may change data
 * (any method but GET) a trail naming its actor and action; a service that can, records the entry in
 * its own write batch (`...auditStatements(ctx, …)`, atomic with the change and conditional on it, with
 * the before/after it knows); otherwise defineRoute records it right after the handler succeeded.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { newId } from '../../core/ids.js';
import type { Db } from '../../db/client.js';
import type { AuditActorKind, AuditSummary } from './schema.js';

export interface AuditActor {
  kind: AuditActorKind;
  id: string;
  name: string;
  email: string | null;
  role: string | null;
}

export class AuditTrail {
  /** Set once a service put the entry in its own batch: nothing more to record after the response. */
  recorded = false;
  /** What a service learned about the change, for the entry recorded after the response. */
  summary?: AuditSummary;
  targetId?: string;
  constructor(
    readonly actor: AuditActor,
    readonly action: string,
  ) {}
}

function insertEntry(db: Db, tenantId: string, now: Date, trail: AuditTrail, entry: { targetId?: string | null; status: number; summary?: AuditSummary; when?: SQL }) {
  const a = trail.actor;
  const summary = entry.summary ? JSON.stringify(entry.summary) : null;
  // INSERT … SELECT … WHERE, so that `when` (e.g. `changes() = 1`) ties the entry to the change before it.
  return db.run(sql`
    insert into audit_log (id, tenant_id, at, actor_kind, actor_id, actor_name, actor_email, actor_role, action, target_id, status, summary)
    select ${newId('aud')}, ${tenantId}, ${now.toISOString()}, ${a.kind}, ${a.id}, ${a.name}, ${a.email}, ${a.role}, ${trail.action},
           ${entry.targetId ?? null}, ${entry.status}, ${summary}
    where ${entry.when ?? sql`1`}`);
}

/**
 * The statement recording this request's audit entry, for the service's own `db.batch([...])`; none
 * outside an audited request (the CLI, a member). Placed right after a conditional UPDATE with
 * `when: sql\`changes() = 1\``, it records only a change that happened, and itself inserts exactly one
 * row when it does, so a following `changes() = 1` still means "the change happened".
 */
export function auditStatements(ctx: ServiceContext, entry: { targetId?: string | null; summary?: AuditSummary; when?: SQL; status?: number }) {
  const trail = ctx.audit;
  if (!trail) return [];
  trail.recorded = true;
  return [insertEntry(ctx.db, ctx.tenant.id, ctx.now, trail, { ...entry, status: entry.status ?? 200 })];
}

/** After a successful response of a request whose service did not record its entry itself. */
export async function recordAfterResponse(ctx: ServiceContext, status: number, targetId: string | undefined) {
  const trail = ctx.audit;
  if (!trail || trail.recorded) return;
  await insertEntry(ctx.db, ctx.tenant.id, ctx.now, trail, { targetId: trail.targetId ?? targetId, status, summary: trail.summary });
}
