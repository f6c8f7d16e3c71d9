import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { apiKeys } from '../../server/db/schema.js';
import { migrateDb, openDb, type Db } from '../../server/db/client.js';
import { sha256 } from '../../server/core/crypto.js';
import { findApiKey, getTenant, listTenants } from '../../server/modules/tenants/service.js';
import { createMember } from '../helpers/members.js';
import { testDb } from '../helpers/db.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI in its own process, as an operator runs it, against `databaseUrl`. */
function cli(databaseUrl: string, args: string[]): Promise<Run> {
  return new Promise((ok) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', ...args],
      { env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl }, timeout: 120_000 },
      (err, stdout, stderr) => ok({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Each CLI run is a process of its own (seconds under tsx); independent cases run side by side.
describe('operator CLI', { concurrency: true }, () => {
  let db: Db;
  let url: string;
  let close: () => Promise<void>;
  const run = (...args: string[]) => cli(url, args);

  before(async () => {
    ({ db, url, close } = await testDb());
  });
  after(() => close());

  it('--help lists the commands, and every command has help', async () => {
    const top = await run('--help');
    assert.equal(top.code, 0);
    for (const word of ['tenants', 'keys', 'origins', 'outbox']) assert.match(top.stdout, new RegExp(`\\b${word}\\b`));
    const create = await run('tenants', 'create', '--help');
    assert.equal(create.code, 0);
    for (const flag of ['--name', '--origin', '--locale', '--policy', '--json']) assert.ok(create.stdout.includes(flag), flag);
    const revoke = await run('keys', 'revoke', '--help');
    assert.equal(revoke.code, 0);
    assert.match(revoke.stdout, /^Usage: homecoming keys revoke \[options\] <keyId>/);
  });

  it('tenants create --json prints exactly the id and two working keys, stored only as hashes', async () => {
    const res = await run('tenants', 'create', '--name', 'CLI株式会社', '--origin', 'https://careers.cli.example.jp', '--locale', 'en', '--policy', 'open', '--json');
    assert.equal(res.code, 0, res.stderr);
    const out = JSON.parse(res.stdout);
    assert.deepEqual(Object.keys(out).sort(), ['publishableKey', 'secretKey', 'tenantId']);
    assert.match(out.publishableKey, /^pk_[0-9A-Za-z]{32}$/);
    assert.match(out.secretKey, /^sk_[0-9A-Za-z]{32}$/);

    const tenant = await getTenant(db, out.tenantId);
    assert.equal(tenant?.name, 'CLI株式会社');
    assert.deepEqual(tenant?.allowedOrigins, ['https://careers.cli.example.jp']);
    assert.equal(tenant?.defaultLocale, 'en');
    assert.equal(tenant?.membershipPolicy, 'open');
    const pk = await findApiKey(db, out.publishableKey);
    assert.equal(pk?.tenant.id, out.tenantId);
    assert.equal(pk?.key.kind, 'publishable');
    assert.equal((await findApiKey(db, out.secretKey))?.key.kind, 'secret');
    const stored = await db.select().from(apiKeys).where(eq(apiKeys.tenantId, out.tenantId));
    assert.equal(stored.length, 2);
    for (const row of stored) {
      assert.ok([sha256(out.publishableKey), sha256(out.secretKey)].includes(row.hash));
      assert.ok(!JSON.stringify(row).includes(out.secretKey.slice(3)), 'the clear key must not be stored');
    }
  });

  it('tenants create without --json shows the keys once, with a warning, and list shows the tenant', async () => {
    const res = await run('tenants', 'create', '--name', '株式会社リスト', '--origin', 'https://Careers.List.example.jp/');
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /pk_[0-9A-Za-z]{32}/);
    assert.match(res.stdout, /sk_[0-9A-Za-z]{32}/);
    assert.match(res.stdout, /shown once/);
    const id = /ten_[0-9A-Za-z]{20}/.exec(res.stdout)![0];
    assert.deepEqual((await getTenant(db, id))?.allowedOrigins, ['https://careers.list.example.jp']);

    const list = await run('tenants', 'list');
    assert.equal(list.code, 0);
    assert.match(list.stdout, new RegExp(`${id}\\s+株式会社リスト`));
    assert.doesNotMatch(list.stdout, /pk_|sk_/);
    const json = JSON.parse((await run('tenants', 'list', '--json')).stdout) as { id: string; name: string }[];
    assert.equal(json.find((t) => t.id === id)?.name, '株式会社リスト');
  });

  it('refuses bad input with exit code 1 and a message, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['tenants', 'create', '--name', 'X', '--origin', 'ftp://files.example.jp'], /"ftp:\/\/files\.example\.jp" is not an origin/],
      [['tenants', 'create', '--origin', 'https://a.example.jp'], /--name/],
      [['tenants', 'create', '--name', '   '], /--name must not be empty/],
      [['tenants', 'create', '--name', 'X', '--locale', 'fr'], /--locale/],
      [['tenants', 'create', '--name', 'X', '--policy', 'everyone'], /--policy/],
      [['keys', 'list', '--tenant', 'ten_doesnotexist'], /No tenant ten_doesnotexist/],
      [['origins', 'set', '--tenant', 'ten_doesnotexist', 'https://a.example.jp'], /No tenant/],
      [['nonsense'], /unknown command/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(...args)));
    cases.forEach(([args, message], i) => {
      const res = results[i]!;
      assert.equal(res.code, 1, `${args.join(' ')} → ${res.code}`);
      assert.match(res.stderr, message, args.join(' '));
      assert.doesNotMatch(res.stderr, /\n\s+at /, 'no stack trace for an operator mistake');
    });
    const names = (await listTenants(db)).map((t) => t.name.trim());
    assert.ok(!names.includes('X') && !names.includes(''), 'no tenant was written');
  });

  it('keys create, list and revoke', async () => {
    const { tenantId } = JSON.parse((await run('tenants', 'create', '--name', '鍵テスト', '--json')).stdout);
    const created = await run('keys', 'create', '--tenant', tenantId, '--kind', 'publishable', '--label', 'careers site', '--json');
    assert.equal(created.code, 0, created.stderr);
    const key = JSON.parse(created.stdout) as { id: string; key: string; kind: string; label: string };
    assert.equal(key.kind, 'publishable');
    assert.equal(key.label, 'careers site');
    assert.equal((await findApiKey(db, key.key))?.tenant.id, tenantId);

    const list = await run('keys', 'list', '--tenant', tenantId);
    assert.equal(list.code, 0);
    assert.match(list.stdout, new RegExp(`${key.id}\\s+publishable\\s+careers site\\s+pk_`));
    assert.ok(!list.stdout.includes(key.key), 'keys are never shown again');
    assert.equal(list.stdout.trim().split('\n').length, 2 + 3, 'header, rule and three keys');

    const revoked = await run('keys', 'revoke', '--tenant', tenantId, key.id);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Revoked publishable key/);
    assert.ok((await findApiKey(db, key.key))?.key.revokedAt);
    const listed = JSON.parse((await run('keys', 'list', '--tenant', tenantId, '--json')).stdout) as { id: string; revokedAt: string | null }[];
    assert.ok(listed.find((k) => k.id === key.id)?.revokedAt);
    assert.equal(listed.filter((k) => !k.revokedAt).length, 2);

    const missing = await run('keys', 'revoke', '--tenant', tenantId, 'key_nope');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No API key key_nope/);
    // Another tenant's key cannot be revoked through this tenant.
    const other = JSON.parse((await run('tenants', 'create', '--name', '別テナント', '--json')).stdout);
    const otherKey = JSON.parse((await run('keys', 'create', '--tenant', other.tenantId, '--kind', 'secret', '--json')).stdout);
    assert.equal((await run('keys', 'revoke', '--tenant', tenantId, otherKey.id)).code, 1);
    assert.equal((await findApiKey(db, otherKey.key))?.key.revokedAt, null);
  });

  it('origins set, add, remove and list', async () => {
    const { tenantId } = JSON.parse((await run('tenants', 'create', '--name', 'オリジン', '--origin', 'https://old.example.jp', '--json')).stdout);
    const origins = async () => (await getTenant(db, tenantId))!.allowedOrigins;

    let res = await run('origins', 'set', '--tenant', tenantId, 'https://a.example.jp', 'http://localhost:8080/');
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(await origins(), ['https://a.example.jp', 'http://localhost:8080']);
    res = await run('origins', 'add', '--tenant', tenantId, 'https://b.example.jp', 'https://a.example.jp');
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(await origins(), ['https://a.example.jp', 'http://localhost:8080', 'https://b.example.jp']);
    res = await run('origins', 'remove', '--tenant', tenantId, 'http://localhost:8080');
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(await origins(), ['https://a.example.jp', 'https://b.example.jp']);
    const list = await run('origins', 'list', '--tenant', tenantId);
    assert.match(list.stdout, /https:\/\/a\.example\.jp\n\s+https:\/\/b\.example\.jp/);

    const bad = await run('origins', 'set', '--tenant', tenantId, 'https://ok.example.jp', 'javascript:alert(1)');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /"javascript:alert\(1\)" is not an origin/);
    assert.deepEqual(await origins(), ['https://a.example.jp', 'https://b.example.jp'], 'nothing changed');
  });
});

