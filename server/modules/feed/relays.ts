/**
 * Relay self-introductions: a self-introduction may nominate another member, who is told by mail and
 * finds the baton in the feed; writing their own self-introduction with it passes it on. The company
 * can start a relay (admin API) and see how far each went. Batons and the post that passes one are
 * written in one batch; a baton can be passed once (a unique index on posts.baton_id).
 */
import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { recordMail } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { getListedMember } from '../directory/service.js';
import type { MemberRow } from '../members/profile.js';
import { unsubscribeUrl, wants } from '../notifications/service.js';
import { relayMail } from './mail.js';
import { posts, relayBatons, relays, type PostKind } from './schema.js';
import { peopleById, personOf, type Person, type Shown } from './views.js';
import { postVisibleTo, type Viewer } from './visibility.js';

export interface RelayPlan {
  relayId: string;
  /** The new post's place: 0 starts a relay, n answers a baton of depth n. */
  depth: number;
  batonId: string | null;
  newRelay: boolean;
  nominee: MemberRow | null;
}

/** Another member of the directory, named by `field` in the input. */
async function nomineeFor(ctx: ServiceContext, field: string, id: string, self?: string): Promise<MemberRow> {
  if (id === self) throw AppError.field(field, 'cannot be yourself');
  try {
    return await getListedMember(ctx, id);
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw AppError.field(field, "is not a member of this network's directory");
    throw err;
  }
}

/** Checks a self-introduction's baton and nomination; undefined when it takes no part in a relay. */
export async function planRelay(
  ctx: ServiceContext,
  author: MemberRow,
  kind: PostKind,
  input: { batonId?: string | null; nomineeMemberId?: string | null },
): Promise<RelayPlan | undefined> {
  if (!input.batonId && !input.nomineeMemberId) return undefined;
  if (kind !== 'self_intro') throw AppError.field(input.batonId ? 'batonId' : 'nomineeMemberId', 'only a self-introduction (kind self_intro) takes part in a relay');
  let relayId = newId('rly');
  let depth = 0;
  let newRelay = true;
  if (input.batonId) {
    const [baton] = await ctx.scoped.select(relayBatons, eq(relayBatons.id, input.batonId), eq(relayBatons.nomineeMemberId, author.id)).limit(1);
    if (!baton) throw AppError.field('batonId', 'is not a baton passed to you');
    if (baton.passedPostId) throw new AppError('conflict', 'You have already passed this baton on with a self-introduction.');
    ({ relayId, depth } = baton);
    newRelay = false;
  }
  let nominee: MemberRow | null = null;
  if (input.nomineeMemberId) {
    nominee = await nomineeFor(ctx, 'nomineeMemberId', input.nomineeMemberId, author.id);
    if (!newRelay) {
      const [holding] = await ctx.scoped.select(relayBatons, eq(relayBatons.relayId, relayId), eq(relayBatons.nomineeMemberId, nominee.id), isNull(relayBatons.passedPostId)).limit(1);
      if (holding) throw AppError.field('nomineeMemberId', 'already holds a baton in this relay');
    }
  }
  return { relayId, depth, batonId: input.batonId ?? null, newRelay, nominee };
}

/**
 * The nominee's mail, if they want relay mail: for the batch that makes the baton visible to them.
 * In a list (none or one): a drizzle statement is thenable, so an async function must not return one bare.
 */
export async function relayMailStatements(ctx: ServiceContext, input: { nominee: Shown; fromName: string | null; relayTitle: string | null; postId: string | null; when?: SQL }) {
  const { nominee } = input;
  if (!(await wants(ctx, nominee.id, 'feed.relay'))) return [];
  const message = relayMail({
    tenant: ctx.tenant,
    to: { email: nominee.email, locale: nominee.locale, name: nominee.name },
    fromName: input.fromName,
    relayTitle: input.relayTitle,
    postId: input.postId,
    unsubscribeUrl: await unsubscribeUrl(ctx, nominee.id, 'feed.relay'),
  });
  return [recordMail(ctx.db, { tenantId: ctx.tenant.id, topic: 'feed.relay', now: ctx.now, memberId: nominee.id, message, when: input.when })];
}

/**
 * The statements around a self-introduction's insert: the relay it starts (before, the post refers to
 * it), then the baton it passes and the one it hands on, and the nominee's mail once it is published.
 */
