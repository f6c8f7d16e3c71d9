import { z } from '@hono/zod-openapi';
import { AppError } from './errors.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

/** Cursors are base64url text; anything else cannot be one of ours. */
const CURSOR_PATTERN = /^[A-Za-z0-9_-]*$/;

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
    .regex(CURSOR_PATTERN, 'is not a cursor this list returned')
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'The `nextCursor` of the previous page' }),
};

export function pageSchema<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({ data: z.array(item), nextCursor: z.string().nullable() })
    .openapi(name);
}

/** Our row ids (`evt_…`, `mem_…`); a cursor carries the last one seen. */
const rowId = z.string().min(1).max(64);

/**
 * The sort key each kind of list pages by. A cursor must decode to exactly its list's key: the right
 * number of values, each of the right type and range (no null, no 1e309, no string where a number goes),
 * because the values go straight into the list's WHERE clause.
 */
export const cursorKeys = {
  /** Ordered by a stored ISO timestamp, then id: events, the roster, the admin member list. */
  instantThenId: z.tuple([z.iso.datetime(), rowId]),
  /** The directory without `q`: by reading (normalised text), then member id. */
  sortKeyThenId: z.tuple([z.string().max(1_000), rowId]),
  /** The directory with `q`: the match tier (0 = name or reading, 1 = elsewhere), then the search row id. */
  tierThenRow: z.tuple([z.union([z.literal(0), z.literal(1)]), z.number().int().positive()]),
};

/** base64url → JSON: the shared first half of every cursor schema. */
const cursorJson = z
  .string()
  .max(512)
  .regex(CURSOR_PATTERN)
  .transform((value, ctx) => {
    try {
      return JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not JSON' });
      return z.NEVER;
    }
  });

/**
 * Reads a list's cursor with the one cursor schema (base64url JSON, then the list's key). A cursor that
 * is not exactly what this list hands out is a 422 naming `query.cursor`: never a 500, never a silently
 * empty or wrong page.
 */
export function decodeCursor<K extends z.ZodType>(key: K, cursor: string | undefined): z.output<K> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  const parsed = cursorJson.pipe(key).safeParse(cursor);
  if (!parsed.success) throw AppError.field('cursor', 'is not a cursor this list returned');
  return parsed.data;
}

/** Given `limit + 1` rows, returns the page and the cursor for the next one: the last row's sort key. */
export function paginate<T>(rows: T[], limit: number, keyOf: (row: T) => (string | number)[]) {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  const last = data.at(-1);
  return { data, nextCursor: hasMore && last ? Buffer.from(JSON.stringify(keyOf(last))).toString('base64url') : null };
}
