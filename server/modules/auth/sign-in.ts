/**
 * Signing in, as a use case: prove who you are (an emailed code or the host site's SSO token), be
 * admitted by the tenant's membership policy, record the privacy-policy consent given while signing
 * up, and get a session.
 */
import type { ServiceContext } from '../../core/context.js';
import type { Locale } from '../../core/mail/templates.js';
import { admitMember, checkPolicyVersion, recordConsent, toMemberView, type SignInIdentity } from '../members/service.js';
import { featuresForKind } from '../member-kinds/service.js';
import { consumeEmailCode } from './codes.js';
import { createSession } from './sessions.js';
import { verifySsoToken } from './sso.js';

interface Consent {
  locale?: Locale;
  /** The privacy-policy version the person accepted while signing up. */
  acceptPrivacyPolicyVersion?: string;
}

async function admitAndOpenSession(ctx: ServiceContext, identity: SignInIdentity, acceptVersion: string | undefined) {
  let member = await admitMember(ctx, identity);
  if (acceptVersion !== undefined && member.consentVersion !== acceptVersion) {
    await recordConsent(ctx, member.id, acceptVersion);
    member = { ...member, consentVersion: acceptVersion, consentAt: ctx.now.toISOString() };
  }
  const session = await createSession(ctx, member.id);
  return { token: session.token, member: toMemberView(member, ctx.tenant, await featuresForKind(ctx, member.kind)) };
}

export async function signInWithCode(ctx: ServiceContext, input: Consent & { email: string; code: string; client: string }) {
  // A wrong version is refused before the code is used up, so the person can fix it and retry.
  checkPolicyVersion(ctx.tenant, input.acceptPrivacyPolicyVersion, 'acceptPrivacyPolicyVersion');
  await consumeEmailCode(ctx, input);
  return admitAndOpenSession(ctx, { email: input.email, locale: input.locale }, input.acceptPrivacyPolicyVersion);
}

export async function signInWithSso(ctx: ServiceContext, input: Consent & { token: string }) {
  checkPolicyVersion(ctx.tenant, input.acceptPrivacyPolicyVersion, 'acceptPrivacyPolicyVersion');
  const identity = await verifySsoToken(ctx, input.token);
  return admitAndOpenSession(ctx, { ...identity, locale: input.locale ?? identity.locale }, input.acceptPrivacyPolicyVersion);
}
