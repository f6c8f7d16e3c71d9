import { z } from '@hono/zod-openapi';
import { lt } from 'drizzle-orm';
import { errors as joseErrors, jwtVerify } from 'jose';
import { secretsKeyOf } from '../../config.js';
import type { ServiceContext } from '../../core/context.js';
import { kindKey } from '../member-kinds/features.js';
import { assertKinds } from '../member-kinds/service.js';
import { ssoSecrets, ssoTokenUses } from './schema.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { open, seal } from '../../core/secret-box.js';
import { emailAddress, singleLine } from '../../core/text.js';
import type { SignInIdentity } from '../members/service.js';

/** Longest life an SSO token may claim: it is a hand-over, not a credential to keep. */
export const SSO_MAX_LIFETIME_S = 10 * 60;
/** Clock skew allowed between the host site's servers and ours. */
export const SSO_CLOCK_TOLERANCE_S = 30;
export const SSO_SECRET_PREFIX = 'hss_';

/**
 * HS256 verification needs the secret itself, so it cannot be hashed: it is sealed with SECRETS_KEY
 * (AES-256-GCM, key in the environment) when that is configured. It is shown once, to the tenant's server.
 */
export async function rotateSsoSecret(ctx: ServiceContext): Promise<{ secret: string; createdAt: string }> {
  const secret = `${SSO_SECRET_PREFIX}${randomToken(48)}`;
  const createdAt = ctx.now.toISOString();
  const stored = seal(secret, secretsKeyOf(ctx.config));
  await ctx.scoped
    .insert(ssoSecrets, { secret: stored, createdAt })
    .onConflictDoUpdate({ target: ssoSecrets.tenantId, set: { secret: stored, createdAt } });
  return { secret, createdAt };
}

export async function ssoStatus(ctx: ServiceContext): Promise<{ configured: boolean; createdAt: string | null }> {
  const [row] = await ctx.scoped.select(ssoSecrets);
  return { configured: Boolean(row), createdAt: row?.createdAt ?? null };
}

export async function deleteSsoSecret(ctx: ServiceContext): Promise<void> {
  await ctx.scoped.delete(ssoSecrets);
}

const SsoClaimsSchema = z.object({
  sub: singleLine(200).min(1, 'must be the stable id of the user on your site'),
  email: emailAddress,
  name: singleLine(100).min(1, 'is required'),
  jti: singleLine(200).min(1, 'must not be empty when present').optional(),
  kind: kindKey.optional(),
  locale: z.enum(['ja', 'en']).optional(),
});

const field = (claim: string) => `token.${claim}`;
const unauthenticated = (why: string) => new AppError('unauthenticated', `The SSO token was refused: ${why}`);

/**
 * Verifies the host site's token (HS256 with the tenant's SSO secret, nothing else) and returns who it
 * vouches for. Signature first, then claims: nobody learns about claim rules from unsigned tokens.
 */
export async function verifySsoToken(ctx: ServiceContext, token: string): Promise<SignInIdentity> {
  const { tenant, now } = ctx;
  const secretsKey = secretsKeyOf(ctx.config);
  const [row] = await ctx.scoped.select(ssoSecrets);
  if (!row) throw new AppError('forbidden', `Single sign-on is not set up for ${tenant.name}. Sign in with your email address instead.`);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(open(row.secret, secretsKey)), {
      algorithms: ['HS256'],
      currentDate: now,
      clockTolerance: SSO_CLOCK_TOLERANCE_S,
      maxTokenAge: SSO_MAX_LIFETIME_S,
      requiredClaims: ['exp', 'iat', 'sub', 'email', 'name'],
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) {
      throw unauthenticated(`it has expired ("${err.claim}" claim). Sign a fresh token just before handing it to the page.`);
    }
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      const what = err.reason === 'missing' ? 'is required' : `is not acceptable (${err.message})`;
      throw AppError.invalid([{ field: field(err.claim), message: `claim ${what}` }]);
    }
    if (err instanceof joseErrors.JOSEAlgNotAllowed || err instanceof joseErrors.JOSENotSupported) {
      throw unauthenticated('it must be signed with HS256 (no other algorithm, and never "none").');
    }
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) {
      throw unauthenticated("the signature does not match this tenant's SSO secret.");
    }
    if (err instanceof joseErrors.JOSEError) {
      throw AppError.invalid([{ field: 'token', message: `is not a valid JWT (${err.message})` }]);
    }
    throw err;
  }
  const exp = payload.exp as number;
  if (exp - now.getTime() / 1000 > SSO_MAX_LIFETIME_S + SSO_CLOCK_TOLERANCE_S) {
    throw AppError.invalid([{ field: field('exp'), message: `must be at most ${SSO_MAX_LIFETIME_S / 60} minutes in the future` }]);
  }
  if (payload.aud !== undefined) {
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if (!audiences.includes(tenant.id)) {
      throw AppError.invalid([{ field: field('aud'), message: `must be this tenant's id (${tenant.id}) when present` }]);
    }
  }
  const claims = SsoClaimsSchema.safeParse(payload);
  if (!claims.success) {
    throw AppError.invalid(claims.error.issues.map((i) => ({ field: field(i.path.map(String).join('.')), message: i.message })));
  }
  const { sub, email, name, kind, locale, jti } = claims.data;
  if (kind !== undefined) await assertKinds(ctx, [{ field: field('kind'), key: kind }]);
  await acceptOnce(ctx, jti !== undefined ? `jti:${jti}` : `token:${token}`, exp);
  return { externalId: sub, email, name, kind, locale };
}

/**
 * Records the token as used, or refuses it if it was: one conditional insert, so of several requests
 * replaying one token at once exactly one gets through. The row lives as long as the token could still
 * pass verification; the tenant's older rows are swept first (no transaction needed between the two).
 */
async function acceptOnce(ctx: ServiceContext, id: string, exp: number): Promise<void> {
  const expiresAt = new Date((exp + SSO_CLOCK_TOLERANCE_S) * 1000).toISOString();
  await ctx.scoped.delete(ssoTokenUses, lt(ssoTokenUses.expiresAt, ctx.now.toISOString()));
  const accepted = await ctx.scoped
    .insert(ssoTokenUses, { tokenId: sha256(id), expiresAt })
    .onConflictDoNothing()
    .returning({ tokenId: ssoTokenUses.tokenId });
  if (accepted.length === 0) throw unauthenticated('it was already used. Sign a fresh token for each hand-over.');
}
