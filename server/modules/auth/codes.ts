import { desc, eq, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { randomDigits, safeEqual, sha256 } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { signInCodeMail, type Locale } from '../../core/mail/templates.js';
import { recordMail } from '../../core/outbox/record.js';
import { tenantDb } from '../../core/tenant-db.js';
import type { OutboxTopics } from '../../core/outbox/topics.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import type { Db } from '../../db/client.js';
import { findMemberByEmail, normalizeEmail } from '../members/service.js';
import { emailCodes, emailCodeTries } from './schema.js';

export const CODE_DIGITS = 6;
export const CODE_TTL_MS = 10 * 60 * 1000;
const HOUR = 60 * 60 * 1000;

/*
 * Brute force against a six-digit code, and a stranger who only has the public pk, pull in opposite
 * directions: every limit keyed by the victim's address is one a stranger can use up. So each limit is
 * taken per client first (the address the rate limiter sees, honouring TRUST_PROXY_HOPS), and what is
 * left per address or per code is more than one client can spend:
 *
 * - tries at a code: 5 in all, at most 3 from any one client, so one stranger cannot spend a code its
 *   owner still holds; a fresh code (a new row) starts again at 0;
 * - codes per address: 10 an hour, at most 5 from any one client, so one stranger cannot keep the owner
 *   from asking for a code;
 * - tries per client: 30 an hour across the tenant, however many addresses it guesses at.
 *
 * An attacker therefore gets at most 10 codes × 5 tries = 50 guesses an hour at one address (needing
 * several clients for that; 30 an hour from one client), i.e. a 50 / 1,000,000 chance an hour.
 */
/** Tries a code survives, from all clients together; after that even the right code is refused. */
export const MAX_CODE_ATTEMPTS = 5;
/** Tries one client may make at one code. */
export const MAX_CLIENT_CODE_ATTEMPTS = 3;
/** Codes per address per hour, from all clients together (a backstop against mail-bombing an address). */
export const EMAIL_START_LIMIT = { limit: 10, windowMs: HOUR };
/** Codes one client may request for one address per hour; counted before the address's own limit. */
export const CLIENT_EMAIL_START_LIMIT = { limit: 5, windowMs: HOUR };
/** Codes per client per hour, across addresses: stops one client mailing many people. */
export const CLIENT_START_LIMIT = { limit: 30, windowMs: HOUR };
/** Code tries per client per hour, across addresses: stops one client guessing at many addresses. */
export const CLIENT_VERIFY_LIMIT = { limit: 30, windowMs: HOUR };

/**
 * The code is bound to its row, so a leaked hash cannot be matched against another row. Six digits are
 * no secret against offline guessing anyway; what protects them is the 10-minute life and the tries.
 */
const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);

/** Keys carry hashes, not addresses: rate-limit rows must not become a second copy of personal data. */
const clientKey = (client: string) => sha256(client);

/**
 * Sends a sign-in code to `email` (rate-limited per client, per client and address, then per address).
 * The caller answers 202 either way, so nobody can learn from the API whether an address belongs to a member.
 *
 * A new code supersedes the address's older codes only once their mail has gone out (the outbox's
 * `sign-in-code` topic marks a code mailed when its mail is delivered). Codes requested at the same
 * time all stay valid until one is used: mail servers may deliver them in any order, and the person
 * must be able to use whichever mail arrived last.
 */
export async function startEmailSignIn(ctx: ServiceContext, input: { email: string; locale?: Locale; client: string }): Promise<void> {
  const { db, tenant, now, scoped } = ctx;
  const email = normalizeEmail(input.email);
  const client = clientKey(input.client);
  const tooManyForAddress = 'Too many sign-in codes were requested for this email address. Use the latest code you received, or wait.';
  await enforceRateLimit(
    db,
    { key: `auth-start:client:${tenant.id}:${client}`, ...CLIENT_START_LIMIT },
    now,
    'Too many sign-in codes were requested from your network.',
  );
  await enforceRateLimit(db, { key: `auth-start:client-email:${tenant.id}:${sha256(`${client}:${email}`)}`, ...CLIENT_EMAIL_START_LIMIT }, now, tooManyForAddress);
  await enforceRateLimit(db, { key: `auth-start:email:${tenant.id}:${sha256(email)}`, ...EMAIL_START_LIMIT }, now, tooManyForAddress);

  const member = await findMemberByEmail(ctx, email);
  const locale = member?.locale ?? input.locale ?? tenant.defaultLocale;
  const code = randomDigits(CODE_DIGITS);
  const id = newId('otp');
  const ts = now.toISOString();
  // Codes already mailed are superseded (this one's mail will be newer); expired rows of the tenant are swept.
  await db.batch([
    scoped.delete(emailCodes, eq(emailCodes.email, email), isNotNull(emailCodes.mailedAt)),
    scoped.delete(emailCodes, lt(emailCodes.expiresAt, ts)),
    scoped.insert(emailCodes, { id, email, codeHash: codeHash(id, code), createdAt: ts, expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString() }),
    recordMail(db, {
      tenantId: tenant.id,
      topic: 'sign-in-code',
      now,
      memberId: member?.id,
      message: signInCodeMail({ to: email, locale, tenantName: tenant.name, alumniPageUrl: tenant.alumniPageUrl, name: member?.name, code, minutes: CODE_TTL_MS / 60_000 }),
      ref: { codeId: id },
    }),
  ]);
}

