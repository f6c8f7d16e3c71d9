/**
 * Groups: the company creates them (and may let members create them); members browse the groups they
 * may see, join by the group's rule (open: at once; request: a group admin approves; invitation: only
 * when invited), leave, and accept invitations; group admins (members the company names, or the member
 * who created the group) handle requests, invite, remove members and hide posts in their group.
 *
 * Who sees a group: an approved member sees every `members` group and the `hidden` groups they belong
 * to (or were invited to); archived groups leave members' lists. A group a member may not see does not
 * exist for them (404). Every state change is one conditional statement (or one batch), so two
 * requests at once cannot both act.
 */
import { z } from '@hono/zod-openapi';
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import type { MemberRow } from '../members/profile.js';
import { getListedMember } from '../directory/service.js';
import { members } from '../members/schema.js';
import { posts } from '../feed/schema.js';
import { peopleById, personOf } from '../feed/views.js';
import { groupMembers, groups, type GroupJoinRule, type GroupKind, type GroupRole, type GroupVisibility } from './schema.js';

export type GroupRow = typeof groups.$inferSelect;
export type GroupMemberRow = typeof groupMembers.$inferSelect;

export interface GroupInput {
  name: string;
  description?: string;
  kind: GroupKind;
  joinRule: GroupJoinRule;
  visibility: GroupVisibility;
}
export interface GroupPatch extends Partial<GroupInput> {
  archived?: boolean;
}

/** Only approved members take part in groups. */
export function requireApproved(member: MemberRow): MemberRow {
  if (member.status === 'pending') throw new AppError('membership_pending', 'Your membership is waiting for approval by the company. Groups open once it is approved.');
  if (member.status !== 'approved') throw new AppError('forbidden', 'Only approved members can use groups.');
  return member;
}

/** The groups `memberId` may know exist: not archived, and listed to members or holding a row of theirs. */
function visibleTo(memberId: string): SQL {
  return and(
    isNull(groups.archivedAt),
    or(
      eq(groups.visibility, 'members'),
      sql`exists (select 1 from group_members gm where gm.group_id = ${groups.id} and gm.member_id = ${memberId} and gm.status in ('active', 'invited'))`,
    ),
  )!;
}

/** Groups page by name, then id (a group's id: another list's cursor is refused). */
const groupCursor = z.tuple([z.string().max(400), z.string().regex(/^grp_[A-Za-z0-9]{1,60}$/)]);

const likeEscape = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
const textMatch = (q: string) => sql`(${groups.name} like ${likeEscape(q)} escape '\\' or ${groups.description} like ${likeEscape(q)} escape '\\')`;

/** Active member counts of `ids`, in one query. */
async function countsOf(ctx: ServiceContext, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  // eslint-disable-next-line no-restricted-syntax -- bound to the tenant by ctx.scoped.where
  const rows = await ctx.db
    .select({ groupId: groupMembers.groupId, n: sql<number>`count(*)` })
    .from(groupMembers)
    .where(ctx.scoped.where(groupMembers, inArray(groupMembers.groupId, ids), eq(groupMembers.status, 'active')))
    .groupBy(groupMembers.groupId);
  return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
}

/** Groups as a member reads them: with the member count and the reader's own place in each. */
export async function toGroupViews(ctx: ServiceContext, rows: GroupRow[], memberId: string | undefined) {
  const ids = rows.map((r) => r.id);
  const counts = await countsOf(ctx, ids);
  const mine = memberId && ids.length ? await ctx.scoped.select(groupMembers, inArray(groupMembers.groupId, ids), eq(groupMembers.memberId, memberId)) : [];
  return rows.map((g) => {
    const my = mine.find((m) => m.groupId === g.id);
    return {
      id: g.id,
      name: g.name,
      description: g.description,
      kind: g.kind,
      joinRule: g.joinRule,
      visibility: g.visibility,
      memberCount: counts.get(g.id) ?? 0,
      archived: g.archivedAt !== null,
      createdAt: g.createdAt,
      membership: my ? { status: my.status, role: my.role, showInDirectory: my.showInDirectory } : null,
    };
  });
}

