import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { RichTextSchema } from '../../core/rich-text/index.js';
import { emailAddress, multiLine, singleLine, webUrl } from '../../core/text.js';
import type { Principal } from '../../http/env.js';
import { errorResponses, idParam, json, jsonBody, ProblemSchema } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { employmentTypes, jobVisibilities, remotePolicies, responseKinds, salaryUnits } from './schema.js';
import { apply, expressInterest, refer, viewerResponses } from './responses.js';
import { getVisibleJob, jobFilters, listJobs, type JobAudience } from './service.js';
import { stages, toOwnResponse, toPublicJob } from './views.js';

const TranslationSchema = z.object({
  title: z.string().optional(),
  department: z.string().optional(),
  location: z.string().optional(),
  description: RichTextSchema.optional(),
  requirements: RichTextSchema.optional(),
});

const ViewerResponseSchema = z.object({ id: z.string(), stage: z.enum(stages) }).nullable();

export const JobSchema = z
  .object({
    id: z.string().openapi({ example: 'job_4f9KqLm2Xa8bC1dE3fGh' }),
    title: z.string().openapi({ example: '法人営業（カムバック採用）' }),
    department: z.string().openapi({ example: '営業本部' }),
    location: z.string().openapi({ example: '東京都港区' }),
    remotePolicy: z.enum(remotePolicies),
    employmentType: z.enum(employmentTypes),
    description: RichTextSchema,
    requirements: RichTextSchema,
    salary: z
      .object({ min: z.number().int().nullable(), max: z.number().int().nullable(), currency: z.string(), unit: z.enum(salaryUnits).nullable() })
      .nullable()
      .openapi({ description: 'In the currency’s major unit (yen), per unit; null when not published' }),
    visibility: z.enum(jobVisibilities),
    status: z.enum(['draft', 'open', 'closed']).openapi({ description: 'closed also once closesAt has passed' }),
    closesAt: z.string().nullable(),
    applyUrl: z.string().nullable().openapi({ description: 'Apply on the company’s own site; when null, POST …/application takes it here' }),
    translations: z.object({ ja: TranslationSchema.optional(), en: TranslationSchema.optional() }).openapi('JobTranslations'),
    openedAt: z.string().nullable(),
    viewer: z
      .object({ interest: ViewerResponseSchema, application: ViewerResponseSchema })
      .optional()
      .openapi({ description: 'With a member session only: that member’s live interest and application for this job' }),
  })
  .openapi('Job');

