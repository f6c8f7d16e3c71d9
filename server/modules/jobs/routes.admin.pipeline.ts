import { z } from '@hono/zod-openapi';
import { and, asc, eq, gt, or, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { cursorKeys, decodeCursor, pageQuery, pageSchema, paginate } from '../../core/pagination.js';
import { multiLine, singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { isTimeZone } from '../events/service.js';
import { profileFor } from '../members/profile.js';
import { members } from '../members/schema.js';
import { listAdminOffers, openToForCompany, sendOffer } from './offers.js';
import { deleteResponse, getAdminResponse, hireCounts, hirePeriods, listAdminResponses, setResponseStatus, startOfDay } from './pipeline.js';
import { conflictResponse } from './routes.public.js';
import { employmentTypes, offerKinds, offerStatuses, responseKinds, responseStatuses, type OfferKind } from './schema.js';

export const AdminResponseSchema = z
  .object({
    id: z.string().openapi({ example: 'jrs_4f9KqLm2Xa8bC1dE3fGh' }),
    kind: z.enum(responseKinds),
    status: z.enum(responseStatuses).openapi({ description: 'new → contacted → interviewing → hired / closed; withdrawn by the member' }),
    job: z.object({ id: z.string().nullable().openapi({ description: 'null once the job was deleted' }), title: z.string(), employmentType: z.enum(employmentTypes) }),
    member: z
      .object({ id: z.string(), email: z.string(), profile: z.record(z.string(), z.unknown()).openapi({ description: 'What the member shows the company, now' }) })
      .nullable(),
    note: z.string(),
    message: z.string(),
    resumeUrl: z.string().nullable(),
    referral: z.object({ name: z.string(), email: z.string().nullable(), relation: z.string(), agreed: z.boolean() }).nullable(),
    statusChangedAt: z.string(),
    hiredAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('JobResponse');

const AdminOfferSchema = z
  .object({
    id: z.string().openapi({ example: 'jof_4f9KqLm2Xa8bC1dE3fGh' }),
    memberId: z.string(),
    jobId: z.string().nullable(),
    kind: z.enum(offerKinds),
    message: z.string(),
    status: z.enum(offerStatuses),
    createdAt: z.string(),
    respondedAt: z.string().nullable(),
  })
  .openapi('AdminJobOffer');

const OfferInputSchema = z
  .object({
    memberId: singleLine(64).min(1).openapi({ example: 'mem_4f9KqLm2Xa8bC1dE3fGh' }),
    kind: z.enum(offerKinds).openapi({ description: 'The member must be open to it (their profile’s openTo, shown to the company)' }),
    jobId: singleLine(64).min(1).nullable().optional(),
    message: multiLine(2_000).min(1, 'must not be empty').openapi({ example: '新規事業の立ち上げで、ぜひ一度お話しできませんか。' }),
  })
  .strict()
  .openapi('JobOfferInput');

const countsByType = z.object(Object.fromEntries(employmentTypes.map((t) => [t, z.number().int()])) as Record<(typeof employmentTypes)[number], z.ZodNumber>);

const HireCountsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    period: z.enum(hirePeriods),
    timeZone: z.string(),
    total: z.number().int(),
    byType: countsByType,
    byRoute: z.object({ interest: z.number().int(), application: z.number().int(), referral: z.number().int() }),
    periods: z.array(z.object({ period: z.string().openapi({ example: '2026-11' }), total: z.number().int(), byType: countsByType })),
  })
  .openapi('ComebackHires');

const CandidateSchema = z
  .object({ id: z.string(), email: z.string(), openTo: z.array(z.string()), profile: z.record(z.string(), z.unknown()) })
  .openapi('JobCandidate');

const day = z.iso.date().openapi({ example: '2026-01-01' });
const tags = ['Admin: jobs'];
const auth = ['secret'] as const;
const responseParams = z.object({ id: idParam('id', 'jrs_4f9KqLm2Xa8bC1dE3fGh') });

/** Approved members open to `kind` (any kind an offer can be about, without one) who show it to the company, oldest first. */
async function candidates(ctx: ServiceContext, q: { kind?: OfferKind; limit: number; cursor?: string }) {
  const kinds = q.kind ? [q.kind] : [...offerKinds];
  const after = decodeCursor(cursorKeys.instantThenId, q.cursor);
  const rows = await ctx.scoped
    .select(
      members,
      eq(members.status, 'approved'),
      sql`exists (select 1 from json_each(${members.openTo}) where value in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}))`,
      sql`coalesce(json_extract(${members.visibility}, '$.openTo'), 'members') <> 'nobody'`,
      after ? or(gt(members.createdAt, after[0]), and(eq(members.createdAt, after[0]), gt(members.id, after[1]))) : undefined,
    )
    .orderBy(asc(members.createdAt), asc(members.id))
    .limit(q.limit + 1);
  const page = paginate(rows, q.limit, (m) => [m.createdAt, m.id]);
  return { data: page.data.map((m) => ({ id: m.id, email: m.email, openTo: [...openToForCompany(m)], profile: profileFor(m, 'company') })), nextCursor: page.nextCursor };
}

export const adminPipelineRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/job-responses',
      tags,
      summary: 'Every interest, application and referral, newest first (the pipeline)',
      auth,
      capability: 'jobs.pipeline',
      request: {
        query: z.object({
          ...pageQuery,
          kind: z.enum(responseKinds).optional().openapi({ param: { name: 'kind', in: 'query' } }),
          status: z.enum(responseStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(AdminResponseSchema, 'AllJobResponsesPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listAdminResponses(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/job-responses/{id}',
      tags,
      summary: 'One response, with the member as they show themselves to the company',
      auth,
      capability: 'jobs.pipeline',
      request: { params: responseParams },
      responses: { 200: json(AdminResponseSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await getAdminResponse(ctx, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/job-responses/{id}',
      tags,
      summary: 'Move a response along the pipeline: contacted, interviewing, hired (counted as a comeback hire) or closed',
      auth,
      capability: 'jobs.pipeline',
      request: {
        params: responseParams,
        body: jsonBody(z.object({ status: z.enum(['new', 'contacted', 'interviewing', 'hired', 'closed']) }).strict().openapi('JobResponsePatch', { example: { status: 'hired' } })),
      },
      responses: { 200: json(AdminResponseSchema), ...errorResponses, ...conflictResponse },
    },
    async (c, _p, ctx) => c.json(await setResponseStatus(ctx, c.req.valid('param').id, c.req.valid('json').status), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/job-responses/{id}',
      tags,
      summary: 'Erase a response (e.g. a referred person asked to be forgotten); a recorded hire stays counted',
      auth,
      capability: 'jobs.pipeline',
      request: { params: responseParams },
      responses: { 204: { description: 'Erased' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteResponse(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/job-candidates',
      tags,
      summary: 'Approved members open to a kind of offer (and showing it to the company)',
      auth,
      capability: 'jobs.pipeline',
      request: { query: z.object({ ...pageQuery, kind: z.enum(offerKinds).optional().openapi({ param: { name: 'kind', in: 'query' } }) }) },
      responses: { 200: json(pageSchema(CandidateSchema, 'JobCandidatePage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await candidates(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/job-offers',
      tags,
      summary: 'Invite a member to a casual meeting — only a member open to that kind (409 otherwise)',
      description: 'The member is mailed (unless they turned `jobs.offers` mail off) and sees it in the job board, where they accept or decline with one click.',
      auth,
      capability: 'jobs.pipeline',
      request: { body: jsonBody(OfferInputSchema) },
      responses: { 201: json(AdminOfferSchema, 'Sent'), ...errorResponses, ...conflictResponse },
    },
    async (c, _p, ctx) => c.json(await sendOffer(ctx, c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/job-offers',
      tags,
      summary: 'Offers sent, newest first, with each member’s answer',
      auth,
      capability: 'jobs.pipeline',
      request: {
        query: z.object({
          ...pageQuery,
          status: z.enum(offerStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
          memberId: singleLine(64).optional().openapi({ param: { name: 'memberId', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(AdminOfferSchema, 'AdminJobOfferPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listAdminOffers(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/comeback-hires',
      tags,
      summary: 'Comeback hires per employment type and period (responses moved to hired)',
      description: '`from` and `to` are dates in `timeZone` (default Asia/Tokyo), both included; by default from the first of the month a year ago up to today.',
      auth,
      capability: 'jobs.pipeline',
      request: {
        query: z.object({
          from: day.optional().openapi({ param: { name: 'from', in: 'query' } }),
          to: day.optional().openapi({ param: { name: 'to', in: 'query' } }),
          period: z.enum(hirePeriods).default('month').openapi({ param: { name: 'period', in: 'query' } }),
          timeZone: singleLine(64).default('Asia/Tokyo').openapi({ param: { name: 'timeZone', in: 'query' } }),
        }),
      },
      responses: { 200: json(HireCountsSchema), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const q = c.req.valid('query');
      if (!isTimeZone(q.timeZone)) throw AppError.field('timeZone', 'is not an IANA time zone such as Asia/Tokyo');
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: q.timeZone }).format(ctx.now);
      const toDay = q.to ?? today;
      const to = new Date(startOfDay(toDay, q.timeZone).getTime() + 24 * 60 * 60 * 1000);
      const from = q.from ? startOfDay(q.from, q.timeZone) : startOfDay(`${Number(toDay.slice(0, 4)) - 1}${toDay.slice(4, 7)}-01`, q.timeZone);
      if (from >= to) throw AppError.field('from', 'must not be after to');
      if (to.getTime() - from.getTime() > 20 * 366 * 24 * 60 * 60 * 1000) throw AppError.field('from', 'must be at most 20 years before to');
      return c.json(await hireCounts(ctx, { from, to, period: q.period, timeZone: q.timeZone }), 200);
    },
  ),
];
