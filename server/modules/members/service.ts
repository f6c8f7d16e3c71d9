import { eq } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { approvalFromRoster, findRosterEntryByEmail, normalizeEmail, rosterProfile } from '../roster/service.js';
import type { Tenant } from '../tenants/service.js';
import type { Feature } from '../member-kinds/features.js';
import { effectiveVisibility, ownProfile, type MemberRow, type ProfileField } from './profile.js';
import { consents, members, type CareerEntry, type MemberKind, type OpenToFlag, type ProfileLink, type Visibility } from './schema.js';

export type Locale = 'ja' | 'en';

export { normalizeEmail };

/** Where the member stands with the tenant's privacy policy. */
export function consentState(m: MemberRow, tenant: Tenant) {
  const requiredVersion = tenant.privacyPolicyVersion ?? null;
  return {
    requiredVersion,
    acceptedVersion: m.consentVersion ?? null,
    needed: requiredVersion !== null && m.consentVersion !== requiredVersion,
    policyUrl: tenant.privacyPolicyUrl ?? null,
  };
}

/** The member as they see themselves (GET /v1/me, and the `member` of every sign-in answer). */
export function toMemberView(m: MemberRow, tenant: Tenant, features?: Feature[]) {
  return {
    id: m.id,
    email: m.email,
    kind: m.kind,
    status: m.status,
    statusReason: m.statusReason,
    locale: m.locale,
    profile: ownProfile(m),
    visibility: effectiveVisibility(m),
    unlisted: m.unlisted,
    allowReplies: m.allowReplies,
    consent: consentState(m, tenant),
    createdAt: m.createdAt,
    // What the member's kind may use, so elements can say "not available for your membership" instead of failing.
    ...(features ? { features } : {}),
  };
}

export type MemberView = ReturnType<typeof toMemberView>;

export async function getMember(ctx: ServiceContext, memberId: string): Promise<MemberRow | undefined> {
  const [row] = await ctx.scoped.select(members, eq(members.id, memberId)).limit(1);
  return row;
}

export async function findMemberByEmail(ctx: ServiceContext, email: string): Promise<MemberRow | undefined> {
  const [row] = await ctx.scoped.select(members, eq(members.email, normalizeEmail(email))).limit(1);
  return row;
}

async function findMemberByExternalId(ctx: ServiceContext, externalId: string): Promise<MemberRow | undefined> {
  const [row] = await ctx.scoped.select(members, eq(members.externalId, externalId)).limit(1);
  return row;
}

/**
 * The rule for everything that shows other members' data (directory, contact): the viewer must be an
 * approved member. Pending (and rejected) members are told why they cannot see it yet rather than
 * shown an empty list.
 */
export function requireApprovedMember(member: MemberRow, tenant: Tenant): MemberRow {
  if (member.status === 'pending') {
    throw new AppError('membership_pending', 'Your membership is waiting for approval by the company. You can use the directory once it is approved.');
  }
  if (member.status !== 'approved') throw new AppError('forbidden', 'Only approved members can use the member directory.');
  // Other members' data is shared under the company's privacy policy: no acceptance, no access.
  if (consentState(member, tenant).needed) {
    throw new AppError('consent_required', `Please accept ${tenant.name}'s current privacy policy (version ${tenant.privacyPolicyVersion}) to use the directory.`);
  }
  return member;
}

/** A consent must be for the version the tenant currently asks for; anything else is refused before any write. */
export function checkPolicyVersion(tenant: Tenant, version: string | undefined, field: string): void {
  if (version === undefined) return;
  if (!tenant.privacyPolicyVersion) {
    throw AppError.field(field, 'this network has no privacy policy to accept', 'not_current_policy_version');
  }
  if (version !== tenant.privacyPolicyVersion) {
    throw AppError.field(field, `must be the current privacy policy version "${tenant.privacyPolicyVersion}"`, 'not_current_policy_version', { version: tenant.privacyPolicyVersion });
  }
}

