/** The feed's shapes as the API sends them (`Post`, `Comment`, … in /openapi.json). */
import type { CSSResult } from 'lit';
import type { ApiClient, Lang } from '../../core/index.js';
import type { RichText } from '../../core/rich-text.js';

export const companyKinds = ['news', 'column', 'event_report', 'job_news'] as const;
export const memberKinds = ['self_intro', 'help', 'promotion', 'general'] as const;
export const reactionKinds = ['like', 'thanks', 'celebrate', 'support', 'insightful'] as const;
export type Kind = (typeof companyKinds)[number] | (typeof memberKinds)[number];
export type ReactionKind = (typeof reactionKinds)[number];

/** The company, a member, or a member since erased. */
export interface Person {
  type: 'company' | 'member' | 'former';
  id?: string;
  name?: string;
  photoUrl?: string | null;
}

export interface Post {
  id: string;
  kind: Kind;
  title: string | null;
  body: RichText;
  bodyMarkdown?: string;
  images: { url: string; alt: string }[];
  links: { url: string; label: string }[];
  tags: string[];
  author: Person;
  audience: 'members' | 'public';
  pinned: boolean;
  publishedAt: string;
  editedAt: string | null;
  answeredAt: string | null;
  commentCount: number;
  reactions: Partial<Record<ReactionKind, number>>;
  myReactions: ReactionKind[];
  relay: { id: string; depth: number; from: Person | null; nominee: Person | null; nomineePosted: boolean } | null;
  state: 'published' | 'hidden' | 'pending' | 'scheduled';
  mine: boolean;
  groupId?: string | null;
}

export interface Comment {
  id: string;
  postId: string;
  parentId: string | null;
  author: Person;
  body: RichText;
  bodyMarkdown?: string;
  createdAt: string;
  editedAt: string | null;
  state: 'published' | 'hidden';
  mine: boolean;
  replies?: Comment[];
}

export interface Baton {
  id: string;
  relayId: string;
  relayTitle: string | null;
  from: Person;
  fromPostId: string | null;
}

/** What the lazily loaded parts (composer, comments, report, relay) get from the element. */
export interface FeedHost {
  readonly client: ApiClient;
  readonly lang: Lang;
  /** The signed-in member's id. */
  readonly me?: string;
  /** Re-renders the element. */
  update(): void;
  /** Adds a part's styles to the element's shadow root (they load with the part, not with the element). */
  adopt(styles: CSSResult): void;
  /** Focuses what `target` names once it is rendered. */
  focus(target: string): void;
  formatDate(iso: string): string;
  /** A post was written, changed (or its counts), or deleted. */
  created(post: Post): void;
  changed(post: Post): void;
  removed(id: string): void;
  /** Opens the report dialog for a post or a comment. */
  report(target: { postId: string } | { commentId: string }): void;
  /** A short message under a post (link copied, reported, an error). */
  note(id: string, text: string): void;
  /** The group whose posts the feed shows (and the composer writes into); undefined: the tenant-wide feed. */
  readonly group?: string;
  /** Shows a group's posts, or the tenant-wide feed (''). */
  pickGroup(id: string): void;
}
