import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { members, outbox, rosterEmails, rosterEntries } from '../../server/db/schema.js';
import { makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { staffSessionFor } from '../helpers/fixtures.js';
import { createMember } from '../helpers/members.js';

/**
 * The roster's dry run: POST /v1/admin/roster/preview reads, validates and matches an upload as the
 * upload does, writes nothing, and says what the upload will then do — row by row.
 */
describe('roster preview (dry run)', () => {
  let t: TestContext;
  let seq = 0;
  const email = (label = 'p') => `${label}-${process.pid}-${++seq}@example.jp`;

  before(async () => {
    t = await makeTestApp();
  });
  after(() => t.close());

  const csvCall = (tn: TestTenant, path: string, csv: string, token = tn.sk) =>
    t.call('POST', path, { token, raw: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  /** Everything an upload could write, to compare before and after a dry run. */
  const snapshot = async (tn: TestTenant) => ({
    entries: await t.deps.db.select().from(rosterEntries).where(eq(rosterEntries.tenantId, tn.id)),
    emails: await t.deps.db.select().from(rosterEmails).where(eq(rosterEmails.tenantId, tn.id)),
    members: await t.deps.db.select().from(members).where(eq(members.tenantId, tn.id)),
    outbox: (await t.deps.db.select({ id: outbox.id, topic: outbox.topic }).from(outbox).where(eq(outbox.tenantId, tn.id))).sort((a, b) => a.id.localeCompare(b.id)),
  });

  it('counts new, updated (with the changed fields) and unchanged rows, reports bad rows by line and column, writes nothing — and the upload then does what it said', async () => {
    const tn = await t.tenant();
    const [kept, moved, renamed, taken] = [email('kept'), email('moved'), email('renamed'), email('taken')];
    const seeded = await t.call('POST', '/v1/admin/roster', {
      token: tn.sk,
      body: {
        entries: [
          { emails: [kept], name: '変更 なし', employeeNumber: 'E1', department: '営業部', leftOn: '2020-03-31' },
          { emails: [moved], name: '部署 移動', employeeNumber: 'E2', department: '営業部' },
          { emails: [renamed], name: '旧姓 花子' },
          { emails: [taken], name: '他の 人', employeeNumber: 'E9' },
        ],
      },
    });
    assert.equal(seeded.status, 200, JSON.stringify(seeded.body));
    const pending = await createMember(t.deps.db, tn.id, { email: email('pending'), status: 'pending' });
    const fresh = email('fresh');

    const csv = [
      'email,name,employeeNumber,department,joinedOn,leftOn,kind',
      `${kept},変更 なし,E1,営業部,,2020-03-31,alumni`, // line 2: unchanged
      `${moved},部署 移動,E2,開発部,,2021-03-31,`, // line 3: department and leftOn change
      `${renamed},新姓 花子,,,,,`, // line 4: name changes (matched by email)
      `${fresh};${pending.email},新人 一郎,E3,,2019/04,,employee`, // line 5: new, approves the pending member
      `not-an-email,壊れた 行,E4,,,,`, // line 6: bad email
      `${email('bad')},,E5,,2019年4月,,`, // line 7: no name, bad date
      `${taken},なりすまし,E6,,,,`, // line 8: the email belongs to E9
      `${fresh},重複,E7,,,,`, // line 9: repeats line 5's email
    ].join('\n');

    const before = await snapshot(tn);
    const preview = await csvCall(tn, '/v1/admin/roster/preview', csv);
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(await snapshot(tn), before, 'a dry run writes nothing (no entry, no email, no member approved, no mail queued)');

    const p = preview.body;
    assert.deepEqual({ rows: p.rows, created: p.created, updated: p.updated, unchanged: p.unchanged, approvals: p.approvals }, { rows: 8, created: 1, updated: 2, unchanged: 1, approvals: 1 });
    const byLine = (line: number) => p.valid.find((v: { line: number }) => v.line === line);
    assert.equal(byLine(2).status, 'unchanged');
    assert.deepEqual(byLine(3).changes, [
      { field: 'department', before: '営業部', after: '開発部' },
      { field: 'leftOn', before: null, after: '2021-03-31' },
    ]);
    assert.deepEqual(byLine(4).changes, [{ field: 'name', before: '旧姓 花子', after: '新姓 花子' }]);
    assert.equal(byLine(5).status, 'new');
    assert.deepEqual(byLine(5).entry.emails, [fresh, pending.email]);
    assert.equal(byLine(5).entry.joinedOn, '2019-04');
    const errors = p.errors.map((e: { line: number; field: string }) => `${e.line} ${e.field}`);
    assert.deepEqual(errors, ['6 email', '7 name', '7 joinedOn', '8 email', '9 email']);
    assert.match(p.errors.find((e: { line: number }) => e.line === 8).message, /E9/);
    assert.match(p.errors.find((e: { line: number }) => e.line === 9).message, /line 5/);

    // The whole file cannot be uploaded (all or nothing) — the rows the preview kept can, and do what it said.
    assert.equal((await csvCall(tn, '/v1/admin/roster', csv)).status, 422);
    assert.deepEqual(await snapshot(tn), before);
    const applied = await t.call('POST', '/v1/admin/roster', { token: tn.sk, body: { entries: p.valid.map((v: { entry: unknown }) => v.entry) } });
    assert.equal(applied.status, 200, JSON.stringify(applied.body));
    assert.equal(applied.body.created, p.created);
    assert.equal(applied.body.updated, p.updated + p.unchanged, 'the upload counts every matched row as updated');
    assert.deepEqual(applied.body.approvedMemberIds, [pending.id]);

    const entries = await t.deps.db.select().from(rosterEntries).where(eq(rosterEntries.tenantId, tn.id));
    const e2 = entries.find((e) => e.employeeNumber === 'E2')!;
    assert.equal(e2.department, '開発部');
    assert.equal(e2.leftOn, '2021-03-31');
    assert.equal(entries.find((e) => e.emails.includes(renamed))!.name, '新姓 花子');
    assert.equal(entries.length, 5);

    // Previewing the same rows again: nothing left to change.
    const again = await csvCall(tn, '/v1/admin/roster/preview', csv);
    assert.deepEqual({ created: again.body.created, updated: again.body.updated, unchanged: again.body.unchanged, approvals: again.body.approvals }, { created: 0, updated: 0, unchanged: 4, approvals: 0 });
  });

  it('JSON entries preview the same way, and whole-file problems are a 422 naming the field', async () => {
    const tn = await t.tenant();
    const json = await t.call('POST', '/v1/admin/roster/preview', { token: tn.sk, body: { entries: [{ emails: [email()], name: 'JSON 太郎' }] } });
    assert.equal(json.status, 200, JSON.stringify(json.body));
    assert.equal(json.body.created, 1);
    assert.equal(json.body.valid[0].line, 1);

    const header = await csvCall(tn, '/v1/admin/roster/preview', 'mail,name\nx@example.jp,x');
    assert.equal(header.status, 422);
    assert.ok(header.body.errors.some((e: { field: string }) => e.field.includes('csv.header')), JSON.stringify(header.body));
    const empty = await csvCall(tn, '/v1/admin/roster/preview', 'email,name\n');
    assert.equal(empty.status, 422);
    assert.equal((await t.deps.db.select().from(rosterEntries).where(eq(rosterEntries.tenantId, tn.id))).length, 0);
  });

  it('needs roster.manage: an admin may, a moderator may not; another tenant sees its own roster only', async () => {
    const tn = await t.tenant();
    const other = await t.tenant();
    const shared = email('shared');
    await t.call('POST', '/v1/admin/roster', { token: other.sk, body: { entries: [{ emails: [shared], name: '別 会社' }] } });
    const admin = await staffSessionFor(t, tn.id, 'admin');
    const moderator = await staffSessionFor(t, tn.id, 'moderator');
    const csv = `email,name\n${shared},自社 の人`;
    const ok = await csvCall(tn, '/v1/admin/roster/preview', csv, admin.token);
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.created, 1, 'the other tenant’s entry with the same email is not matched');
    assert.equal((await csvCall(tn, '/v1/admin/roster/preview', csv, moderator.token)).status, 403);
    assert.equal((await csvCall(tn, '/v1/admin/roster/preview', csv, tn.pk)).status, 403, 'a publishable key is not enough');
  });
});