export const OwnResponseSchema = z
  .object({
    id: z.string().openapi({ example: 'jrs_4f9KqLm2Xa8bC1dE3fGh' }),
    kind: z.enum(responseKinds),
    stage: z.enum(stages).openapi({ description: 'under_review until the company decides; hired; not_hired; withdrawn by you' }),
    job: z.object({ id: z.string().nullable(), title: z.string(), employmentType: z.enum(employmentTypes), open: z.boolean(), translations: z.record(z.string(), z.unknown()) }),
    note: z.string(),
    message: z.string(),
    resumeUrl: z.string().nullable(),
    referral: z.object({ name: z.string(), relation: z.string() }).nullable().openapi({ description: 'The referred person; their address is only ever shown to the company' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('MyJobResponse');

const filter = (name: string, description: string) => singleLine(100).optional().openapi({ param: { name, in: 'query' }, description });

/** Refusals that are about the state of things (a closed job, an answer given), not the input. */
export const conflictResponse = { 409: { description: 'Not possible in the current state (e.g. the job is closed)', content: { 'application/problem+json': { schema: ProblemSchema } } } };

const jobIdParams = z.object({ id: idParam('id', 'job_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Jobs'];
const readAuth = ['publishable', 'session'] as const;

/** Members-only jobs exist only for an approved member's session; a publishable key never gets them. */
const audienceOf = (p: Principal): JobAudience => ({ members: p.kind === 'session' && p.member.status === 'approved' });

const InterestSchema = z.object({ note: multiLine(1_000).optional().openapi({ example: 'まずは話を聞いてみたいです。' }) }).strict().openapi('JobInterestRequest');

const ApplicationSchema = z
  .object({
    message: multiLine(4_000).min(1, 'must not be empty').openapi({ example: '前職の経験を活かして、もう一度ミライで働きたいと考えています。' }),
    resumeUrl: webUrl(/^https$/, 'must be an https URL').nullable().optional().openapi({ description: 'A link to your résumé or profile (https)' }),
  })
  .strict()
  .openapi('JobApplicationRequest');

const ReferralSchema = z
  .object({
    jobId: singleLine(64).min(1).openapi({ example: 'job_4f9KqLm2Xa8bC1dE3fGh' }),
    name: singleLine(100).min(1, 'must not be empty').openapi({ example: '佐藤 一郎' }),
    email: emailAddress.openapi({ example: 'ichiro.sato@example.jp' }),
    relation: singleLine(100).min(1, 'must not be empty').openapi({ example: '前職の同僚' }),
    note: multiLine(1_000).optional(),
    agreed: z.literal(true, { error: 'must be true: refer only someone who agreed to it' }).openapi({ description: 'You confirm the person agreed to be referred' }),
  })
  .strict()
  .openapi('ReferralRequest');

export const publicJobRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/jobs',
      tags,
      summary: 'Open jobs: public ones, and members-only ones for an approved member’s session',
      description:
        '`q` searches title, department, location, description and requirements in every language of the job (Japanese from two characters, ' +
        'English words and prefixes; plain text, never query syntax); title matches first. Without `q`, newest first.',
      auth: readAuth,
      cache: 'public',
      feature: 'jobs',
      request: {
        query: z.object({
          ...pageQuery,
          q: singleLine(200).optional().openapi({ param: { name: 'q', in: 'query' }, example: '営業' }),
          type: z.enum(employmentTypes).optional().openapi({ param: { name: 'type', in: 'query' } }),
          department: filter('department', 'Part of the department'),
          location: filter('location', 'Part of the location'),
          remote: z.enum(remotePolicies).optional().openapi({ param: { name: 'remote', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(JobSchema, 'JobPage')), ...errorResponses },
    },
    async (c, principal, ctx) => {
      const page = await listJobs(ctx, c.req.valid('query'), audienceOf(principal));
      const viewer = principal.kind === 'session' ? await viewerResponses(ctx, principal.memberId, page.data.map((j) => j.id)) : undefined;
      return c.json({ data: page.data.map((j) => toPublicJob(j, ctx.now, viewer?.get(j.id))), nextCursor: page.nextCursor }, 200);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/jobs/filters',
      tags,
      summary: 'The departments and locations of the open jobs the caller can see, for filter menus (in `lang` where translated)',
      auth: readAuth,
      cache: 'public',
      feature: 'jobs',
      request: { query: z.object({ lang: z.enum(['ja', 'en']).optional().openapi({ param: { name: 'lang', in: 'query' } }) }) },
      responses: { 200: json(z.object({ departments: z.array(z.string()), locations: z.array(z.string()) }).openapi('JobFilters')), ...errorResponses },
    },
    async (c, principal, ctx) => c.json(await jobFilters(ctx, audienceOf(principal), c.req.valid('query').lang), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/jobs/{id}',
      tags,
      summary: 'One job (members-only jobs: approved members only; a closed job says so)',
      auth: readAuth,
      feature: 'jobs',
      request: { params: jobIdParams },
      responses: { 200: json(JobSchema), ...errorResponses },
    },
    async (c, principal, ctx) => {
      const job = await getVisibleJob(ctx, c.req.valid('param').id, audienceOf(principal));
      const viewer = principal.kind === 'session' ? (await viewerResponses(ctx, principal.memberId, [job.id])).get(job.id) : undefined;
      return c.json(toPublicJob(job, ctx.now, viewer), 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/jobs/{id}/interest',
      tags,
      summary: 'Casual interest in a job (カジュアル面談), with an optional note',
      description:
        'Your profile, as you show it to the company, goes to the company’s contact by mail with it. Sending it again while it is live answers 200 with the first. A closed job answers 409.',
      auth: ['session'],
      feature: 'jobs',
      request: { params: jobIdParams, body: jsonBody(InterestSchema) },
      responses: { 200: json(OwnResponseSchema, 'Already sent'), 201: json(OwnResponseSchema, 'Sent'), ...errorResponses, ...conflictResponse },
    },
    async (c, { member }, ctx) => {
      const { row, created } = await expressInterest(ctx, member, c.req.valid('param').id, c.req.valid('json').note ?? '');
      const job = await getVisibleJob(ctx, c.req.valid('param').id, { members: true });
      return c.json(toOwnResponse(row, job, ctx.now), created ? 201 : 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/jobs/{id}/application',
      tags,
      summary: 'Apply for a job that takes applications here (one without applyUrl)',
      auth: ['session'],
      feature: 'jobs',
      request: { params: jobIdParams, body: jsonBody(ApplicationSchema) },
      responses: { 201: json(OwnResponseSchema, 'Sent'), ...errorResponses, ...conflictResponse },
    },
    async (c, { member }, ctx) => {
      const row = await apply(ctx, member, c.req.valid('param').id, c.req.valid('json'));
      return c.json(toOwnResponse(row, await getVisibleJob(ctx, row.jobId!, { members: true }), ctx.now), 201);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/referrals',
      tags,
      summary: 'Refer someone who agreed to it to an open job',
      description: 'Attributed to you; you see its stage. The person’s address reaches only the company (never shown back, not in your export).',
      auth: ['session'],
      feature: 'jobs',
      request: { body: jsonBody(ReferralSchema) },
      responses: { 201: json(OwnResponseSchema, 'Sent'), ...errorResponses, ...conflictResponse },
    },
    async (c, { member }, ctx) => {
      const row = await refer(ctx, member, c.req.valid('json'));
      return c.json(toOwnResponse(row, await getVisibleJob(ctx, row.jobId!, { members: true }), ctx.now), 201);
    },
  ),
];
