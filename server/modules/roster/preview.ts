/**
 * What a roster upload would change, without writing anything: the same reading, validation and
 * matching as the upload (service.ts), row by row. Rows with problems are reported (line, column,
 * reason) and left out; the rest are returned ready to send to POST /v1/admin/roster, so the console
 * can apply exactly what it showed.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { kindExists } from '../member-kinds/service.js';
import { members } from '../members/schema.js';
import {
  checkRosterRows,
  matchRoster,
  MAX_ROSTER_ROWS,
  readRosterCsv,
  rosterDuplicates,
  type RosterEntryInput,
  type RosterEntryRow,
  type RosterFieldName,
} from './service.js';

export const rosterPreviewFields = ['emails', 'name', 'employeeNumber', 'department', 'joinedOn', 'leftOn', 'kind'] as const;
type PreviewField = (typeof rosterPreviewFields)[number];
type FieldValue = string | string[] | null;

export interface RosterPreviewRow {
  /** The CSV line the row starts on (JSON: its 1-based position in `entries`). */
  line: number;
  status: 'new' | 'updated' | 'unchanged';
  /** The existing entry it updates. */
  entryId: string | null;
  /** What changes on an existing entry: field, value now, value after. */
  changes: { field: PreviewField; before: FieldValue; after: FieldValue }[];
  /** The row as the upload takes it (send these to POST /v1/admin/roster). */
  entry: RosterEntryInput;
}

export interface RosterPreview {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Pending members whose email is on a valid row: the upload approves them. */
  approvals: number;
  errors: { line: number; field: string; message: string }[];
  valid: RosterPreviewRow[];
}

/** The column a person sees for a path into a row (`emails.1` → `email`). */
const column = (path: (string | number)[]) => (path[0] === undefined ? 'row' : path[0] === 'emails' ? 'email' : String(path[0]));

function afterValues(e: RosterEntryInput): Record<PreviewField, FieldValue> {
  return {
    emails: e.emails,
    name: e.name,
    employeeNumber: e.employeeNumber ?? null,
    department: e.department ?? '',
    joinedOn: e.joinedOn ?? null,
    leftOn: e.leftOn ?? null,
    kind: e.kind ?? 'alumni',
  };
}

function diff(before: RosterEntryRow, entry: RosterEntryInput): RosterPreviewRow['changes'] {
  const after = afterValues(entry);
  const changes: RosterPreviewRow['changes'] = [];
  for (const field of rosterPreviewFields) {
    const was = before[field] as FieldValue;
    const now = after[field];
    const same = Array.isArray(was) && Array.isArray(now) ? [...was].sort().join('\n') === [...now].sort().join('\n') : was === now;
    if (!same) changes.push({ field, before: was, after: now });
  }
  return changes;
}

/** Previews an upload: CSV text (every row checked on its own), or JSON entries (already validated). */
export async function previewRoster(ctx: ServiceContext, upload: { csv: string } | { entries?: RosterEntryInput[] }): Promise<RosterPreview> {
  let raw: unknown[];
  let lines: number[];
  if ('csv' in upload) {
    ({ rows: raw, lines } = readRosterCsv(upload.csv));
  } else {
    if (!upload.entries) throw AppError.field('entries', 'is required (or send text/csv)');
    if (upload.entries.length > MAX_ROSTER_ROWS) throw AppError.field('entries', `has ${upload.entries.length} rows; send at most ${MAX_ROSTER_ROWS} per call`);
    raw = upload.entries;
    lines = upload.entries.map((_, i) => i + 1);
  }
  const lineOf = (i: number) => lines[i] ?? i + 1;
  const errors: RosterPreview['errors'] = [];
  const bad = new Set<number>();
  const fail = (index: number, field: string, message: string) => {
    bad.add(index);
    errors.push({ line: lineOf(index), field, message });
  };

  const checked = checkRosterRows(raw, (i, ...path) => `${i}\u0000${column(path)}`);
  for (const e of checked.errors) fail(e.index, e.field.split('\u0000')[1]!, e.message);

  // Within the file: a later row repeating an earlier row's email or employee number.
  const lineName: RosterFieldName = (i) => `line ${lineOf(checked.valid[i]!.index)}`;
  const inFile = checked.valid.map((v) => v.entry);
  for (const d of rosterDuplicates(inFile, (i, ...path) => (path.length ? `${i}\u0000${column(path)}` : lineName(i)))) {
    fail(checked.valid[d.index]!.index, d.field.split('\u0000')[1]!, d.message);
  }

  // A kind must be one of the tenant's (built in or added by the company), as the upload checks.
  const known = new Map<string, boolean>();
  for (const v of checked.valid) {
    const kind = v.entry.kind;
    if (!kind || bad.has(v.index)) continue;
    if (!known.has(kind)) known.set(kind, await kindExists(ctx, kind));
    if (!known.get(kind)) fail(v.index, 'kind', `"${kind}" is not a member kind of this tenant (see GET /v1/admin/member-kinds)`);
  }

  // Against the roster: an email that belongs to another entry.
  const candidates = checked.valid.filter((v) => !bad.has(v.index));
  const match = await matchRoster(ctx, candidates.map((c) => c.entry));
  for (const c of match.conflicts) fail(candidates[c.index]!.index, column(c.path), c.message);

  const valid: RosterPreviewRow[] = [];
  candidates.forEach((c, k) => {
    if (bad.has(c.index)) return;
    const target = match.targets[k];
    const existing = target ? match.existing.get(target) : undefined;
    const changes = existing ? diff(existing, c.entry) : [];
    valid.push({ line: lineOf(c.index), status: !target ? 'new' : changes.length ? 'updated' : 'unchanged', entryId: target ?? null, changes, entry: c.entry });
  });
  errors.sort((a, b) => a.line - b.line);

  const emails = [...new Set(valid.flatMap((v) => v.entry.emails))];
  let approvals = 0;
  for (let i = 0; i < emails.length; i += 400) {
    const rows = await ctx.scoped.select(members, and(eq(members.status, 'pending'), inArray(members.email, emails.slice(i, i + 400))));
    approvals += rows.length;
  }
  return {
    rows: raw.length,
    created: valid.filter((v) => v.status === 'new').length,
    updated: valid.filter((v) => v.status === 'updated').length,
    unchanged: valid.filter((v) => v.status === 'unchanged').length,
    approvals,
    errors,
    valid,
  };
}
