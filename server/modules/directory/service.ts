import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { ftsTerms, nameKeyTerm, normalizeText, tenantToken } from '../../core/search/japanese.js';
import { profileFor, type MemberRow } from '../members/profile.js';
import { members, openToFlags, type MemberKind, type OpenToFlag } from '../members/schema.js';

export interface DirectoryQuery {
  limit: number;
  cursor?: string;
  /** Free text; never FTS syntax (see ftsTerms). */
  q?: string;
  /** Contained in the last department (case- and width-insensitive). */
  department?: string;
  leftYearFrom?: number;
  leftYearTo?: number;
  /** Contained in the current company. */
  company?: string;
  /** One skill, matched whole (case- and width-insensitive). */
  skill?: string;
  /** Open to at least one of these. */
  openTo?: OpenToFlag[];
  /** Contained in the location. */
  location?: string;
  kind?: MemberKind;
}

/**
 * The filters, each against directory_entries — which holds a value only when the member shows it to
 * members, so a filter can never match on a hidden field.
 */
function filterConditions(tenantId: string, f: DirectoryQuery): SQL[] {
  const where: SQL[] = [sql`e.tenant_id = ${tenantId}`];
  const contains = (column: string, value: string | undefined) => {
    const v = value === undefined ? '' : normalizeText(value.trim());
    if (v) where.push(sql`instr(${sql.raw(`e.${column}`)}, ${v}) > 0`);
  };
  contains('department', f.department);
  contains('company', f.company);
  contains('location', f.location);
  if (f.leftYearFrom !== undefined) where.push(sql`e.left_year >= ${f.leftYearFrom}`);
  if (f.leftYearTo !== undefined) where.push(sql`e.left_year <= ${f.leftYearTo}`);
  const skill = f.skill === undefined ? '' : normalizeText(f.skill.trim());
  if (skill) where.push(sql`exists (select 1 from json_each(e.skills) where value = ${skill})`);
  if (f.openTo?.length) {
    where.push(sql`exists (select 1 from json_each(e.open_to) where value in (${sql.join(f.openTo.map((o) => sql`${o}`), sql`, `)}))`);
  }
  if (f.kind) where.push(sql`e.kind = ${f.kind}`);
  return where;
}

/**
 * One page of the tenant's directory.
 *
 * With `q`: members whose name or reading matches a term come first (tier 0), then the other
 * matches (tier 1); within a tier, the most recently (re)indexed profile first — doc_id grows with
 * every profile change, so this is "recently active first". The cursor is [tier, doc_id].
 * We measured bm25 ordering at 100k members: a common word (営業, 40% of profiles) costs 60–250 ms
 * because bm25 must score every match, while walking the doclist by rowid stops after one page
 * (under 1 ms). See test/bench/directory.ts.
 *
 * Without `q`: by reading (kana, or the name where the kana is hidden), then id.
 */