export interface GroupListQuery {
  limit: number;
  cursor?: string;
  q?: string;
  /** `mine`: groups the member is in, asked to join or was invited to; `browse`: every group they may see. */
  scope?: 'mine' | 'browse';
}

/** A page of groups by name, as the member may see them. */
export async function listGroups(ctx: ServiceContext, member: MemberRow, query: GroupListQuery) {
  requireApproved(member);
  const after = decodeCursor(groupCursor, query.cursor);
  const q = query.q?.trim();
  const rows = await ctx.scoped
    .select(
      groups,
      visibleTo(member.id),
      query.scope === 'mine' ? sql`exists (select 1 from group_members gm where gm.group_id = ${groups.id} and gm.member_id = ${member.id})` : undefined,
      q ? textMatch(q) : undefined,
      after ? sql`(${groups.name}, ${groups.id}) > (${after[0]}, ${after[1]})` : undefined,
    )
    .orderBy(asc(groups.name), asc(groups.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (g) => [g.name, g.id]);
  return { data: await toGroupViews(ctx, page.data, member.id), nextCursor: page.nextCursor };
}

/** The group as the member may see it, or a 404. */
export async function visibleGroup(ctx: ServiceContext, member: MemberRow, id: string): Promise<GroupRow> {
  requireApproved(member);
  const [row] = await ctx.scoped.select(groups, eq(groups.id, id), visibleTo(member.id)).limit(1);
  if (!row) throw new AppError('not_found', `No group ${id}.`);
  return row;
}

export async function getGroup(ctx: ServiceContext, member: MemberRow, id: string) {
  const [view] = await toGroupViews(ctx, [await visibleGroup(ctx, member, id)], member.id);
  return view!;
}

async function membershipOf(ctx: ServiceContext, groupId: string, memberId: string): Promise<GroupMemberRow | undefined> {
  const [row] = await ctx.scoped.select(groupMembers, eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)).limit(1);
  return row;
}

/** A member creates a group (when the tenant lets members do so) and becomes its admin, in one batch. */
export async function createMemberGroup(ctx: ServiceContext, member: MemberRow, input: GroupInput) {
  requireApproved(member);
  if (!ctx.tenant.membersCreateGroups) throw new AppError('forbidden', 'Only the company creates groups here.');
  const ts = ctx.now.toISOString();
  const row = { id: newId('grp'), name: input.name, description: input.description ?? '', kind: input.kind, joinRule: input.joinRule, visibility: input.visibility, createdByMemberId: member.id, createdAt: ts, updatedAt: ts };
  await ctx.db.batch([
    ctx.scoped.insert(groups, row),
    ctx.scoped.insert(groupMembers, { groupId: row.id, memberId: member.id, role: 'admin', status: 'active', joinedAt: ts, createdAt: ts }),
  ]);
  return getGroup(ctx, member, row.id);
}

/**
 * Joins by the group's rule: open → active; request → requested (a group admin decides); invitation →
 * 403 unless invited (then it accepts). Asking again changes nothing.
 */
export async function joinGroup(ctx: ServiceContext, member: MemberRow, id: string) {
  const group = await visibleGroup(ctx, member, id);
  const ts = ctx.now.toISOString();
  const current = await membershipOf(ctx, id, member.id);
  if (current?.status === 'invited') return acceptInvitation(ctx, member, id);
  if (!current) {
    if (group.joinRule === 'invitation') throw new AppError('forbidden', 'This group takes members by invitation only.');
    const status = group.joinRule === 'open' ? ('active' as const) : ('requested' as const);
    await ctx.scoped.insert(groupMembers, { groupId: id, memberId: member.id, role: 'member', status, joinedAt: status === 'active' ? ts : null, createdAt: ts }).onConflictDoNothing();
  }
  return getGroup(ctx, member, id);
}

