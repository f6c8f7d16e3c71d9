import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { freshCache } from '../../core/cache.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { MemberRow } from '../members/profile.js';
import { members } from '../members/schema.js';
import { rosterEntries } from '../roster/schema.js';
import { builtInKind, builtInKinds, featuresOf, features as allFeatures, type Feature } from './features.js';
import { memberKinds } from './schema.js';

export type MemberKindRow = typeof memberKinds.$inferSelect;

export interface MemberKindView {
  key: string;
  labelJa: string;
  labelEn: string;
  features: Feature[];
  builtIn: boolean;
  position: number;
  /** Members of this kind now. */
  memberCount: number;
}

export interface MemberKindInput {
  key: string;
  labelJa: string;
  labelEn: string;
  features: Feature[];
  position?: number;
}
export type MemberKindPatch = Partial<Omit<MemberKindInput, 'key'>>;

const normalize = (list: readonly Feature[]) => allFeatures.filter((f) => list.includes(f));

/** The tenant's kinds: the built-in two (stored or default) and those the company added, in position order. */
export async function listMemberKinds(ctx: ServiceContext): Promise<MemberKindView[]> {
  const [rows, counts] = await Promise.all([
    ctx.scoped.select(memberKinds).orderBy(asc(memberKinds.position), asc(memberKinds.key)),
    // Bound to the tenant by ctx.scoped.where below; a plain select only to count (or take the max) without reading rows.
    // eslint-disable-next-line no-restricted-syntax
    ctx.db
      .select({ kind: members.kind, n: count() })
      .from(members)
      .where(ctx.scoped.where(members))
      .groupBy(members.kind),
  ]);
  const n = new Map(counts.map((c) => [c.kind, c.n]));
  const stored = new Map(rows.map((r) => [r.key, r]));
  const views: MemberKindView[] = builtInKinds
    .filter((k) => !stored.has(k.key))
    .map((k) => ({ ...k, features: [...k.features], builtIn: true, memberCount: n.get(k.key) ?? 0 }));
  for (const r of rows) views.push(toView(r, n.get(r.key) ?? 0));
  return views.sort((a, b) => a.position - b.position || a.key.localeCompare(b.key));
}

const toView = (r: MemberKindRow, memberCount: number): MemberKindView => ({
  key: r.key,
  labelJa: r.labelJa,
  labelEn: r.labelEn,
  features: featuresOf(r.key, r.features),
  builtIn: r.builtIn,
  position: r.position,
  memberCount,
});

export async function getMemberKind(ctx: ServiceContext, key: string): Promise<MemberKindView> {
  const found = (await listMemberKinds(ctx)).find((k) => k.key === key);
  if (!found) throw new AppError('not_found', `There is no member kind "${key}" in this tenant.`);
  return found;
}

/** Whether `key` is one of the tenant's kinds (for setting a member's or a roster entry's kind). */
export async function kindExists(ctx: ServiceContext, key: string): Promise<boolean> {
  if (builtInKind(key)) return true;
  const [row] = await ctx.scoped.select(memberKinds, eq(memberKinds.key, key)).limit(1);
  return row !== undefined;
}

/** Throws a field error naming `field` unless every key is one of the tenant's kinds. */
export async function assertKinds(ctx: ServiceContext, keyed: { field: string; key: string }[]): Promise<void> {
  const unknown: { field: string; key: string }[] = [];
  const known = new Map<string, boolean>();
  for (const k of keyed) {
    if (!known.has(k.key)) known.set(k.key, await kindExists(ctx, k.key));
    if (!known.get(k.key)) unknown.push(k);
  }
  if (unknown.length) {
    throw AppError.invalid(unknown.map((u) => ({ field: u.field, message: `"${u.key}" is not a member kind of this tenant (see GET /v1/admin/member-kinds)`, code: 'invalid_choice' })));
  }
}

/** The features of a member of `key`, for the session lookup's fallback and for tests. */
export async function featuresForKind(ctx: ServiceContext, key: string): Promise<Feature[]> {
  const [row] = await ctx.scoped.select(memberKinds, eq(memberKinds.key, key)).limit(1);
  return featuresOf(key, row?.features);
}

export async function createMemberKind(ctx: ServiceContext, input: MemberKindInput): Promise<MemberKindView> {
  if (builtInKind(input.key)) throw new AppError('conflict', `"${input.key}" is a built-in kind; change it with PATCH /v1/admin/member-kinds/${input.key}.`);
  const ts = ctx.now.toISOString();
  const position = input.position ?? (await nextPosition(ctx));
  const inserted = await ctx.scoped
    .insert(memberKinds, { id: newId('mkd'), key: input.key, labelJa: input.labelJa, labelEn: input.labelEn, features: normalize(input.features), builtIn: false, position, createdAt: ts, updatedAt: ts })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) throw new AppError('conflict', `The member kind "${input.key}" already exists.`);
  return toView(inserted[0]!, 0);
}

async function nextPosition(ctx: ServiceContext): Promise<number> {
  // Bound to the tenant by ctx.scoped.where below; a plain select only to count (or take the max) without reading rows.
  // eslint-disable-next-line no-restricted-syntax
  const [row] = await ctx.db
    .select({ max: sql<number | null>`max(${memberKinds.position})` })
    .from(memberKinds)
    .where(ctx.scoped.where(memberKinds));
  return Math.max(row?.max ?? 0, builtInKinds.length - 1) + 1;
}

