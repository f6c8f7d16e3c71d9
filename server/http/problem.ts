import type { RouteConfig } from '@hono/zod-openapi';
import { ApiError } from '../core/errors.js';

type Part = 'body' | 'query' | 'path';

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
  if (!(err instanceof ApiError) || !err.extra.errors?.length) return err;
  const body = (route.request?.body?.content?.['application/json'] as { schema?: unknown } | undefined)?.schema;
  const parts: [Part, Set<string>][] = [
    ['body', keysOf(body)],
    ['query', keysOf(route.request?.query)],
    ['path', keysOf(route.request?.params)],
  ];
  const fallback: Part = route.request?.body ? 'body' : route.request?.query ? 'query' : 'path';
  let changed = false;
  const errors = err.extra.errors.map((e) => {
    const [first] = e.field.split('.');
    if (e.field === 'body' || /^(body|query|path|header)\./.test(e.field)) return e;
    changed = true;
    const part = parts.find(([, keys]) => keys.has(first!))?.[0] ?? fallback;
    return { ...e, field: `${part}.${e.field}` };
  });
  if (!changed) return err;
  // A summary made from the field list is made again with the located names; a written detail stays.
  const summary = (list: { field: string; message: string }[]) => list.map((e) => `${e.field}: ${e.message}`).join('; ');
  const detail = err.detail === summary(err.extra.errors) ? summary(errors) : err.detail;
  return new ApiError(err.code, detail, { ...err.extra, errors });
}
