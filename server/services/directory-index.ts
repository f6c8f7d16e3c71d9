import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { members } from '../db/schema/index.js';
import { visibilityOf, type MemberRow, type ProfileField } from './profile.js';

/*
 * The directory's search index: two tables from migration 0002 (not modelled by drizzle).
 *   directory_entries — one row per listed, approved member: the filterable values, each only if the
 *                       member shows that field to members (else NULL / empty), pre-normalised.
 *   directory_search  — FTS5 (unicode61), rowid = directory_entries.doc_id, holding the visible text
 *                       with every run of Japanese script expanded to overlapping bigrams.
 * Because the index never holds a hidden value, no search or filter can match on one.
 */

// Han, kana, the long-vowel mark and the iteration marks: the scripts unicode61 does not split into words.
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005\u3006\u303b]/u;
const SEGMENTS = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005\u3006\u303b]+)|([^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005\u3006\u303b]+)/gu;
// What unicode61 keeps as token characters (letters, numbers, and marks it folds away).
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/**
 * NFKC (full-width Latin → ASCII, half-width kana → full-width), lower case, and hiragana folded to
 * katakana so that たなか finds タナカ. Used for the index, the queries and the filter values alike.
 */
export function normalizeText(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** Overlapping bigrams of a run, plus its last character alone so a one-character prefix query finds every position. */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars.at(-1)!);
  return out;
}

