import { and, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  consents,
  contactMessages,
  emailCodes,
  members,
  rosterEntries,
  sessions,
  type CareerEntry,
  type MemberKind,
  type OpenToFlag,
  type ProfileLink,
  type Visibility,
} from '../../db/schema.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { reindexMember } from '../directory/search-index.js';
import { effectiveVisibility, ownProfile, type MemberRow, type ProfileField } from './profile.js';
import { approvalFromRoster, findRosterEntryByEmail, normalizeEmail, rosterProfile } from '../roster/service.js';
import { listMemberSessions } from '../auth/sessions.js';
import type { Tenant } from '../tenants/service.js';

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
export function toMemberView(m: MemberRow, tenant: Tenant) {
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
  };
}

export type MemberView = ReturnType<typeof toMemberView>;

export async function getMember(db: Db, tenantId: string, memberId: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId)))
    .limit(1);
  return row;
}

export async function findMemberByEmail(db: Db, tenantId: string, email: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.email, normalizeEmail(email))))
    .limit(1);
  return row;
}

async function findMemberByExternalId(db: Db, tenantId: string, externalId: string): Promise<MemberRow | undefined> {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.externalId, externalId)))
    .limit(1);
  return row;
}

/** A consent must be for the version the tenant currently asks for; anything else is refused before any write. */
export function checkPolicyVersion(tenant: Tenant, version: string | undefined, field: string): void {
  if (version === undefined) return;
  if (!tenant.privacyPolicyVersion) {
    throw AppError.invalid([{ field, message: 'this network has no privacy policy to accept' }]);
  }
  if (version !== tenant.privacyPolicyVersion) {
    throw AppError.invalid([{ field, message: `must be the current privacy policy version "${tenant.privacyPolicyVersion}"` }]);
  }
}

/** Records the acceptance of the tenant's current privacy-policy version (as a consents row, and on the member). */
function consentStatements(db: Db, tenantId: string, memberId: string, version: string, now: Date) {
  const ts = now.toISOString();
  return [
    db.insert(consents).values({ id: newId('con'), tenantId, memberId, version, acceptedAt: ts }),
    db
      .update(members)
      .set({ consentVersion: version, consentAt: ts, updatedAt: ts })
      .where(and(eq(members.tenantId, tenantId), eq(members.id, memberId))),
  ] as const;
}

