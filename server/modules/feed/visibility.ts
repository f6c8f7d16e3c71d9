/**
 * Who sees which post and comment — the one place the feed's visibility is decided, as SQL every read
 * path (list, search, detail, comments, reactions, relays, digests) puts in its WHERE clause:
 *
 * - the public (a publishable key, or a session of a member who is not approved): published company
 *   posts made public, once their time has come, unless hidden;
 * - an approved member: every published post whose time has come, unless hidden — and their own
 *   posts whatever their state (hidden, waiting for approval), marked as such;
 * - the company (secret key): everything.
 *
 * A post written in a group (`group_id` set) is for the group's active members only, whoever else
 * would see it, its author included once they left: every path above inherits that from here.
 */
import { and, eq, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { MemberRow } from '../members/profile.js';
import { postComments, posts } from './schema.js';

export type Viewer = { kind: 'public' } | { kind: 'member'; member: MemberRow } | { kind: 'company' };

/** The viewer a credential makes: a session counts as a member only while the member is approved. */
export function viewerOf(principal: { kind: string; member?: MemberRow }): Viewer {
  if (principal.kind === 'secret') return { kind: 'company' };
  if (principal.kind === 'session' && principal.member?.status === 'approved') return { kind: 'member', member: principal.member };
  return { kind: 'public' };
}

export const memberIdOf = (viewer: Viewer): string | undefined => (viewer.kind === 'member' ? viewer.member.id : undefined);

/** Published, not hidden, and its time has come: what everyone who may see it sees. */
function openToAll(nowIso: string): SQL {
  return and(eq(posts.status, 'published'), isNull(posts.hiddenAt), lte(posts.publishedAt, nowIso))!;
}

/** Not a group post, or one of a group the member is active in. */
export function inGroupOrNone(memberId: string): SQL {
  return or(
    isNull(posts.groupId),
    sql`exists (select 1 from group_members gm where gm.group_id = ${posts.groupId} and gm.member_id = ${memberId} and gm.status = 'active')`,
  )!;
}

/** The posts `viewer` may see, as a condition on `posts`. */
export function postVisibleTo(viewer: Viewer, nowIso: string): SQL | undefined {
  switch (viewer.kind) {
    case 'company':
      return undefined;
    case 'public':
      return and(eq(posts.audience, 'public'), eq(posts.authorType, 'company'), isNull(posts.groupId), openToAll(nowIso));
    case 'member':
      return and(inGroupOrNone(viewer.member.id), or(eq(posts.authorMemberId, viewer.member.id), openToAll(nowIso)));
  }
}

/**
 * The comments a member may see on a post they may see: not hidden (their own are shown, marked), and
 * not a reply under a hidden comment of someone else.
 */
export function commentVisibleTo(memberId: string): SQL {
  const parentShown = sql`(${postComments.parentId} is null or exists (
    select 1 from post_comments p where p.id = ${postComments.parentId} and (p.hidden_at is null or p.author_member_id = ${memberId})))`;
  return and(or(isNull(postComments.hiddenAt), eq(postComments.authorMemberId, memberId)), parentShown)!;
}

/** A post's state as its author (or the company) sees it; everyone else only ever sees `published`. */
export function postState(row: { status: string; hiddenAt: string | null; publishedAt: string }, nowIso: string): 'published' | 'hidden' | 'pending' | 'scheduled' {
  if (row.hiddenAt) return 'hidden';
  if (row.status === 'pending') return 'pending';
  if (row.publishedAt > nowIso) return 'scheduled';
  return 'published';
}
