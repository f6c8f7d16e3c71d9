import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import {
  deleteRosterEntry,
  getRosterEntry,
  importRoster,
  listRoster,
  MAX_ROSTER_ROWS,
  RosterEntryInputSchema,
  rosterCsvColumns,
  toRosterView,
} from './service.js';

const tags = ['Admin: roster'];

const RosterEntrySchema = z
  .object({
    id: z.string().openapi({ example: 'ros_2Bc4De6Fg8Hi0Jk2Lm4N' }),
    emails: z.array(z.string()),
    name: z.string(),
    employeeNumber: z.string().nullable(),
    department: z.string(),
    joinedOn: z.string().nullable(),
    leftOn: z.string().nullable(),
    kind: z.string().openapi({ example: 'alumni', description: 'A key of GET /v1/admin/member-kinds' }),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('RosterEntry');

const RosterUploadSchema = z
  .object({ entries: z.array(RosterEntryInputSchema).min(1, 'needs at least one row').max(MAX_ROSTER_ROWS, `may have at most ${MAX_ROSTER_ROWS} rows per call`) })
  .strict()
  .openapi('RosterUpload');

const RosterUploadResultSchema = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    approved: z.number().int().openapi({ description: 'Pending members this upload approved' }),
    approvedMemberIds: z.array(z.string()),
  })
  .openapi('RosterUploadResult');

const idParams = z.object({ id: idParam('id', 'ros_2Bc4De6Fg8Hi0Jk2Lm4N') });
const auth = ['secret'] as const;

export const rosterRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/roster',
      tags,
      summary: 'Add or update roster entries, all or nothing (JSON, or text/csv with a header row)',
      description: `Matched by employeeNumber when given, else by email. Up to ${MAX_ROSTER_ROWS} rows per call. CSV columns: ${rosterCsvColumns.join(',')}; several emails in one cell separated by ";". Pending members whose email is on an uploaded entry are approved (and told by mail).`,
      auth,
      capability: 'roster.manage',
      request: {
        body: {
          required: false,
          content: {
            'application/json': { schema: RosterUploadSchema },
            'text/csv': { schema: z.string().openapi({ example: 'email,name,employeeNumber,department,joinedOn,leftOn,kind\ntaro@example.jp,山田 太郎,E10234,営業部,2015-04-01,2023-03-31,alumni' }) },
          },
        },
      },
      responses: { 200: json(RosterUploadResultSchema), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      const upload = type === 'text/csv' ? { csv: await c.req.text() } : { entries: (c.req.valid('json') as Partial<z.output<typeof RosterUploadSchema>>).entries };
      const result = await importRoster(ctx, upload);
      return c.json(
        { created: result.created, updated: result.updated, approved: result.approved.length, approvedMemberIds: result.approved.map((m) => m.id) },
        200,
      );
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/roster',
      tags,
      summary: 'The roster, oldest first',
      auth,
      capability: 'roster.read',
      request: {
        query: z.object({
          ...pageQuery,
          email: singleLine(254).optional().openapi({ param: { name: 'email', in: 'query' }, description: 'Only the entry holding this email' }),
        }),
      },
      responses: { 200: json(pageSchema(RosterEntrySchema, 'RosterPage')), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const page = await listRoster(ctx, c.req.valid('query'));
      return c.json({ data: page.data.map(toRosterView), nextCursor: page.nextCursor }, 200);
    },
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/roster/{id}',
      tags,
      summary: 'One roster entry',
      auth,
      capability: 'roster.read',
      request: { params: idParams },
      responses: { 200: json(RosterEntrySchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(toRosterView(await getRosterEntry(ctx, c.req.valid('param').id)), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/roster/{id}',
      tags,
      summary: 'Remove a roster entry (members it admitted stay members)',
      auth,
      capability: 'roster.manage',
      request: { params: idParams },
      responses: { 204: { description: 'Deleted' }, ...errorResponses },
    },
    async (c, _p, ctx) => {
      await deleteRosterEntry(ctx, c.req.valid('param').id);
      return c.body(null, 204);
    },
  ),
];