export async function searchDirectory(ctx: ServiceContext, query: DirectoryQuery): Promise<{ ids: string[]; nextCursor: string | null }> {
  const { db } = ctx;
  const tenantId = ctx.tenant.id;
  const where = filterConditions(tenantId, query);
  const q = query.q?.trim();
  if (q) {
    const terms = ftsTerms(q);
    if (terms.length === 0) return { ids: [], nextCursor: null };
    // Every term, in the profile's text (not in the name keys, where `n`-prefixed tokens would match a prefix like "na"*).
    const all = `- {name_keys} : (${terms.join(' AND ')})`;
    // Name keys, not a {name kana} column filter: a filter still walks every profile with the term.
    const inName = `{name_keys} : (${terms.map(nameKeyTerm).join(' OR ')})`;
    const tenant = `tenant : "${tenantToken(tenantId)}"`;
    const tiers = [`${tenant} AND ((${all}) AND (${inName}))`, `${tenant} AND ((${all}) NOT (${inName}))`];
    const after = decodeCursor(cursorKeys.tierThenRow, query.cursor);
    const rows: { member_id: string; doc_id: number; tier: number }[] = [];
    for (let tier = after ? after[0] : 0; tier < tiers.length && rows.length <= query.limit; tier++) {
      const before = after && tier === after[0] ? sql`and s.rowid < ${after[1]}` : sql``;
      const found = await db.all<{ member_id: string; doc_id: number }>(sql`
        select e.member_id as member_id, s.rowid as doc_id
        from directory_search s join directory_entries e on e.doc_id = s.rowid
        where directory_search match ${tiers[tier]} ${before} and ${sql.join(where, sql` and `)}
        order by s.rowid desc
        limit ${query.limit + 1 - rows.length}`);
      rows.push(...found.map((r) => ({ member_id: r.member_id, doc_id: Number(r.doc_id), tier })));
    }
    const page = paginate(rows, query.limit, (r) => [r.tier, r.doc_id]);
    return { ids: page.data.map((r) => r.member_id), nextCursor: page.nextCursor };
  }
  const after = decodeCursor(cursorKeys.sortKeyThenId, query.cursor);
  if (after) {
    where.push(sql`(e.sort_key > ${after[0]} or (e.sort_key = ${after[0]} and e.member_id > ${after[1]}))`);
  }
  const rows = await db.all<{ member_id: string; sort_key: string }>(sql`
    select e.member_id as member_id, e.sort_key as sort_key from directory_entries e
    where ${sql.join(where, sql` and `)}
    order by e.sort_key, e.member_id
    limit ${query.limit + 1}`);
  const page = paginate(rows, query.limit, (r) => [r.sort_key, r.member_id]);
  return { ids: page.data.map((r) => r.member_id), nextCursor: page.nextCursor };
}

/** A member as another member sees them in the directory: only what they show to members, never email. */
export function toDirectoryCard(m: MemberRow, viewerId: string, messageable: (kind: string) => boolean = () => true) {
  return {
    id: m.id,
    kind: m.kind,
    profile: profileFor(m, 'members'),
    // Both kinds must have messages (member-kinds): the route would refuse otherwise.
    canContact: m.id !== viewerId && messageable(m.kind),
  };
}

export type DirectoryCard = ReturnType<typeof toDirectoryCard>;

/** The member rows for `ids`, in that order; rows no longer listed (changed since the search) are dropped. */
async function listedMembers(ctx: ServiceContext, ids: string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  // The same rule as the index (isListed), for rows that changed since the search.
  const version = ctx.tenant.privacyPolicyVersion;
  // Cards are wide (every profile field): read as one JSON value per row, 0.15 ms for a page instead of 1.05 (db/json-row.ts).
  const found = await ctx.scoped.selectRows(
    members,
    inArray(members.id, ids),
    eq(members.status, 'approved'),
    eq(members.unlisted, false),
    sql`trim(${members.name}) <> ''`,
    version ? eq(members.consentVersion, version) : undefined,
  );
  const byId = new Map(found.map(({ row }) => [row.id, row]));
  return ids.map((id) => byId.get(id)).filter((m): m is MemberRow => m !== undefined);
}

/** Search/list for a viewer: the page of cards and the cursor for the next. */
export async function directoryPage(ctx: ServiceContext, viewerId: string, query: DirectoryQuery, messageable?: (kind: string) => boolean) {
  const { ids, nextCursor } = await searchDirectory(ctx, query);
  const rows = await listedMembers(ctx, ids);
  return { data: rows.map((m) => toDirectoryCard(m, viewerId, messageable)), nextCursor };
}

/** `rehire,side_job` as the directory's openTo filter; anything else names the field. */
export function parseOpenTo(value: string | undefined): OpenToFlag[] | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const flags = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = flags.filter((f) => !(openToFlags as readonly string[]).includes(f));
  if (bad.length) throw AppError.field('openTo', `must be a comma-separated list of ${openToFlags.join(', ')}`, 'invalid_choice', { options: openToFlags });
  return flags as OpenToFlag[];
}

/** A member of the directory (approved and listed, in this tenant), or a 404. */
export async function getListedMember(ctx: ServiceContext, memberId: string): Promise<MemberRow> {
  const [m] = await listedMembers(ctx, [memberId]);
  if (!m) throw new AppError('not_found', `No member ${memberId} in this directory.`);
  return m;
}
