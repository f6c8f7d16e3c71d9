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
import { auditActor, requireCapability } from './capability.js';
import { AuditTrail, recordAfterResponse } from '../modules/audit/trail.js';
import type { Capability } from '../modules/staff/roles.js';

export type PrincipalOf<K extends PrincipalKind> = Extract<Principal, { kind: K }>;

const schemeOf: Record<PrincipalKind, string> = {
  publishable: 'publishableKey',
  secret: 'secretKey',
  session: 'memberSession',
  staff: 'staffSession',
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
 * An admin route (`/v1/admin/…`) also names the `capability` it needs: staff sessions are then let in
 * as far as their role has it (server/modules/staff/roles.ts; a secret key has every capability), the
 * operation carries `x-capability`, and every call that may change data is written to the audit log.
 */
export function defineRoute<R extends Config, const K extends PrincipalKind, const C extends Capability | undefined = undefined>(
  config: R & { auth: readonly K[]; capability?: C },
  handler: (c: HandlerContext<R>, principal: PrincipalOf<K | (C extends Capability ? 'staff' : never)>, ctx: ServiceContext) => HandlerResult<R>,
): DefinedRoute {
  const { auth, capability, ...rest } = config;
  if (rest.path.startsWith('/v1/admin') && !capability) throw new Error(`${rest.method.toUpperCase()} ${rest.path}: an admin route must declare its capability`);
  const kinds: PrincipalKind[] = capability && !auth.includes('staff' as K) ? [...auth, 'staff'] : [...auth];
  const route = createRoute({
    ...rest,
    ...(capability ? { 'x-capability': capability } : {}),
    security: kinds.map((k) => ({ [schemeOf[k]]: [] })),
    middleware: [requireAuth({ allow: kinds }), ...(capability ? [requireCapability(capability)] : [])],
  } as RouteConfig);
  const action = `${rest.method.toUpperCase()} ${rest.path}`;
  return {
    config: route,
    register(app) {
      app.openapi(route, ((c: Context<AppEnv>) =>
        run(route, async () => {
          // requireAuth has refused everything else by the time the handler runs.
          const principal = c.var.principal as PrincipalOf<K | 'staff'>;
          const ctx = serviceContext(c.var.deps, principal.tenant);
          const actor = capability && rest.method !== 'get' ? auditActor(principal) : undefined;
          if (!actor) return handler(c as HandlerContext<R>, principal as never, ctx);
          ctx.audit = new AuditTrail(actor, action);
          const res = await handler(c as HandlerContext<R>, principal as never, ctx);
          if (res instanceof Response && res.status < 400) await recordAfterResponse(ctx, res.status, await targetOf(c, res));
          return res;
        })) as never);
    },
  };
}

/** What an audited call acted on: the `{id}` in its path, else the id of what it created. */
async function targetOf(c: Context<AppEnv>, res: Response): Promise<string | undefined> {
  const id = c.req.param('id');
  if (id) return id;
  if (!res.headers.get('content-type')?.includes('application/json')) return undefined;
  const body = (await res.clone().json().catch(() => undefined)) as { id?: unknown } | undefined;
  return typeof body?.id === 'string' ? body.id : undefined;
}

async function run(route: RouteConfig, fn: () => unknown): Promise<unknown> {
  try {
    return await fn();
  } catch (err) {
    throw locateFields(err, route);
  }
}
