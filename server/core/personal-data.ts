/**
 * The personal-data registry: each domain module declares, for every table that holds data about a
 * member, what erasing the member does to those rows and what the member's export includes. Erase
 * and export are driven from these declarations alone, and a contract test fails when a table with
 * a member column is not declared — so a new table cannot quietly escape either.
 */
import type { BatchItem } from 'drizzle-orm/batch';
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import type { ServiceContext } from './context.js';

/** Who is being erased or exported. */
export interface DataSubject {
  id: string;
  tenantId: string;
  email: string;
}

export type EraseRule<T extends SQLiteTable> =
  /** The rows go. */
  | 'delete'
  /** The rows stay (threads remain readable) with these columns overwritten. */
  | { anonymise: Partial<T['$inferInsert']> }
  /** The rows stay as they are, for the reason given (e.g. the company's own record). */
  | { keep: string };

export type ExportRule<T extends SQLiteTable> =
  /** The rows appear in the export under `key`, each as `view` shows it (never hashes or secrets). */
  | { key: string; view: (row: T['$inferSelect'], ctx: ServiceContext) => unknown; single?: boolean }
  /** Left out of the export, for the reason given (e.g. hashed tokens, nothing readable). */
  | { omit: string };

/** A table drizzle does not model (the search index, written by custom migrations), named as in SQL. */
export interface RawTable {
  rawName: string;
}

export interface PersonalData<T extends SQLiteTable = SQLiteTable> {
  table: T | RawTable;
  /** The rows of `table` that are about the subject (always within the subject's tenant). */
  rows: (subject: DataSubject) => SQL;
  erase: EraseRule<T>;
  export: ExportRule<T>;
  /** The member row itself is erased after everything that refers to it. */
  last?: boolean;
}

/** Declares one table (a typed identity, so `view` and `anonymise` see the table's own row type). */
export const personalData = <T extends SQLiteTable>(declaration: PersonalData<T>): PersonalData => declaration as unknown as PersonalData;

const isRaw = (table: SQLiteTable | RawTable): table is RawTable => 'rawName' in table;

export const tableName = (table: SQLiteTable | RawTable) => (isRaw(table) ? table.rawName : getTableConfig(table).name);

/** The statements that erase the subject, in one list for one atomic batch. */
export function eraseStatements(db: Db, registry: PersonalData[], subject: DataSubject): BatchItem<'sqlite'>[] {
  const ordered = [...registry.filter((d) => !d.last), ...registry.filter((d) => d.last)];
  return ordered.flatMap((d): BatchItem<'sqlite'>[] => {
    const table = d.table;
    if (d.erase === 'delete') {
      return [isRaw(table) ? db.run(sql`delete from ${sql.identifier(table.rawName)} where ${d.rows(subject)}`) : db.delete(table).where(d.rows(subject))];
    }
    if ('anonymise' in d.erase) {
      if (isRaw(table)) throw new Error(`anonymising ${table.rawName} needs a drizzle table`);
      return [db.update(table).set(d.erase.anonymise as never).where(d.rows(subject))];
    }
    return [];
  });
}

/** Erases the subject everywhere the registry says, all or nothing. */
export async function eraseSubject(db: Db, registry: PersonalData[], subject: DataSubject): Promise<void> {
  const statements = eraseStatements(db, registry, subject);
  if (statements.length) await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

/** Everything the registry says the subject may take with them, keyed as declared. */
export async function exportSubject(ctx: ServiceContext, registry: PersonalData[], subject: DataSubject): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const d of registry) {
    if ('omit' in d.export) continue;
    if (isRaw(d.table)) throw new Error(`exporting ${d.table.rawName} needs a drizzle table`);
    const rows = await ctx.db.select().from(d.table).where(d.rows(subject));
    const rule = d.export as { view: (row: unknown, ctx: ServiceContext) => unknown; key: string; single?: boolean };
    const views = rows.map((r) => rule.view(r, ctx));
    out[rule.key] = rule.single ? (views[0] ?? null) : views;
  }
  return out;
}
