import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { members } from '../members/schema.js';
import { tenants } from '../tenants/schema.js';

/** Member sessions; only the token's hash is kept. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_member_idx').on(t.memberId)],
);

/** One-time sign-in codes sent by email; only the code's hash is kept. */
export const emailCodes = sqliteTable(
  'email_codes',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: text('created_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    consumedAt: text('consumed_at'),
    /** When the mail holding the code was accepted by the mail server; null while it is on its way. */
    mailedAt: text('mailed_at'),
  },
  (t) => [index('email_codes_tenant_email_idx').on(t.tenantId, t.email)],
);

/** Tries at one code from one client (a hash of its address): a stranger's guesses are capped before the code's own. */
export const emailCodeTries = sqliteTable(
  'email_code_tries',
  {
    codeId: text('code_id').notNull().references(() => emailCodes.id, { onDelete: 'cascade' }),
    client: text('client').notNull(),
    tries: integer('tries').notNull(),
  },
  (t) => [primaryKey({ columns: [t.codeId, t.client] })],
);

/** The tenant's HS256 secret for host-site SSO tokens (it must be kept to verify, so it is not hashed). */
export const ssoSecrets = sqliteTable('sso_secrets', {
  tenantId: text('tenant_id').primaryKey().references(() => tenants.id, { onDelete: 'cascade' }),
  secret: text('secret').notNull(),
  createdAt: text('created_at').notNull(),
});

/**
 * SSO tokens already exchanged, so each is accepted once: keyed by a hash of its `jti` (or of the whole
 * token when it has none), per tenant, kept until the token would have expired anyway.
 */
export const ssoTokenUses = sqliteTable(
  'sso_token_uses',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    tokenId: text('token_id').notNull(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.tokenId] }), index('sso_token_uses_expiry_idx').on(t.tenantId, t.expiresAt)],
);
