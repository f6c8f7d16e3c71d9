/**
 * Erasing a member and handing them their data, both driven by the personal-data registry: what each
 * module declared for its tables, and nothing kept by hand here.
 */
import type { ServiceContext } from '../../core/context.js';
import { eraseSubject, exportSubject } from '../../core/personal-data.js';
import { personalDataRegistry } from '../registry.js';
import type { MemberRow } from './profile.js';

const subjectOf = (m: MemberRow) => ({ id: m.id, tenantId: m.tenantId, email: m.email });

/** Erases the member everywhere the registry says, in one atomic batch. */
export async function eraseMember(ctx: ServiceContext, member: MemberRow): Promise<void> {
  await eraseSubject(ctx.db, personalDataRegistry, subjectOf(member));
}

/** Everything Homecoming holds about the member, for GET /v1/me/export. Never token or code hashes. */
export async function exportMember(ctx: ServiceContext, member: MemberRow) {
  const data = await exportSubject(ctx, personalDataRegistry, subjectOf(member));
  return { exportedAt: ctx.now.toISOString(), network: { id: ctx.tenant.id, name: ctx.tenant.name }, ...data };
}