/** Records the acceptance of the tenant's current privacy-policy version (as a consents row, and on the member). */
function consentStatements(ctx: ServiceContext, memberId: string, version: string) {
  const ts = ctx.now.toISOString();
  return [
    ctx.scoped.insert(consents, { id: newId('con'), memberId, version, acceptedAt: ts }),
    ctx.scoped.update(members, { consentVersion: version, consentAt: ts, updatedAt: ts }, eq(members.id, memberId)),
  ] as const;
}

export async function recordConsent(ctx: ServiceContext, memberId: string, version: string): Promise<void> {
  await ctx.db.batch(consentStatements(ctx, memberId, version));
}

/** Who is signing in, as proven by an email code or the host site's SSO token. */
export interface SignInIdentity {
  email: string;
  /** SSO `sub`: the host site's stable id for this person. */
  externalId?: string;
  /** From SSO claims; the roster's name otherwise. */
  name?: string;
  kind?: MemberKind;
  locale?: Locale;
}

const suspendedError = (tenant: Tenant) =>
  new AppError('forbidden', `This membership has been suspended. Please contact ${tenant.name} if you think this is a mistake.`);

/**
 * Finds or creates the member behind a proven identity and applies the tenant's membership policy:
 * a roster match is approved at once (and gets its name, department, years and kind from the roster);
 * otherwise 'roster' refuses (and keeps nothing), 'roster_then_approval' queues as pending, 'open' approves.
 */
export async function admitMember(ctx: ServiceContext, identity: SignInIdentity): Promise<MemberRow> {
  const { tenant, now, scoped } = ctx;
  const email = normalizeEmail(identity.email);
  const ts = now.toISOString();
  let member = identity.externalId ? await findMemberByExternalId(ctx, identity.externalId) : undefined;
  const changes: Partial<typeof members.$inferInsert> = {};

  if (member) {
    if (member.email !== email) {
      // The host site is the authority on its users' addresses; follow it unless another member holds the address.
      const holder = await findMemberByEmail(ctx, email);
      if (holder) {
        throw new AppError('conflict', `Another member of this network already uses ${email}. Please contact ${tenant.name}.`);
      }
      changes.email = email;
    }
  } else {
    member = await findMemberByEmail(ctx, email);
    if (member && identity.externalId) {
      if (member.externalId && member.externalId !== identity.externalId) {
        throw new AppError('conflict', `The member with ${email} is linked to another account of the host site. Please contact ${tenant.name}.`);
      }
      if (!member.externalId) changes.externalId = identity.externalId;
    }
  }

  if (member) {
    if (member.status === 'suspended') throw suspendedError(tenant);
    if (member.status === 'pending') {
      const roster = await findRosterEntryByEmail(ctx, changes.email ?? member.email);
      if (roster) Object.assign(changes, approvalFromRoster(member, roster, now));
      else if (tenant.membershipPolicy === 'open') Object.assign(changes, { status: 'approved', statusReason: null, approvedAt: ts });
    }
    if (Object.keys(changes).length === 0) return member;
    // Approving checks the member is still pending in the same statement, like every status change.
    const approving = changes.status !== undefined;
    const [updated] = await scoped
      .update(members, { ...changes, updatedAt: ts }, eq(members.id, member.id), approving ? eq(members.status, 'pending') : undefined)
      .returning();
    // The company decided about this member meanwhile: that decision stands; admit them as they now are.
    if (!updated) return admitMember(ctx, identity);
    return updated;
  }

  const roster = await findRosterEntryByEmail(ctx, email);
  if (!roster && tenant.membershipPolicy === 'roster') {
    throw new AppError(
      'forbidden',
      `${email} is not on ${tenant.name}'s list of alumni. Sign in with the address you used at the company, or contact ${tenant.name} to be added.`,
    );
  }
  const fromRoster = roster ? rosterProfile(roster) : undefined;
  const approved = Boolean(roster) || tenant.membershipPolicy === 'open';
  const id = newId('mem');
  const inserted = await scoped
    .insert(members, {
      id,
      email,
      externalId: identity.externalId ?? null,
      kind: identity.kind ?? fromRoster?.kind ?? 'alumni',
      status: approved ? 'approved' : 'pending',
      rosterEntryId: roster?.id ?? null,
      locale: identity.locale ?? tenant.defaultLocale,
      name: identity.name?.trim() || fromRoster?.name || '',
      lastDepartment: fromRoster?.lastDepartment ?? '',
      joinedYear: fromRoster?.joinedYear ?? null,
      leftYear: fromRoster?.leftYear ?? null,
      createdAt: ts,
      updatedAt: ts,
      approvedAt: approved ? ts : null,
    })
    .onConflictDoNothing()
    .returning();
  if (inserted.length === 0) {
    // Two sign-ins for the same new address raced; the other one created the member.
    const existing = identity.externalId ? await findMemberByExternalId(ctx, identity.externalId) : await findMemberByEmail(ctx, email);
    if (!existing) throw new AppError('conflict', 'This account is being created by another sign-in. Please try again.');
    return existing;
  }
  return inserted[0]!;
}