describe('operator CLI: outbox', () => {
  // The outbox lives beside a file database, so this part always uses a file URL of its own.
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-outbox-'));
  const url = `file:${join(dir, 'homecoming.db')}`;
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('says so when the outbox is empty', async () => {
    const res = await cli(url, ['outbox']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /outbox is empty/);
  });

  it('shows who, the subject and the code of each message, and --tail limits them', async () => {
    const entry = (to: string, code: string) => ({
      from: 'Homecoming <no-reply@homecoming.localhost>',
      to,
      subject: '[株式会社ミライ製作所] サインインコード',
      text: `サインインコードは次のとおりです:\n\n    ${code}\n\n10 分間有効です。`,
      tag: 'sign-in-code',
      sentAt: '2026-11-21T03:00:00.000Z',
    });
    writeFileSync(
      join(dir, 'outbox.jsonl'),
      [JSON.stringify(entry('first@example.jp', '111111')), '{"cut short', JSON.stringify(entry('second@example.jp', '042042'))].join('\n') + '\n',
    );
    const all = await cli(url, ['outbox']);
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /To:\s+first@example\.jp/);
    assert.match(all.stdout, /Code:\s+111111/);
    assert.match(all.stdout, /Subject:\s+\[株式会社ミライ製作所\] サインインコード/);
    assert.match(all.stdout, /To:\s+second@example\.jp[\s\S]*Code:\s+042042/);

    const last = await cli(url, ['outbox', '--tail', '1']);
    assert.doesNotMatch(last.stdout, /first@example\.jp/);
    assert.match(last.stdout, /second@example\.jp/);
    const json = JSON.parse((await cli(url, ['outbox', '--json'])).stdout) as { to: string; code: string | null }[];
    assert.deepEqual(json.map((m) => m.to), ['first@example.jp', 'second@example.jp']);
    assert.deepEqual(json.map((m) => m.code), ['111111', '042042']);

    const bad = await cli(url, ['outbox', '--tail', 'abc']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--tail/);
  });

  it('members list shows the approval queue; approve and reject decide, mail the member, and refuse a second decision', async () => {
    // On this file database, so the approval mail lands in the development outbox beside it.
    const run = (...args: string[]) => cli(url, args);
    const db = openDb(url);
    await migrateDb(db);
    const created = JSON.parse((await run('tenants', 'create', '--name', '承認株式会社', '--origin', 'https://careers.approve.example.jp', '--json')).stdout);
    const tenant = (await getTenant(db, created.tenantId))!;
    const [waiting, other] = [await createMember(db, tenant.id, { name: '待機 一郎', email: `wait-${Date.now()}@example.jp` }), await createMember(db, tenant.id, { name: '待機 二郎' })];
    const list = await run('members', 'list', '--tenant', tenant.id, '--status', 'pending', '--json');
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout).map((m: { id: string }) => m.id).sort(), [waiting.id, other.id].sort());
    const text = await run('members', 'list', '--tenant', tenant.id);
    assert.match(text.stdout, /2 waiting\. Approve one with: members approve --tenant/);

    const approved = await run('members', 'approve', '--tenant', tenant.id, waiting.id);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, /is now approved/);
    const mail = JSON.parse((await run('outbox', '--json')).stdout) as { to: string; subject: string }[];
    assert.ok(mail.some((m) => m.to === waiting.email && /承認/.test(m.subject)), 'the approval mail went out');

    const noReason = await run('members', 'reject', '--tenant', tenant.id, other.id);
    assert.equal(noReason.code, 1);
    assert.match(noReason.stderr, /--reason/);
    const rejected = await run('members', 'reject', '--tenant', tenant.id, '--reason', '在籍記録なし', other.id);
    assert.equal(rejected.code, 0, rejected.stderr);
    const again = await run('members', 'approve', '--tenant', tenant.id, other.id);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /rejected/);
    db.$client.close();
  });
});
