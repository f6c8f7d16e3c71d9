import { z } from 'zod';
import { parseSecretsKey } from './core/secret-box.js';

const port = z.coerce.number().int().min(1).max(65535);

/** Every setting Homecoming reads from the environment, parsed once at start-up. */
export const configSchema = z.object({
  PORT: port.default(8787),
  EXAMPLES_PORT: port.default(8080),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|libsql:|https?:|wss?:)/, 'must start with file:, libsql:, http(s):// or ws(s)://')
    .default('file:./data/homecoming.db'),
  /**
   * A read replica of the libsql server DATABASE_URL names (sqld started with --primary-grpc-url):
   * this process reads through it and writes to DATABASE_URL.
   */
  DATABASE_REPLICA_URL: z
    .string()
    .regex(/^(libsql:|https?:|wss?:)/, 'must start with libsql:, http(s):// or ws(s):// (a replica of a libsql server, not a file)')
    .optional(),
  DATABASE_AUTH_TOKEN: z.string().optional(),
  /** Longest a database call may take, including waiting for the write lock; then the request answers 503. */
  DATABASE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Homecoming <no-reply@homecoming.localhost>'),
  PUBLIC_API_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** 32 bytes (64 hex chars or base64) encrypting secrets kept at rest, such as tenants' SSO secrets. */
  SECRETS_KEY: z
    .string()
    .refine((v) => parseSecretsKey(v) !== null, 'must be 32 bytes as 64 hex characters or base64 (openssl rand -hex 32)')
    .optional(),
  /**
   * How many proxies (load balancers) in front of the API append to X-Forwarded-For. 0: the header is
   * ignored (anyone can write it); n: the client is the n-th address from the right.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** How often each API process's outbox worker looks for work recorded elsewhere (it is woken at once for its own). */
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  /** How long a delivery may take before another process may try it again (after a crash mid-delivery). */
  OUTBOX_CLAIM_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  /** Largest request body accepted, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_000_000),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses the environment; a wrong value throws a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(configSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = configSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`[homecoming] invalid configuration:\n${lines.join('\n')}`);
  }
  const config = parsed.data;
  if (config.DATABASE_REPLICA_URL && config.DATABASE_URL.startsWith('file:')) {
    throw new ConfigError('[homecoming] invalid configuration:\n  DATABASE_REPLICA_URL: needs DATABASE_URL to be a libsql server (the primary), not a file');
  }
  return { ...config, PUBLIC_API_URL: config.PUBLIC_API_URL ?? `http://localhost:${config.PORT}` };
}

/** The parsed SECRETS_KEY, when one is configured. */
export function secretsKeyOf(config: Pick<Config, 'SECRETS_KEY'>): Buffer | undefined {
  return config.SECRETS_KEY ? (parseSecretsKey(config.SECRETS_KEY) ?? undefined) : undefined;
}
