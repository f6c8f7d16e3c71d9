/**
 * The checks the API applies to member input (server/routes/auth.ts, me.ts, members.ts, lib/text.ts),
 * run before sending, so a person reads what is wrong with each field in their language — the API's
 * own messages are English and name no field. The API stays the judge: what it still refuses is
 * shown by field too (see <alumni-sign-in>'s fieldError). Messages: `e.*` in profileMessages.
 */

import type { profileMessages } from './profile.js';

/** A check's message key (`e.*`) and what fills it in besides the field's label. */
export type Problem = [key: CheckKey, vars?: Record<string, string | number>];
export type CheckKey = Extract<keyof typeof profileMessages.ja, `e.${string}`>;

export interface Rule {
  /** Longest value accepted (after trimming), in UTF-16 units as the API counts. */
  max?: number;
  req?: boolean;
  /** `line` (default): one line of text; `text`: may span lines. */
  kind?: 'line' | 'text' | 'email' | 'code' | 'https' | 'http' | 'year' | 'month';
}

// The API's text rule: no controls, line breaks, U+2028/9 or bidirectional overrides in one line of text…
const BAD_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
// …and no controls other than tab and line breaks in longer text.
const BAD_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Digits as typed with a Japanese IME (全角) become ASCII; the API accepts codes with spaces or hyphens. */
export const normalizeDigits = (value: string) => value.normalize('NFKC').trim();
export const normalizeCode = (value: string) => normalizeDigits(value).replace(/[\s-]/g, '');

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** What is wrong with one value under `rule`, or undefined. */
export function check(value: string, rule: Rule): Problem | undefined {
  const v = value.trim();
  const kind = rule.kind ?? 'line';
  if (!v) return rule.req ? ['e.required'] : undefined;
  if ((kind === 'text' ? BAD_TEXT : BAD_LINE).test(value)) return ['e.line'];
  const max = rule.max ?? { email: 254, https: 2000, http: 2000 }[kind as string] ?? 100;
  if (v.length > max) return ['e.long', { max }];
  if (kind === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return ['e.email'];
  if (kind === 'code' && !/^\d{6}$/.test(normalizeCode(v))) return ['e.code'];
  if (kind === 'https' && !isUrl(v, ['https:'])) return ['e.https'];
  if (kind === 'http' && !isUrl(v, ['http:', 'https:'])) return ['e.http'];
  if (kind === 'year') {
    const year = normalizeDigits(v);
    if (!/^\d{4}$/.test(year) || +year < 1900 || +year > 2100) return ['e.year'];
  }
  if (kind === 'month' && !/^\d{4}(-\d{2})?$/.test(normalizeDigits(v))) return ['e.month'];
  return undefined;
}

/** Problems by input name; empty when everything passes. */
export type Problems = Record<string, Problem>;

/** Checks each `[name, value, rule]` and collects the problems by input name. */
export function checkAll(list: [name: string, value: string, rule: Rule][]): Problems {
  const found: Problems = {};
  for (const [name, value, rule] of list) {
    const problem = check(value, rule);
    if (problem) found[name] = problem;
  }
  return found;
}

/**
 * The API's own refusal of a field as a check's message: its `code` (and `params`) say what is wrong,
 * so the person reads it in their language instead of the API's English. Undefined for codes with no
 * message here (then the field is named: 「…を確認してください」).
 */
export function problemFromCode(code: string | undefined, params: Record<string, unknown> = {}): Problem | undefined {
  switch (code) {
    case 'required':
      return ['e.required'];
    case 'too_long':
      return ['e.long', { max: Number(params.max) }];
    case 'too_many':
      return ['e.many', { max: Number(params.max) }];
    case 'not_single_line':
    case 'invalid_text':
      return ['e.line'];
    case 'invalid_email':
      return ['e.email'];
    default:
      return undefined;
  }
}
