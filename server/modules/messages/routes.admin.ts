import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { decideReport, getReport, listReports } from './safety.js';
import { messageReportStatuses } from './schema.js';

const tags = ['Messages (admin)'];
const auth = ['secret'] as const;

const AdminReportSchema = z
  .object({
    id: z.string().openapi({ example: 'rpt_4f9KqLm2Xa8bC1dE3fGh' }),
    status: z.enum(messageReportStatuses),
    reason: z.string(),
    reporterMemberId: z.string().nullable().openapi({ description: 'null once the reporter erased their account' }),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    message: z
      .object({
        id: z.string(),
        conversationId: z.string(),
        senderMemberId: z.string().nullable(),
        senderName: z.string(),
        body: z.string(),
        removed: z.boolean(),
        createdAt: z.string(),
      })
      .nullable()
      .openapi({ description: 'The reported message only, never the conversation around it' }),
  })
  .openapi('MessageReport');

const reportParam = { params: z.object({ id: idParam('id', 'rpt_4f9KqLm2Xa8bC1dE3fGh') }) };

export const adminMessageRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/message-reports',
      tags,
      summary: 'The moderation queue: reported messages, newest first',
      auth,
      capability: 'messages.moderate',
      request: { query: z.object({ ...pageQuery, status: z.enum(messageReportStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }) }) },
      responses: { 200: json(pageSchema(AdminReportSchema, 'MessageReportPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listReports(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    { method: 'get', path: '/v1/admin/message-reports/{id}', tags, summary: 'One report', auth, capability: 'messages.moderate', request: reportParam, responses: { 200: json(AdminReportSchema), ...errorResponses } },
    async (c, _p, ctx) => c.json(await getReport(ctx, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/message-reports/{id}',
      tags,
      summary: 'Decide a report; `removeMessage` takes the message’s text out of the conversation',
      auth,
      capability: 'messages.moderate',
      request: {
        ...reportParam,
        body: jsonBody(z.object({ status: z.enum(messageReportStatuses).optional(), removeMessage: z.boolean().optional() }).strict().openapi('MessageReportDecision')),
      },
      responses: { 200: json(AdminReportSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await decideReport(ctx, c.req.valid('param').id, c.req.valid('json')), 200),
  ),
];