export async function relayStatements(ctx: ServiceContext, plan: RelayPlan, author: MemberRow, postId: string, published: boolean) {
  const ts = ctx.now.toISOString();
  const before = plan.newRelay ? [ctx.scoped.insert(relays, { id: plan.relayId, startedBy: 'member', startedByMemberId: author.id, createdAt: ts })] : [];
  const after = [];
  if (plan.batonId) after.push(ctx.scoped.update(relayBatons, { passedPostId: postId, passedAt: ts }, eq(relayBatons.id, plan.batonId)));
  if (plan.nominee) {
    after.push(
      ctx.scoped.insert(relayBatons, {
        id: newId('btn'),
        relayId: plan.relayId,
        depth: plan.depth + 1,
        fromMemberId: author.id,
        fromPostId: postId,
        nomineeMemberId: plan.nominee.id,
        createdAt: ts,
      }),
    );
    if (published) after.push(...(await relayMailStatements(ctx, { nominee: plan.nominee, fromName: author.name, relayTitle: null, postId })));
  }
  return { before, after };
}

/** The batons nominating a post's nominees, for mail once a post waiting for approval is published. */
export async function batonMailsFor(ctx: ServiceContext, post: { id: string; authorMemberId: string | null }) {
  const batons = await ctx.scoped.select(relayBatons, eq(relayBatons.fromPostId, post.id), isNull(relayBatons.passedPostId));
  const people = await peopleById(ctx, [post.authorMemberId, ...batons.map((b) => b.nomineeMemberId)]);
  const author = post.authorMemberId ? people.get(post.authorMemberId) : undefined;
  const out = [];
  for (const b of batons) {
    const nominee = b.nomineeMemberId ? people.get(b.nomineeMemberId) : undefined;
    if (nominee) out.push(...(await relayMailStatements(ctx, { nominee, fromName: author?.name ?? null, relayTitle: null, postId: post.id })));
  }
  return out;
}

/** A visible post's id, for links from a relay (hidden and waiting posts are not linked). */
function visiblePostIds(ctx: ServiceContext, ids: string[], viewer: Viewer) {
  if (!ids.length) return Promise.resolve(new Set<string>());
  return ctx.scoped
    .select(posts, inArray(posts.id, ids), postVisibleTo(viewer, ctx.now.toISOString()))
    .then((rows) => new Set(rows.map((r) => r.id)));
}

/** The batons passed to the member and not yet passed on (from posts they may see, or from the company). */
export async function myBatons(ctx: ServiceContext, member: MemberRow) {
  const rows = await ctx.scoped.select(relayBatons, eq(relayBatons.nomineeMemberId, member.id), isNull(relayBatons.passedPostId)).orderBy(desc(relayBatons.createdAt));
  const visible = await visiblePostIds(ctx, rows.flatMap((b) => (b.fromPostId ? [b.fromPostId] : [])), { kind: 'member', member });
  const open = rows.filter((b) => !b.fromPostId || visible.has(b.fromPostId));
  const titles = await relayTitles(ctx, open.map((b) => b.relayId));
  const people = await peopleById(ctx, open.map((b) => b.fromMemberId));
  return open.map((b) => ({
    id: b.id,
    relayId: b.relayId,
    relayTitle: titles.get(b.relayId) ?? null,
    depth: b.depth,
    from: fromOf(ctx, b, people),
    fromPostId: b.fromPostId,
    createdAt: b.createdAt,
  }));
}

