import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { eq } from 'drizzle-orm';
import { registerRosterCommands } from '../../server/cli/roster.js';
import { members, rosterEmails, rosterEntries } from '../../server/db/schema.js';
import { MAX_ROSTER_ROWS, rosterCsvColumns } from '../../server/modules/roster/service.js';
import { type TestContext, type TestTenant } from '../helpers/app.js';
import { makeSmtpTestApp, type TestSmtp } from '../helpers/smtp.js';

describe('roster', () => {
  let smtp: TestSmtp;
  let t: TestContext;
  let seq = 0;
  const email = (label = 'r') => `${label}-${process.pid}-${++seq}@example.jp`;

  before(async () => {
    ({ t, smtp } = await makeSmtpTestApp());
  });
  after(() => t.close());

  const upload = (tn: TestTenant, entries: unknown[]) => t.call('POST', '/v1/admin/roster', { token: tn.sk, body: { entries } });
  const uploadCsv = (tn: TestTenant, csv: string) =>
    t.call('POST', '/v1/admin/roster', { token: tn.sk, raw: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
  const entriesOf = async (tn: TestTenant) => t.deps.db.select().from(rosterEntries).where(eq(rosterEntries.tenantId, tn.id));
  const fields = (res: { body: any }) => (res.body.errors ?? []).map((e: { field: string }) => e.field);

  it('uploads JSON, lists with pagination, reads and deletes entries', async () => {
    const tn = await t.tenant();
    const rows = [
      { emails: [email(), email()], name: '山田 太郎', employeeNumber: 'E1', department: '営業部', joinedOn: '2015-04-01', leftOn: '2023-03-31' },
      { emails: [email()], name: '佐藤 花子', kind: 'employee' },
      { emails: [email().toUpperCase()], name: '鈴木 一郎', joinedOn: '2019/04/01' },
    ];
    const res = await upload(tn, rows);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(res.body, { created: 3, updated: 0, approved: 0, approvedMemberIds: [] });

    const page1 = await t.call('GET', '/v1/admin/roster?limit=2', { token: tn.sk });
    assert.equal(page1.status, 200);
    assert.equal(page1.body.data.length, 2);
    assert.ok(page1.body.nextCursor);
    const page2 = await t.call('GET', `/v1/admin/roster?limit=2&cursor=${page1.body.nextCursor}`, { token: tn.sk });
    assert.equal(page2.body.data.length, 1);
    assert.equal(page2.body.nextCursor, null);
    const all = [...page1.body.data, ...page2.body.data];
    assert.equal(new Set(all.map((e: { id: string }) => e.id)).size, 3);
    const suzuki = all.find((e: { name: string }) => e.name === '鈴木 一郎');
    assert.equal(suzuki.emails[0], rows[2]!.emails[0]!.toLowerCase());
    assert.equal(suzuki.joinedOn, '2019-04-01');
    assert.equal(suzuki.kind, 'alumni');

    const byEmail = await t.call('GET', `/v1/admin/roster?email=${encodeURIComponent(rows[0]!.emails[1]!)}`, { token: tn.sk });
    assert.deepEqual(byEmail.body.data.map((e: { employeeNumber: string }) => e.employeeNumber), ['E1']);

    const one = await t.call('GET', `/v1/admin/roster/${suzuki.id}`, { token: tn.sk });
    assert.equal(one.body.name, '鈴木 一郎');
    assert.equal((await t.call('DELETE', `/v1/admin/roster/${suzuki.id}`, { token: tn.sk })).status, 204);
    assert.equal((await t.call('GET', `/v1/admin/roster/${suzuki.id}`, { token: tn.sk })).status, 404);
    assert.equal((await t.deps.db.select().from(rosterEmails).where(eq(rosterEmails.rosterEntryId, suzuki.id))).length, 0);
  });

  it('upserts by employee number, else by email', async () => {
    const tn = await t.tenant();
    const [old, fresh, plain] = [email('old'), email('new'), email('plain')];
    await upload(tn, [
      { emails: [old], name: '山田 太郎', employeeNumber: 'E1', department: '営業部' },
      { emails: [plain], name: '佐藤 花子' },
    ]);
    const res = await upload(tn, [
      { emails: [fresh], name: '山田 太郎', employeeNumber: 'E1', department: '企画部' },
      { emails: [plain], name: '佐藤 花子', department: '開発部' },
    ]);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual([res.body.created, res.body.updated], [0, 2]);
    const rows = await entriesOf(tn);
    assert.equal(rows.length, 2);
    const yamada = rows.find((r) => r.employeeNumber === 'E1')!;
    assert.deepEqual(yamada.emails, [fresh]);
    assert.equal(yamada.department, '企画部');
    assert.equal(rows.find((r) => r.name === '佐藤 花子')!.department, '開発部');
    // The replaced address no longer matches.
    assert.equal((await t.call('GET', `/v1/admin/roster?email=${old}`, { token: tn.sk })).body.data.length, 0);
  });

  it('refuses a bad upload as a whole, naming each row and field', async () => {
    const tn = await t.tenant();
    const taken = email('taken');
    await upload(tn, [{ emails: [taken], name: '既存', employeeNumber: 'E9' }]);
    const before = await entriesOf(tn);
    const dup = email('dup');
    const cases: [string, unknown[], string[]][] = [
      [
        'field errors in several rows',
        [
          { emails: [email()], name: 'ok' },
          { emails: ['not-an-email'], name: 'x' },
          { emails: [email()], name: '' },
          { emails: [], name: 'y', joinedOn: 'April' },
          { emails: [email()], name: 'z', joinedOn: '2020-01-01', leftOn: '2019-01-01' },
          { emails: [email()], name: 'w', kind: 'C.E.O.', extra: 1 },
        ],
        ['body.entries.1.emails.0', 'body.entries.2.name', 'body.entries.3.emails', 'body.entries.3.joinedOn', 'body.entries.4.leftOn', 'body.entries.5.kind', 'body.entries.5.extra'],
      ],
      ['same email twice in the upload', [{ emails: [dup], name: 'a' }, { emails: [dup], name: 'b' }], ['body.entries.1.emails.0']],
      ['same employee number twice', [{ emails: [email()], name: 'a', employeeNumber: 'E5' }, { emails: [email()], name: 'b', employeeNumber: 'E5' }], ['body.entries.1.employeeNumber']],
      ["someone else's email", [{ emails: [email()], name: 'ok' }, { emails: [taken], name: 'b', employeeNumber: 'E10' }], ['body.entries.1.emails.0']],
      ['no entries', [], ['body.entries']],
    ];
    for (const [label, entries, expected] of cases) {
      const res = await upload(tn, entries);
      assert.equal(res.status, 422, `${label}: ${JSON.stringify(res.body)}`);
      for (const f of expected) assert.ok(fields(res).includes(f), `${label}: ${f} not in ${JSON.stringify(fields(res))}`);
    }
    assert.deepEqual(await entriesOf(tn), before);
    const noBody = await t.call('POST', '/v1/admin/roster', { token: tn.sk });
    assert.equal(noBody.status, 422);
    const xml = await t.call('POST', '/v1/admin/roster', { token: tn.sk, raw: '<roster/>', headers: { 'content-type': 'application/xml' } });
    assert.equal(xml.status, 415);
  });

  it('takes up to 5000 rows in one call, and no more', async () => {
    const tn = await t.tenant();
    const rows = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ emails: [`bulk-${tag}-${i}@example.jp`], name: `一括 ${i}`, employeeNumber: `${tag}${i}` }));
    const big = await upload(tn, rows(5001, 'X'));
    assert.equal(big.status, 422);
    assert.deepEqual(fields(big), ['body.entries']);
    const ok = await upload(tn, rows(5000, 'B'));
    assert.equal(ok.status, 200, JSON.stringify(ok.body).slice(0, 500));
    assert.equal(ok.body.created, 5000);
    assert.equal((await entriesOf(tn)).length, 5000);
  });

  it('accepts CSV (BOM, quoted cells, several emails per cell) and reports bad lines by number', async () => {
    const tn = await t.tenant();
    const [a1, a2, b1] = [email(), email(), email()];
    const csv = `\uFEFFemail,name,employeeNumber,department,joinedOn,leftOn,kind\r\n${a1}; ${a2},"山田, 太郎",E1,営業部,2015-04-01,2023-03-31,alumni\r\n\r\n${b1},佐藤 花子,,"開発部",,,employee\r\n`;
    const res = await uploadCsv(tn, csv);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.created, 2);
    const rows = await entriesOf(tn);
    const yamada = rows.find((r) => r.employeeNumber === 'E1')!;
    assert.deepEqual(yamada.emails, [a1, a2]);
    assert.equal(yamada.name, '山田, 太郎');
    assert.equal(yamada.leftOn, '2023-03-31');
    const sato = rows.find((r) => r.name === '佐藤 花子')!;
    assert.equal(sato.kind, 'employee');
    assert.equal(sato.employeeNumber, null);

    const before = await entriesOf(tn);
    const bad: [string, string, string[]][] = [
      ['bad email on line 3', `email,name\n${email()},ok\nnot-an-email,x\n`, ['csv.line 3.email (address 1)']],
      ['missing name on line 2', `email,name\n${email()},\n`, ['csv.line 2.name']],
      ['unknown column', `email,name,salary\n${email()},x,100\n`, ['csv.header']],
      ['missing column', `name\nx\n`, ['csv.header']],
      ['duplicate rows', `email,name\n${b1},x\n${b1},y\n`, ['csv.line 3.email (address 1)']],
      ['broken quoting', `email,name\n"${email()},x\n`, ['csv']],
      ['header only', `email,name\n`, ['csv']],
    ];
    for (const [label, body, expected] of bad) {
      const r = await uploadCsv(tn, body);
      assert.equal(r.status, 422, `${label}: ${JSON.stringify(r.body)}`);
      for (const f of expected) assert.ok(fields(r).some((x: string) => x.startsWith(f)), `${label}: ${f} not in ${JSON.stringify(fields(r))}`);
    }
    assert.deepEqual(await entriesOf(tn), before);
  });

  it('a roster upload approves pending members whose email it lists, and tells them by mail', async () => {
    const tn = await t.tenant('ミライ製作所');
    const address = email('pending');
    await t.call('POST', '/v1/auth/email/start', { token: tn.pk, origin: tn.origin, body: { email: address } });
    const codeMail = await smtp.waitFor((m) => m.to.includes(address) && /サインインコード/.test(m.subject));
    const code = /\b(\d{6})\b/.exec(codeMail.text)![1]!;
    const signedIn = await t.call('POST', '/v1/auth/email/verify', { token: tn.pk, origin: tn.origin, body: { email: address, code } });
    assert.equal(signedIn.body.member.status, 'pending');
    await t.call('PATCH', '/v1/me', { token: signedIn.body.token, origin: tn.origin, body: { name: '自分で 付けた名前' } });

    const other = email('unrelated');
    const res = await upload(tn, [{ emails: [address], name: '名簿の 名前', department: '総務部', leftOn: '2022-03-31' }, { emails: [other], name: 'x' }]);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.approvedMemberIds, [signedIn.body.member.id]);
    const me = await t.call('GET', '/v1/me', { token: signedIn.body.token, origin: tn.origin });
    assert.equal(me.body.status, 'approved');
    // What the member wrote wins; empty fields are filled from the roster.
    assert.equal(me.body.profile.name, '自分で 付けた名前');
    assert.equal(me.body.profile.lastDepartment, '総務部');
    assert.equal(me.body.profile.leftYear, 2022);
    const mail = await smtp.waitFor((m) => m.to.includes(address) && /承認/.test(m.subject));
    assert.equal(mail.subject, '[ミライ製作所] 参加が承認されました');
    // Approved or rejected members are not touched by later uploads.
    const again = await upload(tn, [{ emails: [address], name: '名簿の 名前' }]);
    assert.deepEqual(again.body.approvedMemberIds, []);
  });

  it('keeps tenants apart and needs the secret key', async () => {
    const a = await t.tenant();
    const b = await t.tenant();
    await upload(a, [{ emails: [email()], name: 'A の人' }]);
    const [entry] = await entriesOf(a);
    assert.equal((await t.call('GET', `/v1/admin/roster/${entry!.id}`, { token: b.sk })).status, 404);
    assert.equal((await t.call('DELETE', `/v1/admin/roster/${entry!.id}`, { token: b.sk })).status, 404);
    assert.equal((await t.call('GET', '/v1/admin/roster', { token: b.sk })).body.data.length, 0);
    assert.equal((await t.call('GET', '/v1/admin/roster', { token: a.pk, origin: a.origin })).status, 403);
    assert.equal((await t.call('POST', '/v1/admin/roster', { token: a.sk, origin: a.origin, body: { entries: [] } })).status, 403);
    // The same email may be on both tenants' rosters.
    const shared = email('shared');
    assert.equal((await upload(a, [{ emails: [shared], name: 'a' }])).status, 200);
    assert.equal((await upload(b, [{ emails: [shared], name: 'b' }])).status, 200);
  });

  describe('CLI: roster import / list', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'homecoming-roster-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs a roster sub-command over the test app's database, capturing what it prints. */
    async function run(args: string[]) {
      const program = new Command('homecoming').exitOverride();
      registerRosterCommands(program, async () => ({ ...t.deps, deliverOutbox: () => t.worker.drain(), close: async () => {} }));
      const out: string[] = [];
      const log = console.log;
      console.log = (...parts: unknown[]) => void out.push(parts.join(' '));
      try {
        await program.parseAsync(['node', 'homecoming', ...args]);
        return { output: out.join('\n'), error: undefined };
      } catch (err) {
        return { output: out.join('\n'), error: err as Error };
      } finally {
        console.log = log;
      }
    }

    it('describes the same CSV columns as the API', () => {
      const program = new Command('homecoming');
      registerRosterCommands(program, async () => ({ ...t.deps, deliverOutbox: () => t.worker.drain(), close: async () => {} }));
      const help = program.commands.find((c) => c.name() === 'roster')!.commands.find((c) => c.name() === 'import')!.helpInformation();
      assert.ok(help.includes(rosterCsvColumns.join(',')), help);
      assert.ok(help.includes(`1–${MAX_ROSTER_ROWS}`), help);
    });

    it('imports a CSV in batches and lists it', async () => {
      const tn = await t.tenant('ミライ製作所');
      const lines = ['email,name,employeeNumber,department'];
      for (let i = 0; i < 25; i++) lines.push(`cli-${seq}-${i}@example.jp,社員 ${i},C${i},営業部`);
      const file = join(dir, 'leavers.csv');
      writeFileSync(file, `${lines.join('\n')}\n`);
      const imported = await run(['roster', 'import', '--tenant', tn.id, '--batch-size', '10', file]);
      assert.equal(imported.error, undefined, String(imported.error));
      assert.match(imported.output, /Imported 25 roster rows into ミライ製作所: 25 new, 0 updated/);
      assert.equal((await entriesOf(tn)).length, 25);
      const listed = await run(['roster', 'list', '--tenant', tn.id, '--json']);
      assert.equal(JSON.parse(listed.output).length, 25);
    });

    it('checks the whole file first: one bad line means nothing is imported', async () => {
      const tn = await t.tenant();
      const lines = ['email,name'];
      for (let i = 0; i < 30; i++) lines.push(i === 27 ? 'broken,名前' : `ok-${seq}-${i}@example.jp,名前 ${i}`);
      const file = join(dir, 'bad.csv');
      writeFileSync(file, lines.join('\n'));
      const res = await run(['roster', 'import', '--tenant', tn.id, '--batch-size', '10', file]);
      assert.ok(res.error);
      assert.match(res.error.message, /nothing was imported[\s\S]*csv\.line 29\.email/);
      assert.equal((await entriesOf(tn)).length, 0);
      const missing = await run(['roster', 'import', '--tenant', tn.id, join(dir, 'nope.csv')]);
      assert.match(String(missing.error?.message), /Cannot read/);
    });
  });

  it('members keep their membership when their roster entry is deleted', async () => {
    const tn = await t.tenant();
    const address = email();
    await upload(tn, [{ emails: [address], name: '消える 名簿' }]);
    await t.call('POST', '/v1/auth/email/start', { token: tn.pk, origin: tn.origin, body: { email: address } });
    const m = await smtp.waitFor((x) => x.to.includes(address));
    const res = await t.call('POST', '/v1/auth/email/verify', { token: tn.pk, origin: tn.origin, body: { email: address, code: /\b(\d{6})\b/.exec(m.text)![1] } });
    assert.equal(res.body.member.status, 'approved');
    const [entry] = await entriesOf(tn);
    await t.call('DELETE', `/v1/admin/roster/${entry!.id}`, { token: tn.sk });
    const [row] = await t.deps.db.select().from(members).where(eq(members.id, res.body.member.id));
    assert.equal(row!.status, 'approved');
    assert.equal(row!.rosterEntryId, null);
  });
});
