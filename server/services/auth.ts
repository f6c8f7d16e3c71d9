import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { emailCodes } from '../db/schema/index.js';
import type { Clock } from '../lib/clock.js';
import { randomDigits, safeEqual, sha256 } from '../lib/crypto.js';
import { ApiError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import type { Logger } from '../lib/log.js';
import type { Mailer } from '../lib/mail.js';
import { enforceRateLimit } from '../lib/rate-limit.js';
import { signInCodeMail, type Locale } from './mail-templates.js';
import { findMemberByEmail, normalizeEmail } from './members.js';
import type { Tenant } from './tenants.js';

export const CODE_DIGITS = 6;
export const CODE_TTL_MS = 10 * 60 * 1000;
/** Wrong tries a code survives; after that even the right code is refused. */
export const MAX_CODE_ATTEMPTS = 5;
const HOUR = 60 * 60 * 1000;
/** Codes per address per hour: with 5 tries each, at most 25 guesses an hour at a million codes. */
export const EMAIL_START_LIMIT = { limit: 5, windowMs: HOUR };
/** Codes per client (IP address) per hour, across addresses: stops one client mailing many people. */
export const CLIENT_START_LIMIT = { limit: 30, windowMs: HOUR };

/**
 * The code is bound to its row, so a leaked hash cannot be matched against another row. Six digits are
 * no secret against offline guessing anyway; what protects them is the 10-minute life and the 5 tries.
 */
const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);

/**
 * Sends a sign-in code to `email` (rate-limited per address and per client). The caller answers 202 either
 * way, so nobody can learn from the API whether an address belongs to a member.
 */
export async function startEmailSignIn(
  deps: { db: Db; mailer: Mailer; clock: Clock; log: Logger },
  tenant: Tenant,
  input: { email: string; locale?: Locale; client: string },
): Promise<void> {
  const { db, mailer, clock, log } = deps;
  const now = clock.now();
  const email = normalizeEmail(input.email);
  // Keys carry hashes, not addresses: rate-limit rows must not become a second copy of personal data.
  await enforceRateLimit(
    db,
    { key: `auth-start:client:${tenant.id}:${sha256(input.client)}`, ...CLIENT_START_LIMIT },
    now,
    'Too many sign-in codes were requested from your network.',
  );
  await enforceRateLimit(
    db,
    { key: `auth-start:email:${tenant.id}:${sha256(email)}`, ...EMAIL_START_LIMIT },
    now,
    'Too many sign-in codes were requested for this email address. Use the latest code you received, or wait.',
  );

  const member = await findMemberByEmail(db, tenant.id, email);
  const locale = member?.locale ?? input.locale ?? tenant.defaultLocale;
  const code = randomDigits(CODE_DIGITS);
  const id = newId('otp');
  const ts = now.toISOString();
  // A new code replaces every older one for the address; expired rows of the tenant are swept on the way.
  await db.batch([
    db.delete(emailCodes).where(and(eq(emailCodes.tenantId, tenant.id), eq(emailCodes.email, email))),
    db.delete(emailCodes).where(and(eq(emailCodes.tenantId, tenant.id), lt(emailCodes.expiresAt, ts))),
    db.insert(emailCodes).values({
      id,
      tenantId: tenant.id,
      email,
      codeHash: codeHash(id, code),
      createdAt: ts,
      expiresAt: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
    }),
  ]);
  try {
    await mailer.send(signInCodeMail({ to: email, locale, tenantName: tenant.name, code, minutes: CODE_TTL_MS / 60_000 }));
  } catch (err) {
    log.error('sign-in code mail failed', { tenantId: tenant.id, error: err instanceof Error ? err.message : String(err) });
    throw new ApiError('unavailable', 'We could not send the email right now. Please try again in a few minutes.');
  }
}

const codeProblem = (message: string) => ApiError.invalid([{ field: 'body.code', message }], message);

/**
 * Checks a code for `email` and uses it up. Each try is counted atomically before comparing, so
 * parallel guesses cannot exceed the limit, and consuming is a conditional update, so a code works once.
 */
export async function consumeEmailCode(db: Db, tenantId: string, now: Date, email: string, code: string): Promise<void> {
  const address = normalizeEmail(email);
  const [row] = await db
    .select()
    .from(emailCodes)
    .where(and(eq(emailCodes.tenantId, tenantId), eq(emailCodes.email, address)))
    .orderBy(desc(emailCodes.createdAt))
    .limit(1);
  if (!row || row.consumedAt) {
    throw codeProblem('No sign-in code is waiting for this address (or it was already used). Request a new code.');
  }
  if (Date.parse(row.expiresAt) <= now.getTime()) throw codeProblem('This code has expired. Request a new code.');
  const counted = await db
    .update(emailCodes)
    .set({ attempts: sql`${emailCodes.attempts} + 1` })
    .where(and(eq(emailCodes.id, row.id), lt(emailCodes.attempts, MAX_CODE_ATTEMPTS), isNull(emailCodes.consumedAt)))
    .returning({ attempts: emailCodes.attempts });
  if (counted.length === 0) throw codeProblem('Too many wrong tries: this code no longer works. Request a new code.');
  if (!safeEqual(codeHash(row.id, code), row.codeHash)) {
    const left = MAX_CODE_ATTEMPTS - counted[0]!.attempts;
    throw codeProblem(
      left > 0
        ? `This code is not correct. ${left} ${left === 1 ? 'try' : 'tries'} left.`
        : 'This code is not correct, and that was the last try: request a new code.',
    );
  }
  const consumed = await db
    .update(emailCodes)
    .set({ consumedAt: now.toISOString() })
    .where(and(eq(emailCodes.id, row.id), isNull(emailCodes.consumedAt)))
    .returning({ id: emailCodes.id });
  if (consumed.length === 0) throw codeProblem('This code was already used. Request a new code.');
}
