import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { multiLine, singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { requireEventInScope } from '../../http/capability.js';
import { defineRoute } from '../../http/route.js';
import { attendeesCsv, attendeeStatuses, checkIn, listAttendees, messageAttendees } from './attendees.js';

const AttendeeSchema = z
  .object({
    registrationId: z.string().openapi({ example: 'reg_4f9KqLm2Xa8bC1dE3fGh' }),
    memberId: z.string(),
    name: z.string(),
    email: z.string(),
    status: z.enum(attendeeStatuses),
    guests: z.number().int(),
    answers: z.array(z.object({ questionId: z.string(), question: z.string(), value: z.union([z.string(), z.array(z.string())]) })),
    waitlistPosition: z.number().int().nullable(),
    checkInCode: z.string(),
    registeredAt: z.string(),
    promotedAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    checkedInAt: z.string().nullable(),
  })
  .openapi('Attendee');

const CheckInSchema = z
  .object({
    registrationId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a registration id').optional(),
    code: singleLine(20).optional().openapi({ description: 'The check-in code from the confirmation mail or the member’s QR code', example: '7KQ4-M2XP' }),
  })
  .strict()
  .openapi('CheckInInput');

const MessageSchema = z
  .object({
    subject: singleLine(150).min(1).openapi({ example: '当日の会場について' }),
    message: multiLine(5_000).min(1).openapi({ example: '受付は 18:30 から 20F で始まります。' }),
    includeWaitlisted: z.boolean().optional().openapi({ description: 'Also mail the people waiting for a seat' }),
  })
  .strict()
  .openapi('EventMessageInput');

const idParams = z.object({ id: idParam('id', 'evt_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Admin: events'];
const auth = ['secret'] as const;

export const attendeeRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/events/{id}/registrations',
      tags,
      summary: 'Who registered: status, guests and answers, in the order they registered',
      description: 'Answers are personal data: use them for the event and nothing else.',
      auth,
      capability: 'events.attendees',
      request: {
        params: idParams,
        query: z.object({ ...pageQuery, status: z.enum(attendeeStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }) }),
      },
      responses: { 200: json(pageSchema(AttendeeSchema, 'AttendeePage')), ...errorResponses },
    },
    async (c, p, ctx) => {
      const id = c.req.valid('param').id;
      requireEventInScope(p, id);
      return c.json(await listAttendees(ctx, id, c.req.valid('query')), 200);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/events/{id}/registrations.csv',
      tags,
      summary: 'Every registration as CSV (UTF-8 with BOM, opens in Excel), one column per question',
      description: 'Cells that a spreadsheet would run as a formula are prefixed with an apostrophe.',
      auth,
      capability: 'events.attendees',
      request: { params: idParams },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    },
    async (c, p, ctx) => {
      const id = c.req.valid('param').id;
      requireEventInScope(p, id);
      return c.body(await attendeesCsv(ctx, id), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="registrations-${id}.csv"`,
      });
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/events/{id}/check-ins',
      tags,
      summary: 'Check a registered member in, by registration id or by check-in code',
      description: 'Checking in twice answers 200 with `alreadyCheckedIn: true`; a waitlisted or cancelled registration is 409.',
      auth,
      capability: 'events.checkin',
      request: { params: idParams, body: jsonBody(CheckInSchema) },
      responses: { 200: json(AttendeeSchema.extend({ alreadyCheckedIn: z.boolean() }).openapi('CheckIn')), 409: errorResponses[422], ...errorResponses },
    },
    async (c, p, ctx) => {
      const id = c.req.valid('param').id;
      requireEventInScope(p, id);
      return c.json(await checkIn(ctx, id, c.req.valid('json')), 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/events/{id}/messages',
      tags,
      summary: 'Mail a message to everyone registered (through the outbox)',
      auth,
      capability: 'events.manage',
      request: { params: idParams, body: jsonBody(MessageSchema) },
      responses: { 202: json(z.object({ recipients: z.number().int() }).openapi('EventMessageQueued'), 'Queued'), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await messageAttendees(ctx, c.req.valid('param').id, c.req.valid('json')), 202),
  ),
];
