import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/client.js';
import { members, type CareerEntry, type MemberStatus, type ProfileLink } from '../../db/schema.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { Mailer } from '../../core/mail/transport.js';
import { approvedMail, rejectedMail } from '../../core/mail/templates.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { reindexMember } from '../directory/search-index.js';
import { profileFor, type MemberRow } from './profile.js';
import { revokeMemberSessions } from '../auth/sessions.js';

/** A member as the company sees them: what the member shows to the company, plus account facts. */
export function toAdminMember(m: MemberRow) {
  return {
    id: m.id,
    email: m.email,
    kind: m.kind,
    status: m.status,
    statusReason: m.statusReason,
    locale: m.locale,
    unlisted: m.unlisted,
    profile: profileFor(m, 'company'),
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    approvedAt: m.approvedAt,
  };
}

export interface AdminMemberQuery {
  limit: number;
  cursor?: string;
  status?: MemberStatus;
  /** Part of the name, email, or kana (the kana only where the member shows it to the company). */
  q?: string;
}

/** Like-pattern for "contains", with the user's own wildcards taken literally. */
const containsPattern = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/** The tenant's members, oldest first (the order an approval queue is worked through). */
export async function listAdminMembers(db: Db, tenantId: string, query: AdminMemberQuery) {
  const where: (SQL | undefined)[] = [eq(members.tenantId, tenantId)];
  if (query.status) where.push(eq(members.status, query.status));
  const q = query.q?.trim();
  if (q) {
    const p = containsPattern(q);
    // A kana the member hid from everyone ('nobody') must not be findable by the company either.
    where.push(sql`(lower(${members.name}) like ${p} escape '\\' or ${members.email} like ${p} escape '\\'
      or (coalesce(json_extract(${members.visibility}, '$.nameKana'), 'members') <> 'nobody' and lower(${members.nameKana}) like ${p} escape '\\'))`);
  }
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  if (after) {
    const [createdAt, id] = after;
    where.push(or(gt(members.createdAt, createdAt), and(eq(members.createdAt, createdAt), gt(members.id, id))));
  }
  const rows = await db
    .select()
    .from(members)
    .where(and(...where))
    .orderBy(asc(members.createdAt), asc(members.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (m) => [m.createdAt, m.id]);
  return { data: page.data.map(toAdminMember), nextCursor: page.nextCursor };
}

export async function getAdminMember(db: Db, tenantId: string, memberId: string): Promise<MemberRow> {
  const [m] = await db
    .select()
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)))
    .limit(1);
  if (!m) throw new AppError('not_found', `No member ${memberId} in this tenant.`);
  return m;
}

export interface StatusChangeDeps {
  db: Db;
  mailer: Mailer;
  log: Logger;
}

/**
 * The statuses each decision may be taken from. Approve also reinstates a suspended member. A rejection
 * is final here: allowing approve after reject (or reject after approve) would let two admins deciding
 * at once both "win", each telling the member something else.
 */
const statusTransitions = {
  approved: ['pending', 'suspended'],
  rejected: ['pending'],
  suspended: ['pending', 'approved'],
} as const satisfies Record<'approved' | 'rejected' | 'suspended', readonly MemberStatus[]>;

/**
 * Approves, rejects or suspends a member. The current status is checked in the UPDATE itself, so of
 * two decisions at once exactly one changes the member; only that one signs them out (suspension),
 * re-indexes them and mails them (approval, rejection). Asking for the status the member already has
 * is a success that changes and sends nothing (the first decision's reason stands); asking for a
 * transition the status does not allow is a 409.
 */