/** Accepts an invitation (the invited row becomes active); no invitation, nothing to accept. */
export async function acceptInvitation(ctx: ServiceContext, member: MemberRow, id: string) {
  await visibleGroup(ctx, member, id);
  const changed = await ctx.scoped
    .update(groupMembers, { status: 'active', joinedAt: ctx.now.toISOString() }, eq(groupMembers.groupId, id), eq(groupMembers.memberId, member.id), eq(groupMembers.status, 'invited'))
    .returning();
  if (!changed.length) {
    const current = await membershipOf(ctx, id, member.id);
    if (current?.status !== 'active') throw new AppError('not_found', `No invitation to group ${id}.`);
  }
  return getGroup(ctx, member, id);
}

/** Leaves a group, withdraws a request or declines an invitation. */
export async function leaveGroup(ctx: ServiceContext, member: MemberRow, id: string): Promise<void> {
  requireApproved(member);
  const [row] = await ctx.scoped.select(groups, eq(groups.id, id)).limit(1);
  const current = row ? await membershipOf(ctx, id, member.id) : undefined;
  if (!current) throw new AppError('not_found', `You are not in group ${id}.`);
  await ctx.scoped.delete(groupMembers, eq(groupMembers.groupId, id), eq(groupMembers.memberId, member.id));
}

/** Whether the directory shows this group on the member's card. */
export async function setShowInDirectory(ctx: ServiceContext, member: MemberRow, id: string, show: boolean) {
  await visibleGroup(ctx, member, id);
  const changed = await ctx.scoped.update(groupMembers, { showInDirectory: show }, eq(groupMembers.groupId, id), eq(groupMembers.memberId, member.id), eq(groupMembers.status, 'active')).returning();
  if (!changed.length) throw new AppError('not_found', `You are not in group ${id}.`);
  return getGroup(ctx, member, id);
}

/** The group, if `member` is one of its admins: else 404 when they may not see it, 403 when they may. */
export async function asGroupAdmin(ctx: ServiceContext, member: MemberRow, id: string): Promise<GroupRow> {
  const group = await visibleGroup(ctx, member, id);
  const mine = await membershipOf(ctx, id, member.id);
  if (mine?.status !== 'active' || mine.role !== 'admin') throw new AppError('forbidden', 'Only the group’s admins can do this.');
  return group;
}

/** The people of a group by status, oldest first, with their names and photos as members see them. */
export async function groupPeople(ctx: ServiceContext, groupId: string, statuses: GroupMemberRow['status'][], query: { limit: number; cursor?: string }) {
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const rows = await ctx.scoped
    .select(
      groupMembers,
      eq(groupMembers.groupId, groupId),
      inArray(groupMembers.status, statuses),
      after ? sql`(${groupMembers.createdAt}, ${groupMembers.memberId}) > (${after[0]}, ${after[1]})` : undefined,
    )
    .orderBy(asc(groupMembers.createdAt), asc(groupMembers.memberId))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.createdAt, r.memberId]);
  const people = await peopleById(ctx, page.data.map((r) => r.memberId));
  return {
    data: page.data.map((r) => ({ member: personOf(people.get(r.memberId)), memberId: r.memberId, role: r.role, status: r.status, joinedAt: r.joinedAt, createdAt: r.createdAt })),
    nextCursor: page.nextCursor,
  };
}

/** The active members of a group, for its members only. */
export async function listGroupMembers(ctx: ServiceContext, member: MemberRow, id: string, query: { limit: number; cursor?: string }) {
  await visibleGroup(ctx, member, id);
  const mine = await membershipOf(ctx, id, member.id);
  if (mine?.status !== 'active') throw new AppError('forbidden', 'Only the group’s members see who is in it.');
  return groupPeople(ctx, id, ['active'], query);
}

export async function listRequests(ctx: ServiceContext, admin: MemberRow, id: string, query: { limit: number; cursor?: string }) {
  await asGroupAdmin(ctx, admin, id);
  return groupPeople(ctx, id, ['requested'], query);
}

/** A group admin approves (requested → active) or declines (the request goes) a request. */
export async function decideRequest(ctx: ServiceContext, admin: MemberRow, id: string, memberId: string, approve: boolean): Promise<void> {
  await asGroupAdmin(ctx, admin, id);
  const where = [eq(groupMembers.groupId, id), eq(groupMembers.memberId, memberId), eq(groupMembers.status, 'requested')] as const;
  const changed = approve
    ? await ctx.scoped.update(groupMembers, { status: 'active', joinedAt: ctx.now.toISOString() }, ...where).returning()
    : await ctx.scoped.delete(groupMembers, ...where).returning();
  if (!changed.length) throw new AppError('not_found', `No request from ${memberId} to group ${id}.`);
}

