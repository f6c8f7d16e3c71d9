/**
 * One text rule for every free-text field, wherever the text comes from: request bodies, the roster
 * (JSON, CSV and the CLI import), SSO claims. Each bad value is a 422 naming the field (a CLI error
 * naming the line) and nothing is stored.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { SignJWT } from 'jose';
import { registerRosterCommands } from '../../server/cli/roster.js';
import { eventBody, makeTestApp, type TestContext, type TestTenant } from '../helpers/app.js';
import { createMember, sessionFor } from '../helpers/members.js';

/** Refused in every single-line field (names, titles, labels…). */
const badSingleLine = [
  'Visible\u0000HIDDEN',
  '\u0000',
  'a\r\nb',
  'a\nb',
  '\u0007',
  'a\tb',
  '\u001b[31mred',
  '\u202Eabc',
  'x\u2066y\u2069',
  'a\u2028b',
  'a\u2029b',
  'a\u0085b',
  '\u007f',
];
/** Refused in multi-line fields (descriptions, messages): line breaks and tabs are text there, these are not. */
const badMultiLine = ['Visible\u0000HIDDEN', '\u0000', '\u0007', 'a\u001bb', 'a\u007fb', 'a\u0085b'];

describe('the text rule', () => {
  let t: TestContext;
  let a: TestTenant;
  let session: string;
  let otherId: string;
  let memberId: string;

  before(async () => {
    t = await makeTestApp();
    a = await t.tenant();
    const me = await createMember(t.deps.db, a.id, { name: '本人 太郎', status: 'approved' });
    memberId = me.id;
    session = await sessionFor(t.deps.db, me);
    otherId = (await createMember(t.deps.db, a.id, { name: '相手 花子', status: 'approved' })).id;
  });
  after(() => t.close());

  /** Every row of every table but counters and usage stamps, to see that a refusal wrote nothing. */
  async function dump() {
    // Work queued by earlier writes (index updates) is done first, so only this request's effect shows.
    await t.worker.drain();
    const tables = await t.deps.db.$client.execute("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '%fts%'");
    const skip = new Set(['rate_limits', 'api_keys', 'sessions', '__drizzle_migrations']);
    const out: Record<string, string[]> = {};
    for (const { name } of tables.rows as unknown as { name: string }[]) {
      if (!skip.has(name)) out[name] = (await t.deps.db.$client.execute(`select * from "${name}"`)).rows.map((r) => JSON.stringify(r)).sort();
    }
    return JSON.stringify(out);
  }

  async function expectRefused(label: string, send: () => Promise<{ status: number; body: any }>, field: string | RegExp) {
    const before = await dump();
    const res = await send();
    assert.equal(res.status, 422, `${label}: ${res.status} ${JSON.stringify(res.body)}`);
    const fields = (res.body.errors ?? []).map((e: { field: string }) => e.field);
    assert.ok(
      fields.some((f: string) => (typeof field === 'string' ? f === field : field.test(f))),
      `${label}: expected ${field}, got ${JSON.stringify(res.body)}`,
    );
    assert.equal(await dump(), before, `${label} stored something`);
  }

  const asMember = (method: string, path: string, body: unknown) => t.call(method, path, { token: session, origin: a.origin, body });
  const asAdmin = (method: string, path: string, body: unknown) => t.call(method, path, { token: a.sk, body });

  /** Request-body fields held to the single-line rule: [label, send(value), field]. */
  const singleLineFields: [string, (v: string) => Promise<{ status: number; body: any }>, string | RegExp][] = [
    ['me name', (v) => asMember('PATCH', '/v1/me', { name: v }), 'body.name'],
    ['me career department', (v) => asMember('PATCH', '/v1/me', { career: [{ department: v }] }), 'body.career.0.department'],
    ['me skill', (v) => asMember('PATCH', '/v1/me', { skills: [v] }), 'body.skills.0'],
    ['me link label', (v) => asMember('PATCH', '/v1/me', { links: [{ label: v, url: 'https://example.jp/' }] }), 'body.links.0.label'],
    ['me photo url', (v) => asMember('PATCH', '/v1/me', { photoUrl: `https://example.jp/${v}` }), 'body.photoUrl'],
    ['event title', (v) => asAdmin('POST', '/v1/admin/events', eventBody({ title: v })), 'body.title'],
    ['event venue', (v) => asAdmin('POST', '/v1/admin/events', eventBody({ venueName: v })), 'body.venueName'],
    ['event translated title', (v) => asAdmin('POST', '/v1/admin/events', eventBody({ translations: { en: { title: v } } })), 'body.translations.en.title'],
    ['tenant name', (v) => asAdmin('PATCH', '/v1/admin/tenant', { name: v }), 'body.name'],
    ['key label', (v) => asAdmin('POST', '/v1/admin/keys', { kind: 'secret', label: v }), 'body.label'],
    ['roster name (JSON)', (v) => asAdmin('POST', '/v1/admin/roster', { entries: [{ emails: ['json@example.jp'], name: v }] }), 'body.entries.0.name'],
    ['roster department (JSON)', (v) => asAdmin('POST', '/v1/admin/roster', { entries: [{ emails: ['json@example.jp'], name: '名簿', department: v }] }), 'body.entries.0.department'],
    [
      'roster name (CSV)',
      (v) => t.call('POST', '/v1/admin/roster', { token: a.sk, raw: `email,name\ncsv@example.jp,"${v}"\n`, headers: { 'content-type': 'text/csv' } }),
      // A quoted cell may span lines; csv-parse counts the line the record ends on.
      /^csv\.line \d+\.name$/,
    ],
  ];

  it('refuses control, line-break and bidi-override characters in every single-line field', async () => {
    for (const [label, send, field] of singleLineFields) {
      for (const value of badSingleLine) await expectRefused(`${label} ${JSON.stringify(value)}`, () => send(value), field);
    }
  });

  it('counts the minimum length after trimming', async () => {
    for (const value of [' ', '\u3000', '   ']) {
      await expectRefused(`me name ${JSON.stringify(value)}`, () => asMember('PATCH', '/v1/me', { name: value }), 'body.name');
      await expectRefused(`event title ${JSON.stringify(value)}`, () => asAdmin('POST', '/v1/admin/events', eventBody({ title: value })), 'body.title');
    }
  });

  it('refuses NUL and controls other than line breaks and tabs in multi-line fields', async () => {
    const multiLineFields: [string, (v: string) => Promise<{ status: number; body: any }>, string][] = [
      ['me bio', (v) => asMember('PATCH', '/v1/me', { bio: v }), 'body.bio'],
      ['contact message', (v) => asMember('POST', `/v1/members/${otherId}/contact`, { message: v }), 'body.message'],
      ['event description', (v) => asAdmin('POST', '/v1/admin/events', eventBody({ description: v })), 'body.description'],
      ['reject reason', (v) => asAdmin('POST', `/v1/admin/members/${otherId}/reject`, { reason: v }), 'body.reason'],
    ];
    for (const [label, send, field] of multiLineFields) {
      for (const value of badMultiLine) await expectRefused(`${label} ${JSON.stringify(value)}`, () => send(value), field);
    }
  });

  it('keeps real text: Japanese, right-to-left scripts, emoji; multi-line text keeps its line breaks (CRLF as LF)', async () => {
    for (const name of ['山田 太郎', "O'Brien-Smith", 'مريم العلي', '👩‍💻 Dev', 'Ｆｕｌｌ　ｗｉｄｔｈ']) {
      const res = await asMember('PATCH', '/v1/me', { name: `  ${name} ` });
      assert.equal(res.status, 200, `${name}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.profile.name, name);
    }
    const res = await asMember('PATCH', '/v1/me', { bio: '一行目\r\n二行目\r三行目\n\t字下げ' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.profile.bio, '一行目\n二行目\n三行目\n\t字下げ');
    assert.equal(res.body.id, memberId);
  });

  it('holds SSO claims to the same rule (name, sub)', async () => {
    await asAdmin('PATCH', '/v1/admin/tenant', { membershipPolicy: 'open' });
    const secret = (await asAdmin('POST', '/v1/admin/sso/secret', undefined)).body.secret as string;
    const now = Math.floor(t.clock.now().getTime() / 1000);
    let n = 0;
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT({ sub: `sso-${++n}`, email: `sso-${n}@example.jp`, name: 'SSO 太郎', ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(new TextEncoder().encode(secret));
    for (const value of badSingleLine) {
      for (const claim of ['name', 'sub']) {
        const token = await sign({ [claim]: value });
        await expectRefused(`sso ${claim} ${JSON.stringify(value)}`, () => t.call('POST', '/v1/auth/sso', { token: a.pk, origin: a.origin, body: { token } }), `body.token.${claim}`);
      }
    }
  });

  it('holds the CLI roster import to the same rule, naming the line and importing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'homecoming-text-'));
    try {
      for (const value of badSingleLine) {
        const file = join(dir, 'roster.csv');
        writeFileSync(file, `email,name\nfirst@example.jp,名簿 一郎\ncli@example.jp,"${value}"\n`);
        const program = new Command('homecoming').exitOverride();
        registerRosterCommands(program, async () => ({ ...t.deps, deliverOutbox: () => t.worker.drain(), close: async () => {} }));
        const before = await dump();
        const failed = await program.parseAsync(['node', 'homecoming', 'roster', 'import', '--tenant', a.id, file]).then(
          () => undefined,
          (err: Error) => err,
        );
        assert.ok(failed, `CLI accepted ${JSON.stringify(value)}`);
        assert.match(failed.message, /nothing was imported[\s\S]*csv\.line \d+\.name/, JSON.stringify(value));
        assert.equal(await dump(), before, `CLI stored ${JSON.stringify(value)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
