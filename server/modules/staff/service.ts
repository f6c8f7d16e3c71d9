/**
 * Staff accounts: invite (mailed through the outbox), change role and assigned events, remove. The
 * owner role is kept out of reach of anyone who is not an owner (or a secret key), and a tenant always
 * keeps one owner: both are checked in the statements themselves, so two changes at once cannot break them.
 */
import { and, asc, eq, gt, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { recordMail } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { auditStatements } from '../audit/trail.js';
import { events } from '../events/schema.js';
import { normalizeEmail } from '../roster/service.js';
import { consoleUrl, staffInviteMail } from './mail.js';
import { staff, staffEventAssignments, type StaffRole, type StaffStatus } from './schema.js';
import { revokeAllStaffSessions, type StaffRow } from './sessions.js';

export function toStaffView(s: StaffRow, eventIds: string[]) {
  return {
    id: s.id,
    email: s.email,
    name: s.name,
    role: s.role,
    status: s.status,
    locale: s.locale,
    eventIds,
    createdAt: s.createdAt,
    lastSignInAt: s.lastSignInAt,
    removedAt: s.removedAt,
  };
}
export type StaffView = ReturnType<typeof toStaffView>;

/** Who is asking: a staff member (their role limits what they may do to owners) or the operator / a secret key. */
export type Acting = { staffId: string; name: string; role: StaffRole } | { staffId: null; name: string; role: null };

const ownersAllowed = (acting: Acting) => acting.role === null || acting.role === 'owner';

function guardOwners(acting: Acting, ...roles: (StaffRole | undefined)[]) {
  if (roles.includes('owner') && !ownersAllowed(acting)) throw new AppError('forbidden', 'Only an owner can invite, change or remove owners.');
}

/** SQL: the tenant keeps an owner other than `staffId` (for a batch's conditional statements). */
const anotherOwner = (ctx: ServiceContext, staffId: string) =>
  sql`exists (select 1 from staff where tenant_id = ${ctx.tenant.id} and role = 'owner' and status <> 'removed' and id <> ${staffId})`;

async function assignmentsOf(ctx: ServiceContext, ids: string[]) {
  const map = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return map;
  for (const a of await ctx.scoped.select(staffEventAssignments, inArray(staffEventAssignments.staffId, ids))) map.get(a.staffId)?.push(a.eventId);
  return map;
}

export async function getStaff(ctx: ServiceContext, id: string): Promise<StaffView> {
  const [row] = await ctx.scoped.select(staff, eq(staff.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No staff member ${id} in this tenant.`);
  return toStaffView(row, (await assignmentsOf(ctx, [id])).get(id) ?? []);
}

export async function listStaff(ctx: ServiceContext, query: { limit: number; cursor?: string; status?: StaffStatus }) {
  const where: (SQL | undefined)[] = [query.status ? eq(staff.status, query.status) : undefined];
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  if (after) where.push(or(gt(staff.createdAt, after[0]), and(eq(staff.createdAt, after[0]), gt(staff.id, after[1]))));
  const rows = await ctx.scoped.select(staff, ...where).orderBy(asc(staff.createdAt), asc(staff.id)).limit(query.limit + 1);
  const page = paginate(rows, query.limit, (s) => [s.createdAt, s.id]);
  const assigned = await assignmentsOf(ctx, page.data.map((s) => s.id));
  return { data: page.data.map((s) => toStaffView(s, assigned.get(s.id) ?? [])), nextCursor: page.nextCursor };
}

/** Event ids must be the tenant's own; they matter only for event staff. */
async function checkEvents(ctx: ServiceContext, role: StaffRole, eventIds: string[] | undefined): Promise<string[]> {
  if (!eventIds?.length) return [];
  if (role !== 'event_staff') throw AppError.field('eventIds', 'only event staff are assigned to events');
  const unique = [...new Set(eventIds)];
  const found = await ctx.scoped.select(events, inArray(events.id, unique));
  const missing = unique.filter((id) => !found.some((e) => e.id === id));
  if (missing.length) throw AppError.field('eventIds', `no event ${missing.join(', ')} in this tenant`);
  return unique;
}

export interface InviteInput {
  email: string;
  name: string;
  role: StaffRole;
  locale?: 'ja' | 'en';
  eventIds?: string[];
}

/**
 * Invites someone (or re-invites a removed staff member) and mails them the console's address. An
 * address that is already staff is a 409: change its role instead.
 */
export async function inviteStaff(ctx: ServiceContext, acting: Acting, input: InviteInput): Promise<StaffView> {
  guardOwners(acting, input.role);
  const { db, scoped, tenant, now } = ctx;
  const email = normalizeEmail(input.email);
  const eventIds = await checkEvents(ctx, input.role, input.eventIds);
  const [existing] = await scoped.select(staff, eq(staff.email, email)).limit(1);
  if (existing && existing.status !== 'removed') throw new AppError('conflict', `${email} is already staff (${existing.role}); change the role instead.`);
  const ts = now.toISOString();
  const id = existing?.id ?? newId('stf');
  const locale = input.locale ?? tenant.defaultLocale;
  const fields = { email, name: input.name, role: input.role, status: 'invited' as const, locale, invitedBy: acting.staffId, updatedAt: ts, removedAt: null, lastSignInAt: null };
  const statements: BatchItem<'sqlite'>[] = [
    existing
      ? scoped.update(staff, { ...fields, createdAt: ts }, eq(staff.id, id), eq(staff.status, 'removed'))
      : scoped.insert(staff, { id, ...fields, createdAt: ts }),
    scoped.delete(staffEventAssignments, eq(staffEventAssignments.staffId, id)),
    ...(eventIds.length ? [scoped.insert(staffEventAssignments, eventIds.map((eventId) => ({ staffId: id, eventId, createdAt: ts })))] : []),
    recordMail(db, {
      tenantId: tenant.id,
      topic: 'staff-invite',
      now,
      message: staffInviteMail({ to: email, locale, name: input.name, tenantName: tenant.name, alumniPageUrl: tenant.alumniPageUrl, role: input.role, invitedBy: acting.name, url: consoleUrl(ctx.config.PUBLIC_API_URL!, email) }),
    }),
    ...auditStatements(ctx, { targetId: id, status: 201, summary: { after: { email, role: input.role, ...(eventIds.length ? { eventIds } : {}) } } }),
  ];
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  return getStaff(ctx, id);
}

/** Changes a staff member's name, role or assigned events. The last owner cannot stop being one. */
export async function updateStaff(ctx: ServiceContext, acting: Acting, id: string, input: { name?: string; role?: StaffRole; eventIds?: string[] }) {
  const before = await getStaff(ctx, id);
  if (before.status === 'removed') throw new AppError('conflict', 'This staff member was removed; invite them again instead.');
  guardOwners(acting, before.role, input.role);
  const role = input.role ?? before.role;
  const eventIds = input.eventIds !== undefined ? await checkEvents(ctx, role, input.eventIds) : role === 'event_staff' ? before.eventIds : [];
  const { db, scoped, now } = ctx;
  const demotesOwner = before.role === 'owner' && role !== 'owner';
  const update = scoped
    .update(staff, { ...(input.name ? { name: input.name } : {}), role, updatedAt: now.toISOString() }, eq(staff.id, id), ne(staff.status, 'removed'), demotesOwner ? anotherOwner(ctx, id) : undefined)
    .returning();
  const changed = sql`changes() = 1`;
  const [[after]] = await db.batch([
    update,
    ...auditStatements(ctx, { targetId: id, when: changed, summary: { before: { role: before.role, eventIds: before.eventIds }, after: { role, eventIds } } }),
    scoped.delete(staffEventAssignments, eq(staffEventAssignments.staffId, id), sql`exists (select 1 from staff where id = ${id} and role = ${role})`),
    ...(eventIds.length
      ? [db.run(sql`insert into staff_event_assignments (tenant_id, staff_id, event_id, created_at)
          select ${ctx.tenant.id}, ${id}, value, ${now.toISOString()} from json_each(${JSON.stringify(eventIds)})
          where exists (select 1 from staff where id = ${id} and role = ${role})`)]
      : []),
  ]);
  if (!after) throw new AppError('conflict', 'The network must keep at least one owner: make someone else an owner first.');
  return getStaff(ctx, id);
}

/** Removes a staff member: their sessions end at once; the row stays, so the audit log still names them. */
export async function removeStaff(ctx: ServiceContext, acting: Acting, id: string): Promise<StaffView> {
  const before = await getStaff(ctx, id);
  guardOwners(acting, before.role);
  if (before.status === 'removed') return before;
  const { db, scoped, now } = ctx;
  const ts = now.toISOString();
  const changed = sql`changes() = 1`;
  const [[after]] = await db.batch([
    scoped
      .update(staff, { status: 'removed', removedAt: ts, updatedAt: ts }, eq(staff.id, id), ne(staff.status, 'removed'), before.role === 'owner' ? anotherOwner(ctx, id) : undefined)
      .returning(),
    ...auditStatements(ctx, { targetId: id, when: changed, summary: { before: { role: before.role, status: before.status }, after: { status: 'removed' } } }),
    revokeAllStaffSessions(ctx, id, sql`exists (select 1 from staff where id = ${id} and status = 'removed')`),
  ]);
  if (!after) {
    const current = await getStaff(ctx, id);
    if (current.status === 'removed') return current;
    throw new AppError('conflict', 'The network must keep at least one owner: make someone else an owner first.');
  }
  return getStaff(ctx, id);
}

/** The first owner of a tenant, from the operator's CLI (or the owner's own replacement, later). */
export async function inviteFromOperator(ctx: ServiceContext, input: InviteInput) {
  return inviteStaff(ctx, { staffId: null, name: ctx.tenant.name, role: null }, input);
}
