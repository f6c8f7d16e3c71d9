/**
 * A whole row read as one JSON value. @libsql/client builds each result row cell by cell (an
 * `Object.defineProperty` per column, by name and by index), so a wide row costs far more to receive
 * than to find. Measured on the directory's 34-column members table (100,000 members, 20 rows by id):
 * `select *` 1.05 ms through the client, `select json_object(…)` 0.15 ms — SQLite builds the text,
 * the client moves one cell per row, and V8 parses it in one go (test/bench/directory.ts).
 *
 * Use it where a request reads many wide rows (a page of directory cards) or a wide row on every
 * request (the session lookup); a narrow select gains nothing.
 */
import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';

interface Reader {
  /** The json_object(…) call, every column qualified by the table's name. */
  expression: string;
  columns: { key: string; column: SQLiteColumn }[];
}

const readers = new WeakMap<SQLiteTable, Reader>();

function readerOf(table: SQLiteTable): Reader {
  let found = readers.get(table);
  if (found) return found;
  const name = getTableName(table);
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => {
    // json_object() refuses blobs, and the names below are spliced into SQL: both are schema facts, checked once.
    if (column.columnType.includes('Blob')) throw new Error(`[homecoming] jsonRow: ${name}.${column.name} is a blob`);
    if (![key, column.name, name].every((n) => /^\w+$/.test(n))) throw new Error(`[homecoming] jsonRow: unexpected name in ${name}.${column.name}`);
    return { key, column: column as SQLiteColumn };
  });
  found = { expression: `json_object(${columns.map(({ key, column }) => `'${key}', "${name}"."${column.name}"`).join(', ')})`, columns };
  readers.set(table, found);
  return found;
}

/** One row (a json_object from jsonRow) as drizzle would have mapped it: JSON columns parsed, booleans as booleans. */
function readRow<T>(columns: Reader['columns'], text: string): T {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const { key, column } of columns) {
    const value = raw[key];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T;
}

/**
 * `table`'s whole row as one selected field: `db.select({ member: jsonRow(members) }).from(members)`
 * gives `{ member: MemberRow }`, typed and mapped as `db.select().from(members)` would. Works in joins
 * and prepared statements like any other field; the table must not be aliased.
 */
export function jsonRow<T extends SQLiteTable>(table: T): SQL<T['$inferSelect']> {
  const { expression, columns } = readerOf(table);
  return sql.raw(expression).mapWith((text: string) => readRow<T['$inferSelect']>(columns, text)) as SQL<T['$inferSelect']>;
}
