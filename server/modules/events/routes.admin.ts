import { z } from '@hono/zod-openapi';
import { defineRoute } from '../../http/route.js';
import { eventCategories, eventStatuses } from './schema.js';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { createEvent, deleteEvent, getEvent, listEvents } from './service.js';
import { updateEvent } from './lifecycle.js';
import { PublicEventSchema, TranslationsSchema } from './routes.public.js';
import { MAX_QUESTIONS, QuestionInputSchema } from './questions.js';
import { adminEventViews } from './views.js';
import { multiLine, singleLine, webUrl } from '../../core/text.js';
import { errorResponses, idParam, instant, json, jsonBody } from '../../http/openapi.js';

const CountsSchema = z
  .object({
    registered: z.number().int().openapi({ description: 'Registered and not yet checked in' }),
    attended: z.number().int().openapi({ description: 'Checked in' }),
    waitlisted: z.number().int(),
    cancelled: z.number().int(),
    guests: z.number().int().openapi({ description: 'Guests of registered members' }),
    seatsTaken: z.number().int().openapi({ description: 'Registered and attended members plus their guests' }),
    seatsLeft: z.number().int().nullable(),
  })
  .openapi('EventCounts');

export const AdminEventSchema = PublicEventSchema.omit({ registration: true })
  .extend({
    onlineUrl: z.string().nullable(),
    privateDetails: z.string(),
    counts: CountsSchema,
    sequence: z.number().int().openapi({ description: 'iCalendar SEQUENCE: rises with each change calendars follow' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AdminEvent');

const EventInputSchema = z
  .object({
    title: singleLine(200).min(1).openapi({ example: 'アルムナイ交流会 2026 冬' }),
    description: multiLine(20_000).optional(),
    category: z.enum(eventCategories),
    startsAt: instant,
    endsAt: instant,
    timeZone: singleLine(64).min(1).openapi({ example: 'Asia/Tokyo' }),
    venueName: singleLine(200).nullable().optional(),
    venueAddress: singleLine(500).nullable().optional(),
    venueAddressPrivate: z.boolean().optional().openapi({ description: 'Show venueAddress to registered members only' }),
    privateDetails: multiLine(2_000).optional().openapi({ description: 'For registered members only (API, element, mails): room, entry instructions' }),
    isOnline: z.boolean().optional(),
    onlineUrl: webUrl(/^https?$/, 'must be an http(s) URL').nullable().optional(),
    feeAmount: z.number().int().min(0).max(10_000_000).optional(),
    feeCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as JPY').optional(),
    capacity: z.number().int().min(1).max(1_000_000).nullable().optional().openapi({ description: 'Seats; each registered member and each guest takes one. Raising it promotes the waitlist' }),
    maxGuests: z.number().int().min(0).max(20).optional().openapi({ description: 'Guests a member may bring; default 0' }),
    questions: z.array(QuestionInputSchema).max(MAX_QUESTIONS).optional().openapi({ description: 'Asked at registration; replaces the list' }),
    registrationDeadline: instant.nullable().optional(),
    notes: multiLine(2_000).optional(),
    status: z.enum(eventStatuses).optional(),
    translations: TranslationsSchema.optional(),
  })
  .strict()
  .openapi('EventInput');

const EventPatchSchema = EventInputSchema.partial().strict().openapi('EventPatch');
const idParams = z.object({ id: idParam('id', 'evt_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Admin: events'];

const auth = ['secret'] as const;

export const adminEventRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/events',
      tags,
      summary: 'All events of the tenant, any status',
      auth,
      capability: 'events.read',
      request: {
        query: z.object({
          ...pageQuery,
          when: z.enum(['upcoming', 'past']).optional().openapi({ param: { name: 'when', in: 'query' } }),
          status: z.enum(eventStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
          category: z.enum(eventCategories).optional().openapi({ param: { name: 'category', in: 'query' } }),
          q: singleLine(200).optional().openapi({ param: { name: 'q', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(AdminEventSchema, 'AdminEventPage')), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const page = await listEvents(ctx, c.req.valid('query'), false);
      return c.json({ data: await adminEventViews(ctx, page.data), nextCursor: page.nextCursor }, 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/events',
      tags,
      summary: 'Create an event (draft unless status says otherwise)',
      auth,
      capability: 'events.manage',
      request: { body: jsonBody(EventInputSchema) },
      responses: { 201: json(AdminEventSchema, 'Created'), ...errorResponses },
    },
    async (c, _p, ctx) => c.json((await adminEventViews(ctx, [await createEvent(ctx, c.req.valid('json'))]))[0]!, 201),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/events/{id}',
      tags,
      summary: 'One event',
      auth,
      capability: 'events.read',
      request: { params: idParams },
      responses: { 200: json(AdminEventSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json((await adminEventViews(ctx, [await getEvent(ctx, c.req.valid('param').id)]))[0]!, 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/events/{id}',
      tags,
      summary: 'Change some fields of an event (publish, cancel, edit)',
      description:
        'Cancelling tells everyone registered or waiting (and removes the event from their calendars); a change of time, place, link or title sends the registered an updated invitation; ' +
        'more capacity promotes the waitlist in order, as many as fit; a new start time moves the reminder.',
      auth,
      capability: 'events.manage',
      request: { params: idParams, body: jsonBody(EventPatchSchema) },
      responses: { 200: json(AdminEventSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json((await adminEventViews(ctx, [await updateEvent(ctx, c.req.valid('param').id, c.req.valid('json'))]))[0]!, 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/events/{id}',
      tags,
      summary: 'Delete an event (one people are registered for: cancel it instead, so they are told)',
      auth,
      capability: 'events.manage',
      request: { params: idParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteEvent(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
];
