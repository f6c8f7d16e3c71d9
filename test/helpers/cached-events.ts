/**
 * The events module with core/cache applied to its public list, as the integrator will apply it once
 * the events rewrite has landed (`cache: 'public'` on GET /v1/events in modules/events/routes.public.ts).
 * Until then the bench and the two-process freshness test run this copy of today's list route, mounted
 * ahead of the module's own (Hono answers with the first route that matches), so they measure and
 * check exactly what the integrator's one line will give.
 */
import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../server/core/pagination.js';
import { singleLine } from '../../server/core/text.js';
import { errorResponses, json } from '../../server/http/openapi.js';
import { defineRoute } from '../../server/http/route.js';
import { eventsModule } from '../../server/modules/events/index.js';
import { PublicEventSchema } from '../../server/modules/events/routes.public.js';
import { eventCategories } from '../../server/modules/events/schema.js';
import { listEvents, toPublicEvent } from '../../server/modules/events/service.js';
import { modules } from '../../server/modules/index.js';
import { defineModule, type Module } from '../../server/modules/module.js';

const cachedList = defineRoute(
  {
    method: 'get',
    path: '/v1/events',
    tags: ['Events'],
    summary: 'Published events of the tenant',
    auth: ['publishable', 'session'],
    cache: 'public',
    request: {
      query: z.object({
        ...pageQuery,
        when: z.enum(['upcoming', 'past']).default('upcoming'),
        category: z.enum(eventCategories).optional(),
        q: singleLine(200).optional(),
      }),
    },
    responses: { 200: json(pageSchema(PublicEventSchema, 'EventPage')), ...errorResponses },
  },
  async (c, _p, ctx) => {
    const page = await listEvents(ctx, c.req.valid('query'), true);
    return c.json({ data: page.data.map(toPublicEvent), nextCursor: page.nextCursor }, 200);
  },
);

/** Every module, the events module with its public list cached. */
export function modulesWithCachedEvents(): Module[] {
  const events = defineModule({ name: 'events', routes: [cachedList, ...eventsModule.routes], personalData: eventsModule.personalData });
  return modules.map((m) => (m.name === 'events' ? events : m));
}
