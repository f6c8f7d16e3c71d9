/**
 * One way to declare a route: its credential is stated once, as `auth`, and from that follow the
 * OpenAPI security requirement, the refusal of every other credential (requireAuth), and the typed
 * principal the handler receives. Domain errors thrown by the handler get their field names
 * prefixed with the request part they came from (`body.`, `query.`, `path.`).
 */
import { createRoute, type OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, Principal, PrincipalKind } from './env.js';
import { requireAuth } from './middleware/auth/index.js';
import { locateFields } from './problem.js';

export type PrincipalOf<K extends PrincipalKind> = Extract<Principal, { kind: K }>;

const schemeOf: Record<PrincipalKind, string> = {
  publishable: 'publishableKey',
  secret: 'secretKey',
  session: 'memberSession',
};

type Config = Omit<RouteConfig, 'security' | 'middleware'>;
type HandlerContext<R extends Config> = Parameters<RouteHandler<R & RouteConfig, AppEnv>>[0];
type HandlerResult<R extends Config> = ReturnType<RouteHandler<R & RouteConfig, AppEnv>>;

export interface DefinedRoute {
  config: RouteConfig;
  register(app: OpenAPIHono<AppEnv>): void;
}

/** A route anyone may call (health, docs): no credential, no principal. */
export function definePublicRoute<const R extends Config>(config: R, handler: (c: HandlerContext<R>) => HandlerResult<R>): DefinedRoute {
  const route = createRoute({ ...config, security: [] } as R & RouteConfig);
  return {
    config: route,
    register(app) {
      app.openapi(route, ((c: Context<AppEnv>) => run(route, () => handler(c as HandlerContext<R>))) as never);
    },
  };
}

/**
 * A route that needs one of the `auth` credentials. The handler gets the principal, narrowed to
 * those kinds: `(c, { tenant, member })` for a session route, `(c, { tenant })` for a secret key.
 */
export function defineRoute<const R extends Config, const K extends PrincipalKind>(
  config: R & { auth: readonly K[] },
  handler: (c: HandlerContext<R>, principal: PrincipalOf<K>) => HandlerResult<R>,
): DefinedRoute {
  const { auth, ...rest } = config;
  const route = createRoute({
    ...rest,
    security: auth.map((k) => ({ [schemeOf[k]]: [] })),
    middleware: [requireAuth({ allow: [...auth] })],
  } as unknown as R & RouteConfig);
  return {
    config: route,
    register(app) {
      app.openapi(route, ((c: Context<AppEnv>) =>
        run(route, () => {
          // requireAuth has refused everything else by the time the handler runs.
          const principal = c.var.principal as PrincipalOf<K>;
          return handler(c as HandlerContext<R>, principal);
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
