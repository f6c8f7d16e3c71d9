import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { definePublicRoute, defineRoute } from '../../http/route.js';
import { requireApprovedMember } from '../members/service.js';
import { deleteFeed, feedIcs, feedStatus, resetFeed } from './feed.js';
import { AnswerInputSchema, MAX_QUESTIONS } from './questions.js';
import { cancel, ownRegistration, register } from './registrations.js';
import { eventCategories } from './schema.js';
import { listEvents } from './service.js';
import { calendarResponse, PublicEventSchema } from './routes.public.js';
import { publicEventViews } from './views.js';

const RegistrationInputSchema = z
  .object({
    guests: z.number().int().min(0).max(100).optional().openapi({ description: 'Guests you bring (up to the event’s maxGuests); default 0', example: 1 }),
    answers: z.array(AnswerInputSchema).max(MAX_QUESTIONS).optional(),
  })
  .strict()
  .openapi('RegistrationInput');

const OwnRegistrationSchema = z
  .object({
    eventId: z.string(),
    status: z.enum(['registered', 'waitlisted']),
    guests: z.number().int(),
    answers: z.array(AnswerInputSchema),
    waitlistPosition: z.number().int().nullable(),
    checkedIn: z.boolean(),
    registeredAt: z.string(),
    checkInCode: z.string().optional().openapi({ description: 'Registered members only: what the reception asks for', example: '7KQ4M2XP' }),
    qr: z
      .object({ size: z.number().int(), rows: z.array(z.string()).openapi({ description: 'One string of 0/1 per row of modules (1 = dark)' }) })
      .optional()
      .openapi({ description: 'The check-in code as a QR code, module by module (draw without a QR library)' }),
  })
  .openapi('OwnRegistration');

const FeedSchema = z
  .object({
    active: z.boolean(),
    createdAt: z.string().nullable(),
    url: z.string().optional().openapi({ description: 'Only when just created or reset: the address is not kept, only its hash' }),
    webcalUrl: z.string().optional(),
  })
  .openapi('CalendarFeed');

const idParams = z.object({ id: idParam('id', 'evt_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Events: registration'];
const auth = ['session'] as const;

export const memberEventRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/events/{id}/registration',
      tags,
      summary: 'Your registration, with its check-in code (and QR code) when registered',
      auth,
      feature: 'events',
      request: { params: idParams },
      responses: { 200: json(OwnRegistrationSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await ownRegistration(ctx, memberId, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'put',
      path: '/v1/events/{id}/registration',
      tags,
      summary: 'Register (or join the waitlist when full); idempotent',
      description:
        'Seats are given in SQL at the moment the write runs, so capacity holds under any number of simultaneous registrations. ' +
        'Registering again while registered or waiting keeps your place and updates answers and guests; after cancelling, you join at the end of the line. ' +
        'A draft event is 404; a cancelled, ended or past-deadline one is 409 `registration_closed`.',
      auth,
      feature: 'events',
      request: { params: idParams, body: jsonBody(RegistrationInputSchema) },
      responses: { 200: json(PublicEventSchema, 'The event with your registration'), 409: errorResponses[422], ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await register(ctx, requireApprovedMember(member, ctx.tenant), c.req.valid('param').id, c.req.valid('json')), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/events/{id}/registration',
      tags,
      summary: 'Cancel your registration or leave the waitlist; the first waiting take the seats',
      auth,
      feature: 'events',
      request: { params: idParams },
      responses: { 200: json(PublicEventSchema, 'The event, without your registration'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await cancel(ctx, requireApprovedMember(member, ctx.tenant), c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/events',
      tags,
      summary: 'Events you are registered for or waiting on',
      auth,
      feature: 'events',
      request: {
        query: z.object({
          ...pageQuery,
          when: z.enum(['upcoming', 'past']).default('upcoming').openapi({ param: { name: 'when', in: 'query' } }),
          category: z.enum(eventCategories).optional().openapi({ param: { name: 'category', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(PublicEventSchema, 'MyEventPage')), ...errorResponses },
    },
    async (c, { memberId }, ctx) => {
      const page = await listEvents(ctx, { ...c.req.valid('query'), registeredMemberId: memberId }, true);
      return c.json({ data: await publicEventViews(ctx, page.data, memberId), nextCursor: page.nextCursor }, 200);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/calendar-feed',
      tags,
      summary: 'Whether you have a private calendar feed of your events',
      auth,
      feature: 'events',
      responses: { 200: json(FeedSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await feedStatus(ctx, memberId), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/me/calendar-feed',
      tags,
      summary: 'Create or reset your private calendar feed (the old address stops working)',
      description: 'Subscribe to `url` (or open `webcalUrl`) in a calendar app. Keep it private: anyone with it sees your events. Shown once.',
      auth,
      feature: 'events',
      responses: { 201: json(FeedSchema, 'Created'), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await resetFeed(ctx, requireApprovedMember(member, ctx.tenant).id), 201),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/me/calendar-feed',
      tags,
      summary: 'Turn your calendar feed off',
      auth,
      feature: 'events',
      responses: { 204: { description: 'Off' }, ...errorResponses },
    },
    async (c, { memberId }, ctx) => {
      await deleteFeed(ctx, memberId);
      return c.body(null, 204);
    },
  ),
  definePublicRoute(
    {
      method: 'get',
      path: '/v1/calendar/{token}.ics',
      tags,
      summary: 'A member’s private calendar feed (the credential is the address)',
      description: 'For calendar apps, which cannot send headers: the token in the path is the credential. Reset it with POST /v1/me/calendar-feed.',
      'x-homecoming-credential': 'path',
      request: { params: z.object({ token: z.string().min(1).max(100).openapi({ param: { name: 'token', in: 'path' }, example: 'hcf_…' }) }) },
      responses: { 200: calendarResponse, 404: errorResponses[404] },
    },
    async (c) => {
      const { db, clock } = c.var.deps;
      const ics = await feedIcs(db, clock.now(), c.req.valid('param').token);
      return c.body(ics, 200, { 'content-type': 'text/calendar; charset=utf-8' });
    },
  ),
];