async function relayTitles(ctx: ServiceContext, ids: string[]) {
  if (!ids.length) return new Map<string, string | null>();
  const rows = await ctx.scoped.select(relays, inArray(relays.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

/** Who passed a baton: the company (no member, no post), a member, or a member since erased. */
function fromOf(ctx: ServiceContext, b: typeof relayBatons.$inferSelect, people: Map<string, Shown>): Person {
  if (b.fromMemberId) return personOf(people.get(b.fromMemberId));
  return b.depth === 1 && !b.fromPostId ? { type: 'company', name: ctx.tenant.name } : { type: 'former' };
}

/** One relay: who passed to whom, in order, with links to the posts the viewer may see. */
export async function getRelay(ctx: ServiceContext, relayId: string, viewer: Viewer) {
  const [relay] = await ctx.scoped.select(relays, eq(relays.id, relayId)).limit(1);
  if (!relay) throw new AppError('not_found', `No relay ${relayId}.`);
  const batons = await ctx.scoped.select(relayBatons, eq(relayBatons.relayId, relayId)).orderBy(asc(relayBatons.depth), asc(relayBatons.createdAt));
  const postIds = batons.flatMap((b) => [b.fromPostId, b.passedPostId]).filter((id): id is string => !!id);
  const visible = await visiblePostIds(ctx, postIds, viewer);
  // A baton handed on by a post the viewer may not see (hidden, waiting) is left out of their chain.
  const shown = batons.filter((b) => !b.fromPostId || visible.has(b.fromPostId) || viewer.kind === 'company');
  const people = await peopleById(ctx, [relay.startedByMemberId, ...shown.flatMap((b) => [b.fromMemberId, b.nomineeMemberId])]);
  const steps = shown.map((b) => ({
    batonId: b.id,
    depth: b.depth,
    from: fromOf(ctx, b, people),
    to: b.nomineeMemberId ? personOf(people.get(b.nomineeMemberId)) : ({ type: 'former' } as Person),
    createdAt: b.createdAt,
    fromPostId: b.fromPostId && visible.has(b.fromPostId) ? b.fromPostId : null,
    postId: b.passedPostId && visible.has(b.passedPostId) ? b.passedPostId : null,
    passedAt: b.passedAt,
  }));
  return {
    id: relay.id,
    title: relay.title,
    startedBy: relay.startedBy === 'company' ? ({ type: 'company', name: ctx.tenant.name } as Person) : personOf(relay.startedByMemberId ? people.get(relay.startedByMemberId) : undefined),
    createdAt: relay.createdAt,
    steps,
    passes: batons.filter((b) => b.passedPostId).length,
    reach: Math.max(0, ...batons.filter((b) => b.passedPostId).map((b) => b.depth)),
    openBatons: batons.filter((b) => !b.passedPostId).length,
  };
}

/** The company starts a relay by nominating its first member, who is told by mail. */
export async function startRelay(ctx: ServiceContext, input: { title?: string | null; nomineeMemberId: string }) {
  const nominee = await nomineeFor(ctx, 'nomineeMemberId', input.nomineeMemberId);
  const ts = ctx.now.toISOString();
  const relayId = newId('rly');
  const title = input.title?.trim() || null;
  const mails = await relayMailStatements(ctx, { nominee, fromName: null, relayTitle: title, postId: null });
  await ctx.db.batch([
    ctx.scoped.insert(relays, { id: relayId, title, startedBy: 'company', createdAt: ts }),
    ctx.scoped.insert(relayBatons, { id: newId('btn'), relayId, depth: 1, nomineeMemberId: nominee.id, createdAt: ts }),
    ...mails,
  ] as unknown as Parameters<typeof ctx.db.batch>[0]);
  return getRelay(ctx, relayId, { kind: 'company' });
}

/** The tenant's relays, newest first, each with how far it went: passes, the furthest depth, batons waiting. */
export async function listRelays(ctx: ServiceContext, query: { limit: number; cursor?: string }) {
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  const rows = await ctx.scoped
    .select(relays, after ? or(lt(relays.createdAt, after[0]), and(eq(relays.createdAt, after[0]), lt(relays.id, after[1]))) : undefined)
    .orderBy(desc(relays.createdAt), desc(relays.id))
    .limit(query.limit + 1);
  const page = paginate(rows, query.limit, (r) => [r.createdAt, r.id]);
  const ids = page.data.map((r) => r.id);
  const stats = ids.length
    ? // eslint-disable-next-line no-restricted-syntax -- an aggregate bound to the tenant through ctx.scoped.where
      await ctx.db
        .select({
          relayId: relayBatons.relayId,
          passes: sql<number>`sum(${relayBatons.passedPostId} is not null)`,
          reach: sql<number>`coalesce(max(case when ${relayBatons.passedPostId} is not null then ${relayBatons.depth} end), 0)`,
          open: sql<number>`sum(${relayBatons.passedPostId} is null)`,
          lastPassedAt: sql<string | null>`max(${relayBatons.passedAt})`,
        })
        .from(relayBatons)
        .where(ctx.scoped.where(relayBatons, inArray(relayBatons.relayId, ids)))
        .groupBy(relayBatons.relayId)
    : [];
  const people = await peopleById(ctx, page.data.map((r) => r.startedByMemberId));
  return {
    data: page.data.map((r) => {
      const s = stats.find((x) => x.relayId === r.id);
      return {
        id: r.id,
        title: r.title,
        startedBy: r.startedBy === 'company' ? ({ type: 'company', name: ctx.tenant.name } as Person) : personOf(r.startedByMemberId ? people.get(r.startedByMemberId) : undefined),
        createdAt: r.createdAt,
        passes: Number(s?.passes ?? 0),
        reach: Number(s?.reach ?? 0),
        openBatons: Number(s?.open ?? 0),
        lastPassedAt: s?.lastPassedAt ?? null,
      };
    }),
    nextCursor: page.nextCursor,
  };
}
