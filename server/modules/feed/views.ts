/**
 * Rows as readers get them: a post with its author, counts, the viewer's own reactions and, for a
 * self-introduction in a relay, who passed the baton and who it was passed to. The people a page of
 * posts mentions are read in one query; nothing of a member is shown but their name and the photo they
 * show to members.
 */
import { inArray, or } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { visibilityOf, type MemberRow } from '../members/profile.js';
import { members } from '../members/schema.js';
import { postReactions, posts, relayBatons, reactionKinds, type ReactionKind } from './schema.js';
import { memberIdOf, postState, type Viewer } from './visibility.js';

export type PostRow = typeof posts.$inferSelect;
export type BatonRow = typeof relayBatons.$inferSelect;

/** Who wrote or is named: the company, a member (name and photo as members see them), or a member since erased. */
export type Person = { type: 'company'; name: string } | { type: 'member'; id: string; name: string; photoUrl: string | null } | { type: 'former' };

/** What the feed shows of a member: the name, and the photo only if they show it to members. */
export type Shown = Pick<MemberRow, 'id' | 'name' | 'photoUrl' | 'visibility' | 'email' | 'locale'>;

export function personOf(m: Shown | undefined): Person {
  if (!m) return { type: 'former' };
  return { type: 'member', id: m.id, name: m.name, photoUrl: visibilityOf(m, 'photoUrl') === 'members' ? m.photoUrl : null };
}

/** The members named by `ids` (authors, nominees), by id: only the columns the feed and its mail use. */
export async function peopleById(ctx: ServiceContext, ids: (string | null | undefined)[]): Promise<Map<string, Shown>> {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (!wanted.length) return new Map();
  // eslint-disable-next-line no-restricted-syntax -- bound to the tenant by ctx.scoped.where; only the columns shown, not whole profiles
  const rows = await ctx.db
    .select({ id: members.id, name: members.name, photoUrl: members.photoUrl, visibility: members.visibility, email: members.email, locale: members.locale })
    .from(members)
    .where(ctx.scoped.where(members, inArray(members.id, wanted)));
  return new Map(rows.map((m) => [m.id, m]));
}

export const authorOf = (ctx: ServiceContext, row: { authorType?: string; authorMemberId: string | null }, people: Map<string, Shown>): Person =>
  row.authorType === 'company' ? { type: 'company', name: ctx.tenant.name } : row.authorMemberId ? personOf(people.get(row.authorMemberId)) : { type: 'former' };

/** Reaction counts in the fixed order, zeros left out. */
function counts(row: PostRow): Partial<Record<ReactionKind, number>> {
  const out: Partial<Record<ReactionKind, number>> = {};
  for (const kind of reactionKinds) if (row.reactionCounts[kind]) out[kind] = row.reactionCounts[kind];
  return out;
}

/** What a page of posts needs besides the rows: people, batons and the viewer's reactions, in three queries. */
async function context(ctx: ServiceContext, rows: PostRow[], viewer: Viewer) {
  const ids = rows.map((r) => r.id);
  const batonIds = rows.map((r) => r.batonId).filter((id): id is string => !!id);
  const selfIntros = rows.filter((r) => r.relayId).map((r) => r.id);
  const batons = batonIds.length || selfIntros.length
    ? await ctx.scoped.select(relayBatons, or(batonIds.length ? inArray(relayBatons.id, batonIds) : undefined, selfIntros.length ? inArray(relayBatons.fromPostId, selfIntros) : undefined))
    : [];
  const me = memberIdOf(viewer);
  const mine = me && ids.length ? await ctx.scoped.select(postReactions, inArray(postReactions.postId, ids), inArrayMember(me)) : [];
  const people = await peopleById(ctx, [...rows.map((r) => r.authorMemberId), ...batons.flatMap((b) => [b.fromMemberId, b.nomineeMemberId])]);
  return { batons, mine, people };
}

const inArrayMember = (memberId: string) => inArray(postReactions.memberId, [memberId]);

/** The relay line of a self-introduction: who passed it the baton, and whom it nominated. */
function relayOf(ctx: ServiceContext, row: PostRow, batons: BatonRow[], people: Map<string, Shown>) {
  if (!row.relayId) return null;
  const answered = row.batonId ? batons.find((b) => b.id === row.batonId) : undefined;
  const nominated = batons.find((b) => b.fromPostId === row.id);
  const from = answered ? (answered.fromMemberId ? personOf(people.get(answered.fromMemberId)) : answered.fromPostId ? { type: 'former' as const } : { type: 'company' as const, name: ctx.tenant.name }) : null;
  return {
    id: row.relayId,
    depth: row.relayDepth ?? 0,
    from,
    nominee: nominated ? (nominated.nomineeMemberId ? personOf(people.get(nominated.nomineeMemberId)) : { type: 'former' as const }) : null,
    nomineePosted: Boolean(nominated?.passedPostId),
  };
}

/** Posts as `viewer` reads them; `markdown` adds the source text of the viewer's own posts, for editing. */
export async function toPostViews(ctx: ServiceContext, rows: PostRow[], viewer: Viewer) {
  const { batons, mine, people } = await context(ctx, rows, viewer);
  const nowIso = ctx.now.toISOString();
  const me = memberIdOf(viewer);
  return rows.map((row) => {
    const own = me !== undefined && row.authorMemberId === me;
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      ...(own ? { bodyMarkdown: row.bodyMarkdown } : {}),
      images: row.images,
      links: row.links,
      tags: row.tags,
      author: authorOf(ctx, row, people),
      audience: row.audience,
      pinned: row.pinned,
      publishedAt: row.publishedAt,
      editedAt: row.editedAt,
      answeredAt: row.answeredAt,
      commentCount: row.commentCount,
      reactions: counts(row),
      myReactions: mine.filter((r) => r.postId === row.id).map((r) => r.kind),
      relay: relayOf(ctx, row, batons, people),
      state: postState(row, nowIso),
      mine: own,
      groupId: row.groupId,
    };
  });
}

export type PostView = Awaited<ReturnType<typeof toPostViews>>[number];

/** The company's view: everything, with the moderation facts. */
export async function toAdminPostViews(ctx: ServiceContext, rows: PostRow[]) {
  const views = await toPostViews(ctx, rows, { kind: 'company' });
  return views.map((v, i) => {
    const row = rows[i]!;
    const { mine: _mine, myReactions: _my, ...rest } = v;
    return {
      ...rest,
      bodyMarkdown: row.bodyMarkdown,
      authorMemberId: row.authorMemberId,
      hiddenAt: row.hiddenAt,
      hiddenReason: row.hiddenReason,
      status: row.status,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  });
}
