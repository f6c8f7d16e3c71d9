import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { feedReaders, postComments, postReactions, postReports, posts, relayBatons, relays } from './schema.js';

/**
 * The feed's member data. What a member wrote stays, without them: erasing a member anonymises their
 * posts and comments (the author becomes "a former member"), so threads others took part in stay
 * readable; their reactions, reports, visits and open nominations go. Relays keep their chain with the
 * member's place shown as a former member.
 */
export const feedPersonalData = [
  personalData({
    table: posts,
    rows: (s) => and(eq(posts.tenantId, s.tenantId), eq(posts.authorMemberId, s.id))!,
    erase: { anonymise: { authorMemberId: null } },
    export: {
      key: 'posts',
      view: (p) => ({
        id: p.id,
        kind: p.kind,
        title: p.title,
        body: p.bodyMarkdown,
        images: p.images,
        links: p.links,
        tags: p.tags,
        status: p.status,
        publishedAt: p.publishedAt,
        editedAt: p.editedAt,
        answeredAt: p.answeredAt,
        hiddenAt: p.hiddenAt,
      }),
    },
  }),
  personalData({
    table: postComments,
    rows: (s) => and(eq(postComments.tenantId, s.tenantId), eq(postComments.authorMemberId, s.id))!,
    erase: { anonymise: { authorMemberId: null } },
    export: {
      key: 'comments',
      view: (c) => ({ id: c.id, postId: c.postId, parentId: c.parentId, body: c.bodyMarkdown, createdAt: c.createdAt, editedAt: c.editedAt, hiddenAt: c.hiddenAt }),
    },
  }),
  personalData({
    table: postReactions,
    rows: (s) => and(eq(postReactions.tenantId, s.tenantId), eq(postReactions.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'reactions', view: (r) => ({ postId: r.postId, kind: r.kind, createdAt: r.createdAt }) },
  }),
  personalData({
    table: postReports,
    rows: (s) => and(eq(postReports.tenantId, s.tenantId), eq(postReports.reporterMemberId, s.id))!,
    erase: 'delete',
    export: { key: 'reports', view: (r) => ({ postId: r.postId, commentId: r.commentId, reason: r.reason, status: r.status, createdAt: r.createdAt }) },
  }),
  personalData({
    table: relays,
    rows: (s) => and(eq(relays.tenantId, s.tenantId), eq(relays.startedByMemberId, s.id))!,
    erase: { anonymise: { startedByMemberId: null } },
    export: { omit: 'relays you started are the self-introductions in `posts`' },
  }),
  personalData({
    table: relayBatons,
    rows: (s) => and(eq(relayBatons.tenantId, s.tenantId), eq(relayBatons.fromMemberId, s.id))!,
    erase: { anonymise: { fromMemberId: null } },
    export: { omit: 'the batons you passed are the nominations in your self-introductions (`posts`)' },
  }),
  personalData({
    table: relayBatons,
    rows: (s) => and(eq(relayBatons.tenantId, s.tenantId), eq(relayBatons.nomineeMemberId, s.id))!,
    erase: { anonymise: { nomineeMemberId: null } },
    export: { key: 'relayNominations', view: (b) => ({ relayId: b.relayId, depth: b.depth, createdAt: b.createdAt, passedPostId: b.passedPostId, passedAt: b.passedAt }) },
  }),
  personalData({
    table: feedReaders,
    rows: (s) => and(eq(feedReaders.tenantId, s.tenantId), eq(feedReaders.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'feedActivity', view: (r) => ({ lastVisitAt: r.lastVisitAt, lastDigestAt: r.lastDigestAt }) },
  }),
];
