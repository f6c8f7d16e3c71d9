import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DatabaseUnavailableError, unavailableCause } from '../db/guard.js';

/** The error vocabulary of the API: each code has one HTTP status and one `type` URI. */
export const errorCodes = {
  bad_request: { status: 400, title: 'Bad request' },
  validation_failed: { status: 422, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  origin_not_allowed: { status: 403, title: 'Origin not allowed' },
  membership_pending: { status: 403, title: 'Membership awaiting approval' },
  secret_key_in_browser: { status: 403, title: 'Secret key used from a browser' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'Gone' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** One invalid field: `field` is a dotted path into the input (`body.title`, `query.limit`). */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = errorCodes[code].status;
  }

  /** Invalid input: names each field so people and widgets can point at it. */
  static invalid(errors: FieldError[], detail?: string): ApiError {
    const summary = detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    return new ApiError('validation_failed', summary, { errors });
  }
}

export const problemType = (code: ErrorCode) => `https://homecoming.dev/problems/${code.replaceAll('_', '-')}`;

export function toProblem(err: ApiError, instance?: string, requestId?: string): Problem {
  return {
    type: problemType(err.code),
    title: errorCodes[err.code].title,
    status: err.status,
    detail: err.detail,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(err.extra.errors ? { errors: err.extra.errors } : {}),
  };
}

/** A database that is busy past its deadline or out of reach: 503 with Retry-After, never a 500. */
function unavailable(err: unknown): ApiError | undefined {
  const found = unavailableCause(err);
  if (!found) return undefined;
  const retryAfter = found instanceof DatabaseUnavailableError ? found.retryAfterSeconds : 1;
  return new ApiError('unavailable', 'The service is busy right now. Please try again in a moment.', {
    headers: { 'Retry-After': String(retryAfter) },
  });
}

/** Turns anything thrown into an ApiError; unknown errors become `internal` (and are logged by the caller). */
export function normalizeError(err: unknown): { error: ApiError; unexpected: boolean } {
  if (err instanceof ApiError) return { error: err, unexpected: false };
  const busy = unavailable(err);
  if (busy) return { error: busy, unexpected: false };
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return { error: new ApiError('payload_too_large', 'The request body is too large.'), unexpected: false };
    if (status === 400 && /JSON/i.test(err.message)) {
      // A syntax error, not a value the schema refused (that is a 422): the client sent something that is not JSON.
      return {
        error: new ApiError('bad_request', 'The request body is not valid JSON.', { errors: [{ field: 'body', message: 'is not valid JSON' }] }),
        unexpected: false,
      };
    }
    const code = (Object.keys(errorCodes) as ErrorCode[]).find((k) => errorCodes[k].status === status) ?? 'bad_request';
    return { error: new ApiError(code, err.message || errorCodes[code].title), unexpected: status >= 500 };
  }
  return { error: new ApiError('internal', 'Something went wrong on our side. Please try again.'), unexpected: true };
}

export function problemResponse(c: Context, err: ApiError): Response {
  const body = toProblem(err, c.req.path, c.get('requestId' as never) as string | undefined);
  return new Response(JSON.stringify(body), {
    status: err.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...(err.extra.headers ?? {}) },
  });
}
