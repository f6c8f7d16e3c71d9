import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { defineRoute } from '../../http/route.js';
import { eventCategories, eventStatuses } from './schema.js';
import { getPublishedEvent, listEvents, toPublicEvent } from './service.js';
import { multiLine, singleLine } from '../../core/text.js';
import { errorResponses, idParam, json } from '../../http/openapi.js';

const TranslationSchema = z.object({
  title: singleLine(200).optional(),
  description: multiLine(20_000).optional(),
  notes: multiLine(2_000).optional(),
});

export const TranslationsSchema = z
  .object({ ja: TranslationSchema.optional(), en: TranslationSchema.optional() })
  .strict()
  .openapi('EventTranslations', { description: 'The same content in another language, keyed by locale' });

export const PublicEventSchema = z
  .object({
    id: z.string().openapi({ example: 'evt_4f9KqLm2Xa8bC1dE3fGh' }),
    title: z.string().openapi({ example: 'アルムナイ交流会 2026 冬' }),
    description: z.string(),
    category: z.enum(eventCategories),
    startsAt: z.string().openapi({ description: 'UTC instant', example: '2026-12-05T10:00:00.000Z' }),
    endsAt: z.string(),
    timeZone: z.string().openapi({ example: 'Asia/Tokyo' }),
    venueName: z.string().nullable(),
    venueAddress: z.string().nullable(),
    isOnline: z.boolean(),
    feeAmount: z.number().int().openapi({ description: 'In the minor unit of feeCurrency (yen have none); 0 is free' }),
    feeCurrency: z.string().openapi({ example: 'JPY' }),
    capacity: z.number().int().nullable().openapi({ description: 'null: no limit' }),
    registrationDeadline: z.string().nullable(),
    notes: z.string().openapi({ description: 'What to bring, dress code, access' }),
    status: z.enum(eventStatuses),
    translations: TranslationsSchema,
  })
  .openapi('Event');

const auth = ['publishable', 'session'] as const;

export const publicEventRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/events',
      tags: ['Events'],
      summary: 'Published events of the tenant',
      auth,
      cache: 'public',
      request: {
        query: z.object({
          ...pageQuery,
          when: z.enum(['upcoming', 'past']).default('upcoming').openapi({ param: { name: 'when', in: 'query' } }),
          category: z.enum(eventCategories).optional().openapi({ param: { name: 'category', in: 'query' } }),
          q: singleLine(200).optional().openapi({ param: { name: 'q', in: 'query' }, description: 'Keyword, matched as plain text' }),
        }),
      },
      responses: { 200: json(pageSchema(PublicEventSchema, 'EventPage')), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const page = await listEvents(ctx, c.req.valid('query'), true);
      return c.json({ data: page.data.map(toPublicEvent), nextCursor: page.nextCursor }, 200);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/events/{id}',
      tags: ['Events'],
      summary: 'One published event',
      auth,
      request: { params: z.object({ id: idParam('id', 'evt_4f9KqLm2Xa8bC1dE3fGh') }) },
      responses: { 200: json(PublicEventSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(toPublicEvent(await getPublishedEvent(ctx, c.req.valid('param').id)), 200),
  ),
];
