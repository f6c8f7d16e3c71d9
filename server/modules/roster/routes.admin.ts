import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { previewRoster } from './preview.js';
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

const PreviewValue = z.union([z.string(), z.array(z.string()), z.null()]);
const RosterPreviewSchema = z
  .object({
    rows: z.number().int().openapi({ description: 'Rows in the upload' }),
    created: z.number().int().openapi({ description: 'Rows that would add an entry' }),
    updated: z.number().int().openapi({ description: 'Rows that would change an existing entry' }),
    unchanged: z.number().int().openapi({ description: 'Rows matching an entry that stays as it is' }),
    approvals: z.number().int().openapi({ description: 'Pending members the upload would approve' }),
    errors: z.array(z.object({ line: z.number().int(), field: z.string(), message: z.string() })).openapi({ description: 'Rows that cannot be written: CSV line (JSON: position from 1), column, reason' }),
    valid: z.array(
      z.object({
        line: z.number().int(),
        status: z.enum(['new', 'updated', 'unchanged']),
        entryId: z.string().nullable(),
        changes: z.array(z.object({ field: z.string(), before: PreviewValue, after: PreviewValue })),
        entry: RosterEntryInputSchema,
      }),
    ).openapi({ description: 'The rows without problems, each as the upload takes it: send `entries: valid.map(v => v.entry)` to POST /v1/admin/roster to apply' }),
  })
  .openapi('RosterPreview');

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
      method: 'post',
      path: '/v1/admin/roster/preview',
      tags,
      summary: 'What an upload would change, writing nothing (dry run)',
      description: `The same body as POST /v1/admin/roster (JSON or text/csv). Runs the same parsing, validation and matching, and answers how many rows would add an entry, change one (with the changed fields) or leave one as it is, and each row that cannot be written (line, column, reason). Problems with the file as a whole (not CSV, unknown columns, over ${MAX_ROSTER_ROWS} rows) are a 422 as for the upload.`,
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
      responses: { 200: json(RosterPreviewSchema), ...errorResponses },
    },
    async (c, _p, ctx) => {
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      const upload = type === 'text/csv' ? { csv: await c.req.text() } : { entries: (c.req.valid('json') as Partial<z.output<typeof RosterUploadSchema>>).entries };
      return c.json(await previewRoster(ctx, upload), 200);
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
