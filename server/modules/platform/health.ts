import { z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.js';
import { json } from '../../http/openapi.js';
import { definePublicRoute } from '../../http/route.js';

export const healthRoute = definePublicRoute(
  {
    method: 'get',
    path: '/health',
    tags: ['Meta'],
    summary: 'Liveness and database reachability',
    responses: { 200: json(z.object({ status: z.literal('ok') }).openapi('Health')) },
  },
  async (c) => {
    try {
      await c.var.deps.db.run(sql`select 1`);
    } catch {
      throw new AppError('unavailable', 'The database is not reachable.');
    }
    return c.json({ status: 'ok' as const }, 200);
  },
);