export async function changeMemberStatus(
  deps: StatusChangeDeps,
  tenant: { id: string; name: string },
  memberId: string,
  now: Date,
  change: { status: 'approved' } | { status: 'rejected' | 'suspended'; reason: string },
): Promise<MemberRow> {
  const { db } = deps;
  const reason = change.status === 'approved' ? null : change.reason;
  const ts = now.toISOString();
  const from = statusTransitions[change.status];
  const [after] = await db
    .update(members)
    .set({
      status: change.status,
      statusReason: reason,
      updatedAt: ts,
      ...(change.status === 'approved' ? { approvedAt: sql`coalesce(${members.approvedAt}, ${ts})` } : {}),
    })
    .where(and(eq(members.tenantId, tenant.id), eq(members.id, memberId), inArray(members.status, [...from])))
    .returning();
  if (!after) {
    const current = await getAdminMember(db, tenant.id, memberId);
    if (current.status === change.status) return current;
    throw new AppError(
      'conflict',
      `This member is ${current.status}; only a member who is ${from.join(' or ')} can be ${change.status}. Reload to see the current status.`,
    );
  }
  if (change.status === 'suspended') await revokeMemberSessions(db, tenant.id, memberId, now);
  await reindexMember(db, memberId);
  if (change.status !== 'suspended') {
    const message = { to: after.email, locale: after.locale, tenantName: tenant.name, name: after.name };
    const mail = change.status === 'approved' ? approvedMail(message) : rejectedMail({ ...message, reason });
    try {
      await deps.mailer.send(mail);
    } catch (err) {
      // The decision stands; a lost notice must not turn it into an error the company retries.
      deps.log.error('membership mail failed', { tenantId: tenant.id, memberId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return after;
}

/** CSV columns of the member export, in order. */
export const exportColumns = [
  'id',
  'email',
  'kind',
  'status',
  'statusReason',
  'name',
  'nameKana',
  'photoUrl',
  'joinedYear',
  'leftYear',
  'lastDepartment',
  'lastTitle',
  'career',
  'currentCompany',
  'currentTitle',
  'location',
  'skills',
  'qualifications',
  'interests',
  'openTo',
  'links',
  'bio',
  'createdAt',
  'approvedAt',
] as const;

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or a tab/CR) as a formula; profile text is
 * written by members, so such cells are prefixed with an apostrophe (OWASP "CSV injection").
 */
const cell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** One entry of a list field as a spreadsheet cell shows it: skills as they are, links and career spelled out. */
function listItem(x: unknown): string {
  if (typeof x !== 'object' || x === null) return String(x);
  if ('url' in x) {
    const link = x as ProfileLink;
    return `${link.label} <${link.url}>`;
  }
  const c = x as CareerEntry;
  const when = c.from || c.to ? ` (${c.from ?? ''}–${c.to ?? ''})` : '';
  return `${c.department}${c.title ? ` / ${c.title}` : ''}${when}`;
}

function exportRow(m: MemberRow): string[] {
  const p = profileFor(m, 'company') as Record<string, unknown>;
  const show = (field: string): string => {
    const v = p[field];
    if (v === undefined || v === null) return '';
    if (Array.isArray(v)) return v.map(listItem).join('; ');
    return String(v);
  };
  const facts: Record<string, string | null> = {
    id: m.id,
    email: m.email,
    kind: m.kind,
    status: m.status,
    statusReason: m.statusReason,
    createdAt: m.createdAt,
    approvedAt: m.approvedAt,
  };
  return exportColumns.map((col) => cell(col in facts ? (facts[col] ?? '') : show(col)));
}

/**
 * The tenant's members as CSV, produced a batch at a time so a large tenant does not sit in memory.
 * Starts with a UTF-8 BOM, without which Excel in Japan reads UTF-8 as Shift_JIS and garbles names.
 * Only what members show to the company; email and status are the company's own records.
 */
export function exportMembersCsv(db: Db, tenantId: string, options: { status?: MemberStatus; batchSize?: number } = {}): ReadableStream<Uint8Array> {
  const batchSize = options.batchSize ?? 1000;
  const encoder = new TextEncoder();
  let after: string | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`\uFEFF${stringify([[...exportColumns]], { record_delimiter: 'windows' })}`));
        return;
      }
      if (done) return;
      const where = [eq(members.tenantId, tenantId)];
      if (options.status) where.push(eq(members.status, options.status));
      if (after !== undefined) where.push(gt(members.id, after));
      const rows = await db
        .select()
        .from(members)
        .where(and(...where))
        .orderBy(asc(members.id))
        .limit(batchSize);
      if (rows.length > 0) {
        after = rows.at(-1)!.id;
        controller.enqueue(encoder.encode(stringify(rows.map(exportRow), { record_delimiter: 'windows' })));
      }
      if (rows.length < batchSize) {
        done = true;
        controller.close();
      }
    },
  });
}

