import { z } from '@hono/zod-openapi';
import { CODE_DIGITS } from '../auth/codes.js';
import { emailAddress } from '../../core/text.js';
import { clientAddress } from '../../http/client-address.js';
import { errorResponses, json, jsonBody, ProblemSchema } from '../../http/openapi.js';
import { definePublicRoute, defineRoute } from '../../http/route.js';
import { startStaffSignIn, STAFF_CODE_TTL_MS, verifyStaffCode } from './codes.js';
import { StaffSchema } from './routes.admin.js';
import { revokeStaffSession } from './sessions.js';

const codeInput = z
  .string()
  .max(32)
  .transform((v) => v.normalize('NFKC').replace(/[\s-]/g, ''))
  .pipe(z.string().regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), `must be the ${CODE_DIGITS}-digit code from the email`))
  .openapi({ example: '042917' });
const StartSchema = z.object({ email: emailAddress.openapi({ example: 'hr@example.jp' }) }).strict().openapi('StaffSignInStart');
const VerifySchema = z.object({ email: emailAddress.openapi({ example: 'hr@example.jp' }), code: codeInput }).strict().openapi('StaffSignInVerify');
const SignedInSchema = z
  .object({
    token: z.string().openapi({ description: 'Staff console session (hcst_…), shown once; works only on /v1/admin/* and in the console. Expires after 7 days unused.' }),
    expiresAt: z.string(),
    staff: StaffSchema,
    tenant: z.object({ id: z.string(), name: z.string() }),
  })
  .openapi('StaffSignedIn');

const tags = ['Staff console sign-in'];
const tooMany = { 429: { description: 'Too many requests; see Retry-After', content: { 'application/problem+json': { schema: ProblemSchema } } } };

/**
 * The console has no publishable key (it is the API's own page), so its sign-in takes no credential:
 * the answer to `start` is the same whether or not the address is staff anywhere.
 */
export const staffSignInRoutes = [
  definePublicRoute(
    {
      method: 'post',
      path: '/v1/staff/auth/email/start',
      tags,
      summary: 'Email a console sign-in code to a staff address (202 whether or not it is staff)',
      request: { body: jsonBody(StartSchema) },
      responses: { 202: json(z.object({ expiresInSeconds: z.number().int(), codeLength: z.number().int() }).openapi('StaffSignInStarted'), 'Accepted'), ...errorResponses, ...tooMany },
    },
    async (c) => {
      const deps = c.var.deps;
      await startStaffSignIn({ db: deps.db, now: deps.clock.now(), config: deps.config, client: clientAddress(c) }, c.req.valid('json').email);
      return c.json({ expiresInSeconds: STAFF_CODE_TTL_MS / 1000, codeLength: CODE_DIGITS }, 202);
    },
  ),
  definePublicRoute(
    {
      method: 'post',
      path: '/v1/staff/auth/email/verify',
      tags,
      summary: 'Exchange the emailed code for a staff console session',
      request: { body: jsonBody(VerifySchema) },
      responses: { 200: json(SignedInSchema), ...errorResponses, ...tooMany },
    },
    async (c) => {
      const deps = c.var.deps;
      return c.json(await verifyStaffCode({ db: deps.db, now: deps.clock.now(), config: deps.config, client: clientAddress(c) }, c.req.valid('json')), 200);
    },
  ),
  defineRoute(
    {
      method: 'delete',
      path: '/v1/staff/auth/session',
      tags,
      summary: 'Sign out of the console',
      auth: ['staff'],
      responses: { 204: { description: 'Signed out' }, ...errorResponses },
    },
    async (c, p, ctx) => {
      await revokeStaffSession(ctx, p.staffSessionId);
      return c.body(null, 204);
    },
  ),
];
