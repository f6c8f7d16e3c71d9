import { OpenAPIHono } from '@hono/zod-openapi';
import { methodNotAllowed } from 'hono/method-not-allowed';
import type { Deps } from './core/context.js';
import type { AppEnv } from './http/env.js';
import { AppError } from './core/errors.js';
import { errorStatus, normalizeError, problemResponse } from './http/problem.js';
import { fieldErrors } from './http/validation.js';
import { identify, requireAuth } from './http/middleware/auth/index.js';
import { compress } from './http/middleware/compress/index.js';
import { accessLog } from './http/middleware/access-log/index.js';
import { bodySizeLimit } from './http/middleware/body-limit/index.js';
import { widgetCors } from './http/middleware/cors/index.js';
import { noStore } from './http/middleware/no-store/index.js';
import { responseHeaders } from './http/middleware/response-headers/index.js';
import { keptPublicResponses } from './http/public-cache.js';
import { modules } from './modules/index.js';

/** Builds the whole API over its dependencies: middleware first, then each domain module mounts its routes. */
export function createApp(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        throw AppError.invalid(fieldErrors(result.target === 'json' ? 'body' : result.target, result.error.issues));
      }
    },
  });

  app.use('*', async function provideDeps(c, next) {
    c.set('deps', deps);
    return next();
  });
  app.use('*', accessLog());
  // Kept public answers (a careers page's lists) go out from here with the headers the chain below gave them.
  app.use('/v1/*', keptPublicResponses());
  app.use('*', responseHeaders());
  app.use('*', compress({ threshold: 1024 }));
  app.use('*', methodNotAllowed({ app, onMethodNotAllowed: (_c, methods) => {
    throw new AppError('method_not_allowed', `Allowed methods: ${methods.join(', ')}.`, { headers: { Allow: methods.join(', ') } });
  } }));
  app.use('/v1/*', noStore());
  app.use('/v1/*', identify());
  app.use('/v1/*', widgetCors());
  app.use(
    '/v1/*',
    bodySizeLimit({
      maxSize: deps.config.MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', `The request body is larger than ${deps.config.MAX_BODY_BYTES} bytes.`);
      },
    }),
  );
  app.use('/v1/admin/*', requireAuth({ allow: ['secret', 'staff'] }));

  for (const m of modules) m.register(app);

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
  app.openAPIRegistry.registerComponent('securitySchemes', 'staffSession', {
    type: 'http',
    scheme: 'bearer',
    description: 'A staff console session (hcst_…) from /v1/staff/auth/*: what the staff member’s role allows (see x-capability on each admin operation)',
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Homecoming API',
      version: '1.0.0',
      description: 'Corporate alumni network API. Errors are RFC 9457 application/problem+json.',
    },
  });

  app.notFound((c) => problemResponse(c, new AppError('not_found', `Nothing at ${c.req.method} ${c.req.path}.`)));
  app.onError((err, c) => {
    const { error, unexpected } = normalizeError(err);
    if (unexpected || errorStatus[error.code] >= 500) {
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
