import type { MiddlewareHandler } from 'hono';
import type { AppEnv, PrincipalKind } from '../../env.js';
import { AppError } from '../../../core/errors.js';
import { freshCache } from '../../../core/cache.js';
import { sha256 } from '../../../core/crypto.js';
import type { Db } from '../../../db/client.js';
import { asBookkeeping, requestScope, type RequestScope } from '../../../db/freshness.js';
import { resolveSession } from '../../../modules/auth/sessions.js';
import { findApiKeyByHash, touchApiKey } from '../../../modules/tenants/service.js';

/** Publishable keys held per process (core/cache.ts): refused at once by the process that revokes, within a second by the others. */
const KEYS_KEPT = 20_000;

const publishableKeys = (db: Db) =>
  freshCache<Awaited<ReturnType<typeof findApiKeyByHash>>>(db, 'publishable-keys', {
    max: KEYS_KEPT,
    missing: (found) => found === undefined,
    tenantOf: (found) => found?.tenant.id,
  });

/**
 * Reads `Authorization: Bearer …` and records who is calling. It never rejects: CORS needs to know
 * the caller first, and public routes may not need one. `requireAuth()` does the refusing.
 *
 * Publishable keys — one per tenant, sent by every visitor of its careers pages — come from a
 * short-lived per-process cache (measured: the lookup was 0.15–0.4 ms of a ~1 ms public read). Secret
 * keys and member sessions are looked up on every request: their holders write, and must see their own
 * writes (a changed profile, a signed-out session) whichever process answers next. The rest of the
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
          c.set('principal', { kind: found.key.kind, tenant: found.tenant, keyId: found.key.id });
          await asBookkeeping(() => touchApiKey(db, found.key, now));
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