/** An approved member of the tenant, or a field error naming `field`. */
async function approvedMember(ctx: ServiceContext, memberId: string, field: string): Promise<MemberRow> {
  const [row] = await ctx.scoped.select(members, eq(members.id, memberId), eq(members.status, 'approved')).limit(1);
  if (!row) throw AppError.field(field, 'is not an approved member');
  return row;
}

/** A group admin invites a member (a member who asked to join is let in at once). */
export async function inviteMember(ctx: ServiceContext, admin: MemberRow, id: string, memberId: string) {
  await asGroupAdmin(ctx, admin, id);
  await approvedMember(ctx, memberId, 'memberId');
  const ts = ctx.now.toISOString();
  await ctx.db.batch([
    ctx.scoped.update(groupMembers, { status: 'active', joinedAt: ts }, eq(groupMembers.groupId, id), eq(groupMembers.memberId, memberId), eq(groupMembers.status, 'requested')),
    ctx.scoped.insert(groupMembers, { groupId: id, memberId, role: 'member', status: 'invited', createdAt: ts }).onConflictDoNothing(),
  ]);
  const row = await membershipOf(ctx, id, memberId);
  return { memberId, status: row!.status, role: row!.role };
}

/** A group admin removes a member (not another admin: the company names and removes admins). */
export async function removeMember(ctx: ServiceContext, admin: MemberRow, id: string, memberId: string): Promise<void> {
  await asGroupAdmin(ctx, admin, id);
  const gone = await ctx.scoped.delete(groupMembers, eq(groupMembers.groupId, id), eq(groupMembers.memberId, memberId), eq(groupMembers.role, 'member')).returning();
  if (!gone.length) throw new AppError('not_found', `No member ${memberId} a group admin can remove from group ${id}.`);
}

/** A group admin hides a post written in their group: gone for everyone but its author (the company can restore it). */
export async function hideGroupPost(ctx: ServiceContext, admin: MemberRow, id: string, postId: string, reason: string | undefined): Promise<void> {
  await asGroupAdmin(ctx, admin, id);
  const [post] = await ctx.scoped.select(posts, eq(posts.id, postId), eq(posts.groupId, id)).limit(1);
  if (!post) throw new AppError('not_found', `No post ${postId} in group ${id}.`);
  if (post.hiddenAt) return;
  await ctx.scoped.update(posts, { hiddenAt: ctx.now.toISOString(), hiddenReason: reason ?? 'hidden by a group admin' }, eq(posts.id, postId), isNull(posts.hiddenAt));
}

/**
 * The groups a listed member shows on their directory card: groups they are active in and chose to
 * show (`showInDirectory`), not archived, and that the viewer may know exist (a hidden group only
 * when the viewer is in it too). A member the directory does not list: 404.
 */
export async function memberCardGroups(ctx: ServiceContext, viewer: MemberRow, memberId: string) {
  requireApproved(viewer);
  await getListedMember(ctx, memberId);
  const rows = await ctx.scoped
    .select(
      groups,
      visibleTo(viewer.id),
      sql`exists (select 1 from group_members gm where gm.group_id = ${groups.id} and gm.member_id = ${memberId} and gm.status = 'active' and gm.show_in_directory = 1)`,
    )
    .orderBy(asc(groups.name), asc(groups.id))
    .limit(50);
  return { data: rows.map((g) => ({ id: g.id, name: g.name, kind: g.kind })) };
}

// ---- The company (admin API) ----

