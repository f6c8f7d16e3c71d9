import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { defineRoute } from '../../http/route.js';
import { eventCategories, eventStatuses } from './schema.js';
import { getPublishedEvent, listEvents } from './service.js';
import { multiLine, singleLine } from '../../core/text.js';
import { errorResponses, idParam, json } from '../../http/openapi.js';
import { AnswerInputSchema, QuestionSchema } from './questions.js';
import { publicEventViews } from './views.js';
import { singleEventIcs } from './feed.js';

const TranslationSchema = z.object({
  title: singleLine(200).optional(),
  description: multiLine(20_000).optional(),
  notes: multiLine(2_000).optional(),
});

export const TranslationsSchema = z
  .object({ ja: TranslationSchema.optional(), en: TranslationSchema.optional() })
  .strict()
  .openapi('EventTranslations', { description: 'The same content in another language, keyed by locale' });

export const RegistrationSummarySchema = z
  .object({
    status: z.enum(['registered', 'waitlisted']),
    guests: z.number().int(),
    answers: z.array(AnswerInputSchema),
    waitlistPosition: z.number().int().nullable().openapi({ description: '1 for the first in line; null when registered' }),
    checkedIn: z.boolean(),
    registeredAt: z.string(),
  })
  .openapi('EventRegistrationSummary');

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
    venueAddress: z.string().nullable().openapi({ description: 'null when the organiser keeps it for registered members and you are not one' }),
    venueAddressPrivate: z.boolean(),
    isOnline: z.boolean(),
    feeAmount: z.number().int().openapi({ description: 'In the minor unit of feeCurrency (yen have none); 0 is free' }),
    feeCurrency: z.string().openapi({ example: 'JPY' }),
    capacity: z.number().int().nullable().openapi({ description: 'Seats (a member and each guest take one); null: no limit' }),
    maxGuests: z.number().int().openapi({ description: 'Guests a member may bring' }),
    questions: z.array(QuestionSchema),
    registrationDeadline: z.string().nullable(),
    notes: z.string().openapi({ description: 'What to bring, dress code, access' }),
    status: z.enum(eventStatuses),
    translations: TranslationsSchema,
    seatsLeft: z.number().int().nullable().openapi({ description: 'null: no limit' }),
    waitlistCount: z.number().int(),
    registrationOpen: z.boolean().openapi({ description: 'Published, and neither the deadline nor the end has passed' }),
    googleCalendarUrl: z.string().openapi({ description: '"Add to Google Calendar", prefilled' }),
    registration: RegistrationSummarySchema.nullable().openapi({ description: "The signed-in member's own registration; null otherwise" }),
    onlineUrl: z.string().nullable().optional().openapi({ description: 'Present only for a registered member (and the organiser)' }),
    privateDetails: z.string().optional().openapi({ description: 'Present only for a registered member (and the organiser)' }),
  })
  .openapi('Event');

const auth = ['publishable', 'session'] as const;
const idParams = z.object({ id: idParam('id', 'evt_4f9KqLm2Xa8bC1dE3fGh') });
export const calendarResponse = { description: 'iCalendar (RFC 5545)', content: { 'text/calendar': { schema: z.string() } } };

export const publicEventRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/events',
      tags: ['Events'],
      summary: 'Published and cancelled events of the tenant',
      description: 'Cancelled events stay listed, with `status: "cancelled"`. With a member session, each event carries that member’s registration.',
      auth,
      feature: 'events',
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
    async (c, p, ctx) => {
      const page = await listEvents(ctx, c.req.valid('query'), true);
      return c.json({ data: await publicEventViews(ctx, page.data, p.kind === 'session' ? p.memberId : undefined), nextCursor: page.nextCursor }, 200);
    },
  ),
  // Before /{id}, which would otherwise take "evt_….ics" for an id.
  defineRoute(
    {
      method: 'get',
      path: '/v1/events/{id}.ics',
      tags: ['Events'],
      summary: 'One event as an iCalendar file (add to calendar)',
      description:
        'Times in UTC, so calendars place them right in any zone. The UID is stable; a registered member’s copy carries the online link and private details, and the same UID and SEQUENCE as their invitation.',
      auth,
      feature: 'events',
      request: { params: idParams },
      responses: { 200: calendarResponse, ...errorResponses },
    },
    async (c, p, ctx) => {
      const { ics, filename } = await singleEventIcs(ctx, c.req.valid('param').id, p.kind === 'session' ? p.memberId : undefined);
      return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` });
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/events/{id}',
      tags: ['Events'],
      summary: 'One published (or cancelled) event',
      auth,
      feature: 'events',
      request: { params: idParams },
      responses: { 200: json(PublicEventSchema), ...errorResponses },
    },
    async (c, p, ctx) => {
      const [view] = await publicEventViews(ctx, [await getPublishedEvent(ctx, c.req.valid('param').id)], p.kind === 'session' ? p.memberId : undefined);
      return c.json(view!, 200);
    },
  ),
];
