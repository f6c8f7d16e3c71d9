/**
 * The feed's search index (post_search, migration feed_search): each post's title, body text and tags,
 * with Japanese runs expanded to bigrams (server/core/search/japanese.ts, as the directory does). Rows
 * are written in the same batch as the post, so a post is searchable the moment it exists; the index
 * holds every post, and visibility is decided by joining `posts` (visibility.ts).
 */
import { sql } from 'drizzle-orm';
import { ftsTerms, indexText, normalizeText, tenantToken } from '../../core/search/japanese.js';
import { plainText, type RichText } from '../../core/rich-text/index.js';
import type { Db } from '../../db/client.js';

interface Indexed {
  id: string;
  tenantId: string;
  title: string | null;
  body: RichText;
  tags: string[];
}

/** The statements that (re)write a post's index row: its doc_id is read from the post itself. */
export function indexPostStatements(db: Db, post: Indexed) {
  const docId = sql`(select doc_id from posts where id = ${post.id})`;
  return [
    db.run(sql`delete from post_search where rowid = ${docId}`),
    db.run(sql`insert into post_search (rowid, tenant, title, body, tags)
      values (${docId}, ${tenantToken(post.tenantId)}, ${indexText(post.title ?? '')}, ${indexText(plainText(post.body))}, ${indexText(post.tags.join(' \n '))})`),
  ] as const;
}

/** A tag as the filter compares it: NFKC, lower case, hiragana as katakana, no leading `#`. */
export function tagKey(tag: string): string {
  return normalizeText(tag.trim().replace(/^[#＃]+/, '').trim());
}

/** The MATCH expression for `q` within the tenant, or undefined when nothing searchable is left. */
export function postMatch(tenantId: string, q: string): string | undefined {
  const terms = ftsTerms(q);
  if (!terms.length) return undefined;
  return `tenant : "${tenantToken(tenantId)}" AND {title body tags} : (${terms.join(' AND ')})`;
}