export async function adminListGroups(ctx: ServiceContext, query: { limit: number; cursor?: string; q?: string; archived?: boolean }) {
  const after = decodeCursor(groupCursor, query.cursor);
  const q = query.q?.trim();
  const rows = await ctx.scoped
    .select(
      groups,
      query.archived === undefined ? undefined : query.archived ? sql`${groups.archivedAt} is not null` : isNull(groups.archivedAt),
      q ? textMatch(q) : undefined,
      after ? sql`(${groups.name}, ${groups.id}) > (${after[0]}, ${after[1]})` : undefined,
    )
    .orderBy(asc(groups.name), asc(groups.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (g) => [g.name, g.id]);
  return { data: await adminGroupViews(ctx, page.data), nextCursor: page.nextCursor };
}

export async function adminGroupViews(ctx: ServiceContext, rows: GroupRow[]) {
  const views = await toGroupViews(ctx, rows, undefined);
  return views.map(({ membership: _m, ...v }, i) => ({ ...v, createdByMemberId: rows[i]!.createdByMemberId, archivedAt: rows[i]!.archivedAt, updatedAt: rows[i]!.updatedAt }));
}

async function anyGroup(ctx: ServiceContext, id: string): Promise<GroupRow> {
  const [row] = await ctx.scoped.select(groups, eq(groups.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No group ${id}.`);
  return row;
}

export async function adminGetGroup(ctx: ServiceContext, id: string) {
  return (await adminGroupViews(ctx, [await anyGroup(ctx, id)]))[0]!;
}

export async function adminCreateGroup(ctx: ServiceContext, input: GroupInput) {
  const ts = ctx.now.toISOString();
  const row = { id: newId('grp'), name: input.name, description: input.description ?? '', kind: input.kind, joinRule: input.joinRule, visibility: input.visibility, createdAt: ts, updatedAt: ts };
  await ctx.scoped.insert(groups, row);
  if (ctx.audit) ctx.audit.targetId = row.id;
  return adminGetGroup(ctx, row.id);
}

export async function adminUpdateGroup(ctx: ServiceContext, id: string, patch: GroupPatch) {
  if (Object.keys(patch).length === 0) throw AppError.field('body', 'names nothing to change');
  const before = await anyGroup(ctx, id);
  const { archived, ...fields } = patch;
  const ts = ctx.now.toISOString();
  const changes: Partial<GroupRow> = { ...fields, updatedAt: ts };
  if (archived !== undefined) changes.archivedAt = archived ? (before.archivedAt ?? ts) : null;
  await ctx.scoped.update(groups, changes, eq(groups.id, id));
  if (ctx.audit) ctx.audit.summary = { before: pick(before, Object.keys(patch)), after: patch } as never;
  return adminGetGroup(ctx, id);
}

const pick = (row: GroupRow, keys: string[]) => Object.fromEntries(keys.map((k) => (k === 'archived' ? ['archived', row.archivedAt !== null] : [k, (row as Record<string, unknown>)[k]])));

export async function adminGroupMembers(ctx: ServiceContext, id: string, query: { limit: number; cursor?: string }) {
  await anyGroup(ctx, id);
  return groupPeople(ctx, id, ['active', 'requested', 'invited'], query);
}

/** The company adds a member to a group (active at once) or changes their role: names or removes a group admin. */
export async function adminSetMember(ctx: ServiceContext, id: string, memberId: string, role: GroupRole) {
  await anyGroup(ctx, id);
  await approvedMember(ctx, memberId, 'memberId');
  const ts = ctx.now.toISOString();
  await ctx.scoped
    .insert(groupMembers, { groupId: id, memberId, role, status: 'active', joinedAt: ts, createdAt: ts })
    .onConflictDoUpdate({ target: [groupMembers.groupId, groupMembers.memberId], set: { role, status: 'active', joinedAt: sql`coalesce(${groupMembers.joinedAt}, ${ts})` } });
  const row = await membershipOf(ctx, id, memberId);
  return { memberId, role: row!.role, status: row!.status };
}

export async function adminRemoveMember(ctx: ServiceContext, id: string, memberId: string): Promise<void> {
  await anyGroup(ctx, id);
  const gone = await ctx.scoped.delete(groupMembers, eq(groupMembers.groupId, id), eq(groupMembers.memberId, memberId)).returning();
  if (!gone.length) throw new AppError('not_found', `No member ${memberId} in group ${id}.`);
}