/** What a member may change about themselves through PATCH /v1/me (already validated for shape and size). */
export interface OwnMemberPatch {
  name?: string;
  nameKana?: string;
  photoUrl?: string | null;
  joinedYear?: number | null;
  leftYear?: number | null;
  lastDepartment?: string;
  lastTitle?: string;
  career?: CareerEntry[];
  currentCompany?: string;
  currentTitle?: string;
  location?: string;
  skills?: string[];
  qualifications?: string[];
  interests?: string[];
  bio?: string;
  links?: ProfileLink[];
  openTo?: OpenToFlag[];
  visibility?: Partial<Record<ProfileField, Visibility>>;
  unlisted?: boolean;
  allowReplies?: boolean;
  locale?: Locale;
  acceptPrivacyPolicyVersion?: string;
}

/** Applies the member's own edit in one atomic batch (profile row and consent record together). */
export async function updateOwnMember(ctx: ServiceContext, member: MemberRow, patch: OwnMemberPatch): Promise<MemberRow> {
  if (Object.keys(patch).length === 0) throw AppError.field('body', 'names nothing to change', 'nothing_to_change');
  const { visibility, acceptPrivacyPolicyVersion, ...fields } = patch;
  checkPolicyVersion(ctx.tenant, acceptPrivacyPolicyVersion, 'acceptPrivacyPolicyVersion');
  const joinedYear = fields.joinedYear !== undefined ? fields.joinedYear : member.joinedYear;
  const leftYear = fields.leftYear !== undefined ? fields.leftYear : member.leftYear;
  if (joinedYear != null && leftYear != null && leftYear < joinedYear) {
    const field = fields.leftYear !== undefined ? 'leftYear' : 'joinedYear';
    throw AppError.field(field, `the year left (${leftYear}) must not be before the year joined (${joinedYear})`, 'before', { other: field === 'leftYear' ? 'joinedYear' : 'leftYear' });
  }
  const set: Partial<typeof members.$inferInsert> = { ...fields, updatedAt: ctx.now.toISOString() };
  if (visibility) set.visibility = { ...member.visibility, ...visibility };
  const update = ctx.scoped.update(members, set, eq(members.id, member.id)).returning();
  const [results] = acceptPrivacyPolicyVersion !== undefined
    ? await ctx.db.batch([update, ...consentStatements(ctx, member.id, acceptPrivacyPolicyVersion)])
    : [await update];
  // The consent statements update the row again; read it back once they are all in.
  const updated = acceptPrivacyPolicyVersion !== undefined ? await getMember(ctx, member.id) : results[0];
  if (!updated) throw new AppError('not_found', 'Your membership no longer exists.');
  return updated;
}
