import { OpenAPIHono } from '@hono/zod-openapi';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv, Deps } from './context.js';
import { ApiError, normalizeError, problemResponse } from './lib/errors.js';
import { identify, requireAuth } from './middleware/auth.js';
import { compress } from './middleware/compress.js';
import { accessLog, bodySizeLimit, noStore, widgetCors } from './middleware/conventions.js';
import { registerAdminEvents } from './routes/admin/events.js';
import { registerAdminKeys } from './routes/admin/keys.js';
import { registerAdminRoster } from './routes/admin/roster.js';
import { registerAdminSso } from './routes/admin/sso.js';
import { registerAdminMembers } from './routes/admin/members.js';
import { registerAdminTenant } from './routes/admin/tenant.js';
import { registerAuth } from './routes/auth.js';
import { registerDocs } from './routes/docs.js';
import { registerEvents } from './routes/events.js';
import { registerHealth } from './routes/health.js';
import { registerMe } from './routes/me.js';
import { registerWidgets } from './routes/widgets.js';
import { registerContact } from './routes/contact.js';
import { registerMembers } from './routes/members.js';

/** Builds the whole API over its dependencies: middleware first, then one register call per route group. */
export function createApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const target = result.target === 'json' ? 'body' : result.target;
        throw ApiError.invalid(
          result.error.issues.map((issue) => ({
            field: [target, ...issue.path.map(String)].join('.'),
            message: issue.message,
          })),
        );
      }
    },
  });

  app.use('*', async function provideDeps(c, next) {
    c.set('deps', deps);
    return next();
  });
  app.use('*', compress({ threshold: 1024 }));
  app.use('*', requestId({ limitLength: 64 }));
  app.use('*', accessLog());
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'cross-origin' }));
  app.use('*', methodNotAllowed({ app, onMethodNotAllowed: (_c, methods) => {
    throw new ApiError('method_not_allowed', `Allowed methods: ${methods.join(', ')}.`, { headers: { Allow: methods.join(', ') } });
  } }));
  app.use('/v1/*', noStore());
  app.use('/v1/*', identify());
  app.use('/v1/*', widgetCors());
  app.use(
    '/v1/*',
    bodySizeLimit({
      maxSize: deps.config.MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError('payload_too_large', `The request body is larger than ${deps.config.MAX_BODY_BYTES} bytes.`);
      },
    }),
  );
  app.use('/v1/admin/*', requireAuth({ allow: ['secret'] }));

  registerHealth(app);
  registerWidgets(app);
  registerDocs(app);
  registerEvents(app);
  registerAdminTenant(app);
  registerAdminKeys(app);
  registerAdminEvents(app);
  registerAuth(app);
  registerMe(app);
  registerAdminRoster(app);
  registerAdminSso(app);
  registerMembers(app);
  registerContact(app);
  registerAdminMembers(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'publishableKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'pk_… — public, for web pages on the allowed origins',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'sk_… — for the tenant’s servers only; refused when sent with an Origin header',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'memberSession', {
    type: 'http',
    scheme: 'bearer',
    description: 'A member session token from /v1/auth/*',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Homecoming API',
      version: '1.0.0',
      description: 'Corporate alumni network API. Errors are RFC 9457 application/problem+json.',
    },
  });

  app.notFound((c) => problemResponse(c, new ApiError('not_found', `Nothing at ${c.req.method} ${c.req.path}.`)));
  app.onError((err, c) => {
    const { error, unexpected } = normalizeError(err);
    if (unexpected || error.status >= 500) {
      const cause = (err as { cause?: unknown })?.cause;
      c.var.deps?.log[unexpected ? 'error' : 'warn'](unexpected ? 'unhandled error' : error.detail, {
        requestId: c.var.requestId,
        path: c.req.path,
        error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : String(err),
        ...(cause instanceof Error ? { cause: { name: cause.name, message: cause.message } } : {}),
      });
    }
    return problemResponse(c, error);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
