/**
 * Feed commands of the widget tests' API child (test/helpers/widget-api.ts hands every `feed.*`
 * command here): what the company's staff and other members do, through the same services as the
 * routes, so the browser tests drive <alumni-post-feed> against the real API.
 *
 *   feed.company {kind?, title?, body, audience?, pinned?, images?, tags?} → { post } (a company post)
 *   feed.post {memberId, kind?, title?, body, images?, tags?, nomineeMemberId?} → { post } (a member's post)
 *   feed.comment {memberId, postId, body, parentId?} → { comment }
 *   feed.hostile {markdown: string[]} → { posts: [{id}], comments: [{id, postId}] }: each payload as a
 *                                       company post's body and as a comment on a member's post
 *   feed.hide {postId} / feed.hideComment {commentId}  → what the moderators do
 *   feed.reports → { reports } the open queue
 *   feed.relay {nomineeMemberId, title?} → { relay } (the company starts a relay)
 *   feed.group {title, kind?, joinRule?, visibility?, description?} → { group } (title: the group's name) (the company creates a group)
 *   feed.groupMember {groupId, memberId, role?} → the company adds a member (or names a group admin)
 *   feed.join {groupId, memberId} → the member joins (or asks to join) by the group's rule
 *   feed.post {…, groupId} writes into a group the member is in
 */
import { eq } from 'drizzle-orm';
import { operatorContext, type ServiceContext } from '../../server/core/context.js';
import { members } from '../../server/db/schema.js';
import { createComment } from '../../server/modules/feed/comments.js';
import { createCompanyPost, type CompanyPostInput } from '../../server/modules/feed/company.js';
import { listReports, setCommentHidden, setPostHidden } from '../../server/modules/feed/moderation.js';
import { startRelay } from '../../server/modules/feed/relays.js';
import { createMemberPost, type MemberPostInput } from '../../server/modules/feed/service.js';
import { adminCreateGroup, adminSetMember, joinGroup, type GroupInput } from '../../server/modules/groups/service.js';
import { getTenant } from '../../server/modules/tenants/service.js';
import { createMember } from './members.js';
import type { MemberCommandContext } from './widget-members.js';

type Message = Record<string, unknown> & { cmd: string };

async function context(ctx: MemberCommandContext): Promise<ServiceContext> {
  const tenant = await getTenant(ctx.deps.db, ctx.tenantId);
  if (!tenant) throw new Error('tenant gone');
  return operatorContext(ctx.deps.db, tenant, { now: ctx.deps.clock.now(), config: ctx.deps.config });
}

async function memberRow(service: ServiceContext, id: unknown) {
  const [row] = await service.scoped.select(members, eq(members.id, String(id)));
  if (!row) throw new Error(`no member ${String(id)}`);
  return row;
}

/** A few members to write comments with (a member may write 30 an hour). */
async function commenters(ctx: MemberCommandContext, count: number) {
  const rows = [];
  for (let i = 0; i < count; i++) rows.push(await createMember(ctx.deps.db, ctx.tenantId, { status: 'approved', name: `コメント 係${i + 1}`, unlisted: true }));
  return rows;
}

async function hostile(ctx: MemberCommandContext, service: ServiceContext, markdown: string[]) {
  const posts = [];
  for (const [i, md] of markdown.entries()) {
    posts.push(await createCompanyPost(service, { kind: 'news', title: `hostile ${i}`, body: md, audience: 'public' }));
  }
  const writers = await commenters(ctx, Math.ceil(markdown.length / 25) + 1);
  const host = await createMemberPost(service, writers[0]!, { kind: 'general', title: 'hostile comments', body: 'コメント欄の検査' });
  const comments = [];
  for (const [i, md] of markdown.entries()) comments.push(await createComment(service, writers[1 + Math.floor(i / 25)]!, host.id, { body: md }));
  return { posts: posts.map((p) => ({ id: p.id })), commentPost: host.id, comments: comments.map((c) => ({ id: c.id })) };
}

export async function feedCommand(ctx: MemberCommandContext, message: Message): Promise<unknown> {
  const service = await context(ctx);
  const { cmd: _cmd, name: _name, id: _id, ...input } = message;
  switch (message.cmd) {
    case 'feed.company':
      return { post: await createCompanyPost(service, { kind: 'news', ...input } as unknown as CompanyPostInput) };
    case 'feed.post': {
      const { memberId, ...rest } = input;
      return { post: await createMemberPost(service, await memberRow(service, memberId), { kind: 'general', ...rest } as unknown as MemberPostInput) };
    }
    case 'feed.comment': {
      const { memberId, postId, ...rest } = input;
      return { comment: await createComment(service, await memberRow(service, memberId), String(postId), rest as { body: string; parentId?: string }) };
    }
    case 'feed.hostile':
      return hostile(ctx, service, (input.markdown as string[]) ?? []);
    case 'feed.hide':
      return { post: await setPostHidden(service, String(input.postId), true, 'test') };
    case 'feed.hideComment':
      return { comment: await setCommentHidden(service, String(input.commentId), true, 'test') };
    case 'feed.reports':
      return { reports: (await listReports(service, { limit: 100 })).data };
    case 'feed.relay':
      return { relay: await startRelay(service, { title: (input.title as string | undefined) ?? null, nomineeMemberId: String(input.nomineeMemberId) }) };
    case 'feed.group':
      // `name` names the API instance in every command: the group's name comes as `title`.
      return { group: await adminCreateGroup(service, { kind: 'interest', joinRule: 'open', visibility: 'members', ...input, name: String(input.title) } as unknown as GroupInput) };
    case 'feed.groupMember':
      return { membership: await adminSetMember(service, String(input.groupId), String(input.memberId), (input.role as 'admin' | 'member' | undefined) ?? 'member') };
    case 'feed.join':
      return { group: await joinGroup(service, await memberRow(service, input.memberId), String(input.groupId)) };
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
}
