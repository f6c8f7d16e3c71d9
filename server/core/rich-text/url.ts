import { LINK_SCHEMES } from './nodes.js';

const PROTOCOLS = new Set(LINK_SCHEMES.map((s) => `${s}:`));

// Browsers ignore leading and trailing control characters and spaces in a URL and drop tabs and
// newlines anywhere in it (`java\tscript:` is `javascript:` to them). Invisible and control
// characters have no honest place in a link people type, so a URL holding any is not linked at all.
const EDGES = /^[\p{Cc}\p{Z}\s]+|[\p{Cc}\p{Z}\s]+$/gu;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * The link target a tree may carry, or `undefined` when `raw` (a URL as the markdown parser decoded
 * it: entities and escapes already resolved) is not an absolute http, https or mailto URL. The
 * answer is the WHATWG serialisation, so a browser parsing it finds the same scheme we checked.
 */
export function safeHref(raw: string): string | undefined {
  const trimmed = raw.replace(EDGES, '');
  if (INVISIBLE.test(trimmed)) return undefined;
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase();
  if (!scheme || !PROTOCOLS.has(`${scheme}:`)) return undefined;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return undefined;
  }
  if (!PROTOCOLS.has(url.protocol)) return undefined;
  // `http:foo` parses (as http://foo/), but nobody means that; require the authority to be written.
  if (url.protocol !== 'mailto:' && (!/^[a-z]+:\/\//i.test(trimmed) || !url.hostname)) return undefined;
  return url.href;
}
