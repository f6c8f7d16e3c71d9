import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { RichText } from '../../core/rich-text/index.js';
import { groups } from '../groups/schema.js';
import { members } from '../members/schema.js';
import { tenants } from '../tenants/schema.js';

/** What the company writes (admin API) and what members write (their session). */
export const companyPostKinds = ['news', 'column', 'event_report', 'job_news'] as const;
export const memberPostKinds = ['self_intro', 'help', 'promotion', 'general'] as const;
export const postKinds = [...companyPostKinds, ...memberPostKinds] as const;
/** The fixed set of reactions; a member gives each at most once per post. */
export const reactionKinds = ['like', 'thanks', 'celebrate', 'support', 'insightful'] as const;
/** `members`: approved members only; `public`: also the careers page signed out (company posts only). */
export const postAudiences = ['members', 'public'] as const;
/** `pending`: a new member's first post waiting for the company's approval (a tenant setting). */
export const postStatuses = ['published', 'pending'] as const;
export const reportStatuses = ['open', 'resolved', 'dismissed'] as const;

export type PostKind = (typeof postKinds)[number];
export type CompanyPostKind = (typeof companyPostKinds)[number];
export type MemberPostKind = (typeof memberPostKinds)[number];
export type ReactionKind = (typeof reactionKinds)[number];
export type PostAudience = (typeof postAudiences)[number];

export interface PostImage {
  url: string;
  alt: string;
}
export interface PostLink {
  url: string;
  label: string;
}

/**
 * One post of the feed. `comment_count` and `reaction_counts` are kept by triggers on the comment and
 * reaction tables (migration feed_search), in the same transaction as every write to those tables —
 * erasure and cascades included — so the first page reads them without a join or a count.
 * `doc_id` is the post's row in the search index (post_search), allocated once, kept through edits.
 */
export const posts = sqliteTable(
  'posts',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    docId: integer('doc_id').notNull(),
    kind: text('kind', { enum: postKinds }).notNull(),
    /** `company` posts have no member; a `member` post whose member was erased keeps `author_member_id` null. */
    authorType: text('author_type', { enum: ['company', 'member'] }).notNull(),
    authorMemberId: text('author_member_id').references(() => members.id, { onDelete: 'set null' }),
    title: text('title'),
    /** The markdown as written (for editing) and the tree every reader gets. */
    bodyMarkdown: text('body_markdown').notNull(),
    body: text('body', { mode: 'json' }).$type<RichText>().notNull(),
    images: text('images', { mode: 'json' }).$type<PostImage[]>().notNull().default([]),
    links: text('links', { mode: 'json' }).$type<PostLink[]>().notNull().default([]),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    audience: text('audience', { enum: postAudiences }).notNull().default('members'),
    status: text('status', { enum: postStatuses }).notNull().default('published'),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    /** When it appears in the feed: a company post may be scheduled; an approved first post appears when approved. */
    publishedAt: text('published_at').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    /** The author changed the content after posting (the "edited" mark). */
    editedAt: text('edited_at'),
    /** Help requests: marked answered by their author. */
    answeredAt: text('answered_at'),
    /** Hidden by the company: gone for everyone but its author. */
    hiddenAt: text('hidden_at'),
    hiddenReason: text('hidden_reason'),
    commentCount: integer('comment_count').notNull().default(0),
    reactionCounts: text('reaction_counts', { mode: 'json' }).$type<Partial<Record<ReactionKind, number>>>().notNull().default({}),
    /** Self-introductions in a relay: the relay, the post's place in it, and the baton it answered (if any). */
    relayId: text('relay_id').references((): AnySQLiteColumn => relays.id, { onDelete: 'set null' }),
    relayDepth: integer('relay_depth'),
    batonId: text('baton_id'),
    /** The group the post was written in (only its active members see it); null: the tenant-wide feed. */
    groupId: text('group_id').references(() => groups.id, { onDelete: 'cascade' }),
  },
  (t) => [
    index('posts_feed_idx').on(t.tenantId, t.pinned, t.publishedAt, t.id),
    index('posts_kind_idx').on(t.tenantId, t.kind, t.pinned, t.publishedAt, t.id),
    index('posts_audience_idx').on(t.tenantId, t.audience, t.pinned, t.publishedAt, t.id),
    index('posts_author_idx').on(t.tenantId, t.authorMemberId),
    index('posts_status_idx').on(t.tenantId, t.status),
    index('posts_group_idx').on(t.tenantId, t.groupId, t.pinned, t.publishedAt, t.id),
    uniqueIndex('posts_doc_uq').on(t.docId),
    // One post per baton: two submissions passing the same baton cannot both succeed.
    uniqueIndex('posts_baton_uq').on(t.batonId),
  ],
);

