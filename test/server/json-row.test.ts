import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, getTableColumns, is } from 'drizzle-orm';
import { SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../../server/db/schema.js';
import { jsonRow } from '../../server/db/json-row.js';
import { members } from '../../server/db/schema.js';
import { seedDemo } from '../../server/demo/seed.js';
import { makeTestApp, type TestContext } from '../helpers/app.js';

/*
 * jsonRow reads a row as one json_object(…) value instead of cell by cell (server/db/json-row.ts). It
 * must give exactly what drizzle's own select gives, for every table and every kind of column.
 */
describe('jsonRow: a row read as one JSON value', () => {
  let t: TestContext;
  before(async () => {
    t = await makeTestApp();
    await seedDemo(t.deps.db, t.clock.now(), { origins: ['http://localhost:18080'] });
  });
  after(() => t.close());

  it('gives what select() gives, for every row of every table the demo fills', async () => {
    const db = t.deps.db;
    let compared = 0;
    for (const [name, table] of Object.entries(schema)) {
      if (!is(table, SQLiteTable)) continue;
      const plain = await db.select().from(table);
      const viaJson = (await db.select({ row: jsonRow(table) }).from(table)).map((r) => r.row);
      assert.deepEqual(viaJson, plain, `table ${name}`);
      compared += plain.length;
    }
    assert.ok(compared > 50, `compared ${compared} rows`);
  });

  it('keeps JSON columns, booleans, nulls, numbers and any text as they are', async () => {
    const db = t.deps.db;
    const awkward = {
      name: '田中 "花子" \\ 𠮷野家 😀 end',
      skills: ['a"b', '改行\nあり', ''],
      career: [{ department: '営業部', title: undefined as unknown as string, from: '2010-04' }],
      visibility: { bio: 'nobody' as const },
      unlisted: true,
      joinedYear: null,
      leftYear: 2020,
    };
    const [someone] = await db.select().from(members).limit(1);
    await db.update(members).set(awkward).where(eq(members.id, someone!.id));
    const plain = await db.select().from(members);
    const viaJson = (await db.select({ row: jsonRow(members) }).from(members)).map((r) => r.row);
    assert.deepEqual(viaJson, plain);
    const row = viaJson.find((r) => r.id === someone!.id)!;
    assert.equal(row.name, awkward.name);
    assert.deepEqual(row.skills, awkward.skills);
    assert.equal(row.unlisted, true);
    assert.equal(row.joinedYear, null);
    assert.equal(Object.keys(row).length, Object.keys(getTableColumns(members)).length);
  });
});
