/**
 * The one error vocabulary of Homecoming. Services throw AppError with a code and, for invalid input,
 * the fields as their own input names them (`endsAt`, `entries.3.email`); they know nothing of HTTP.
 * The HTTP edge (http/problem.ts) gives each code its status and writes problem+json, adding the
 * request part to field names (`body.endsAt`).
 */

/** Every code with the title people read; the status lives at the edge. */
export const errorTitles = {
  bad_request: 'Bad request',
  validation_failed: 'Invalid input',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  origin_not_allowed: 'Origin not allowed',
  membership_pending: 'Membership awaiting approval',
  consent_required: 'Privacy policy not accepted',
  feature_not_available: 'Not available for your membership',
  secret_key_in_browser: 'Secret key used from a browser',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  conflict: 'Conflict',
  registration_closed: 'Registration closed',
  gone: 'Gone',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  unavailable: 'Service unavailable',
} as const;

export type ErrorCode = keyof typeof errorTitles;

/** One invalid field: a dotted path into the input (`title`, `entries.3.email`; at the edge `body.title`). */
export interface FieldError {
  field: string;
  message: string;
  /** What is wrong, for programs (a widget's own wording): `required`, `too_long`, `invalid_email`… */
  code?: string;
  /** What the code needs to be explained, e.g. `{ max: 100 }` with `too_long`. */
  params?: Record<string, unknown>;
}

export interface AppErrorExtra {
  errors?: FieldError[];
  /** For rate limits and a busy service: when to try again. */
  retryAfterSeconds?: number;
  /** Edge-only additions (e.g. `Allow` on a 405). */
  headers?: Record<string, string>;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: AppErrorExtra = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }

  /** Invalid input: names each field so people and widgets can point at it. */
  static invalid(errors: FieldError[], detail?: string): AppError {
    return new AppError('validation_failed', detail ?? summarize(errors), { errors });
  }

  /** One invalid field (`code` for programs, see http/validation.ts). */
  static field(field: string, message: string, code = 'invalid', params?: Record<string, unknown>): AppError {
    return AppError.invalid([{ field, message, code, ...(params ? { params } : {}) }]);
  }
}

/** `field: message; field: message`, the detail of an invalid-input error made from its fields. */
export const summarize = (errors: FieldError[]) => errors.map((e) => `${e.field}: ${e.message}`).join('; ');
