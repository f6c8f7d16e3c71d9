import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details, as every error response carries. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z
      .array(
        z.object({
          field: z.string().openapi({ example: 'body.name' }),
          message: z.string(),
          code: z.string().optional().openapi({ description: 'required, too_long, too_many, invalid_email, invalid_url, not_single_line, invalid_choice, unknown_field, …', example: 'too_long' }),
          params: z.record(z.string(), z.unknown()).optional().openapi({ example: { max: 100 } }),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** The error responses shared by all authenticated routes, for the OpenAPI document. */
export const errorResponses = {
  400: problem('Malformed request, such as a body that is not JSON'),
  401: problem('Missing, invalid or revoked credential'),
  403: problem('Credential not allowed here (wrong kind, origin not allowed, secret key from a browser)'),
  404: problem('Not found in this tenant'),
  422: problem('Invalid input; `errors` names each field'),
} as const;

export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

type Security = Record<string, string[]>[];
export const security: Record<'publishable' | 'secret' | 'session' | 'publicRead', Security> = {
  publishable: [{ publishableKey: [] }],
  secret: [{ secretKey: [] }],
  session: [{ memberSession: [] }],
  publicRead: [{ publishableKey: [] }, { memberSession: [] }],
};

/** ISO 8601 instant with an explicit offset (`2026-12-01T19:00:00+09:00` or `…Z`). */
export const instant = z.iso.datetime({ offset: true }).openapi({ example: '2026-12-05T19:00:00+09:00' });

export const idParam = (name: string, example: string) =>
  z.string().min(1).max(64).openapi({ param: { name, in: 'path' }, example });
