import { z } from '@hono/zod-openapi';
import { inArray, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { MAX_MARKDOWN_LENGTH, RichTextSchema } from '../../core/rich-text/index.js';
import { multiLine, singleLine, webUrl } from '../../core/text.js';
import { errorResponses, idParam, instant, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { AdminResponseSchema } from './routes.admin.pipeline.js';
import { JobSchema } from './routes.public.js';
import { listAdminResponses } from './pipeline.js';
import { employmentTypes, jobResponses, jobStatuses, jobVisibilities, remotePolicies, responseKinds, responseStatuses, salaryUnits } from './schema.js';
import { createJob, deleteJob, getJob, listJobs, richText, updateJob, type JobRow } from './service.js';
import { toAdminJob } from './views.js';

const markdown = (description: string) =>
  multiLine(MAX_MARKDOWN_LENGTH)
    .optional()
    .openapi({ description: `${description}. Markdown (CommonMark, ~~strikethrough~~, bare URLs linked); raw HTML shows as text; only http, https and mailto links` });

const TranslationInputSchema = z
  .object({
    title: singleLine(200).optional(),
    department: singleLine(100).optional(),
    location: singleLine(200).optional(),
    description: markdown('The description in this language'),
    requirements: markdown('The requirements in this language'),
  })
  .strict();

const money = z.number().int().min(0).max(10_000_000_000).nullable().optional();

const JobInputSchema = z
  .object({
    title: singleLine(200).min(1, 'must not be empty').openapi({ example: '法人営業（カムバック採用）' }),
    department: singleLine(100).optional().openapi({ example: '営業本部' }),
    location: singleLine(200).optional().openapi({ example: '東京都港区' }),
    remotePolicy: z.enum(remotePolicies).optional(),
    employmentType: z.enum(employmentTypes).openapi({ description: 'rehire: full-time rehire; contract; side_job (副業); freelance (業務委託); project' }),
    description: markdown('What the work is'),
    requirements: markdown('What it takes'),
    salaryMin: money.openapi({ description: 'In the currency’s major unit (yen), per salaryUnit', example: 6_000_000 }),
    salaryMax: money.openapi({ example: 9_000_000 }),
    salaryCurrency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as JPY').optional(),
    salaryUnit: z.enum(salaryUnits).nullable().optional(),
    visibility: z.enum(jobVisibilities).optional().openapi({ description: 'public: on the careers page; members: approved members only' }),
    status: z.enum(jobStatuses).optional().openapi({ description: 'draft (default), open, closed. Opening a job sends the job alerts (batched)' }),
    closesAt: instant.nullable().optional().openapi({ description: 'No more responses after this instant' }),
    applyUrl: webUrl(/^https?$/, 'must be an http(s) URL').nullable().optional().openapi({ description: 'Your applicant tracking system; members apply there instead of here' }),
    translations: z.object({ ja: TranslationInputSchema.optional(), en: TranslationInputSchema.optional() }).strict().optional(),
  })
  .strict()
  .openapi('JobInput');

const JobPatchSchema = JobInputSchema.partial().strict().openapi('JobPatch');

const AdminJobSchema = JobSchema.omit({ viewer: true, status: true })
  .extend({
    status: z.enum(jobStatuses),
    descriptionMarkdown: z.string(),
    requirementsMarkdown: z.string(),
    salaryMin: z.number().int().nullable(),
    salaryMax: z.number().int().nullable(),
    salaryCurrency: z.string(),
    salaryUnit: z.enum(salaryUnits).nullable(),
    translationsMarkdown: z.record(z.string(), z.unknown()).openapi({ description: 'The translations as written (markdown), as PATCH takes them' }),
    alertedAt: z.string().nullable().openapi({ description: 'When job alerts announced this job' }),
    responses: z.object({ total: z.number().int(), new: z.number().int() }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('AdminJob');

const idParams = z.object({ id: idParam('id', 'job_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Admin: jobs'];
const auth = ['secret'] as const;

/** Responses per job of a page (all, and those still new), in one grouped query. */
async function responseCounts(ctx: ServiceContext, rows: JobRow[]) {
  const ids = rows.map((r) => r.id);
  const counts = new Map<string, { total: number; new: number }>();
  if (!ids.length) return counts;
  const found = await ctx.scoped
    .select(jobResponses, inArray(jobResponses.jobId, ids), sql`${jobResponses.status} <> 'withdrawn'`)
    .then((list) => list.map((r) => ({ jobId: r.jobId!, isNew: r.status === 'new' })));
  for (const r of found) {
    const c = counts.get(r.jobId) ?? { total: 0, new: 0 };
    c.total += 1;
    if (r.isNew) c.new += 1;
    counts.set(r.jobId, c);
  }
  return counts;
}

const adminView = async (ctx: ServiceContext, row: JobRow) => toAdminJob(row, (await responseCounts(ctx, [row])).get(row.id));

export const adminJobRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/jobs',
      tags,
      summary: 'All jobs of the tenant, any status, newest first (filters as on the board, plus status and visibility)',
      auth,
      capability: 'jobs.read',
      request: {
        query: z.object({
          ...pageQuery,
          q: singleLine(200).optional().openapi({ param: { name: 'q', in: 'query' } }),
          status: z.enum(jobStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
          visibility: z.enum(jobVisibilities).optional().openapi({ param: { name: 'visibility', in: 'query' } }),
          type: z.enum(employmentTypes).optional().openapi({ param: { name: 'type', in: 'query' } }),
          department: singleLine(100).optional().openapi({ param: { name: 'department', in: 'query' } }),
          location: singleLine(100).optional().openapi({ param: { name: 'location', in: 'query' } }),
          remote: z.enum(remotePolicies).optional().openapi({ param: { name: 'remote', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(AdminJobSchema, 'AdminJobPage')), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const page = await listJobs(ctx, c.req.valid('query'), 'admin');
      const counts = await responseCounts(ctx, page.data);
      return c.json({ data: page.data.map((j) => toAdminJob(j, counts.get(j.id))), nextCursor: page.nextCursor }, 200);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/jobs',
      tags,
      summary: 'Create a job (a draft unless status says open)',
      auth,
      capability: 'jobs.manage',
      request: { body: jsonBody(JobInputSchema) },
      responses: { 201: json(AdminJobSchema, 'Created'), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(toAdminJob(await createJob(ctx, c.req.valid('json'))), 201),
  ),
  // Before /{id}: a fixed path.
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/jobs/preview',
      tags,
      summary: 'How a description or requirements will look: the rich-text tree the markdown gives, saving nothing',
      auth,
      capability: 'jobs.manage',
      request: { body: jsonBody(z.object({ markdown: multiLine(MAX_MARKDOWN_LENGTH) }).strict().openapi('JobMarkdownPreviewInput', { example: { markdown: '## 仕事内容\n- 法人営業' } })) },
      responses: { 200: json(z.object({ body: RichTextSchema }).openapi('JobMarkdownPreview')), ...errorResponses },
    },
    async (c) => c.json({ body: richText('markdown', c.req.valid('json').markdown) }, 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/jobs/{id}',
      tags,
      summary: 'One job',
      auth,
      capability: 'jobs.read',
      request: { params: idParams },
      responses: { 200: json(AdminJobSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await adminView(ctx, await getJob(ctx, c.req.valid('param').id)), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/jobs/{id}',
      tags,
      summary: 'Edit a job; {"status":"closed"} closes it, {"status":"open"} opens it',
      auth,
      capability: 'jobs.manage',
      request: { params: idParams, body: jsonBody(JobPatchSchema) },
      responses: { 200: json(AdminJobSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await adminView(ctx, await updateJob(ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/jobs/{id}',
      tags,
      summary: 'Delete a job (its responses stay in the pipeline, and its hires in the counts)',
      auth,
      capability: 'jobs.manage',
      request: { params: idParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteJob(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/jobs/{id}/responses',
      tags,
      summary: 'The interests, applications and referrals for one job, newest first',
      auth,
      capability: 'jobs.pipeline',
      request: {
        params: idParams,
        query: z.object({
          ...pageQuery,
          kind: z.enum(responseKinds).optional().openapi({ param: { name: 'kind', in: 'query' } }),
          status: z.enum(responseStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }),
        }),
      },
      responses: { 200: json(pageSchema(AdminResponseSchema, 'JobResponsePage')), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const job = await getJob(ctx, c.req.valid('param').id);
      return c.json(await listAdminResponses(ctx, { ...c.req.valid('query'), jobId: job.id }), 200);
    },
  ),
];
