import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { makeTestApp, type TestContext } from '../helpers/app.js';

describe('tenant settings: alumni page, contact addresses, reminder lead time', () => {
  let t: TestContext;
  before(async () => {
    t = await makeTestApp();
  });
  after(() => t.close());

  it('defaults, then saved and shown: addresses normalised and deduplicated', async () => {
    const a = await t.tenant();
    const initial = await t.call('GET', '/v1/admin/tenant', { token: a.sk });
    assert.equal(initial.body.alumniPageUrl, null);
    assert.deepEqual(initial.body.contactEmails, []);
    assert.equal(initial.body.eventReminderHours, 24);
    const res = await t.call('PATCH', '/v1/admin/tenant', {
      token: a.sk,
      body: { alumniPageUrl: 'https://careers.example.jp/alumni', contactEmails: [' HR@Example.jp', 'hr@example.jp', 'alumni@example.jp'], eventReminderHours: 48 },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.alumniPageUrl, 'https://careers.example.jp/alumni');
    assert.deepEqual(res.body.contactEmails, ['hr@example.jp', 'alumni@example.jp']);
    assert.equal(res.body.eventReminderHours, 48);
  });

  it('refuses bad values, naming the field, and changes nothing', async () => {
    const a = await t.tenant();
    for (const [body, field] of [
      [{ alumniPageUrl: 'javascript:alert(1)' }, 'body.alumniPageUrl'],
      [{ contactEmails: ['not an address'] }, 'body.contactEmails.0'],
      [{ contactEmails: Array.from({ length: 11 }, (_, i) => `a${i}@example.jp`) }, 'body.contactEmails'],
      [{ eventReminderHours: -1 }, 'body.eventReminderHours'],
    ] as const) {
      const res = await t.call('PATCH', '/v1/admin/tenant', { token: a.sk, body });
      assert.equal(res.status, 422, JSON.stringify(body));
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), JSON.stringify(res.body.errors));
    }
    const after = await t.call('GET', '/v1/admin/tenant', { token: a.sk });
    assert.equal(after.body.alumniPageUrl, null);
    assert.equal(after.body.eventReminderHours, 24);
  });
});
