import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for the few secrets that must be kept usable rather than hashed (a tenant's
 * HS256 SSO secret has to be the key itself to verify). AES-256-GCM under SECRETS_KEY, which lives
 * in the environment, not in the database, so a copy of the database alone does not reveal them.
 */
const PREFIX = 'enc:v1:';

/** Parses SECRETS_KEY: 32 bytes as 64 hex characters or as base64. */
export function parseSecretsKey(value: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  return key.length === 32 ? key : null;
}

export function seal(plaintext: string, key: Buffer | undefined): string {
  if (!key) return plaintext;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** Opens a sealed value; a value stored before a key was configured is returned as it is. */
export function open(stored: string, key: Buffer | undefined): string {
  if (!stored.startsWith(PREFIX)) return stored;
  if (!key) throw new Error('[homecoming] a secret is encrypted but SECRETS_KEY is not set');
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
