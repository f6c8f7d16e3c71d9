import { z } from '@hono/zod-openapi';
import { parse } from 'csv-parse/sync';
import { and, asc, eq, gt, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ServiceContext } from '../../core/context.js';
import { AppError, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { approvedMail } from '../../core/mail/templates.js';
import { recordMail } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { emailAddress, singleLine } from '../../core/text.js';
import type { MemberRow } from '../members/profile.js';
import { kindKey } from '../member-kinds/features.js';
import { assertKinds } from '../member-kinds/service.js';
import { members, type MemberKind } from '../members/schema.js';
import { rosterEmails, rosterEntries } from './schema.js';

export type RosterEntryRow = typeof rosterEntries.$inferSelect;

/** Emails are compared and stored lower-cased and trimmed. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Largest roster upload in one call (API) or one batch (CLI). */
export const MAX_ROSTER_ROWS = 5000;
/** Most field errors reported for one upload: enough to fix a file, not a megabyte of problems. */
const MAX_REPORTED_ERRORS = 200;
/** Rows per multi-row INSERT, well under SQLite's bound-parameter limit. */
const INSERT_CHUNK = 400;


/**
 * `2019`, `2019-04` or `2019-04-01` (spreadsheets' `2019/04/01` is accepted too). The pattern allows the
 * whitespace trim() removes, so as published in /openapi.json it accepts what the API does.
 */
const partialDate = z
  .string()
  .trim()
  .regex(/^\s*\d{4}([-/]\d{2}([-/]\d{2})?)?\s*$/, 'must be a date like 2019-04-01, 2019-04 or 2019')
  .transform((v) => v.replaceAll('/', '-'));

export const RosterEntryInputSchema = z
  .object({
    emails: z
      .array(emailAddress)
      .min(1, 'needs at least one email address')
      .max(10)
      .transform((list) => [...new Set(list)]),
    name: singleLine(100).min(1, 'is required'),
    employeeNumber: singleLine(64).min(1).nullish(),
    department: singleLine(100).optional(),
    joinedOn: partialDate.nullish(),
    leftOn: partialDate.nullish(),
    kind: kindKey.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.joinedOn && e.leftOn && e.leftOn < e.joinedOn) {
      ctx.addIssue({ code: 'custom', path: ['leftOn'], message: 'must not be before joinedOn' });
    }
  })
  .openapi('RosterEntryInput', {
    example: { emails: ['taro.yamada@example.jp'], name: '山田 太郎', employeeNumber: 'E10234', department: '営業部', joinedOn: '2015-04-01', leftOn: '2023-03-31', kind: 'alumni' },
  });

export type RosterEntryInput = z.output<typeof RosterEntryInputSchema>;

