/**
 * One way to declare a route: its credential is stated once, as `auth`, and from that follow the
 * OpenAPI security requirement, the refusal of every other credential (requireAuth), and the typed
 * principal the handler receives. Domain errors thrown by the handler get their field names
 * prefixed with the request part they came from (`body.`, `query.`, `path.`).
 */
import { createRoute, type OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { serviceContext, type ServiceContext } from '../core/context.js';
import type { AppEnv, Principal, PrincipalKind } from './env.js';
import { requireAuth } from './middleware/auth/index.js';
import { locateFields } from './problem.js';
import { publicAnswer } from './public-cache.js';

export type PrincipalOf<K extends PrincipalKind> = Extract<Principal, { kind: K }>;

const schemeOf: Record<PrincipalKind, string> = {
  publishable: 'publishableKey',
  secret: 'secretKey',
  session: 'memberSession',
};

/** A route's OpenAPI config; `security` and `middleware` are not for the caller to set (they follow from `auth`). */
type Config = RouteConfig & { security?: never; middleware?: never };
type HandlerContext<R extends Config> = Parameters<RouteHandler<R, AppEnv>>[0];
type HandlerResult<R extends Config> = ReturnType<RouteHandler<R, AppEnv>>;

/** Anything a module mounts on the app: a defined route, or a plain handler group (docs, widget files). */
export interface Registrar {
  register(app: OpenAPIHono<AppEnv>): void;
}

export interface DefinedRoute extends Registrar {
  config: RouteConfig;
}

/** A route anyone may call (health, docs): no credential, no principal. */
export function definePublicRoute<R extends Config>(config: R, handler: (c: HandlerContext<R>) => HandlerResult<R>): DefinedRoute {
  const route = createRoute({ ...config, security: [] } as RouteConfig);
  return {
    config: route,
    register(app) {
      app.openapi(route, ((c: Context<AppEnv>) => run(route, () => handler(c as HandlerContext<R>))) as never);
    },
  };
}

/**
 * A route that needs one of the `auth` credentials. The handler gets the principal, narrowed to
 * those kinds (`{ tenant, member, … }` for a session route, `{ tenant }` for a secret key), and the
 * service context for the principal's tenant.
 *
 * `cache: 'public'` keeps the answer to a publishable key for a moment per tenant and URL
 * (public-cache.ts says when a route may, and how fresh it stays): for public lists that every
 * visitor of a careers page asks for.
 */
export function defineRoute<R extends Config, const K extends PrincipalKind>(
  config: R & { auth: readonly K[]; cache?: 'public' },
  handler: (c: HandlerContext<R>, principal: PrincipalOf<K>, ctx: ServiceContext) => HandlerResult<R>,
): DefinedRoute {
  const { auth, cache, ...rest } = config;
  const route = createRoute({
    ...rest,
    security: auth.map((k) => ({ [schemeOf[k]]: [] })),
    middleware: [requireAuth({ allow: [...auth] })],
  } as RouteConfig);
  return {
    config: route,
    register(app) {
      app.openapi(route, ((c: Context<AppEnv>) =>
        run(route, () => {
          // requireAuth has refused everything else by the time the handler runs.
          const principal = c.get('principal') as PrincipalOf<K>;
          const answer = () => handler(c as HandlerContext<R>, principal, serviceContext(c.get('deps'), principal.tenant));
          if (cache === 'public' && principal.kind === 'publishable' && c.req.method === 'GET') {
            return publicAnswer(c, c.get('deps').db, principal.tenant.id, async () => (await answer()) as Response);
          }
          return answer();
        })) as never);
    },
  };
}

async function run(route: RouteConfig, fn: () => unknown): Promise<unknown> {
  try {
    return await fn();
  } catch (err) {
    throw locateFields(err, route);
  }
}
