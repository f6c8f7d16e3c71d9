import { z } from '@hono/zod-openapi';
import { ApiError } from './errors.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** The `?limit=&cursor=` pair every list accepts. */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT)
    .default(DEFAULT_LIMIT)
    .openapi({ param: { name: 'limit', in: 'query' }, example: 20, description: `1–${MAX_LIMIT}` }),
  cursor: z
    .string()
    .max(512)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The `nextCursor` of the previous page' }),
};

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ data: z.array(item), nextCursor: z.string().nullable() })
    .openapi(name);
}

/**
 * Cursors are opaque to clients: base64url JSON of the sort key(s) of the last row seen.
 * A cursor that does not decode to the expected shape is a 4xx naming `cursor`, not a 500.
 */
export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number | null)[];
    }
  } catch {
    // fall through to the error below
  }
  throw ApiError.invalid([{ field: 'query.cursor', message: 'is not a cursor this list returned' }]);
}

/** Given `limit + 1` rows, returns the page and the cursor for the next one. */
export function paginate<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number | null)[]) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data.at(-1);
  return { data, nextCursor: hasMore && last ? encodeCursor(keyOf(last)) : null };
}
