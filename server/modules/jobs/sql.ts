import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ServiceContext } from '../../core/context.js';
import type { TenantTable } from '../../core/tenant-db.js';

/**
 * `INSERT OR IGNORE … SELECT … WHERE condition` for a tenant table: the row goes in only if the
 * condition holds when the statement runs (the job is still open, no live twin exists), in the
 * caller's batch, so the check and the write cannot be split by another request. The tenant is bound
 * here as ctx.scoped binds it; `changes() = 1` after it says whether the row went in.
 */
export function insertWhere<T extends TenantTable>(ctx: ServiceContext, table: T, values: Omit<T['$inferInsert'], 'tenantId'>, condition: SQL) {
  const columns = getTableColumns(table) as Record<string, SQLiteColumn>;
  const entries = Object.entries({ ...values, tenantId: ctx.tenant.id }).filter(([, v]) => v !== undefined);
  const names = sql.join(entries.map(([k]) => sql.identifier(columns[k]!.name)), sql`, `);
  const params = sql.join(entries.map(([k, v]) => sql.param(v, columns[k])), sql`, `);
  return ctx.db.run(sql`insert or ignore into ${table} (${names}) select ${params} where ${condition}`);
}