/** What the outbox does after a sign-in code's mail: mark the code mailed, or drop a code that could not be sent. */
export const signInCodeTopics: OutboxTopics = {
  'sign-in-code': {
    async delivered(db: Db, item) {
      const codeId = (item.payload.ref as { codeId?: string } | undefined)?.codeId;
      if (codeId) await tenantDb(db, item.tenantId).update(emailCodes, { mailedAt: new Date().toISOString() }, eq(emailCodes.id, codeId));
    },
    async failed(db: Db, item) {
      const codeId = (item.payload.ref as { codeId?: string } | undefined)?.codeId;
      if (codeId) await tenantDb(db, item.tenantId).delete(emailCodes, eq(emailCodes.id, codeId));
    },
  },
};

const codeProblem = (message: string) => AppError.invalid([{ field: 'code', message, code: 'code_wrong_or_expired' }], message);

type CodeRow = typeof emailCodes.$inferSelect;

/**
 * Counts one try at `row` by `client`, the client's count first: a client past its share leaves the
 * code's own tries untouched. Both are single conditional statements, so parallel guesses cannot
 * exceed either limit. Returns the tries left for this client, or why none are.
 */
async function countTry(ctx: ServiceContext, row: CodeRow, client: string): Promise<number | 'client' | 'code'> {
  // Tries hang off a code row of this tenant (no tenant column of their own): the code id scopes them.
  // eslint-disable-next-line no-restricted-syntax
  const [mine] = await ctx.db
    .insert(emailCodeTries)
    .values({ codeId: row.id, client, tries: 1 })
    .onConflictDoUpdate({ target: [emailCodeTries.codeId, emailCodeTries.client], set: { tries: sql`${emailCodeTries.tries} + 1` } })
    .returning({ tries: emailCodeTries.tries });
  if (!mine || mine.tries > MAX_CLIENT_CODE_ATTEMPTS) return 'client';
  const [counted] = await ctx.scoped
    .update(emailCodes, { attempts: sql`${emailCodes.attempts} + 1` }, eq(emailCodes.id, row.id), lt(emailCodes.attempts, MAX_CODE_ATTEMPTS), isNull(emailCodes.consumedAt))
    .returning({ attempts: emailCodes.attempts });
  if (!counted) return 'code';
  return Math.min(MAX_CODE_ATTEMPTS - counted.attempts, MAX_CLIENT_CODE_ATTEMPTS - mine.tries);
}

/**
 * Checks a code for `email` against the address's live codes and uses up the one it matches. Every try
 * is counted before comparing; using a code is a conditional update, so a code works once, and the
 * address's other codes go with it.
 */
export async function consumeEmailCode(ctx: ServiceContext, input: { email: string; code: string; client: string }): Promise<void> {
  const { db, tenant, now, scoped } = ctx;
  const address = normalizeEmail(input.email);
  const client = clientKey(input.client);
  await enforceRateLimit(
    db,
    { key: `auth-verify:client:${tenant.id}:${client}`, ...CLIENT_VERIFY_LIMIT },
    now,
    'Too many sign-in attempts from your network.',
  );
  const rows = await scoped.select(emailCodes, eq(emailCodes.email, address)).orderBy(desc(emailCodes.createdAt));
  const live = rows.filter((r) => !r.consumedAt && Date.parse(r.expiresAt) > now.getTime());
  if (live.length === 0) {
    if (rows[0] && !rows[0].consumedAt) throw codeProblem('This code has expired. Request a new code.');
    throw codeProblem('No sign-in code is waiting for this address (or it was already used). Request a new code.');
  }
  let left: number | undefined;
  for (const row of live) {
    const tries = await countTry(ctx, row, client);
    if (typeof tries !== 'number') continue;
    left = Math.max(left ?? 0, tries);
    if (!safeEqual(codeHash(row.id, input.code), row.codeHash)) continue;
    const consumed = await scoped
      .update(emailCodes, { consumedAt: now.toISOString() }, eq(emailCodes.id, row.id), isNull(emailCodes.consumedAt))
      .returning({ id: emailCodes.id });
    if (consumed.length === 0) throw codeProblem('This code was already used. Request a new code.');
    await scoped.delete(emailCodes, eq(emailCodes.email, address), ne(emailCodes.id, row.id));
    return;
  }
  if (left === undefined) throw codeProblem('Too many wrong tries: this code no longer works. Request a new code.');
  throw codeProblem(
    left > 0
      ? `This code is not correct. ${left} ${left === 1 ? 'try' : 'tries'} left.`
      : 'This code is not correct, and that was the last try: request a new code.',
  );
}
