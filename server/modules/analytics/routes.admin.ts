import { z } from '@hono/zod-openapi';
import { errorResponses, json } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { dashboard, dashboardCsv, DEFAULT_DAYS, MAX_DAYS } from './service.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-04-01')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a date');
const query = z.object({
  from: day.optional().openapi({ param: { name: 'from', in: 'query' }, description: `First day (Japan time); default ${DEFAULT_DAYS} days before \`to\``, example: '2026-04-01' }),
  to: day.optional().openapi({ param: { name: 'to', in: 'query' }, description: 'Last day, included; default today', example: '2026-09-30' }),
});

const counts = z.record(z.string(), z.number().int());
const DashboardSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    members: z.object({
      byStatus: counts,
      byKind: counts.openapi({ description: 'Approved members by kind' }),
      activeLast30Days: z.number().int().openapi({ description: 'Approved members with a session used in the 30 days up to `to`' }),
      signupsByWeek: z.array(z.object({ week: z.string().openapi({ description: 'The Monday' }), count: z.number().int() })),
    }),
    events: z.object({
      byEvent: z.array(z.object({ id: z.string(), title: z.string(), startsAt: z.string(), status: z.string(), registered: z.number().int(), attended: z.number().int(), waitlisted: z.number().int(), guests: z.number().int() })),
      byMonth: z.array(z.object({ month: z.string(), events: z.number().int(), registered: z.number().int(), attended: z.number().int() })),
    }),
    jobs: z.object({
      responsesByMonth: z.array(z.object({ month: z.string(), interest: z.number().int(), application: z.number().int(), referral: z.number().int() })),
      byStatus: counts,
      hiresByMonth: z.array(z.object({ month: z.string(), hires: z.number().int(), fromReferral: z.number().int() })),
    }),
  })
  .openapi('Dashboard');

const tags = ['Admin: dashboard'];
const auth = ['secret'] as const;
const description = `Members by status and kind, sign-ups per week, members active in the last 30 days, event registrations and check-ins per event and month, job responses per month and by status, comeback hires per month. Weeks and months in Japan time; at most ${MAX_DAYS} days.`;

export const analyticsRoutes = [
  defineRoute(
    { method: 'get', path: '/v1/admin/dashboard', tags, summary: 'The dashboard’s figures for a range of days', description, auth, capability: 'analytics.read', request: { query }, responses: { 200: json(DashboardSchema), ...errorResponses } },
    async (c, _p, ctx) => c.json(await dashboard(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/dashboard.csv',
      tags,
      summary: 'The same figures as CSV (section, key, measure, value; UTF-8 with BOM)',
      auth,
      capability: 'analytics.read',
      request: { query },
      responses: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      const d = await dashboard(ctx, c.req.valid('query'));
      return c.body(dashboardCsv(d), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="dashboard-${d.from}-${d.to}.csv"` });
    },
  ),
];
