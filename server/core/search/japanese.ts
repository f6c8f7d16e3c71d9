/**
 * Japanese-aware full-text search on SQLite FTS5 (unicode61), shared by every searchable domain
 * (the directory, jobs, posts). unicode61 does not split Japanese into words, so runs of Japanese
 * script are indexed as overlapping bigrams, and queries are turned into quoted terms that can never
 * be FTS5 syntax. Measured on the directory at 100k rows: see test/bench/directory.ts.
 */

/**
 * Han, kana, the long-vowel mark and the iteration marks: the scripts unicode61 does not split into
 * words. Ranges rather than \p{Script=…} regexes: indexing 100k profiles spends its time here.
 */
function isCjkCode(c: number): boolean {
  return (
    (c >= 0x3041 && c <= 0x30ff && c !== 0x30fb) || // hiragana, katakana with ー (not the ・ separator)
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0x3400 && c <= 0x4dbf) || // extension A
    (c >= 0xf900 && c <= 0xfaff) || // compatibility ideographs
    (c >= 0x31f0 && c <= 0x31ff) || // katakana phonetic extensions
    c === 0x3005 || c === 0x3006 || c === 0x303b || // 々 〆 〻
    (c >= 0x20000 && c <= 0x3ffff) // extensions B and later
  );
}
// What unicode61 keeps as token characters (letters, numbers, and marks it folds away).
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const HIRAGANA = /[\u3041-\u3096]/;

/**
 * NFKC (full-width Latin → ASCII, half-width kana → full-width), lower case, and hiragana folded to
 * katakana so that たなか finds タナカ. Used for the index, the queries and the filter values alike.
 */
export function normalizeText(value: string): string {
  const s = value.normalize('NFKC').toLowerCase();
  if (!HIRAGANA.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x3041 && c <= 0x3096 ? String.fromCharCode(c + 0x60) : s[i];
  }
  return out;
}

/** Splits normalised text into runs of Japanese script (`cjk`) and everything else. */
function segments(s: string): { cjk: boolean; text: string }[] {
  const out: { cjk: boolean; text: string }[] = [];
  let start = 0;
  let cjk: boolean | undefined;
  for (let i = 0; i < s.length; ) {
    const c = s.codePointAt(i)!;
    const here = isCjkCode(c);
    if (cjk !== undefined && here !== cjk) {
      out.push({ cjk, text: s.slice(start, i) });
      start = i;
    }
    cjk = here;
    i += c > 0xffff ? 2 : 1;
  }
  if (cjk !== undefined) out.push({ cjk, text: s.slice(start) });
  return out;
}

/** Overlapping bigrams of a run, plus its last character alone so a one-character prefix query finds every position. */
function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  out.push(chars.at(-1)!);
  return out;
}

/** Text as stored in directory_search: Latin words left for unicode61, Japanese runs as bigrams. */
export function indexText(value: string): string {
  if (!value) return '';
  const out: string[] = [];
  for (const seg of segments(normalizeText(value))) out.push(seg.cjk ? bigrams(seg.text).join(' ') : seg.text);
  return out.join(' ');
}

const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * Turns what a person typed into FTS5 terms that can never be FTS5 syntax: every term is a quoted
 * string built only from word characters. A Japanese term of two or more characters becomes the
 * phrase of its bigrams; one character, a prefix; a Latin word, a prefix. Empty when nothing
 * searchable is left (only punctuation, emoji, control characters).
 */
export function ftsTerms(input: string): string[] {
  const terms: string[] = [];
  for (const seg of segments(normalizeText(input))) {
    if (seg.cjk) {
      const chars = [...seg.text];
      terms.push(chars.length === 1 ? `${quote(seg.text)}*` : quote(bigrams(seg.text).slice(0, -1).join(' ')));
    } else {
      for (const word of seg.text.match(WORD) ?? []) terms.push(`${quote(word)}*`);
    }
  }
  // Long inputs are already capped at the route; this keeps the query bounded whoever calls it.
  return [...new Set(terms)].slice(0, 16);
}

/** The terms ANDed into one FTS5 query, or undefined when nothing searchable is left. */
export function ftsQuery(input: string): string | undefined {
  const terms = ftsTerms(input);
  return terms.length ? terms.join(' AND ') : undefined;
}

/**
 * Name keys: indexed name text (indexText) with every token prefixed with `n`, so a term in a name is
 * a token of its own (`n営業`) with a short doclist, where `営業` alone is in most profiles.
 */
export function nameKeys(indexed: string): string {
  return (indexed.match(WORD) ?? []).map((token) => `n${token}`).join(' ');
}

/** An ftsTerms term as the same term over name keys: `"法人 人営"` → `"n法人 n人営"`, `"smi"*` → `"nsmi"*`. */
export function nameKeyTerm(term: string): string {
  return term.replace(/^"([^"]*)"/, (_, inner: string) => quote(inner.split(' ').map((token) => `n${token}`).join(' ')));
}

/**
 * The tenant as one FTS5 token (ids are `ten_` + base62; unicode61 would split at the underscore).
 * Every directory MATCH is ANDed with it, so the index itself keeps tenants apart.
 */
export function tenantToken(tenantId: string): string {
  return `t${tenantId.replaceAll('_', '').toLowerCase()}`;
}
