/**
 * What the personal-data contract test holds the registry against: the tables of the live database
 * schema that hold member data. A table does when it is `members` itself, or has a column naming a
 * member (`member_id`, `…_member_id`) or an address (`email`, `emails`).
 */
import type { Db } from '../db/client.js';
import { tableName, type PersonalData } from './personal-data.js';

const MEMBER_COLUMN = /^(member_id|.+_member_id|email|emails)$/;

export async function tablesWithMemberData(db: Db): Promise<Map<string, string[]>> {
  const tables = await db.$client.execute(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '\\_%' escape '\\' and sql not like 'CREATE VIRTUAL TABLE%'",
  );
  const out = new Map<string, string[]>();
  for (const { name } of tables.rows as unknown as { name: string }[]) {
    const columns = (await db.$client.execute(`pragma table_info("${name}")`)).rows.map((r) => String(r.name));
    const hits = columns.filter((c) => MEMBER_COLUMN.test(c));
    if (name === 'members' || hits.length) out.set(name, hits);
  }
  return out;
}

/** Tables holding member data that no declaration covers. */
export async function undeclaredTables(db: Db, registry: PersonalData[]): Promise<string[]> {
  const declared = new Set(registry.map((d) => tableName(d.table)));
  return [...(await tablesWithMemberData(db)).keys()].filter((t) => !declared.has(t)).sort();
}
