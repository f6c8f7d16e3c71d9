import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { jobs, posts } from '../../server/db/schema.js';
import { makeTestApp, type TestContext } from '../helpers/app.js';
import { staffSessionFor } from '../helpers/fixtures.js';

/** The console's live previews: markdown → the rich-text tree members will see, nothing saved, for the staff who may write it. */
describe('admin markdown previews (jobs, company posts)', () => {
  let t: TestContext;
  before(async () => {
    t = await makeTestApp();
  });
  after(() => t.close());

  for (const [path, field, capability, table] of [
    ['/v1/admin/jobs/preview', 'markdown', 'jobs.manage', jobs],
    ['/v1/admin/posts/preview', 'body', 'posts.manage', posts],
  ] as const) {
    it(`${path}: the tree, nothing saved; needs ${capability}`, async () => {
      const tn = await t.tenant();
      const admin = await staffSessionFor(t, tn.id, 'admin');
      const res = await t.call('POST', path, { token: admin.token, body: { [field]: '## 見出し\n**太字** と <script>alert(1)</script> https://example.jp' } });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const tree = JSON.stringify(res.body.body);
      assert.match(tree, /"type":"heading"/);
      assert.match(tree, /"type":"strong"/);
      assert.match(tree, /"type":"link"/);
      assert.match(tree, /<script>alert\(1\)<\/script>/, 'raw HTML stays text');
      assert.equal((await t.deps.db.select().from(table).where(eq(table.tenantId, tn.id))).length, 0);

      const moderator = await staffSessionFor(t, tn.id, 'moderator');
      const refused = await t.call('POST', path, { token: moderator.token, body: { [field]: 'x' } });
      assert.equal(refused.status, 403);
      const bad = await t.call('POST', path, { token: tn.sk, body: { [field]: 'x'.repeat(200_000) } });
      assert.equal(bad.status, 422);
      assert.ok(bad.body.errors.some((e: { field: string }) => e.field === `body.${field}`), JSON.stringify(bad.body.errors));
    });
  }
});
