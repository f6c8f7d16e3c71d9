import { z } from '@hono/zod-openapi';
import { pageQuery, pageSchema } from '../../core/pagination.js';
import { emailAddress, singleLine } from '../../core/text.js';
import { errorResponses, idParam, json, jsonBody } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import type { Principal } from '../../http/env.js';
import { capabilities, roleCapabilities } from './roles.js';
import { staffRoles, staffStatuses } from './schema.js';
import { getStaff, inviteStaff, listStaff, removeStaff, updateStaff, type Acting } from './service.js';

export const StaffSchema = z
  .object({
    id: z.string().openapi({ example: 'stf_4f9KqLm2Xa8bC1dE3fGh' }),
    email: z.string().openapi({ example: 'hr@example.jp' }),
    name: z.string().openapi({ example: '人事 花子' }),
    role: z.enum(staffRoles),
    status: z.enum(staffStatuses),
    locale: z.enum(['ja', 'en']),
    eventIds: z.array(z.string()).openapi({ description: 'Events an event-staff account is assigned to' }),
    createdAt: z.string(),
    lastSignInAt: z.string().nullable(),
    removedAt: z.string().nullable(),
  })
  .openapi('Staff');

const eventIds = z.array(z.string().regex(/^evt_[A-Za-z0-9]{1,60}$/, 'must be an event id (evt_…)').openapi({ example: 'evt_4f9KqLm2Xa8bC1dE3fGh' })).max(200);
const InviteSchema = z
  .object({
    email: emailAddress.openapi({ example: 'hr@example.jp' }),
    name: singleLine(100).min(1).openapi({ example: '人事 花子' }),
    role: z.enum(staffRoles),
    locale: z.enum(['ja', 'en']).optional(),
    eventIds: eventIds.optional(),
  })
  .strict()
  .openapi('StaffInvite');
const PatchSchema = z
  .object({ name: singleLine(100).min(1).optional(), role: z.enum(staffRoles).optional(), eventIds: eventIds.optional() })
  .strict()
  .openapi('StaffPatch');

const MeSchema = z
  .object({
    kind: z.enum(['staff', 'secret_key']),
    staff: StaffSchema.nullable(),
    tenant: z.object({ id: z.string(), name: z.string() }),
    capabilities: z.array(z.enum(capabilities)),
  })
  .openapi('StaffMe');

const idParams = z.object({ id: idParam('id', 'stf_4f9KqLm2Xa8bC1dE3fGh') });
const tags = ['Admin: staff'];
const auth = ['secret'] as const;

/** The acting person for the staff rules: a staff member's role, or a secret key (the company's servers, all powers). */
const acting = (p: Principal): Acting =>
  p.kind === 'staff' ? { staffId: p.staff.id, name: p.staff.name, role: p.staff.role } : { staffId: null, name: p.tenant.name, role: null };

export const staffAdminRoutes = [
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/staff/me',
      tags,
      summary: 'Who is calling: the staff member (with role and capabilities), or a secret key',
      auth,
      capability: 'console.use',
      responses: { 200: json(MeSchema), ...errorResponses },
    },
    async (c, p, ctx) =>
      c.json(
        p.kind === 'staff'
          ? { kind: 'staff' as const, staff: await getStaff(ctx, p.staff.id), tenant: { id: p.tenant.id, name: p.tenant.name }, capabilities: [...roleCapabilities[p.staff.role]] }
          : { kind: 'secret_key' as const, staff: null, tenant: { id: p.tenant.id, name: p.tenant.name }, capabilities: [...capabilities] },
        200,
      ),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/staff',
      tags,
      summary: 'The tenant’s staff, oldest first',
      auth,
      capability: 'staff.read',
      request: { query: z.object({ ...pageQuery, status: z.enum(staffStatuses).optional().openapi({ param: { name: 'status', in: 'query' } }) }) },
      responses: { 200: json(pageSchema(StaffSchema, 'StaffPage')), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await listStaff(ctx, c.req.valid('query')), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/admin/staff',
      tags,
      summary: 'Invite a staff member (mailed the console’s address); only owners invite owners',
      auth,
      capability: 'staff.manage',
      request: { body: jsonBody(InviteSchema) },
      responses: { 201: json(StaffSchema, 'Invited'), 409: json(z.object({}), 'Already staff'), ...errorResponses },
    },
    async (c, p, ctx) => c.json(await inviteStaff(ctx, acting(p), c.req.valid('json')), 201),
  ),
  defineRoute(
    {
      method: 'get',
      path: '/v1/admin/staff/{id}',
      tags,
      summary: 'One staff member',
      auth,
      capability: 'staff.read',
      request: { params: idParams },
      responses: { 200: json(StaffSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await getStaff(ctx, c.req.valid('param').id), 200),
  ),
  defineRoute(
    {
      method: 'patch',
      path: '/v1/admin/staff/{id}',
      tags,
      summary: 'Change a staff member’s name, role or assigned events (the last owner stays owner)',
      auth,
      capability: 'staff.manage',
      request: { params: idParams, body: jsonBody(PatchSchema) },
      responses: { 200: json(StaffSchema), ...errorResponses },
    },
    async (c, p, ctx) => c.json(await updateStaff(ctx, acting(p), c.req.valid('param').id, c.req.valid('json')), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/admin/staff/{id}',
      tags,
      summary: 'Remove a staff member: signed out at once, kept in the audit log',
      auth,
      capability: 'staff.manage',
      request: { params: idParams },
      responses: { 200: json(StaffSchema), ...errorResponses },
    },
    async (c, p, ctx) => c.json(await removeStaff(ctx, acting(p), c.req.valid('param').id), 200),
  ),
];
