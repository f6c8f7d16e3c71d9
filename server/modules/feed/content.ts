/**
 * What posts and comments are made of, shared by the member and company write paths: markdown parsed
 * into the safe rich-text tree (the field named on refusal), tags normalised for the filter, and the
 * statements that keep a post's tags and search row in step with it.
 */
import { eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { parseMarkdown, RichTextError, type RichText } from '../../core/rich-text/index.js';
import { indexPostStatements, tagKey } from './search-index.js';
import { postTags, type PostImage, type PostLink } from './schema.js';

/** The content fields a post is written with (already checked for shape and size at the edge). */
export interface PostContent {
  title?: string | null;
  body: string;
  images?: PostImage[];
  links?: PostLink[];
  tags?: string[];
}

/**
 * The markdown field is called `body`, which the HTTP edge reads as "the request body" when a service
 * names it; so services name it with its request part already (`body.body`).
 */
export const BODY = 'body.body';

export function richText(field: string, markdown: string): RichText {
  try {
    return parseMarkdown(markdown);
  } catch (err) {
    if (err instanceof RichTextError) throw AppError.field(field, err.message);
    throw err;
  }
}

/** Tags as shown (without a leading #), one per normalised key, empty ones dropped. */
export function cleanTags(tags: string[] | undefined): string[] {
  const out = new Map<string, string>();
  for (const raw of tags ?? []) {
    const shown = raw.trim().replace(/^[#＃]+/, '').trim();
    const key = tagKey(shown);
    if (key && !out.has(key)) out.set(key, shown);
  }
  return [...out.values()];
}

/** Rewrites a post's normalised tags and its search row, for the batch that writes the post. */
export function contentStatements(ctx: ServiceContext, post: { id: string; title: string | null; body: RichText; tags: string[] }) {
  const keys = [...new Set(post.tags.map(tagKey))];
  // Each tag row copies the post's place in the feed's order from the post row (written earlier in the batch).
  const tagRows = keys.map((tag) => sql`select tenant_id, id, ${tag}, kind, pinned, published_at from posts where id = ${post.id}`);
  return [
    ctx.scoped.delete(postTags, eq(postTags.postId, post.id)),
    ...(keys.length ? [ctx.db.run(sql`insert into post_tags (tenant_id, post_id, tag, kind, pinned, published_at) ${sql.join(tagRows, sql` union all `)}`)] : []),
    ...indexPostStatements(ctx.db, { ...post, tenantId: ctx.tenant.id }),
  ];
}

/** The title as stored: an empty title is no title (short posts need none). */
export const cleanTitle = (title: string | null | undefined): string | null => (title && title.trim() ? title.trim() : null);
