import { translate, type CoreKey, type Lang } from './i18n.js';

/** One invalid field from a 422 problem: `field` is a dotted path such as `body.email`. */
export interface FieldError {
  field: string;
  message: string;
  /** What is wrong, for programs: `required`, `too_long`, `invalid_email`… (see the API's problem documents). */
  code?: string;
  params?: Record<string, unknown>;
}

/**
 * Every failure a widget can meet, as one error type. `code` is the API's problem code
 * (`validation_failed`, `not_found`, …) or one of the client's own: `network` (no response),
 * `config` (no publishable key), `signed_out` (a call needs a session and there is none),
 * `bad_response` (the server answered something that is not JSON).
 */
export class HomecomingError extends Error {
  override readonly name = 'HomecomingError';

  constructor(
    /** HTTP status; 0 when there was no response. */
    readonly status: number,
    readonly code: string,
    /** The server's own explanation (English), or the client's. */
    readonly detail: string,
    readonly fieldErrors: FieldError[] = [],
    readonly requestId?: string,
  ) {
    super(detail);
  }

  /** True when the server could not be reached at all. */
  get isNetwork(): boolean {
    return this.code === 'network';
  }

  /** The message for one input, matching `body.email`, `query.email` or plain `email`. */
  fieldError(name: string): string | undefined {
    return this.fieldErrors.find((e) => e.field === name || e.field.endsWith(`.${name}`))?.message;
  }

  /** A message a person can read, in the widget's language. */
  localized(lang: Lang): string {
    return describeError(this, lang);
  }
}

const known = new Set(['network', 'config', 'unauthenticated', 'signed_out', 'forbidden', 'not_found', 'validation_failed', 'conflict', 'rate_limited']);

/**
 * Readable text for anything thrown. Japanese gets a fixed sentence per code (server details are
 * English); English uses the server's specific detail for 4xx where it has one.
 */
export function describeError(error: unknown, lang: Lang): string {
  if (!(error instanceof HomecomingError)) return translate(lang, 'error.server');
  let code = error.code;
  if (code === 'secret_key_in_browser') code = 'config';
  if (error.status >= 500 || code === 'bad_response') return translate(lang, 'error.server');
  if (code === 'network' || code === 'config' || code === 'origin_not_allowed') return translate(lang, `error.${code}` as CoreKey);
  if (lang === 'en' && error.status >= 400 && error.detail) return error.detail;
  if (known.has(code)) return translate(lang, `error.${code}` as CoreKey);
  return translate(lang, 'error.unknown', { status: error.status });
}
