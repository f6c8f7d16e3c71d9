/* eslint-disable no-restricted-syntax -- the tenants table is keyed by the tenant's own id, and a key is found by its hash before any tenant is known. */
import { asc, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import type { Db } from '../../db/client.js';
import { bestEffort } from '../../db/guard.js';
import { apiKeys, tenants, type ApiKeyKind, type MembershipPolicy } from './schema.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';

export type Tenant = typeof tenants.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** What an API key looks like to its owner: never the key or its hash. */
export interface ApiKeyView {
  id: string;
  kind: ApiKeyKind;
  label: string;
  preview: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export const keyPrefix: Record<ApiKeyKind, string> = { publishable: 'pk_', secret: 'sk_' };

/** `scheme://host[:port]`, lower-cased, no path: the form browsers send in `Origin`. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) return null;
    return url.origin;
  } catch {
    return null;
  }
}

export function toKeyView(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    preview: row.preview,
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
  };
}

export async function createTenant(
  db: Db,
  now: Date,
  input: { name: string; allowedOrigins?: string[]; defaultLocale?: 'ja' | 'en'; membershipPolicy?: MembershipPolicy },
): Promise<Tenant> {
  const ts = now.toISOString();
  const [row] = await db
    .insert(tenants)
    .values({
      id: newId('ten'),
      name: input.name,
      allowedOrigins: input.allowedOrigins ?? [],
      defaultLocale: input.defaultLocale ?? 'ja',
      membershipPolicy: input.membershipPolicy ?? 'roster_then_approval',
      createdAt: ts,
      updatedAt: ts,
    })
    .returning();
  return row!;
}

export async function getTenant(db: Db, id: string): Promise<Tenant | undefined> {
  return db.query.tenants.findFirst({ where: eq(tenants.id, id) });
}

export async function listTenants(db: Db): Promise<Tenant[]> {
  return db.select().from(tenants).orderBy(asc(tenants.createdAt));
}

export type TenantSettings = Partial<
  Pick<
    Tenant,
    | 'name'
    | 'allowedOrigins'
    | 'defaultLocale'
    | 'membershipPolicy'
    | 'privacyPolicyUrl'
    | 'privacyPolicyVersion'
    | 'alumniPageUrl'
    | 'contactEmails'
    | 'eventReminderHours'
    | 'feedFirstPostApproval'
    | 'membersCreateGroups'
  >
>;

/** The tenant row is the one table keyed by the tenant's own id rather than a tenant_id column. */
export async function updateTenant(ctx: ServiceContext, patch: TenantSettings): Promise<Tenant> {
  if (Object.keys(patch).length === 0) throw AppError.field('body', 'names no setting to change', 'nothing_to_change');
  const [row] = await ctx.db
    .update(tenants)
    .set({ ...patch, updatedAt: ctx.now.toISOString() })
    .where(eq(tenants.id, ctx.tenant.id))
    .returning();
  if (!row) throw new AppError('not_found', 'Tenant not found.');
  return row;
}

/** Creates a key and returns it in clear once, with its stored view. */
export async function createApiKey(ctx: ServiceContext, input: { kind: ApiKeyKind; label?: string }): Promise<{ key: string; view: ApiKeyView }> {
  const key = `${keyPrefix[input.kind]}${randomToken(32)}`;
  const [row] = await ctx.scoped
    .insert(apiKeys, {
      id: newId('key'),
      kind: input.kind,
      label: input.label ?? (input.kind === 'publishable' ? 'Publishable key' : 'Secret key'),
      preview: `${key.slice(0, 7)}…${key.slice(-4)}`,
      hash: sha256(key),
      createdAt: ctx.now.toISOString(),
    })
    .returning();
  return { key, view: toKeyView(row!) };
}

export async function listApiKeys(ctx: ServiceContext): Promise<ApiKeyView[]> {
  const rows = await ctx.scoped.select(apiKeys, eq(apiKeys.deleted, false)).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id));
  return rows.map(toKeyView);
}

export async function revokeApiKey(ctx: ServiceContext, keyId: string): Promise<ApiKeyView> {
  const [existing] = await ctx.scoped.select(apiKeys, eq(apiKeys.id, keyId)).limit(1);
  if (!existing) throw new AppError('not_found', `No API key ${keyId} in this tenant.`);
  if (existing.revokedAt) return toKeyView(existing);
  const [row] = await ctx.scoped.update(apiKeys, { revokedAt: ctx.now.toISOString() }, eq(apiKeys.id, keyId)).returning();
  return toKeyView(row!);
}

const prepareFindApiKey = (db: Db) =>
  db
    .select({ key: apiKeys, tenant: tenants })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(eq(apiKeys.hash, sql.placeholder('hash')))
    .limit(1)
    .prepare();

/** Every request with a key runs this lookup: prepared once per database, it skips query building (~0.4 ms). */
const findApiKeyStatements = new WeakMap<Db, ReturnType<typeof prepareFindApiKey>>();

/** Looks a presented key up; returns the key row and its tenant, revoked or not. */
export async function findApiKey(db: Db, presented: string): Promise<{ key: ApiKeyRow; tenant: Tenant } | undefined> {
  return findApiKeyByHash(db, sha256(presented));
}

/** The same lookup by the key's SHA-256 (the request path hashes once and caches by the hash). */
export async function findApiKeyByHash(db: Db, hash: string): Promise<{ key: ApiKeyRow; tenant: Tenant } | undefined> {
  let statement = findApiKeyStatements.get(db);
  if (!statement) findApiKeyStatements.set(db, (statement = prepareFindApiKey(db)));
  const rows = await statement.all({ hash });
  return rows[0];
}

/** Records use at most once a minute per key, so reads stay reads. */
export async function touchApiKey(db: Db, key: ApiKeyRow, now: Date): Promise<void> {
  if (key.lastUsedAt && now.getTime() - Date.parse(key.lastUsedAt) < 60_000) return;
  // The row may be shared by the request path's cache: marked first, concurrent requests do not write too.
  key.lastUsedAt = now.toISOString();
  // Bookkeeping only: skipped when the database is busy rather than holding up the request.
  await bestEffort(() => db.update(apiKeys).set({ lastUsedAt: now.toISOString() }).where(eq(apiKeys.id, key.id)));
}
