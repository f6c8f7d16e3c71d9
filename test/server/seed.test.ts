import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { members as membersTable } from '../../server/db/schema.js';
import { DEMO_TENANT_NAME, seedDemo } from '../../server/demo/seed.js';
import { listEvents } from '../../server/modules/events/service.js';
import { findApiKey, listTenants, revokeApiKey } from '../../server/modules/tenants/service.js';
import { makeTestApp, type TestContext } from '../helpers/app.js';

describe('demo seed', () => {
  let t: TestContext;
  let dir: string;
  let keysFile: string;
  const origin = 'http://localhost:18080';
  before(async () => {
    t = await makeTestApp();
    dir = mkdtempSync(join(tmpdir(), 'homecoming-seed-'));
    keysFile = join(dir, 'demo-keys.json');
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const demoTenants = async () => (await listTenants(t.deps.db)).filter((x) => x.name === DEMO_TENANT_NAME);

  it('creates the demo company with events around now, and keys that work from the example origin', async () => {
    const first = await seedDemo(t.deps.db, t.clock.now(), { origins: [origin], keysFile });
    assert.equal(first.created, true);
    assert.equal(first.newKeys, true);
    // On sqld the database is shared with other test files, so count this tenant only.
    assert.equal((await demoTenants()).length, 1);
    assert.deepEqual(first.tenant.allowedOrigins, [origin]);

    const stored = JSON.parse(readFileSync(keysFile, 'utf8'));
    assert.deepEqual(stored, { tenantId: first.tenantId, publishableKey: first.publishableKey, secretKey: first.secretKey });
    assert.equal(statSync(keysFile).mode & 0o077, 0, 'the keys file holds a secret key: owner only');

    const upcoming = await t.call('GET', '/v1/events?when=upcoming&limit=100', { token: first.publishableKey, origin });
    const past = await t.call('GET', '/v1/events?when=past&limit=100', { token: first.publishableKey, origin });
    assert.equal(upcoming.status, 200, JSON.stringify(upcoming.body));
    assert.equal(upcoming.body.data.length, 5);
    assert.equal(past.body.data.length, 3);
    const all = [...upcoming.body.data, ...past.body.data];
    assert.deepEqual(new Set(all.map((e: { category: string }) => e.category)), new Set(['meetup', 'study_session', 'office_tour', 'family_day', 'webinar']));
    assert.ok(all.some((e) => e.feeAmount === 0) && all.some((e) => e.feeAmount > 0), 'free and paid');
    assert.ok(all.some((e) => e.isOnline) && all.some((e) => !e.isOnline), 'online and on site');
    assert.ok(all.some((e) => e.capacity === null) && all.some((e) => e.capacity > 0), 'capacities');
    for (const e of all) {
      assert.match(e.title, /[\u3040-\u30ff\u4e00-\u9fff]/, 'Japanese original');
      assert.ok(e.translations.en?.title, `English title for ${e.title}`);
    }
    const admin = await t.call('GET', '/v1/admin/events?limit=1', { token: first.secretKey });
    assert.equal(admin.status, 200);
    const members = await t.deps.db.select().from(membersTable).where(eq(membersTable.tenantId, first.tenantId));
    assert.ok(members.length >= 5, 'the directory has demo alumni to show');
    const jobs = await t.call('GET', '/v1/admin/jobs?limit=100', { token: first.secretKey });
    assert.deepEqual(new Set(jobs.body.data.map((j: { employmentType: string }) => j.employmentType)), new Set(['rehire', 'contract', 'side_job', 'freelance', 'project']));
    assert.ok(jobs.body.data.some((j: { visibility: string }) => j.visibility === 'members'), 'a members-only job');
    const board = await t.call('GET', '/v1/jobs?limit=100', { token: first.publishableKey, origin });
    assert.equal(board.body.data.length, jobs.body.data.length - 1, 'the careers page shows the public ones');
  });

  it('is idempotent: a second run keeps the tenant, events and keys, and adds new origins', async () => {
    const before = await seedDemo(t.deps.db, t.clock.now(), { origins: [origin], keysFile });
    t.clock.advance(24 * 3600_000);
    const again = await seedDemo(t.deps.db, t.clock.now(), { origins: [origin, 'http://127.0.0.1:18081'], keysFile });
    assert.equal(again.created, false);
    assert.equal(again.newKeys, false);
    assert.equal(again.tenantId, before.tenantId);
    assert.equal(again.publishableKey, before.publishableKey);
    assert.equal(again.secretKey, before.secretKey);
    assert.deepEqual(again.tenant.allowedOrigins, [origin, 'http://127.0.0.1:18081']);
    assert.equal((await demoTenants()).length, 1);
    const events = await listEvents(await t.ctx(again.tenantId), { limit: 100 }, false);
    assert.equal(events.data.length, 8, 'no duplicate events');
  });

  it('makes new keys when the keys file is gone or its keys no longer work', async () => {
    const current = await seedDemo(t.deps.db, t.clock.now(), { origins: [origin], keysFile });
    rmSync(keysFile);
    const fresh = await seedDemo(t.deps.db, t.clock.now(), { origins: [origin], keysFile });
    assert.equal(fresh.newKeys, true);
    assert.equal(fresh.tenantId, current.tenantId);
    assert.notEqual(fresh.publishableKey, current.publishableKey);
    assert.equal(JSON.parse(readFileSync(keysFile, 'utf8')).publishableKey, fresh.publishableKey);

    const pk = await findApiKey(t.deps.db, fresh.publishableKey);
    await revokeApiKey(await t.ctx(fresh.tenantId), pk!.key.id);
    const replaced = await seedDemo(t.deps.db, t.clock.now(), { origins: [origin], keysFile });
    assert.equal(replaced.newKeys, true);
    const list = await t.call('GET', '/v1/events', { token: replaced.publishableKey, origin });
    assert.equal(list.status, 200);
  });
});