export function toRosterView(r: RosterEntryRow) {
  return {
    id: r.id,
    emails: r.emails,
    name: r.name,
    employeeNumber: r.employeeNumber,
    department: r.department,
    joinedOn: r.joinedOn,
    leftOn: r.leftOn,
    kind: r.kind,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** The profile values a roster entry gives a member who matches it. */
export function rosterProfile(r: RosterEntryRow) {
  const year = (d: string | null) => (d ? Number(d.slice(0, 4)) : null);
  return { name: r.name, lastDepartment: r.department, joinedYear: year(r.joinedOn), leftYear: year(r.leftOn), kind: r.kind as MemberKind };
}

/** The changes that approve a pending member because the roster lists them; empty profile fields are filled from the roster. */
export function approvalFromRoster(member: MemberRow, roster: RosterEntryRow, now: Date) {
  const fromRoster = rosterProfile(roster);
  return {
    status: 'approved' as const,
    statusReason: null,
    approvedAt: now.toISOString(),
    rosterEntryId: roster.id,
    kind: fromRoster.kind,
    name: member.name || fromRoster.name,
    lastDepartment: member.lastDepartment || fromRoster.lastDepartment,
    joinedYear: member.joinedYear ?? fromRoster.joinedYear,
    leftYear: member.leftYear ?? fromRoster.leftYear,
  };
}

export async function findRosterEntryByEmail(ctx: ServiceContext, email: string): Promise<RosterEntryRow | undefined> {
  const [row] = await ctx.scoped
    .select(rosterEntries, sql`${rosterEntries.id} in (select ${rosterEmails.rosterEntryId} from ${rosterEmails} where ${ctx.scoped.where(rosterEmails, eq(rosterEmails.email, normalizeEmail(email)))})`)
    .limit(1);
  return row;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Names a field of entry `i` the way the caller's input is shaped (JSON body or CSV line). */
export type RosterFieldName = (index: number, ...path: (string | number)[]) => string;
const jsonField: RosterFieldName = (i, ...path) => ['entries', i, ...path].join('.');

function throwIfAny(errors: FieldError[], total: number): void {
  if (errors.length === 0) return;
  const shown = errors.slice(0, MAX_REPORTED_ERRORS);
  const more = errors.length > shown.length ? ` (first ${shown.length} of ${errors.length} problems shown)` : '';
  throw AppError.invalid(shown, `Nothing was imported: ${errors.length} problem(s) in ${total} roster row(s)${more}. ${shown[0]!.field}: ${shown[0]!.message}`);
}

/** Rows repeating an earlier row's email or employee number (one row per person within an upload). */
export function rosterDuplicates(entries: RosterEntryInput[], fieldName: RosterFieldName = jsonField): (FieldError & { index: number })[] {
  const errors: (FieldError & { index: number })[] = [];
  const emailRow = new Map<string, number>();
  const numberRow = new Map<string, number>();
  entries.forEach((e, i) => {
    e.emails.forEach((email, j) => {
      const first = emailRow.get(email);
      if (first !== undefined && first !== i) errors.push({ index: i, field: fieldName(i, 'emails', j), message: `${email} is also in ${fieldName(first)}` });
      else emailRow.set(email, i);
    });
    if (e.employeeNumber) {
      const first = numberRow.get(e.employeeNumber);
      if (first !== undefined) errors.push({ index: i, field: fieldName(i, 'employeeNumber'), message: `${e.employeeNumber} is also in ${fieldName(first)}` });
      else numberRow.set(e.employeeNumber, i);
    }
  });
  return errors;
}

/** One row per person within an upload: an email or employee number may appear in one row only. */
export function checkRosterDuplicates(entries: RosterEntryInput[], fieldName: RosterFieldName = jsonField): void {
  throwIfAny(
    rosterDuplicates(entries, fieldName).map(({ index: _i, ...e }) => e),
    entries.length,
  );
}

export interface RosterUpsertResult {
  created: number;
  updated: number;
  /** Pending members this upload approved (their email matched a new or changed entry). */
  approved: MemberRow[];
}

/** How an upload's rows meet the tenant's roster: the entry each would update, and rows that cannot be written. */
export interface RosterMatch {
  /** The existing entry each row updates (undefined: a new entry). */
  targets: (string | undefined)[];
  /** The existing entries the rows were matched against, by id. */
  existing: Map<string, RosterEntryRow>;
  /** Rows whose email belongs to another entry: row index, path into the row, reason. */
  conflicts: { index: number; path: (string | number)[]; message: string }[];
}

/**
 * Matches rows to the tenant's entries — by employee number when given, else by any of their emails —
 * without writing: the upload and its preview share it, so a preview says what the upload will do.
 */
export async function matchRoster(ctx: ServiceContext, entries: RosterEntryInput[]): Promise<RosterMatch> {
  const { scoped } = ctx;
  const emailRow = new Set(entries.flatMap((e) => e.emails));
  const numberRow = new Set(entries.flatMap((e) => (e.employeeNumber ? [e.employeeNumber] : [])));
  const conflicts: RosterMatch['conflicts'] = [];
  const existing = new Map<string, RosterEntryRow>();

  const byNumber = new Map<string, RosterEntryRow>();
  for (const part of chunks([...numberRow], INSERT_CHUNK)) {
    const rows = await scoped.select(rosterEntries, inArray(rosterEntries.employeeNumber, part));
    for (const r of rows) {
      byNumber.set(r.employeeNumber!, r);
      existing.set(r.id, r);
    }
  }
  const emailOwner = new Map<string, string>();
  for (const part of chunks([...emailRow], INSERT_CHUNK)) {
    const rows = await scoped.select(rosterEmails, inArray(rosterEmails.email, part));
    for (const r of rows) emailOwner.set(r.email, r.rosterEntryId);
  }
  const ownerIds = [...new Set(emailOwner.values())];
  const owners = new Map<string, RosterEntryRow>();
  for (const part of chunks(ownerIds, INSERT_CHUNK)) {
    const rows = await scoped.select(rosterEntries, inArray(rosterEntries.id, part));
    for (const r of rows) {
      owners.set(r.id, r);
      existing.set(r.id, r);
    }
  }

  const targets: (string | undefined)[] = entries.map((e, i) => {
    let target = e.employeeNumber ? byNumber.get(e.employeeNumber)?.id : undefined;
    if (!target) {
      const matched = [...new Set(e.emails.map((email) => emailOwner.get(email)).filter((id): id is string => id !== undefined))];
      // An entry found by email may be adopted unless it is someone else's (another employee number).
      const adoptable = matched.filter((id) => !e.employeeNumber || !owners.get(id)?.employeeNumber);
      if (adoptable.length === 1) target = adoptable[0];
    }
    e.emails.forEach((email, j) => {
      const owner = emailOwner.get(email);
      if (owner && owner !== target) {
        const other = owners.get(owner);
        const who = other?.employeeNumber ? `employee number ${other.employeeNumber}` : `${other?.name ?? owner}`;
        conflicts.push({ index: i, path: ['emails', j], message: `${email} already belongs to another roster entry (${who})` });
      }
    });
    return target;
  });
  return { targets, existing, conflicts };
}

/**
 * Adds or updates roster entries, all or nothing: matched by employee number when given, else by any of
 * their emails. Every problem is reported per row before anything is written; the writes go in one
 * atomic batch. Pending members whose email is now on the roster are approved afterwards.
 */
export async function upsertRoster(ctx: ServiceContext, entries: RosterEntryInput[], fieldName: RosterFieldName = jsonField): Promise<RosterUpsertResult> {
  const { db, scoped, now } = ctx;
  if (entries.length > MAX_ROSTER_ROWS) {
    throw AppError.field('entries', `has ${entries.length} rows; send at most ${MAX_ROSTER_ROWS} per call`);
  }
  checkRosterDuplicates(entries, fieldName);
  // A kind must be one of the tenant's (built in or added by the company).
  await assertKinds(ctx, entries.flatMap((e, i) => (e.kind ? [{ field: fieldName(i, 'kind'), key: e.kind }] : [])));
  const match = await matchRoster(ctx, entries);
  throwIfAny(
    match.conflicts.map((c) => ({ field: fieldName(c.index, ...c.path), message: c.message })),
    entries.length,
  );
  const { targets } = match;

  const ts = now.toISOString();
  const values = entries.map((e, i) => ({
    id: targets[i] ?? newId('ros'),
    tenantId: ctx.tenant.id,
    emails: e.emails,
    name: e.name,
    employeeNumber: e.employeeNumber ?? null,
    department: e.department ?? '',
    joinedOn: e.joinedOn ?? null,
    leftOn: e.leftOn ?? null,
    kind: e.kind ?? 'alumni',
    createdAt: ts,
    updatedAt: ts,
  }));
  const fresh = values.filter((_, i) => !targets[i]);
  const changed = values.filter((_, i) => targets[i]);

  const statements: BatchItem<'sqlite'>[] = [
    ...chunks(fresh, INSERT_CHUNK).map((part) => scoped.insert(rosterEntries, part)),
    ...changed.map(({ id, createdAt: _c, tenantId: _t, ...rest }) => scoped.update(rosterEntries, rest, eq(rosterEntries.id, id))),
    ...chunks(
      changed.map((v) => v.id),
      INSERT_CHUNK,
    ).map((ids) => scoped.delete(rosterEmails, inArray(rosterEmails.rosterEntryId, ids))),
    ...chunks(
      values.flatMap((v) => v.emails.map((email) => ({ email, rosterEntryId: v.id }))),
      INSERT_CHUNK,
    ).map((part) => scoped.insert(rosterEmails, part)),
  ];
  if (statements.length > 0) {
    try {
      await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
    } catch (err) {
      if (/UNIQUE constraint failed/i.test(String((err as Error)?.message) + String((err as { cause?: Error })?.cause?.message))) {
        throw new AppError('conflict', 'The roster changed while this upload was being checked (another upload at the same time?). Nothing was imported; please send it again.');
      }
      throw err;
    }
  }

  const approved = await approvePendingFromRoster(ctx, values);
  return { created: fresh.length, updated: changed.length, approved };
}

/**
 * Approves the pending members whose email is on one of `entries`, filling their empty profile fields
 * from the roster, and tells each by mail. One batch: each conditional update is followed by its mail,
 * recorded only if that update changed the member (`changes() = 1`), so a member the company decided
 * about meanwhile is neither approved nor mailed.
 */
async function approvePendingFromRoster(ctx: ServiceContext, entries: RosterEntryRow[]): Promise<MemberRow[]> {
  const { db, scoped, tenant, now } = ctx;
  const entryOf = new Map<string, RosterEntryRow>();
  for (const e of entries) for (const email of e.emails) entryOf.set(email, e);
  const pending: MemberRow[] = [];
  for (const part of chunks([...entryOf.keys()], INSERT_CHUNK)) {
    pending.push(...(await scoped.select(members, eq(members.status, 'pending'), inArray(members.email, part))));
  }
  if (pending.length === 0) return [];
  const statements = pending.flatMap((m) => {
    const changes = { ...approvalFromRoster(m, entryOf.get(m.email)!, now), updatedAt: now.toISOString() };
    return [
      scoped.update(members, changes, eq(members.id, m.id), eq(members.status, 'pending')).returning(),
      recordMail(db, {
        tenantId: tenant.id,
        topic: 'member-approved',
        now,
        memberId: m.id,
        when: sql`changes() = 1`,
        message: approvedMail({ to: m.email, locale: m.locale, tenantName: tenant.name, alumniPageUrl: tenant.alumniPageUrl, name: changes.name }),
      }),
    ];
  });
  const results = await db.batch(statements as unknown as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return results.filter((_, i) => i % 2 === 0).flatMap((rows) => rows as MemberRow[]);
}

/** A roster upload through the admin API: CSV text, or JSON entries (already validated by the route). */
export async function importRoster(ctx: ServiceContext, upload: { csv: string } | { entries?: RosterEntryInput[] }): Promise<RosterUpsertResult> {
  if ('csv' in upload) {
    const parsed = parseRosterCsv(upload.csv);
    return upsertRoster(ctx, parsed.entries, csvField(parsed.lines));
  }
  if (!upload.entries) throw AppError.field('entries', 'is required (or send text/csv)');
  return upsertRoster(ctx, upload.entries);
}

export async function listRoster(ctx: ServiceContext, query: { limit: number; cursor?: string; email?: string }) {
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const conditions: (SQL | undefined)[] = [];
  if (after) {
    const [createdAt, id] = after;
    conditions.push(or(gt(rosterEntries.createdAt, createdAt), and(eq(rosterEntries.createdAt, createdAt), gt(rosterEntries.id, id))));
  }
  if (query.email) {
    const owner = await ctx.scoped.select(rosterEmails, eq(rosterEmails.email, normalizeEmail(query.email)));
    conditions.push(inArray(rosterEntries.id, owner.map((o) => o.rosterEntryId)));
  }
  const rows = await ctx.scoped
    .select(rosterEntries, ...conditions)
    .orderBy(asc(rosterEntries.createdAt), asc(rosterEntries.id))
    .limit(query.limit + 1);
  return paginate(rows, query.limit, (r) => [r.createdAt, r.id]);
}

export async function getRosterEntry(ctx: ServiceContext, id: string): Promise<RosterEntryRow> {
  const [row] = await ctx.scoped.select(rosterEntries, eq(rosterEntries.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No roster entry ${id} in this tenant.`);
  return row;
}

/** Removes an entry and its emails. Members it approved stay members (the roster is for admission, not for staying). */
export async function deleteRosterEntry(ctx: ServiceContext, id: string): Promise<void> {
  await getRosterEntry(ctx, id);
  await ctx.db.batch([
    ctx.scoped.delete(rosterEmails, eq(rosterEmails.rosterEntryId, id)),
    ctx.scoped.update(members, { rosterEntryId: null }, eq(members.rosterEntryId, id)),
    ctx.scoped.delete(rosterEntries, eq(rosterEntries.id, id)),
  ]);
}

export const rosterCsvColumns = ['email', 'name', 'employeeNumber', 'department', 'joinedOn', 'leftOn', 'kind'] as const;

/** Where a CSV row came from, so errors can point at the line a person sees in their spreadsheet. */
export const csvField =
  (lines: number[]): RosterFieldName =>
  (i, ...path) => {
    const column = path[0] === 'emails' ? 'email' : path[0];
    const suffix = path[0] === 'emails' && path[1] !== undefined ? ` (address ${Number(path[1]) + 1})` : '';
    return `csv.line ${lines[i] ?? '?'}${column ? `.${column}` : ''}${suffix}`;
  };

/**
 * Parses and validates a roster CSV (header row `email,name,employeeNumber,department,joinedOn,leftOn,kind`;
 * several emails in one cell separated by `;`). Every bad row is reported with its line number.
 */
export function parseRosterCsv(text: string, options: { maxRows?: number } = {}): { entries: RosterEntryInput[]; lines: number[] } {
  const { rows, lines } = readRosterCsv(text, options);
  return { entries: validateRosterRows(rows, csvField(lines)), lines };
}

/**
 * Reads a roster CSV into raw rows (not yet validated) and the line each starts on. Problems with the
 * file as a whole (not CSV, unknown or missing columns, too many rows) are thrown.
 */
export function readRosterCsv(text: string, options: { maxRows?: number } = {}): { rows: Record<string, string | string[] | undefined>[]; lines: number[] } {
  const maxRows = options.maxRows ?? MAX_ROSTER_ROWS;
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw AppError.invalid([{ field: line ? `csv.line ${line}` : 'csv', message: `is not valid CSV: ${(err as Error).message}` }]);
  }
  if (records.length === 0) throw AppError.invalid([{ field: 'csv', message: 'has no rows below the header' }]);
  const header = Object.keys(records[0]!.record);
  const unknown = header.filter((h) => !(rosterCsvColumns as readonly string[]).includes(h));
  const missing = (['email', 'name'] as const).filter((h) => !header.includes(h));
  if (unknown.length || missing.length) {
    throw AppError.invalid([
      ...unknown.map((h) => ({ field: 'csv.header', message: `has an unknown column "${h}"; the columns are ${rosterCsvColumns.join(',')}` })),
      ...missing.map((h) => ({ field: 'csv.header', message: `needs a "${h}" column` })),
    ]);
  }
  if (records.length > maxRows) {
    throw AppError.invalid([{ field: 'csv', message: `has ${records.length} rows; send at most ${maxRows} per call` }]);
  }
  const lines = records.map((r) => r.info.lines);
  const rows = records.map(({ record }) => {
    const value = (k: string) => (record[k] === undefined || record[k] === '' ? undefined : record[k]);
    return {
      emails: (record.email ?? '').split(';').map((s) => s.trim()).filter(Boolean),
      name: record.name ?? '',
      employeeNumber: value('employeeNumber'),
      department: value('department'),
      joinedOn: value('joinedOn'),
      leftOn: value('leftOn'),
      kind: value('kind'),
    };
  });
  return { rows, lines };
}

/** Validates each raw row on its own: the valid ones (with their index) and every problem of the others. */
export function checkRosterRows(rows: unknown[], fieldName: RosterFieldName = jsonField): { valid: { index: number; entry: RosterEntryInput }[]; errors: (FieldError & { index: number })[] } {
  const valid: { index: number; entry: RosterEntryInput }[] = [];
  const errors: (FieldError & { index: number })[] = [];
  rows.forEach((row, i) => {
    const parsed = RosterEntryInputSchema.safeParse(row);
    if (parsed.success) valid.push({ index: i, entry: parsed.data });
    else for (const issue of parsed.error.issues) errors.push({ index: i, field: fieldName(i, ...issue.path.map((p) => String(p))), message: issue.message });
  });
  return { valid, errors };
}

/** Validates raw rows against RosterEntryInputSchema, collecting every row's problems before failing. */
export function validateRosterRows(rows: unknown[], fieldName: RosterFieldName = jsonField): RosterEntryInput[] {
  const { valid, errors } = checkRosterRows(rows, fieldName);
  throwIfAny(
    errors.map(({ index: _i, ...e }) => e),
    rows.length,
  );
  return valid.map((v) => v.entry);
}
