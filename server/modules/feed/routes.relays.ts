import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { getRelay, listRelays, myBatons, startRelay } from './relays.js';
import { PersonSchema, refId } from './schemas.js';
import { requirePoster } from './service.js';

const RelayStepSchema = z
  .object({
    batonId: z.string(),
    depth: z.number().int().openapi({ description: '1 for the first baton' }),
    from: PersonSchema,
    to: PersonSchema,
    createdAt: z.string(),
    fromPostId: z.string().nullable().openapi({ description: 'The self-introduction that passed the baton (null: the company started the relay)' }),
    postId: z.string().nullable().openapi({ description: "The nominee's self-introduction, once written" }),
    passedAt: z.string().nullable(),
  })
  .openapi('RelayStep');

const RelaySchema = z
  .object({
    id: z.string().openapi({ example: 'rly_4f9KqLm2Xa8bC1dE3fGh' }),
    title: z.string().nullable(),
    startedBy: PersonSchema,
    createdAt: z.string(),
    steps: z.array(RelayStepSchema),
    passes: z.number().int().openapi({ description: 'Batons passed on with a self-introduction' }),
    reach: z.number().int().openapi({ description: 'The furthest baton passed on (how far the relay went)' }),
    openBatons: z.number().int().openapi({ description: 'Batons waiting for their nominee' }),
  })
  .openapi('Relay');

const RelaySummarySchema = RelaySchema.omit({ steps: true }).extend({ lastPassedAt: z.string().nullable() }).openapi('RelaySummary');

const BatonSchema = z
  .object({
    id: z.string().openapi({ example: 'btn_4f9KqLm2Xa8bC1dE3fGh' }),
    relayId: z.string(),
    relayTitle: z.string().nullable(),
    depth: z.number().int(),
    from: PersonSchema,
    fromPostId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Baton');

const StartRelaySchema = z
  .object({
    title: singleLine(100).nullable().optional().openapi({ example: '2026 冬のリレー自己紹介' }),
    nomineeMemberId: refId('mem', 'mem_4f9KqLm2Xa8bC1dE3fGh').openapi({ description: 'The first member to write; told by mail' }),
  })
  .strict()
  .openapi('RelayInput');

const idParams = z.object({ id: idParam('id', 'rly_4f9KqLm2Xa8bC1dE3fGh') });

export const publicRelayRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/me/batons',
      tags: ['Feed: relays'],
      summary: 'Relay batons passed to me and not yet passed on: write a self-introduction with one (`batonId`)',
      auth: ['session'],
      feature: 'feed',
      responses: { 200: json(z.object({ data: z.array(BatonSchema) }).openapi('BatonList')), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json({ data: await myBatons(ctx, requirePoster(member)) }, 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/relays/{id}',
      tags: ['Feed: relays'],
      summary: 'A relay: who passed the baton to whom, in order, with the self-introductions',
      auth: ['session'],
      feature: 'feed',
      request: { params: idParams },
      responses: { 200: json(RelaySchema), ...errorResponses },
    },
    async (c, { member }, ctx) => c.json(await getRelay(ctx, c.req.valid('param').id, { kind: 'member', member: requirePoster(member) }), 200),
  ),
];

const adminTags = ['Admin: feed'];

export const adminRelayRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/relays',
      tags: adminTags,
      summary: 'Relays, newest first, with how far each went',
      auth: ['secret'],
      capability: 'posts.manage',
      request: { query: z.object(pageQuery) },
      responses: { 200: json(pageSchema(RelaySummarySchema, 'RelayPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listRelays(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/relays',
      tags: adminTags,
      summary: 'Start a relay of self-introductions by nominating its first member (told by mail)',
      auth: ['secret'],
      capability: 'posts.manage',
      request: { body: jsonBody(StartRelaySchema) },
      responses: { 201: json(RelaySchema, 'Started'), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await startRelay(ctx, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/relays/{id}',
      tags: adminTags,
      summary: 'One relay, every step (hidden and waiting posts included)',
      auth: ['secret'],
      capability: 'posts.manage',
      request: { params: idParams },
      responses: { 200: json(RelaySchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await getRelay(ctx, c.req.valid('param').id, { kind: 'company' }), 200),
  ),
];
