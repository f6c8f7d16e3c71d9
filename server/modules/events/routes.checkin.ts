import { z } from '@hono/zod-openapi';
import { and, asc, gte, inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { errorResponses, json } from '../../http/openapi.js';
import type { Principal } from '../../http/env.js';
import { defineRoute } from '../../http/route.js';
import { events } from './schema.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How many events the door's picker shows at most: those on now and next, not a history. */
const MAX_EVENTS = 50;

const CheckInEventSchema = z
  .object({
    id: z.string().openapi({ example: 'evt_4f9KqLm2Xa8bC1dE3fGh' }),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    timeZone: z.string(),
    venueName: z.string().nullable(),
    status: z.enum(['published', 'cancelled', 'draft']),
  })
  .openapi('CheckInEvent');

/**
 * The events the caller may check people in at, soonest first: published events that ended less than a
 * day ago or have not ended — for event staff, only those assigned to them. The check-in page's picker
 * reads it; event staff hold no `events.read`, so the event list itself is not theirs.
 */
export async function checkInEvents(ctx: ServiceContext, principal: Principal) {
  const since = new Date(ctx.now.getTime() - DAY_MS).toISOString();
  const assigned = principal.kind === 'staff' && principal.staff.role === 'event_staff' ? principal.eventIds : undefined;
  if (assigned && !assigned.length) return [];
  const rows = await ctx.scoped
    .select(events, and(gte(events.endsAt, since), sql`${events.status} = 'published'`), assigned ? inArray(events.id, assigned) : undefined)
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(MAX_EVENTS);
  return rows.map((r) => ({ id: r.id, title: r.title, startsAt: r.startsAt, endsAt: r.endsAt, timeZone: r.timeZone, venueName: r.venueName, status: r.status }));
}

export const checkInRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/check-in/events',
      tags: ['Admin: events'],
      summary: 'Events the caller may check people in at (published, not over for more than a day; event staff: theirs)',
      description: `At most ${MAX_EVENTS}, soonest first.`,
      auth: ['secret'] as const,
      capability: 'events.checkin',
      responses: { 200: json(z.object({ data: z.array(CheckInEventSchema) }).openapi('CheckInEventList')), ...errorResponses },
    },
    async (c, p, ctx) => c.json({ data: await checkInEvents(ctx, p) }, 200),
  ),
];
