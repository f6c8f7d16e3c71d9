import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../http/env.js';
import { AppError } from '../../core/errors.js';
import { requireAuth } from '../../http/middleware/auth/index.js';
import { CODE_DIGITS, CODE_TTL_MS, consumeEmailCode, startEmailSignIn } from './codes.js';
import { admitMember, checkPolicyVersion, recordConsent, toMemberView, type SignInIdentity } from '../members/service.js';
import { emailAddress } from '../roster/service.js';
import { createSession, revokeSession } from './sessions.js';
import { secretsKeyOf } from '../../config.js';
import { verifySsoToken } from './sso.js';
import type { Tenant } from '../tenants/service.js';
import { MemberSelfSchema } from '../members/routes.public.js';
import { singleLine } from '../../core/text.js';
import { errorResponses, json, jsonBody, ProblemSchema, security } from '../../http/openapi.js';

const locale = z.enum(['ja', 'en']).optional().openapi({ description: 'Language of mail and of a new membership (default: the tenant’s)' });
const acceptPrivacyPolicyVersion = singleLine(50)
  .min(1)
  .optional()
  .openapi({ description: 'The privacy-policy version the person accepted while signing up; must be the tenant’s current one' });

/** Digits as people type them: full-width (IME), spaced or hyphenated codes are accepted. */
const codeInput = z
  .string()
  .max(32)
  .transform((v) => v.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), `must be the ${CODE_DIGITS}-digit code from the email`))
  .openapi({ example: '042917' });

const StartSchema = z.object({ email: emailAddress.openapi({ example: 'taro.yamada@example.jp' }), locale }).strict().openapi('EmailSignInStart');
const VerifySchema = z
  .object({ email: emailAddress.openapi({ example: 'taro.yamada@example.jp' }), code: codeInput, locale, acceptPrivacyPolicyVersion })
  .strict()
  .openapi('EmailSignInVerify');
const SsoSchema = z
  .object({
    token: z.string().min(1).max(8_000).openapi({ description: 'A JWT signed by the host site with HS256 and the tenant’s SSO secret' }),
    locale,
    acceptPrivacyPolicyVersion,
  })
  .strict()
  .openapi('SsoSignIn');

const SignedInSchema = z
  .object({
    token: z.string().openapi({ description: 'Member session token (hcs_…), shown once; send as Bearer. Expires after 30 days unused.' }),
    member: MemberSelfSchema,
  })
  .openapi('SignedIn');

const tags = ['Sign-in'];
const tooMany = { 429: { description: 'Too many requests; see Retry-After', content: { 'application/problem+json': { schema: ProblemSchema } } } };

const startRoute = createRoute({
  method: 'post',
  path: '/v1/auth/email/start',
  tags,
  summary: 'Email a one-time sign-in code (202 whether or not the address is known)',
  security: security.publishable,
  middleware: [requireAuth({ allow: ['publishable'] })] as const,
  request: { body: jsonBody(StartSchema) },
  responses: {
    202: json(z.object({ expiresInSeconds: z.number().int(), codeLength: z.number().int() }).openapi('EmailSignInStarted'), 'Accepted'),
    ...errorResponses,
    ...tooMany,
  },
});

const verifyRoute = createRoute({
  method: 'post',
  path: '/v1/auth/email/verify',
  tags,
  summary: 'Exchange the emailed code for a member session (joins the network on first sign-in)',
  security: security.publishable,
  middleware: [requireAuth({ allow: ['publishable'] })] as const,
  request: { body: jsonBody(VerifySchema) },
  responses: { 200: json(SignedInSchema), ...errorResponses },
});

const ssoRoute = createRoute({
  method: 'post',
  path: '/v1/auth/sso',
  tags,
  summary: 'Exchange the host site’s signed SSO token for a member session',
  security: security.publishable,
  middleware: [requireAuth({ allow: ['publishable'] })] as const,
  request: { body: jsonBody(SsoSchema) },
  responses: { 200: json(SignedInSchema), ...errorResponses },
});

const signOutRoute = createRoute({
  method: 'delete',
  path: '/v1/auth/session',
  tags,
  summary: 'Sign out: the session token stops working',
  security: security.session,
  middleware: [requireAuth({ allow: ['session'] })] as const,
  responses: { 204: { description: 'Signed out' }, ...errorResponses },
});

/**
 * Who is asking, for per-client limits. X-Forwarded-For is believed only as far as the operator says
 * proxies append to it (TRUST_PROXY_HOPS): its left part is written by the client and could dodge the limit.
 */
function clientAddress(c: Context<AppEnv>): string {
  const hops = c.var.deps.config.TRUST_PROXY_HOPS;
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const client = chain[chain.length - hops];
    if (client) return client.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests and other runtimes have no socket.
    return 'unknown';
  }
}

/** Admits the person, records consent given while signing up, and opens a session. */
async function signIn(c: Context<AppEnv>, tenant: Tenant, identity: SignInIdentity, acceptVersion: string | undefined) {
  const { db, clock } = c.var.deps;
  const now = clock.now();
  let member = await admitMember(db, tenant, now, identity);
  if (acceptVersion !== undefined && member.consentVersion !== acceptVersion) {
    await recordConsent(db, tenant, member.id, acceptVersion, now);
    member = { ...member, consentVersion: acceptVersion, consentAt: now.toISOString() };
  }
  const session = await createSession(db, tenant.id, member.id, now);
  return { token: session.token, member: toMemberView(member, tenant) };
}

export function registerAuth(app: OpenAPIHono<AppEnv>) {
  app.openapi(startRoute, async (c) => {
    const { email, locale } = c.req.valid('json');
    await startEmailSignIn(c.var.deps, c.var.principal!.tenant, { email, locale, client: clientAddress(c) });
    return c.json({ expiresInSeconds: CODE_TTL_MS / 1000, codeLength: CODE_DIGITS }, 202);
  });

  app.openapi(verifyRoute, async (c) => {
    const body = c.req.valid('json');
    const tenant = c.var.principal!.tenant;
    // A wrong version is refused before the code is used up, so the person can fix it and retry.
    checkPolicyVersion(tenant, body.acceptPrivacyPolicyVersion, 'body.acceptPrivacyPolicyVersion');
    await consumeEmailCode(c.var.deps.db, tenant.id, c.var.deps.clock.now(), { email: body.email, code: body.code, client: clientAddress(c) });
    return c.json(await signIn(c, tenant, { email: body.email, locale: body.locale }, body.acceptPrivacyPolicyVersion), 200);
  });

  app.openapi(ssoRoute, async (c) => {
    const body = c.req.valid('json');
    const tenant = c.var.principal!.tenant;
    checkPolicyVersion(tenant, body.acceptPrivacyPolicyVersion, 'body.acceptPrivacyPolicyVersion');
    const identity = await verifySsoToken(c.var.deps.db, tenant, c.var.deps.clock.now(), body.token, secretsKeyOf(c.var.deps.config));
    return c.json(await signIn(c, tenant, { ...identity, locale: body.locale ?? identity.locale }, body.acceptPrivacyPolicyVersion), 200);
  });

  app.openapi(signOutRoute, async (c) => {
    const p = c.var.principal;
    if (p?.kind !== 'session') throw new AppError('unauthenticated', 'This endpoint needs a member session.');
    await revokeSession(c.var.deps.db, p.tenant.id, p.sessionId, c.var.deps.clock.now());
    return c.body(null, 204);
  });
}