/** Text as stored in directory_search: Latin words left for unicode61, Japanese runs as bigrams. */
export function indexText(value: string): string {
  const out: string[] = [];
  for (const m of normalizeText(value).matchAll(SEGMENTS)) {
    if (m[1]) out.push(bigrams(m[1]).join(' '));
    else if (m[2]) out.push(m[2]);
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Turns what a person typed into an FTS5 query that can never be FTS5 syntax: every term is a
 * quoted string built only from word characters, and terms are ANDed. A Japanese term of two or more
 * characters becomes the phrase of its bigrams; one character, a prefix; a Latin word, a prefix.
 * Returns undefined when nothing searchable is left (only punctuation, emoji, control characters).
 */
export function ftsQuery(input: string): string | undefined {
  const terms: string[] = [];
  for (const m of normalizeText(input).matchAll(SEGMENTS)) {
    if (m[1]) {
      const chars = [...m[1]];
      terms.push(chars.length === 1 ? `${quote(m[1])}*` : quote(bigrams(m[1]).slice(0, -1).join(' ')));
    } else if (m[2]) {
      for (const word of m[2].match(WORD) ?? []) terms.push(`${quote(word)}*`);
    }
  }
  // Long inputs are already capped at the route; this keeps the query bounded whoever calls it.
  const unique = [...new Set(terms)].slice(0, 16);
  return unique.length ? unique.join(' AND ') : undefined;
}

export function isCjk(ch: string): boolean {
  return CJK_CHAR.test(ch);
}

const shown = (m: MemberRow, field: ProfileField) => visibilityOf(m, field) === 'members';

/** The member's visible text, per directory_search column. Email and hidden fields never get here. */
function searchColumns(m: MemberRow) {
  const titles: string[] = [];
  if (shown(m, 'lastTitle')) titles.push(m.lastTitle);
  if (shown(m, 'currentTitle')) titles.push(m.currentTitle);
  if (shown(m, 'career')) for (const c of m.career) titles.push(c.department, c.title ?? '');
  const skills = [...(shown(m, 'skills') ? m.skills : []), ...(shown(m, 'qualifications') ? m.qualifications : [])];
  return {
    name: indexText(m.name),
    kana: shown(m, 'nameKana') ? indexText(m.nameKana) : '',
    department: shown(m, 'lastDepartment') ? indexText(m.lastDepartment) : '',
    company: shown(m, 'currentCompany') ? indexText(m.currentCompany) : '',
    titles: indexText(titles.join(' \n ')),
    skills: indexText(skills.join(' \n ')),
    interests: shown(m, 'interests') ? indexText(m.interests.join(' \n ')) : '',
    bio: shown(m, 'bio') ? indexText(m.bio) : '',
  };
}

const orNull = (value: string) => (value.trim() === '' ? null : normalizeText(value.trim()));

/** The member's visible filter values, as directory_entries keeps them. */
function entryValues(m: MemberRow) {
  const kana = shown(m, 'nameKana') ? m.nameKana.trim() : '';
  return {
    kind: m.kind,
    sortKey: normalizeText(kana || m.name.trim()),
    department: shown(m, 'lastDepartment') ? orNull(m.lastDepartment) : null,
    leftYear: shown(m, 'leftYear') ? m.leftYear : null,
    company: shown(m, 'currentCompany') ? orNull(m.currentCompany) : null,
    location: shown(m, 'location') ? orNull(m.location) : null,
    skills: JSON.stringify(shown(m, 'skills') ? [...new Set(m.skills.map((s) => normalizeText(s.trim())).filter(Boolean))] : []),
    openTo: JSON.stringify(shown(m, 'openTo') ? m.openTo : []),
  };
}

/** Whether a member belongs in the directory at all. */
export function isListed(m: Pick<MemberRow, 'status' | 'unlisted'>): boolean {
  return m.status === 'approved' && !m.unlisted;
}

/** The statements that bring one member's index rows in step with `m` (or remove them). */
function reindexStatements(memberId: string, m: MemberRow | undefined) {
  // The delete trigger on directory_entries removes the FTS row with it.
  const remove = sql`delete from directory_entries where member_id = ${memberId}`;
  if (!m || !isListed(m)) return [remove];
  const e = entryValues(m);
  const t = searchColumns(m);
  return [
    remove,
    sql`insert into directory_entries (member_id, tenant_id, kind, sort_key, department, left_year, company, location, skills, open_to, updated_at)
        values (${m.id}, ${m.tenantId}, ${e.kind}, ${e.sortKey}, ${e.department}, ${e.leftYear}, ${e.company}, ${e.location}, ${e.skills}, ${e.openTo}, ${m.updatedAt})`,
    sql`insert into directory_search (rowid, name, kana, department, company, titles, skills, interests, bio)
        select doc_id, ${t.name}, ${t.kana}, ${t.department}, ${t.company}, ${t.titles}, ${t.skills}, ${t.interests}, ${t.bio}
        from directory_entries where member_id = ${memberId}`,
  ];
}

/**
 * Brings the member's search-index rows in step with the member row. Call after every write to a
 * member (create, profile edit, visibility or unlisted change, status change, deletion): the member
 * is in the index only while approved and listed, with only the values they show to members.
 * One batch, so readers never see half an update.
 */
export async function reindexMember(db: Db, memberId: string): Promise<void> {
  const [m] = await db.select().from(members).where(eq(members.id, memberId)).limit(1);
  const stmts = reindexStatements(memberId, m).map((s) => db.run(s));
  await db.batch(stmts as [ (typeof stmts)[number], ...(typeof stmts)[number][] ]);
}

/** Rebuilds the index for every member of a tenant (bulk loads, benchmarks, repair). */
export async function reindexTenant(db: Db, tenantId: string, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  await db.run(sql`delete from directory_entries where tenant_id = ${tenantId}`);
  let after = '';
  let count = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(members)
      .where(sql`${members.tenantId} = ${tenantId} and ${members.id} > ${after}`)
      .orderBy(members.id)
      .limit(batchSize);
    if (rows.length === 0) break;
    const stmts = rows.filter(isListed).flatMap((m) => reindexStatements(m.id, m).slice(1)).map((s) => db.run(s));
    if (stmts.length) await db.batch(stmts as [ (typeof stmts)[number], ...(typeof stmts)[number][] ]);
    count += rows.filter(isListed).length;
    after = rows.at(-1)!.id;
  }
  return count;
}
