import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../http/env.js';
import { memberKinds } from '../../db/schema.js';
import { AppError } from '../../core/errors.js';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import {
  csvField,
  deleteRosterEntry,
  getRosterEntry,
  listRoster,
  MAX_ROSTER_ROWS,
  notifyApproved,
  parseRosterCsv,
  RosterEntryInputSchema,
  rosterCsvColumns,
  toRosterView,
  upsertRoster,
  type RosterEntryInput,
} from './service.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, security } from '../../http/openapi.js';

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
    kind: z.enum(memberKinds),
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

const uploadRoute = createRoute({
  method: 'post',
  path: '/v1/admin/roster',
  tags,
  summary: 'Add or update roster entries, all or nothing (JSON, or text/csv with a header row)',
  description: `Matched by employeeNumber when given, else by email. Up to ${MAX_ROSTER_ROWS} rows per call. CSV columns: ${rosterCsvColumns.join(',')}; several emails in one cell separated by ";". Pending members whose email is on an uploaded entry are approved.`,
  security: security.secret,
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
});

const listRouteDef = createRoute({
  method: 'get',
  path: '/v1/admin/roster',
  tags,
  summary: 'The roster, oldest first',
  security: security.secret,
  request: {
    query: z.object({
      ...pageQuery,
      email: singleLine(254).optional().openapi({ param: { name: 'email', in: 'query' }, description: 'Only the entry holding this email' }),
    }),
  },
  responses: { 200: json(pageSchema(RosterEntrySchema, 'RosterPage')), ...errorResponses },
});

const idParams = z.object({ id: idParam('id', 'ros_2Bc4De6Fg8Hi0Jk2Lm4N') });

const getRouteDef = createRoute({
  method: 'get',
  path: '/v1/admin/roster/{id}',
  tags,
  summary: 'One roster entry',
  security: security.secret,
  request: { params: idParams },
  responses: { 200: json(RosterEntrySchema), ...errorResponses },
});

const deleteRouteDef = createRoute({
  method: 'delete',
  path: '/v1/admin/roster/{id}',
  tags,
  summary: 'Remove a roster entry (members it admitted stay members)',
  security: security.secret,
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
});

export function registerAdminRoster(app: OpenAPIHono<AppEnv>) {
  app.openapi(uploadRoute, async (c) => {
    const { db, clock, mailer, log } = c.var.deps;
    const tenant = c.var.principal!.tenant;
    const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
    let entries: RosterEntryInput[];
    let fieldName;
    if (type === 'text/csv') {
      const parsed = parseRosterCsv(await c.req.text());
      entries = parsed.entries;
      fieldName = csvField(parsed.lines);
    } else {
      const body = c.req.valid('json') as Partial<z.output<typeof RosterUploadSchema>>;
      if (!body.entries) throw AppError.invalid([{ field: 'body.entries', message: 'is required (or send text/csv)' }]);
      entries = body.entries;
    }
    const result = await upsertRoster(db, tenant.id, clock.now(), entries, fieldName);
    await notifyApproved(mailer, log, tenant, result.approved);
    return c.json(
      { created: result.created, updated: result.updated, approved: result.approved.length, approvedMemberIds: result.approved.map((m) => m.id) },
      200,
    );
  });

  app.openapi(listRouteDef, async (c) => {
    const page = await listRoster(c.var.deps.db, c.var.principal!.tenant.id, c.req.valid('query'));
    return c.json({ data: page.data.map(toRosterView), nextCursor: page.nextCursor }, 200);
  });

  app.openapi(getRouteDef, async (c) => {
    const row = await getRosterEntry(c.var.deps.db, c.var.principal!.tenant.id, c.req.valid('param').id);
    return c.json(toRosterView(row), 200);
  });

  app.openapi(deleteRouteDef, async (c) => {
    await deleteRosterEntry(c.var.deps.db, c.var.principal!.tenant.id, c.req.valid('param').id);
    return c.body(null, 204);
  });
}
