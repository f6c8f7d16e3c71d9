import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Fixed-window counters shared by every API process (so limits hold behind a load balancer). */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: integer('window_start').notNull(),
  count: integer('count').notNull(),
});
