import type { MiddlewareHandler } from 'hono';
import type { AppEnv, PrincipalKind } from '../../env.js';
import { AppError } from '../../../core/errors.js';
import { freshCache } from '../../../core/cache.js';
import { sha256 } from '../../../core/crypto.js';
import type { Db } from '../../../db/client.js';
import { asBookkeeping, requestScope, type RequestScope } from '../../../db/freshness.js';
import { resolveSession } from '../../../modules/auth/sessions.js';
import { resolveStaffSession, STAFF_SESSION_PREFIX } from '../../../modules/staff/sessions.js';
import { findApiKeyByHash, touchApiKey } from '../../../modules/tenants/service.js';

/** Publishable keys held per process (core/cache.ts): refused at once by the process that revokes, within a second by the others. */
const KEYS_KEPT = 20_000;

const publishableKeys = (db: Db) =>
  freshCache<Awaited<ReturnType<typeof findApiKeyByHash>>>(db, 'publishable-keys', {
    max: KEYS_KEPT,
    missing: (found) => found === undefined,
    tenantOf: (found) => found?.tenant.id,
  });

/** A publishable key's row when this process holds it fresh (no lookup): for http/public-cache.ts's fast path. */
export function keptPublishableKey(db: Db, hash: string) {
  return publishableKeys(db).peek(hash);
}

/**
 * Reads `Authorization: Bearer …` and records who is calling. It never rejects: CORS needs to know
 * the caller first, and public routes may not need one. `requireAuth()` does the refusing.
 *
 * Publishable keys — one per tenant, sent by every visitor of its careers pages — come from a
 * short-lived per-process cache (measured: the lookup was 0.15–0.4 ms of a ~1 ms public read). Secret
 * keys, member sessions and staff console sessions (`hcst_`) are looked up on every request: their
 * holders write, and must see their own writes (a changed profile, a signed-out session) whichever
 * process answers next — and a staff member removed, or whose role changed, is refused at once. The rest of the
 * request runs in a request scope naming its tenant: that is how this process's writes invalidate what
 * it cached, and which reads may go to a replica (db/freshness.ts).
 */
export function identify(): MiddlewareHandler<AppEnv> {
  return async function identify(c, next) {
    const header = c.req.header('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.set('authFailure', new AppError('unauthenticated', 'Send credentials as "Authorization: Bearer <key or token>".'));
      return next();
    }
    const token = match[1]!;
    const publicRead = token.startsWith('pk_') && (c.req.method === 'GET' || c.req.method === 'HEAD');
    const scope: RequestScope = { replica: publicRead };
    return requestScope.run(scope, async () => {
      const { db, clock } = c.get('deps');
      const now = clock.now();
      if (token.startsWith('pk_') || token.startsWith('sk_')) {
        const hash = sha256(token);
        const found = token.startsWith('pk_') ? await publishableKeys(db).get(hash, () => findApiKeyByHash(db, hash)) : await findApiKeyByHash(db, hash);
        if (!found || found.key.deleted) {
          c.set('authFailure', new AppError('unauthenticated', 'This API key is not valid.'));
        } else if (found.key.revokedAt) {
          c.set('authFailure', new AppError('unauthenticated', 'This API key has been revoked.'));
        } else {
          scope.tenantId = found.tenant.id;
          c.set('principal', { kind: found.key.kind, tenant: found.tenant, keyId: found.key.id, keyLabel: found.key.label });
          await asBookkeeping(() => touchApiKey(db, found.key, now));
        }
        return next();
      }
      if (token.startsWith(STAFF_SESSION_PREFIX)) {
        // Never cached (like sessions and secret keys): a removed staff member, a role changed or a
        // session signed out is refused on the very next request, on every process.
        const staff = await asBookkeeping(() => resolveStaffSession(db, token, now));
        if (staff) {
          scope.tenantId = staff.tenant.id;
          c.set('principal', { kind: 'staff', ...staff });
        } else {
          c.set('authFailure', new AppError('unauthenticated', 'Your console session has expired, was signed out, or your staff account was removed. Please sign in again.'));
        }
        return next();
      }
      const session = await asBookkeeping(() => resolveSession(db, token, now));
      if (session) {
        scope.tenantId = session.tenant.id;
        c.set('principal', { kind: 'session', ...session });
      } else {
        c.set('authFailure', new AppError('unauthenticated', 'Your session has expired or was signed out. Please sign in again.'));
      }
      return next();
    });
  };
}

export interface RequireAuthOptions {
  /** Credential kinds this route accepts. */
  allow: PrincipalKind[];
}

const describe: Record<PrincipalKind, string> = {
  publishable: 'a publishable key (pk_…)',
  secret: 'a secret key (sk_…)',
  session: 'a member session',
  staff: 'a staff console session',
};

/**
 * Refuses the request unless it carries one of the allowed credentials, used from a place that
 * credential belongs: secret keys only from servers (no `Origin`), publishable keys and sessions
 * only from the tenant's allowed origins.
 */
export function requireAuth(options: RequireAuthOptions): MiddlewareHandler<AppEnv> {
  const { allow } = options;
  const wanted = allow.map((k) => describe[k]).join(' or ');
  return async function requireAuth(c, next) {
    const principal = c.get('principal');
    if (!principal) {
      throw c.get('authFailure') ?? new AppError('unauthenticated', `This endpoint needs ${wanted} in "Authorization: Bearer …".`);
    }
    const origin = c.req.header('origin');
    if (principal.kind === 'secret' && origin !== undefined) {
      throw new AppError(
        'secret_key_in_browser',
        'Secret keys belong on a server and must never be sent from a browser. Use a publishable key in web pages.',
      );
    }
    if (!allow.includes(principal.kind)) {
      throw new AppError('forbidden', `This endpoint needs ${wanted}; ${describe[principal.kind]} cannot be used here.`);
    }
    if (principal.kind === 'staff') {
      // The console is served by the API itself: a staff session works from its own origin (or a server), never from a careers page.
      if (origin !== undefined && origin !== new URL(c.req.url).origin && origin !== new URL(c.var.deps.config.PUBLIC_API_URL ?? c.req.url).origin) {
        throw new AppError('forbidden', 'A staff console session works only in the console, on the API’s own origin.');
      }
      return next();
    }
    if (principal.kind !== 'secret' && origin !== undefined && !principal.tenant.allowedOrigins.includes(origin)) {
      c.set('originRefused', true);
      throw new AppError(
        'origin_not_allowed',
        `The origin ${origin} is not on this tenant's allowed origins. Add it with the admin API or the CLI.`,
      );
    }
    return next();
  };
}
