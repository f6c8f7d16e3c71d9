import { z } from '@hono/zod-openapi';

/*
 * The one text rule every free-text input goes through (request bodies and queries, roster rows from
 * JSON, CSV or the CLI, SSO claims). The patterns are written without the `u` flag and with BMP escapes
 * only, so that the pattern published in /openapi.json is valid ECMA-262 as it stands and means there
 * exactly what it means here. They are checked on the text as sent, before trimming, so a client that
 * validates with the document's pattern accepts exactly what the API accepts.
 */

/**
 * Not in a single line: C0 controls (NUL, BEL, CR, LF, TAB…), DEL and C1 controls; the line and paragraph
 * separators U+2028/U+2029; the bidirectional embeddings, overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069), which make a name display in another order than it is stored.
 */
export const SINGLE_LINE_PATTERN = /^[^\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/;

/** Not in multi-line text: controls other than tab, line feed and carriage return (CR is normalised away). */
export const MULTI_LINE_PATTERN = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]*$/;

const singleLineMessage = 'must be one line of text, without control, line-break or bidirectional-override characters';
const multiLineMessage = 'must be text without control characters (line breaks and tabs are fine)';

/**
 * One line of text of at most `max` characters, trimmed. Add `.min()` after it: it then counts what is
 * left after trimming, so `" "` is empty.
 */
export const singleLine = (max: number) => z.string().regex(SINGLE_LINE_PATTERN, singleLineMessage).max(max).trim();

/** Text that may span lines (descriptions, messages, reasons): CRLF and CR are stored as LF; trimmed. */
export const multiLine = (max: number) =>
  z
    .string()
    .regex(MULTI_LINE_PATTERN, multiLineMessage)
    .max(max)
    .overwrite((v) => v.replace(/\r\n?/g, '\n'))
    .trim();

/**
 * An http(s) URL, held to the single-line rule first: URL parsing lets NUL, BEL and U+202E through, and
 * silently drops tabs and line breaks, which the published pattern would refuse.
 */
export const webUrl = (protocol: RegExp, message: string, max = 2_000) =>
  z.string().regex(SINGLE_LINE_PATTERN, singleLineMessage).max(max).check(z.url({ protocol, message }));

/** An email address as stored and compared everywhere: trimmed and lower-cased. */
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }));