/**
 * Normalised tags, for the tag filter (the post keeps them as written). Each carries its post's place
 * in the feed's order and its kind (`pinned`, `published_at`, `kind`, kept in step by a trigger), so a tag's page is read
 * from this index in order and stops after one page, however many posts carry the tag.
 */
export const postTags = sqliteTable(
  'post_tags',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    tag: text('tag').notNull(),
    kind: text('kind', { enum: postKinds }).notNull(),
    pinned: integer('pinned', { mode: 'boolean' }).notNull(),
    publishedAt: text('published_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.tag] }),
    index('post_tags_feed_idx').on(t.tenantId, t.tag, t.pinned, t.publishedAt, t.postId),
    // A tag and a kind together: read in order too, not by scanning the tag's posts for the kind.
    index('post_tags_kind_idx').on(t.tenantId, t.tag, t.kind, t.pinned, t.publishedAt, t.postId),
  ],
);

/** Comments, with one level of replies (`parent_id` names a top-level comment). */
export const postComments = sqliteTable(
  'post_comments',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    parentId: text('parent_id').references((): AnySQLiteColumn => postComments.id, { onDelete: 'cascade' }),
    authorMemberId: text('author_member_id').references(() => members.id, { onDelete: 'set null' }),
    bodyMarkdown: text('body_markdown').notNull(),
    body: text('body', { mode: 'json' }).$type<RichText>().notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    editedAt: text('edited_at'),
    hiddenAt: text('hidden_at'),
    hiddenReason: text('hidden_reason'),
  },
  (t) => [
    index('post_comments_post_idx').on(t.postId, t.createdAt, t.id),
    index('post_comments_parent_idx').on(t.parentId, t.createdAt),
    index('post_comments_author_idx').on(t.tenantId, t.authorMemberId),
  ],
);

/** A member's reactions: each kind at most once per post. */
export const postReactions = sqliteTable(
  'post_reactions',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: reactionKinds }).notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.memberId, t.kind] }), index('post_reactions_member_idx').on(t.tenantId, t.memberId)],
);

/** A member's report of a post or a comment, for the company's moderation queue. */
export const postReports = sqliteTable(
  'post_reports',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    postId: text('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').references(() => postComments.id, { onDelete: 'cascade' }),
    /** The comment's id for a comment, else the post's: one report per member and target. */
    targetId: text('target_id').notNull(),
    reporterMemberId: text('reporter_member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    status: text('status', { enum: reportStatuses }).notNull().default('open'),
    /** What the company did: hidden, restored, deleted, dismissed. */
    resolution: text('resolution'),
    createdAt: text('created_at').notNull(),
    resolvedAt: text('resolved_at'),
  },
  (t) => [
    uniqueIndex('post_reports_once_uq').on(t.reporterMemberId, t.targetId),
    index('post_reports_queue_idx').on(t.tenantId, t.status, t.createdAt),
    index('post_reports_target_idx').on(t.targetId, t.status),
  ],
);

/** A relay of self-introductions: started by the company (admin API) or by a member's self-introduction. */
export const relays = sqliteTable(
  'relays',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    title: text('title'),
    startedBy: text('started_by', { enum: ['company', 'member'] }).notNull(),
    startedByMemberId: text('started_by_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('relays_tenant_idx').on(t.tenantId, t.createdAt)],
);

/**
 * A baton: someone (the company, or a member in their self-introduction) nominated a member to write
 * the next self-introduction. It is passed when the nominee posts with it.
 */
export const relayBatons = sqliteTable(
  'relay_batons',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    relayId: text('relay_id')
      .notNull()
      .references(() => relays.id, { onDelete: 'cascade' }),
    /** 1 for the first baton of a relay. */
    depth: integer('depth').notNull(),
    /** Null for the company, or a member since erased. */
    fromMemberId: text('from_member_id').references(() => members.id, { onDelete: 'set null' }),
    fromPostId: text('from_post_id').references(() => posts.id, { onDelete: 'set null' }),
    nomineeMemberId: text('nominee_member_id').references(() => members.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    passedPostId: text('passed_post_id').references(() => posts.id, { onDelete: 'set null' }),
    passedAt: text('passed_at'),
  },
  (t) => [
    index('relay_batons_relay_idx').on(t.relayId, t.depth),
    index('relay_batons_nominee_idx').on(t.tenantId, t.nomineeMemberId),
    index('relay_batons_from_idx').on(t.tenantId, t.fromMemberId),
    index('relay_batons_from_post_idx').on(t.fromPostId),
  ],
);

/** When a member last opened the feed and last got a digest: who is "away" and what is new for them. */
export const feedReaders = sqliteTable(
  'feed_readers',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    lastVisitAt: text('last_visit_at'),
    lastDigestAt: text('last_digest_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.memberId] })],
);

/** Next free search-index row for a new post (writes are serialised, so max + 1 is safe inside a batch). */
export const nextDocId = sql`(select coalesce(max(doc_id), 0) + 1 from posts)`;
