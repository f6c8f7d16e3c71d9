import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import type { ServiceContext } from '../../core/context.js';
import { spreadsheetCell } from '../../core/csv.js';
import { AppError } from '../../core/errors.js';
import { approvedMail, rejectedMail } from '../../core/mail/templates.js';
import { recordMail } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { revokeMemberSessions } from '../auth/sessions.js';
import { auditStatements } from '../audit/trail.js';
import { profileFor, type MemberRow } from './profile.js';
import { members, type CareerEntry, type MemberStatus, type ProfileLink } from './schema.js';

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
export async function listAdminMembers(ctx: ServiceContext, query: AdminMemberQuery) {
  const where: (SQL | undefined)[] = [];
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
  const rows = await ctx.scoped
    .select(members, ...where)
    .orderBy(asc(members.createdAt), asc(members.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (m) => [m.createdAt, m.id]);
  return { data: page.data.map(toAdminMember), nextCursor: page.nextCursor };
}

export async function getAdminMember(ctx: ServiceContext, memberId: string): Promise<MemberRow> {
  const [m] = await ctx.scoped.select(members, eq(members.id, memberId)).limit(1);
  if (!m) throw new AppError('not_found', `No member ${memberId} in this tenant.`);
  return m;
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
 * Approves, rejects or suspends a member. The current status is checked in the UPDATE itself, and what
 * follows from the change is in the same batch, conditional on that UPDATE having changed the member
 * (`changes() = 1`): of two decisions at once exactly one changes the member, and only that one signs
 * them out (suspension) or mails them (approval, rejection, through the outbox). Asking for the status
 * the member already has is a success that changes and sends nothing (the first decision's reason
 * stands); asking for a transition the status does not allow is a 409.
 */
export async function changeMemberStatus(
  ctx: ServiceContext,
  memberId: string,
  change: { status: 'approved' } | { status: 'rejected' | 'suspended'; reason: string },
): Promise<MemberRow> {
  const { db, scoped, tenant, now } = ctx;
  const before = await getAdminMember(ctx, memberId);
  const reason = change.status === 'approved' ? null : change.reason;
  const ts = now.toISOString();
  const from = statusTransitions[change.status];
  const update = scoped
    .update(
      members,
      {
        status: change.status,
        statusReason: reason,
        updatedAt: ts,
        ...(change.status === 'approved' ? { approvedAt: sql`coalesce(${members.approvedAt}, ${ts})` } : {}),
      },
      eq(members.id, memberId),
      inArray(members.status, [...from]),
    )
    .returning();
  const onlyIfChanged = sql`changes() = 1`;
  const message = { to: before.email, locale: before.locale, tenantName: tenant.name, alumniPageUrl: tenant.alumniPageUrl, name: before.name };
  const [[after]] = await db.batch([
    update,
    // The audit entry only if the member changed; it inserts one row then, so `changes() = 1` below still holds.
    ...auditStatements(ctx, { targetId: memberId, when: onlyIfChanged, summary: { before: { status: before.status }, after: { status: change.status } } }),
    change.status === 'suspended'
      ? revokeMemberSessions(ctx, memberId, onlyIfChanged)
      : recordMail(db, {
          tenantId: tenant.id,
          topic: change.status === 'approved' ? 'member-approved' : 'member-rejected',
          now,
          memberId,
          when: onlyIfChanged,
          message: change.status === 'approved' ? approvedMail(message) : rejectedMail({ ...message, reason }),
        }),
  ]);
  if (!after) {
    const current = await getAdminMember(ctx, memberId);
    if (current.status === change.status) return current;
    throw new AppError(
      'conflict',
      `This member is ${current.status}; only a member who is ${from.join(' or ')} can be ${change.status}. Reload to see the current status.`,
    );
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

/** Profile text is written by members: cells a spreadsheet would run as a formula are defused (core/csv.ts). */
const cell = spreadsheetCell;

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
export function exportMembersCsv(ctx: ServiceContext, options: { status?: MemberStatus; batchSize?: number } = {}): ReadableStream<Uint8Array> {
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
      const rows = await ctx.scoped
        .select(members, options.status ? eq(members.status, options.status) : undefined, after !== undefined ? gt(members.id, after) : undefined)
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