export async function recordConsent(db: Db, tenant: Tenant, memberId: string, version: string, now: Date): Promise<void> {
  await db.batch(consentStatements(db, tenant.id, memberId, version, now));
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
export async function admitMember(db: Db, tenant: Tenant, now: Date, identity: SignInIdentity): Promise<MemberRow> {
  const email = normalizeEmail(identity.email);
  const ts = now.toISOString();
  let member = identity.externalId ? await findMemberByExternalId(db, tenant.id, identity.externalId) : undefined;
  const changes: Partial<typeof members.$inferInsert> = {};

  if (member) {
    if (member.email !== email) {
      // The host site is the authority on its users' addresses; follow it unless another member holds the address.
      const holder = await findMemberByEmail(db, tenant.id, email);
      if (holder) {
        throw new AppError('conflict', `Another member of this network already uses ${email}. Please contact ${tenant.name}.`);
      }
      changes.email = email;
    }
  } else {
    member = await findMemberByEmail(db, tenant.id, email);
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
      const roster = await findRosterEntryByEmail(db, tenant.id, changes.email ?? member.email);
      if (roster) Object.assign(changes, approvalFromRoster(member, roster, now));
      else if (tenant.membershipPolicy === 'open') Object.assign(changes, { status: 'approved', statusReason: null, approvedAt: ts });
    }
    if (Object.keys(changes).length === 0) return member;
    // Approving checks the member is still pending in the same statement, like every status change.
    const approving = changes.status !== undefined;
    const [updated] = await db
      .update(members)
      .set({ ...changes, updatedAt: ts })
      .where(and(eq(members.tenantId, tenant.id), eq(members.id, member.id), approving ? eq(members.status, 'pending') : undefined))
      .returning();
    // The company decided about this member meanwhile: that decision stands; admit them as they now are.
    if (!updated) return admitMember(db, tenant, now, identity);
    await reindexMember(db, member.id);
    return updated;
  }

  const roster = await findRosterEntryByEmail(db, tenant.id, email);
  if (!roster && tenant.membershipPolicy === 'roster') {
    throw new AppError(
      'forbidden',
      `${email} is not on ${tenant.name}'s list of alumni. Sign in with the address you used at the company, or contact ${tenant.name} to be added.`,
    );
  }
  const fromRoster = roster ? rosterProfile(roster) : undefined;
  const approved = Boolean(roster) || tenant.membershipPolicy === 'open';
  const id = newId('mem');
  const inserted = await db
    .insert(members)
    .values({
      id,
      tenantId: tenant.id,
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
    const existing = identity.externalId
      ? await findMemberByExternalId(db, tenant.id, identity.externalId)
      : await findMemberByEmail(db, tenant.id, email);
    if (!existing) throw new AppError('conflict', 'This account is being created by another sign-in. Please try again.');
    return existing;
  }
  await reindexMember(db, id);
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
export async function updateOwnMember(db: Db, tenant: Tenant, member: MemberRow, now: Date, patch: OwnMemberPatch): Promise<MemberRow> {
  const { visibility, acceptPrivacyPolicyVersion, ...fields } = patch;
  checkPolicyVersion(tenant, acceptPrivacyPolicyVersion, 'body.acceptPrivacyPolicyVersion');
  const joinedYear = fields.joinedYear !== undefined ? fields.joinedYear : member.joinedYear;
  const leftYear = fields.leftYear !== undefined ? fields.leftYear : member.leftYear;
  if (joinedYear != null && leftYear != null && leftYear < joinedYear) {
    const field = fields.leftYear !== undefined ? 'body.leftYear' : 'body.joinedYear';
    throw AppError.invalid([{ field, message: `the year left (${leftYear}) must not be before the year joined (${joinedYear})` }]);
  }
  const ts = now.toISOString();
  const set: Partial<typeof members.$inferInsert> = { ...fields, updatedAt: ts };
  if (visibility) set.visibility = { ...member.visibility, ...visibility };
  const where = and(eq(members.tenantId, tenant.id), eq(members.id, member.id));
  const update = db.update(members).set(set).where(where);
  if (acceptPrivacyPolicyVersion !== undefined) {
    await db.batch([update, ...consentStatements(db, tenant.id, member.id, acceptPrivacyPolicyVersion, now)]);
  } else {
    await update;
  }
  await reindexMember(db, member.id);
  const updated = await getMember(db, tenant.id, member.id);
  if (!updated) throw new AppError('not_found', 'Your membership no longer exists.');
  return updated;
}

/**
 * Erases a member: the member row with its profile, sessions, sign-in codes, consent records and the
 * contact messages they sent or received — in one atomic batch — then drops them from the search index.
 */
export async function deleteMember(db: Db, tenantId: string, memberId: string): Promise<void> {
  const member = await getMember(db, tenantId, memberId);
  if (!member) return;
  await db.batch([
    db
      .delete(contactMessages)
      .where(and(eq(contactMessages.tenantId, tenantId), or(eq(contactMessages.fromMemberId, memberId), eq(contactMessages.toMemberId, memberId)))),
    db.delete(emailCodes).where(and(eq(emailCodes.tenantId, tenantId), eq(emailCodes.email, member.email))),
    db.delete(consents).where(and(eq(consents.tenantId, tenantId), eq(consents.memberId, memberId))),
    db.delete(sessions).where(and(eq(sessions.tenantId, tenantId), eq(sessions.memberId, memberId))),
    db.delete(members).where(and(eq(members.tenantId, tenantId), eq(members.id, memberId))),
  ]);
  await reindexMember(db, memberId);
}

/** Everything Homecoming holds about the member, for GET /v1/me/export. Never token or code hashes. */
export async function exportMember(db: Db, tenant: Tenant, member: MemberRow, now: Date) {
  const [consentRows, sessionRows, sent, roster] = await Promise.all([
    db.select().from(consents).where(and(eq(consents.tenantId, tenant.id), eq(consents.memberId, member.id))),
    listMemberSessions(db, tenant.id, member.id),
    db
      .select()
      .from(contactMessages)
      .where(and(eq(contactMessages.tenantId, tenant.id), eq(contactMessages.fromMemberId, member.id))),
    member.rosterEntryId
      ? db
          .select()
          .from(rosterEntries)
          .where(and(eq(rosterEntries.tenantId, tenant.id), eq(rosterEntries.id, member.rosterEntryId)))
      : Promise.resolve([]),
  ]);
  const r = roster[0];
  return {
    exportedAt: now.toISOString(),
    network: { id: tenant.id, name: tenant.name },
    member: {
      ...toMemberView(member, tenant),
      externalId: member.externalId,
      approvedAt: member.approvedAt,
      updatedAt: member.updatedAt,
    },
    consents: consentRows.map((c) => ({ version: c.version, acceptedAt: c.acceptedAt })),
    sessions: sessionRows,
    messagesSent: sent.map((m) => ({ id: m.id, toMemberId: m.toMemberId, body: m.body, repliesAllowed: m.repliesAllowed, createdAt: m.createdAt })),
    rosterEntry: r
      ? { emails: r.emails, name: r.name, employeeNumber: r.employeeNumber, department: r.department, joinedOn: r.joinedOn, leftOn: r.leftOn, kind: r.kind }
      : null,
  };
}
