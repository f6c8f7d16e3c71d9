/**
 * The HTTP edge of the error vocabulary: each AppError code's status, RFC 9457 problem+json bodies,
 * and the turning of anything thrown (Hono's own exceptions, a busy database, bugs) into one.
 */
import type { RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, errorTitles, summarize, type ErrorCode, type FieldError } from '../core/errors.js';
import { DatabaseUnavailableError, unavailableCause } from '../db/guard.js';

export const errorStatus: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  membership_pending: 403,
  consent_required: 403,
  feature_not_available: 403,
  secret_key_in_browser: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  registration_closed: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

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

export const problemType = (code: ErrorCode) => `https://homecoming.dev/problems/${code.replaceAll('_', '-')}`;

export function toProblem(err: AppError, instance?: string, requestId?: string): Problem {
  return {
    type: problemType(err.code),
    title: errorTitles[err.code],
    status: errorStatus[err.code],
    detail: err.detail,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(err.extra.errors ? { errors: err.extra.errors } : {}),
  };
}

/** A database that is busy past its deadline or out of reach: 503 with Retry-After, never a 500. */
function unavailable(err: unknown): AppError | undefined {
  const found = unavailableCause(err);
  if (!found) return undefined;
  const retryAfterSeconds = found instanceof DatabaseUnavailableError ? found.retryAfterSeconds : 1;
  return new AppError('unavailable', 'The service is busy right now. Please try again in a moment.', { retryAfterSeconds });
}

/** Turns anything thrown into an AppError; unknown errors become `internal` (and are logged by the caller). */
export function normalizeError(err: unknown): { error: AppError; unexpected: boolean } {
  if (err instanceof AppError) return { error: err, unexpected: false };
  const busy = unavailable(err);
  if (busy) return { error: busy, unexpected: false };
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return { error: new AppError('payload_too_large', 'The request body is too large.'), unexpected: false };
    if (status === 400 && /JSON/i.test(err.message)) {
      // A syntax error, not a value the schema refused (that is a 422): the client sent something that is not JSON.
      return {
        error: new AppError('bad_request', 'The request body is not valid JSON.', { errors: [{ field: 'body', message: 'is not valid JSON' }] }),
        unexpected: false,
      };
    }
    const code = (Object.keys(errorStatus) as ErrorCode[]).find((k) => errorStatus[k] === status) ?? 'bad_request';
    return { error: new AppError(code, err.message || errorTitles[code]), unexpected: status >= 500 };
  }
  return { error: new AppError('internal', 'Something went wrong on our side. Please try again.'), unexpected: true };
}

export function problemResponse(c: Context, err: AppError): Response {
  const body = toProblem(err, c.req.path, c.get('requestId' as never) as string | undefined);
  const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8', ...(err.extra.headers ?? {}) };
  if (err.extra.retryAfterSeconds !== undefined) headers['Retry-After'] = String(err.extra.retryAfterSeconds);
  return new Response(JSON.stringify(body), { status: errorStatus[err.code], headers });
}

type Part = 'body' | 'query' | 'param';

/** The top-level keys of a zod object schema (or none, for anything else). */
function keysOf(schema: unknown): Set<string> {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return new Set(shape && typeof shape === 'object' ? Object.keys(shape) : []);
}

/**
 * Services name fields as their input calls them (`endsAt`, `entries.3.email`); people and widgets
 * need to know where in the request that was. The route knows its own parts, so the edge adds the
 * prefix: the part whose schema has the field's first segment, else the body if there is one.
 */
export function locateFields(err: unknown, route: RouteConfig): unknown {
  if (!(err instanceof AppError) || !err.extra.errors?.length) return err;
  const body = (route.request?.body?.content?.['application/json'] as { schema?: unknown } | undefined)?.schema;
  const parts: [Part, Set<string>][] = [
    ['body', keysOf(body)],
    ['query', keysOf(route.request?.query)],
    ['param', keysOf(route.request?.params)],
  ];
  const fallback: Part = route.request?.body ? 'body' : route.request?.query ? 'query' : 'param';
  let changed = false;
  const errors = err.extra.errors.map((e) => {
    // Already located: a request part, or a line of an uploaded CSV file (`csv.line 3.email`).
    if (e.field === 'body' || e.field === 'csv' || /^(body|query|path|param|header|csv)[. ]/.test(e.field)) return e;
    changed = true;
    const first = e.field.split('.')[0]!;
    const part = parts.find(([, keys]) => keys.has(first))?.[0] ?? fallback;
    return { ...e, field: `${part}.${e.field}` };
  });
  if (!changed) return err;
  // A detail made from the field list is made again with the located names; a written detail stays.
  const detail = err.detail === summarize(err.extra.errors) ? summarize(errors) : err.detail;
  return new AppError(err.code, detail, { ...err.extra, errors });
}