export async function updateMemberKind(ctx: ServiceContext, key: string, patch: MemberKindPatch): Promise<MemberKindView> {
  const ts = ctx.now.toISOString();
  const defaults = builtInKind(key);
  if (defaults) {
    // A built-in kind gets its row on its first change.
    await ctx.scoped
      .insert(memberKinds, { id: newId('mkd'), key, labelJa: defaults.labelJa, labelEn: defaults.labelEn, features: [...defaults.features], builtIn: true, position: defaults.position, createdAt: ts, updatedAt: ts })
      .onConflictDoNothing();
  }
  const set: Partial<typeof memberKinds.$inferInsert> = { updatedAt: ts };
  if (patch.labelJa !== undefined) set.labelJa = patch.labelJa;
  if (patch.labelEn !== undefined) set.labelEn = patch.labelEn;
  if (patch.features !== undefined) set.features = normalize(patch.features);
  if (patch.position !== undefined) set.position = patch.position;
  const updated = await ctx.scoped.update(memberKinds, set, eq(memberKinds.key, key)).returning();
  if (updated.length === 0) throw new AppError('not_found', `There is no member kind "${key}" in this tenant.`);
  return getMemberKind(ctx, key);
}

/**
 * Deletes a kind the company added, unless a member or a roster entry has it (409): one conditional
 * statement, so a member given the kind meanwhile keeps it from going.
 */
export async function deleteMemberKind(ctx: ServiceContext, key: string): Promise<void> {
  if (builtInKind(key)) throw new AppError('conflict', `"${key}" is a built-in kind and cannot be deleted; change its features instead.`);
  const tenantId = ctx.tenant.id;
  const deleted = await ctx.scoped
    .delete(
      memberKinds,
      eq(memberKinds.key, key),
      sql`not exists (select 1 from ${members} where ${members.tenantId} = ${tenantId} and ${members.kind} = ${key})`,
      sql`not exists (select 1 from ${rosterEntries} where ${rosterEntries.tenantId} = ${tenantId} and ${rosterEntries.kind} = ${key})`,
    )
    .returning({ id: memberKinds.id });
  if (deleted.length > 0) return;
  const [row] = await ctx.scoped.select(memberKinds, eq(memberKinds.key, key)).limit(1);
  if (!row) throw new AppError('not_found', `There is no member kind "${key}" in this tenant.`);
  // Bound to the tenant by ctx.scoped.where below; a plain select only to count (or take the max) without reading rows.
  // eslint-disable-next-line no-restricted-syntax
  const [inUse] = await ctx.db
    .select({ n: count() })
    .from(members)
    .where(and(ctx.scoped.where(members), eq(members.kind, key)));
  throw new AppError(
    'conflict',
    `The member kind "${key}" is in use (${inUse?.n ?? 0} member(s)${inUse?.n ? '' : ', or roster entries'}); give them another kind first.`,
  );
}

/**
 * Gives a member another kind. The kind must exist when the row changes (one conditional statement, so
 * a kind deleted meanwhile is not given); the member's next request has the kind's features.
 */
export async function setMemberKind(ctx: ServiceContext, memberId: string, key: string): Promise<MemberRow> {
  const exists = builtInKind(key)
    ? undefined
    : sql`exists (select 1 from ${memberKinds} where ${memberKinds.tenantId} = ${ctx.tenant.id} and ${memberKinds.key} = ${key})`;
  const [updated] = await ctx.scoped.update(members, { kind: key, updatedAt: ctx.now.toISOString() }, eq(members.id, memberId), exists).returning();
  if (updated) return updated;
  const [member] = await ctx.scoped.select(members, eq(members.id, memberId)).limit(1);
  if (!member) throw new AppError('not_found', 'There is no such member in this tenant.');
  throw AppError.field('kind', `"${key}" is not a member kind of this tenant (see GET /v1/admin/member-kinds)`, 'invalid_choice');
}

/**
 * Whom `viewerFeatures`' member may message, by the other member's kind (for the directory's
 * canContact): nobody when the viewer's own kind has no messages; else members whose kind has them.
 * One read of the tenant's few kind rows per call.
 */
export async function messageableKinds(ctx: ServiceContext, viewerFeatures: readonly Feature[]): Promise<(kind: string) => boolean> {
  if (!viewerFeatures.includes('messages')) return () => false;
  // Only which directory cards offer "contact" (the contact route checks both kinds itself), asked by
  // every directory page: kept like a public answer (core/cache.ts) — measured, the query was a
  // twentieth of a directory page at 100k members.
  const stored = await keptKinds(ctx.db).get(ctx.tenant.id, async () => new Map((await ctx.scoped.select(memberKinds)).map((r) => [r.key, r.features])), ctx.tenant.id);
  return (kind) => featuresOf(kind, stored.get(kind)).includes('messages');
}

const keptKinds = (db: Db) => freshCache<Map<string, Feature[]>>(db, 'member-kinds', { max: 5000 });

/** Which kinds of the tenant have `feature`, as a test on a member's kind (for mail sent to many members). */
export async function kindsWith(ctx: Pick<ServiceContext, 'scoped'>, feature: Feature): Promise<(kind: string) => boolean> {
  const rows = await ctx.scoped.select(memberKinds);
  const stored = new Map(rows.map((r) => [r.key, r.features]));
  return (kind) => featuresOf(kind, stored.get(kind)).includes(feature);
}
