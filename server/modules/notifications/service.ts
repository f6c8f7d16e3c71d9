import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { tenantDb } from '../../core/tenant-db.js';
import type { Db } from '../../db/client.js';
import { notificationKeys, notificationPreferences } from './schema.js';
import { notificationTopics, offValue, topicNames, type NotificationTopic } from './topics.js';

export type Preferences = Record<NotificationTopic, string>;

/** The member's choice for every topic, defaults filled in. */
export async function getPreferences(ctx: ServiceContext, memberId: string): Promise<Preferences> {
  const rows = await ctx.scoped.select(notificationPreferences, eq(notificationPreferences.memberId, memberId));
  const chosen = new Map(rows.map((r) => [r.topic, r.value]));
  return Object.fromEntries(topicNames.map((t) => [t, chosen.get(t) ?? notificationTopics[t].default])) as Preferences;
}

export async function setPreferences(ctx: ServiceContext, memberId: string, patch: Partial<Preferences>): Promise<Preferences> {
  const entries = Object.entries(patch) as [NotificationTopic, string][];
  if (entries.length === 0) throw AppError.field('body', 'names nothing to change', 'nothing_to_change');
  for (const [topic, value] of entries) {
    if (!(notificationTopics[topic]?.values as readonly string[] | undefined)?.includes(value)) {
      throw AppError.field(topic, `must be one of ${(notificationTopics[topic]?.values ?? []).join(', ')}`, 'invalid_choice', { options: notificationTopics[topic]?.values ?? [] });
    }
  }
  const ts = ctx.now.toISOString();
  const [first, ...rest] = entries.map(([topic, value]) =>
    ctx.scoped
      .insert(notificationPreferences, { memberId, topic, value, updatedAt: ts })
      .onConflictDoUpdate({ target: [notificationPreferences.tenantId, notificationPreferences.memberId, notificationPreferences.topic], set: { value, updatedAt: ts } }),
  );
  await ctx.db.batch([first!, ...rest]);
  return getPreferences(ctx, memberId);
}

/**
 * SQL that holds when the member in `memberColumn` gets `topic`'s mail as `value` (default: the
 * topic's "on"), for batch jobs (digests, alerts) that pick recipients in one query.
 */
export function wantsSql(topic: NotificationTopic, memberColumn: SQLiteColumn, value: string = notificationTopics[topic].values[0]): SQL {
  return sql`coalesce((select ${notificationPreferences.value} from ${notificationPreferences}
    where ${notificationPreferences.memberId} = ${memberColumn} and ${notificationPreferences.topic} = ${topic}), ${notificationTopics[topic].default}) = ${value}`;
}

/** Whether one member gets `topic`'s mail (its "on" value). */
export async function wants(ctx: ServiceContext, memberId: string, topic: NotificationTopic): Promise<boolean> {
  return (await getPreferences(ctx, memberId))[topic] === notificationTopics[topic].values[0];
}

/** The tenant's signing key for unsubscribe links, made once (two processes making it at once agree: insert-or-ignore, then read). */
async function tenantKey(db: Db, tenantId: string): Promise<Buffer> {
  const scoped = tenantDb(db, tenantId);
  let [row] = await scoped.select(notificationKeys);
  if (!row) {
    await scoped.insert(notificationKeys, { secret: randomBytes(32).toString('base64url') }).onConflictDoNothing();
    [row] = await scoped.select(notificationKeys);
  }
  return Buffer.from(row!.secret, 'base64url');
}

const sign = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url').slice(0, 32);

/**
 * A link that turns `topic` off for the member without signing in (mail clients call it too, RFC 8058).
 * It names tenant, member and topic, and is signed with the tenant's key, so it cannot be turned
 * against another member.
 */
export async function unsubscribeUrl(ctx: ServiceContext, memberId: string, topic: NotificationTopic): Promise<string> {
  const payload = `${ctx.tenant.id}.${memberId}.${topic}`;
  const token = `${Buffer.from(payload).toString('base64url')}.${sign(await tenantKey(ctx.db, ctx.tenant.id), payload)}`;
  return `${ctx.config.PUBLIC_API_URL}/unsubscribe?t=${token}`;
}

/** Reads and checks an unsubscribe token; undefined when it is not one of ours. */
export async function readUnsubscribeToken(db: Db, token: string): Promise<{ tenantId: string; memberId: string; topic: NotificationTopic } | undefined> {
  const [encoded, mac] = token.split('.');
  if (!encoded || !mac) return undefined;
  const payload = Buffer.from(encoded, 'base64url').toString('utf8');
  // Ids have no dots; topics do (`feed.digest`).
  const [tenantId, memberId, ...rest] = payload.split('.');
  const topic = rest.join('.');
  if (!tenantId || !memberId || !topic || !(topic in notificationTopics)) return undefined;
  const expected = sign(await tenantKey(db, tenantId), payload);
  if (expected.length !== mac.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(mac))) return undefined;
  return { tenantId, memberId, topic: topic as NotificationTopic };
}

/** Turns the topic off for the member the token names (idempotent). */
export async function unsubscribe(db: Db, now: Date, target: { tenantId: string; memberId: string; topic: NotificationTopic }): Promise<void> {
  const value = offValue(target.topic);
  const ts = now.toISOString();
  await tenantDb(db, target.tenantId)
    .insert(notificationPreferences, { memberId: target.memberId, topic: target.topic, value, updatedAt: ts })
    .onConflictDoUpdate({ target: [notificationPreferences.tenantId, notificationPreferences.memberId, notificationPreferences.topic], set: { value, updatedAt: ts } })
    .catch((err: unknown) => {
      // The member may have been erased since the mail went out: nothing left to unsubscribe.
      if (!/FOREIGN KEY/i.test(String(err) + String((err as { cause?: unknown })?.cause))) throw err;
    });
}

