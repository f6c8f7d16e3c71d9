import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { getAlerts, setAlerts, stopAlerts } from './alerts.js';
import { answerOffer, listOwnOffers } from './offers.js';
import { listOwnResponses, withdrawResponse } from './responses.js';
import { conflictResponse, OwnResponseSchema } from './routes.public.js';
import { employmentTypes, offerKinds, offerStatuses, responseKinds } from './schema.js';

export const OfferSchema = z
  .object({
    id: z.string().openapi({ example: 'jof_4f9KqLm2Xa8bC1dE3fGh' }),
    kind: z.enum(offerKinds),
    message: z.string(),
    status: z.enum(offerStatuses),
    job: z.object({ id: z.string(), title: z.string(), translations: z.record(z.string(), z.unknown()) }).nullable(),
    createdAt: z.string(),
    respondedAt: z.string().nullable(),
  })
  .openapi('JobOffer');

const AlertsSchema = z
  .object({
    on: z.boolean().openapi({ description: 'Whether alert mail goes out (the `jobs.alerts` notification preference)' }),
    types: z.array(z.enum(employmentTypes)),
  })
  .openapi('JobAlerts');

const AlertsInputSchema = z
  .object({
    types: z
      .array(z.enum(employmentTypes))
      .min(1, 'must name at least one employment type (to stop alerts, DELETE /v1/me/job-alerts)')
      .max(employmentTypes.length)
      .transform((list) => [...new Set(list)]),
  })
  .strict()
  .openapi('JobAlertsInput', { example: { types: ['side_job', 'freelance'] } });

const tags = ['Me: jobs'];
const auth = ['session'] as const;
const responseParams = z.object({ id: idParam('id', 'jrs_4f9KqLm2Xa8bC1dE3fGh') });
const offerParams = z.object({ id: idParam('id', 'jof_4f9KqLm2Xa8bC1dE3fGh') });

const answerRoute = (answer: 'accept' | 'decline') =>
  defineRoute(
    {
      method: 'post',
      path: `/v1/me/job-offers/{id}/${answer}`,
      tags,
      summary: answer === 'accept' ? 'Say you would like to talk (the company’s contact is told by mail)' : 'Decline an offer with one click (the company sees only that)',
      auth,
      feature: 'jobs',
      request: { params: offerParams },
      responses: { 200: json(OfferSchema), ...errorResponses, ...conflictResponse },
    },
    async (c, { member }, ctx) => c.json(await answerOffer(ctx, member, c.req.valid('param').id, answer === 'accept' ? 'accepted' : 'declined'), 200),
  );

export const meJobRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/job-responses',
      tags,
      summary: 'My interests, applications and referrals with their stage, newest first',
      auth,
      feature: 'jobs',
      request: { query: z.object({ ...pageQuery, kind: z.enum(responseKinds).optional().openapi({ param: { name: 'kind', in: 'query' } }) }) },
      responses: { 200: json(pageSchema(OwnResponseSchema, 'MyJobResponsePage')), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await listOwnResponses(ctx, member, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/me/job-responses/{id}',
      tags,
      summary: 'Withdraw one of my responses (the company is told; a referred person’s details are forgotten)',
      auth,
      feature: 'jobs',
      request: { params: responseParams },
      responses: { 204: { description: 'Withdrawn' }, ...errorResponses, ...conflictResponse },
    },
    async (c, { member }, ctx) => {
      await withdrawResponse(ctx, member, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/job-offers',
      tags,
      summary: 'Offers (casual-meeting invitations) I received, newest first',
      auth,
      feature: 'jobs',
      request: { query: z.object({ ...pageQuery, status: z.enum(offerStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }) }) },
      responses: { 200: json(pageSchema(OfferSchema, 'JobOfferPage')), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await listOwnOffers(ctx, member, c.req.valid('query')), 200),
  ),
  answerRoute('accept'),
  answerRoute('decline'),
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/job-alerts',
      tags,
      summary: 'My job alerts: on or off, and the employment types',
      auth,
      feature: 'jobs',
      responses: { 200: json(AlertsSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await getAlerts(ctx, memberId), 200),
  ),
  defineRoute(
    {
      method: 'put',
      path: '/v1/me/job-alerts',
      tags,
      summary: 'Get a mail when jobs of these types open (batched; one-click unsubscribe in every mail)',
      auth,
      feature: 'jobs',
      request: { body: jsonBody(AlertsInputSchema) },
      responses: { 200: json(AlertsSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await setAlerts(ctx, memberId, c.req.valid('json').types), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/me/job-alerts',
      tags,
      summary: 'Stop job alerts',
      auth,
      feature: 'jobs',
      responses: { 200: json(AlertsSchema), ...errorResponses },
    },
    async (c, { memberId }, ctx) => c.json(await stopAlerts(ctx, memberId), 200),
  ),
];
