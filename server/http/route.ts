/**
 * One way to declare a route: its credential is stated once, as `auth`, and from that follow the
 * OpenAPI security requirement, the refusal of every other credential (requireAuth), and the typed
 * principal the handler receives. Domain errors thrown by the handler get their field names
 * prefixed with the request part they came from (`body.`, `query.`, `path.`).
 */
import { createRoute, type OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { ZodType } from 'zod';
import { serviceContext, type ServiceContext } from '../core/context.js';
import { AppError } from '../core/errors.js';
import type { AppEnv, Principal, PrincipalKind } from './env.js';
import { requireAuth } from './middleware/auth/index.js';
import { locateFields } from './problem.js';
import { auditActor, requireCapability } from './capability.js';
import { AuditTrail, recordAfterResponse } from '../modules/audit/trail.js';
import type { Capability } from '../modules/staff/roles.js';
import { keptAnswer, publicAnswer } from './public-cache.js';
import type { Feature } from '../modules/member-kinds/features.js';

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
      mount(app, route, (c) => run(route, () => handler(c as HandlerContext<R>)));
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
 *
 * `cache: 'public'` keeps the answer to a publishable key for a moment per tenant and URL
 * (public-cache.ts says when a route may, and how fresh it stays): for public lists that every
 * visitor of a careers page asks for.
 *
 * A route a member session may call names the `feature` it belongs to (directory, events, jobs, feed,
 * messages, groups — server/modules/member-kinds): a member whose kind lacks it is answered 403
 * `feature-not-available` before the handler runs; other credentials are unaffected. Routes every
 * member has (their own account, sign-in, notifications) say `feature: null`. Saying neither is an
 * error at startup, so no member route can forget.
 */
export function defineRoute<R extends Config, const K extends PrincipalKind, const C extends Capability | undefined = undefined>(
  config: R & { auth: readonly K[]; capability?: C; cache?: 'public'; feature?: Feature | null },
  handler: (c: HandlerContext<R>, principal: PrincipalOf<K | (C extends Capability ? 'staff' : never)>, ctx: ServiceContext) => HandlerResult<R>,
): DefinedRoute {
  const { auth, capability, cache, feature, ...rest } = config;
  if (rest.path.startsWith('/v1/admin') && !capability) throw new Error(`${rest.method.toUpperCase()} ${rest.path}: an admin route must declare its capability`);
  if (auth.includes('session' as K) && feature === undefined) {
    throw new Error(`${rest.method.toUpperCase()} ${rest.path}: a route a member session may call must declare its feature (or feature: null for every member's own account)`);
  }
  const kinds: PrincipalKind[] = capability && !auth.includes('staff' as K) ? [...auth, 'staff'] : [...auth];
  const route = createRoute({
    ...rest,
    ...(capability ? { 'x-capability': capability } : {}),
    ...(auth.includes('session' as K) ? { 'x-feature': feature ?? null } : {}),
    security: kinds.map((k) => ({ [schemeOf[k]]: [] })),
    middleware: [
      requireAuth({ allow: kinds }),
      ...(feature ? [requireFeature(feature)] : []),
      ...(capability ? [requireCapability(capability)] : []),
      ...(cache === 'public' ? [serveKeptAnswer] : []),
    ],
  } as RouteConfig);
  const action = `${rest.method.toUpperCase()} ${rest.path}`;
  return {
    config: route,
    register(app) {
      mount(app, route, (c) =>
        run(route, async () => {
          // requireAuth has refused everything else by the time the handler runs.
          const principal = c.var.principal as PrincipalOf<K | 'staff'>;
          const ctx = serviceContext(c.var.deps, principal.tenant);
          const answer = () => handler(c as HandlerContext<R>, principal as never, ctx);
          if (cache === 'public' && principal.kind === 'publishable' && c.req.method === 'GET') {
            return publicAnswer(c, c.var.deps.db, principal.tenant.id, async () => (await answer()) as Response);
          }
          const actor = capability && rest.method !== 'get' ? auditActor(principal) : undefined;
          if (!actor) return answer();
          ctx.audit = new AuditTrail(actor, action);
          const res = await answer();
          if (res instanceof Response && res.status < 400) await recordAfterResponse(ctx, res.status, await targetOf(c, res));
          return res;
        }),
      );
    },
  };
}

/** A publishable key's GET answered from public-cache.ts when a fresh answer is kept, before validation and the handler. */
const serveKeptAnswer: MiddlewareHandler<AppEnv> = async function serveKeptAnswer(c, next) {
  const principal = c.get('principal');
  const kept = principal?.kind === 'publishable' && c.req.method === 'GET' ? keptAnswer(c, c.var.deps.db, principal.tenant.id) : undefined;
  if (kept) return kept;
  return next();
};

/** Refuses a member session whose kind lacks `feature` (403 problem+json); every other credential passes. */
function requireFeature(feature: Feature): MiddlewareHandler<AppEnv> {
  return async function requireFeature(c, next) {
    const principal = c.get('principal');
    if (principal?.kind === 'session' && !principal.features.includes(feature)) {
      throw new AppError('feature_not_available', `The ${feature} feature is not available for your membership (${principal.member.kind}).`);
    }
    return next();
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

/**
 * A path whose last segment is a parameter with a file extension (`/v1/events/{id}.ics`). Hono names a
 * parameter up to the next `/` (`id.ics`, matching any segment), so such a route is routed by a pattern
 * that requires the extension, and the handler gets the parameter without it.
 */
const FILE_PATH = /\/\{(\w+)\}(\.[a-z0-9]+)$/;

type Handler = (c: Context<AppEnv>) => unknown;

function mount(app: OpenAPIHono<AppEnv>, route: RouteConfig, handler: Handler): void {
  const file = FILE_PATH.exec(route.path);
  if (!file) {
    app.openapi(route, handler as never);
    return;
  }
  const [, name, ext] = file as unknown as [string, string, string];
  if (route.request?.query || route.request?.body) throw new Error(`${route.path}: a file path takes no query or body schema`);
  app.openAPIRegistry.registerPath(route);
  const middleware = [route.middleware ?? []].flat() as MiddlewareHandler<AppEnv>[];
  const routing = route.path.replace(/\{(\w+)\}/g, ':$1').replace(`:${name}${ext}`, `:${name}{[^/]+\\${ext}}`);
  app.on([route.method.toUpperCase()], [routing], ...middleware, async (c: Context<AppEnv>) => {
    const params = c.req.param() as Record<string, string>;
    const raw = { ...params, [name]: (params[name] ?? '').slice(0, -ext.length) };
    const schema = route.request?.params as ZodType | undefined;
    const parsed = schema ? schema.safeParse(raw) : { success: true as const, data: raw };
    if (!parsed.success) {
      throw AppError.invalid(parsed.error.issues.map((i) => ({ field: ['param', ...i.path.map(String)].join('.'), message: i.message })));
    }
    c.req.addValidatedData('param', parsed.data as Record<string, string>);
    return (await handler(c)) as Response;
  });
}

async function run(route: RouteConfig, fn: () => unknown): Promise<unknown> {
  try {
    return await fn();
  } catch (err) {
    throw locateFields(err, route);
  }
}
