import { z } from '@hono/zod-openapi';
import { emailAddress, singleLine } from '../../core/text.js';
import { clientAddress } from '../../http/client-address.js';
import { errorResponses, json, jsonBody, ProblemSchema } from '../../http/openapi.js';
import { defineRoute } from '../../http/route.js';
import { MemberSelfSchema } from '../members/routes.public.js';
import { CODE_DIGITS, CODE_TTL_MS, startEmailSignIn } from './codes.js';
import { revokeSession } from './sessions.js';
import { signInWithCode, signInWithSso } from './sign-in.js';

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

export const signInRoutes = [
  defineRoute(
    {
      method: 'post',
      path: '/v1/auth/email/start',
      tags,
      summary: 'Email a one-time sign-in code (202 whether or not the address is known)',
      auth: ['publishable'],
      request: { body: jsonBody(StartSchema) },
      responses: {
        202: json(z.object({ expiresInSeconds: z.number().int(), codeLength: z.number().int() }).openapi('EmailSignInStarted'), 'Accepted'),
        ...errorResponses,
        ...tooMany,
      },
    },
    async (c, _p, ctx) => {
      const { email, locale } = c.req.valid('json');
      await startEmailSignIn(ctx, { email, locale, client: clientAddress(c) });
      return c.json({ expiresInSeconds: CODE_TTL_MS / 1000, codeLength: CODE_DIGITS }, 202);
    },
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/auth/email/verify',
      tags,
      summary: 'Exchange the emailed code for a member session (joins the network on first sign-in)',
      auth: ['publishable'],
      request: { body: jsonBody(VerifySchema) },
      responses: { 200: json(SignedInSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await signInWithCode(ctx, { ...c.req.valid('json'), client: clientAddress(c) }), 200),
  ),
  defineRoute(
    {
      method: 'post',
      path: '/v1/auth/sso',
      tags,
      summary: 'Exchange the host site’s signed SSO token for a member session',
      auth: ['publishable'],
      request: { body: jsonBody(SsoSchema) },
      responses: { 200: json(SignedInSchema), ...errorResponses },
    },
    async (c, _p, ctx) => c.json(await signInWithSso(ctx, c.req.valid('json')), 200),
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/auth/session',
      tags,
      summary: 'Sign out: the session token stops working',
      auth: ['session'],
      feature: null,
      responses: { 204: { description: 'Signed out' }, ...errorResponses },
    },
    async (c, { sessionId }, ctx) => {
      await revokeSession(ctx, sessionId);
      return c.body(null, 204);
    },
  ),
];
