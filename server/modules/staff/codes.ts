/**
 * Console sign-in: the members' mechanism (a six-digit code mailed through the outbox, hashed, tried a
 * few times, used once) on tables of its own, so a staff code never opens a member session and a
 * member's code never opens the console. The console knows no tenant before sign-in, so a code is
 * mailed for every tenant where the address is staff, and the code that matches says which one.
 */
/* eslint-disable no-restricted-syntax -- before sign-in no tenant is known: staff rows and codes are found by address across tenants, then every write is bound to the row's own tenant. */
import { and, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Config } from '../../config.js';
import { randomDigits, safeEqual, sha256 } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { operatorContext } from '../../core/context.js';
import { recordMail } from '../../core/outbox/record.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import type { Db } from '../../db/client.js';
import { normalizeEmail } from '../members/service.js';
import { tenants } from '../tenants/schema.js';
import { consoleUrl, staffCodeMail } from './mail.js';
import { staff, staffCodes } from './schema.js';
import { createStaffSession } from './sessions.js';
import { toStaffView } from './service.js';

export const STAFF_CODE_TTL_MS = 10 * 60 * 1000;
export const STAFF_CODE_ATTEMPTS = 5;
const HOUR = 60 * 60 * 1000;
const codeHash = (id: string, code: string) => sha256(`staff:${id}:${code}`);

interface Env {
  db: Db;
  now: Date;
  config: Config;
  /** The client's address (rate limits), hashed before it is stored. */
  client: string;
}

/** Mails a code to `email` for each tenant where it is (invited or active) staff; says nothing either way. */
export async function startStaffSignIn(env: Env, email: string): Promise<void> {
  const { db, now } = env;
  const address = normalizeEmail(email);
  const client = sha256(env.client);
  const tooMany = 'Too many console sign-in codes were requested. Use the latest code you received, or wait.';
  await enforceRateLimit(db, { key: `staff-start:client:${client}`, limit: 30, windowMs: HOUR }, now, tooMany);
  await enforceRateLimit(db, { key: `staff-start:email:${sha256(address)}`, limit: 10, windowMs: HOUR }, now, tooMany);
  const rows = await db
    .select({ staff, tenant: tenants })
    .from(staff)
    .innerJoin(tenants, eq(tenants.id, staff.tenantId))
    .where(and(eq(staff.email, address), ne(staff.status, 'removed')));
  if (!rows.length) return;
  const ts = now.toISOString();
  const expiresAt = new Date(now.getTime() + STAFF_CODE_TTL_MS).toISOString();
  const statements: BatchItem<'sqlite'>[] = [db.delete(staffCodes).where(and(eq(staffCodes.email, address), lt(staffCodes.expiresAt, ts)))];
  for (const { staff: s, tenant } of rows) {
    const id = newId('stc');
    const code = randomDigits(6);
    statements.push(
      db.insert(staffCodes).values({ id, tenantId: tenant.id, staffId: s.id, email: address, codeHash: codeHash(id, code), createdAt: ts, expiresAt }),
      recordMail(db, {
        tenantId: tenant.id,
        topic: 'staff-sign-in-code',
        now,
        message: staffCodeMail({
          to: address,
          locale: s.locale,
          name: s.name,
          tenantName: tenant.name,
          alumniPageUrl: tenant.alumniPageUrl,
          code,
          minutes: STAFF_CODE_TTL_MS / 60_000,
          url: consoleUrl(env.config.PUBLIC_API_URL!, address),
        }),
      }),
    );
  }
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
}

const wrongCode = (message: string) => AppError.invalid([{ field: 'code', message, code: 'code_wrong_or_expired' }], message);

/** Exchanges a code for a console session in the tenant the code was mailed for. */
export async function verifyStaffCode(env: Env, input: { email: string; code: string }) {
  const { db, now } = env;
  const address = normalizeEmail(input.email);
  await enforceRateLimit(db, { key: `staff-verify:client:${sha256(env.client)}`, limit: 30, windowMs: HOUR }, now, 'Too many console sign-in attempts from your network.');
  const live = (await db.select().from(staffCodes).where(and(eq(staffCodes.email, address), isNull(staffCodes.consumedAt))).orderBy(desc(staffCodes.createdAt))).filter(
    (r) => Date.parse(r.expiresAt) > now.getTime(),
  );
  if (!live.length) throw wrongCode('No console sign-in code is waiting for this address (or it was already used). Request a new code.');
  // Each try counts against every live code of the address, before any comparison: parallel guesses cannot exceed the limit.
  const counted = await db
    .update(staffCodes)
    .set({ attempts: sql`${staffCodes.attempts} + 1` })
    .where(and(inArray(staffCodes.id, live.map((r) => r.id)), lt(staffCodes.attempts, STAFF_CODE_ATTEMPTS), isNull(staffCodes.consumedAt)))
    .returning({ id: staffCodes.id });
  const usable = new Set(counted.map((r) => r.id));
  const match = live.find((r) => usable.has(r.id) && safeEqual(codeHash(r.id, input.code), r.codeHash));
  if (!match) {
    throw wrongCode(usable.size ? 'This code is not correct.' : 'Too many wrong tries: this code no longer works. Request a new code.');
  }
  const used = await db
    .update(staffCodes)
    .set({ consumedAt: now.toISOString() })
    .where(and(eq(staffCodes.id, match.id), isNull(staffCodes.consumedAt)))
    .returning({ id: staffCodes.id });
  if (!used.length) throw wrongCode('This code was already used. Request a new code.');
  const [row] = await db.select({ staff, tenant: tenants }).from(staff).innerJoin(tenants, eq(tenants.id, staff.tenantId)).where(eq(staff.id, match.staffId));
  if (!row || row.staff.status === 'removed') throw wrongCode('This console account was removed.');
  await db.delete(staffCodes).where(and(eq(staffCodes.email, address), eq(staffCodes.tenantId, row.tenant.id)));
  const ctx = operatorContext(db, row.tenant, { now, config: env.config });
  const session = await createStaffSession(ctx, row.staff.id);
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    staff: toStaffView({ ...row.staff, status: 'active' }, []),
    tenant: { id: row.tenant.id, name: row.tenant.name },
  };
}
