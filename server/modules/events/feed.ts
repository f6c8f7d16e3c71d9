/**
 * Calendar files: one event's .ics (for "add to calendar"), and each member's private feed of the
 * events they are registered for. Calendar apps cannot send an Authorization header, so the feed's
 * credential is in its URL (`/v1/calendar/hcf_….ics`): 32 random characters, stored only as a hash,
 * replaced when the member resets it (the old URL stops working at once) and gone with the member.
 */
import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import type { ServiceContext } from '../../core/context.js';
import { operatorContext } from '../../core/context.js';
import { randomToken, sha256 } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Db } from '../../db/client.js';
import { members } from '../members/schema.js';
import { tenants } from '../tenants/schema.js';
import { buildCalendar, eventIcs, eventPageUrl } from './calendar.js';
import { calendarFeeds, eventRegistrations, events } from './schema.js';
import { getPublishedEvent } from './service.js';
import { viewerRegistrationsFor } from './views.js';

export const FEED_PREFIX = 'hcf_';
/** Events that ended longer ago than this drop out of the feed (a calendar keeps what it already has). */
const FEED_HISTORY_MS = 180 * 24 * 60 * 60 * 1000;

/** One event as an .ics file; the caller's own copy (registered: link, details, their SEQUENCE) when signed in. */
export async function singleEventIcs(ctx: ServiceContext, eventId: string, memberId?: string) {
  const event = await getPublishedEvent(ctx, eventId);
  const mine = memberId ? (await viewerRegistrationsFor(ctx, memberId, [eventId])).get(eventId) : undefined;
  const ics = eventIcs(
    { event, includePrivate: mine?.status === 'registered', extraSequence: mine?.icalSequence ?? 0, url: eventPageUrl(ctx.tenant.alumniPageUrl, event.id) },
    ctx.tenant.name,
  );
  return { ics, filename: `${event.id}.ics` };
}

export function feedUrl(ctx: ServiceContext, token: string): string {
  return `${(ctx.config.PUBLIC_API_URL ?? '').replace(/\/$/, '')}/v1/calendar/${token}.ics`;
}

/** Whether the member has a feed (its URL cannot be shown again: only its hash is kept). */
export async function feedStatus(ctx: ServiceContext, memberId: string) {
  const [row] = await ctx.scoped.select(calendarFeeds, eq(calendarFeeds.memberId, memberId)).limit(1);
  return { active: Boolean(row), createdAt: row?.createdAt ?? null };
}

/** A new feed URL for the member, replacing the one they had. Shown once. */
export async function resetFeed(ctx: ServiceContext, memberId: string) {
  const token = `${FEED_PREFIX}${randomToken(32)}`;
  const ts = ctx.now.toISOString();
  await ctx.db.batch([
    ctx.scoped.delete(calendarFeeds, eq(calendarFeeds.memberId, memberId)),
    ctx.scoped.insert(calendarFeeds, { id: newId('cal'), memberId, tokenHash: sha256(token), createdAt: ts }),
  ]);
  const url = feedUrl(ctx, token);
  return { active: true, createdAt: ts, url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

export async function deleteFeed(ctx: ServiceContext, memberId: string): Promise<void> {
  await ctx.scoped.delete(calendarFeeds, eq(calendarFeeds.memberId, memberId));
}

/**
 * The feed behind a token: the member's registered events (cancelled events included, marked
 * cancelled, so calendars drop them), as the member's own copies. Unknown tokens, and members no
 * longer approved, get nothing.
 */
export async function feedIcs(db: Db, now: Date, token: string): Promise<string> {
  const notFound = new AppError('not_found', 'No calendar feed at this address (it may have been reset).');
  if (!token.startsWith(FEED_PREFIX) || token.length > 100) throw notFound;
  // Found by its hash before any tenant is known, as sessions are: the row says whose it is.
  // eslint-disable-next-line no-restricted-syntax
  const [found] = await db
    .select({ feed: calendarFeeds, member: members, tenant: tenants })
    .from(calendarFeeds)
    .innerJoin(members, and(eq(members.id, calendarFeeds.memberId), eq(members.tenantId, calendarFeeds.tenantId)))
    .innerJoin(tenants, eq(tenants.id, calendarFeeds.tenantId))
    .where(eq(calendarFeeds.tokenHash, sha256(token)))
    .limit(1);
  if (!found || found.member.status !== 'approved') throw notFound;
  const ctx = operatorContext(db, found.tenant, { now });
  const regs = await ctx.scoped.select(eventRegistrations, eq(eventRegistrations.memberId, found.member.id), eq(eventRegistrations.status, 'registered'));
  const rows = regs.length
    ? await ctx.scoped
        .select(
          events,
          inArray(events.id, regs.map((r) => r.eventId)),
          inArray(events.status, ['published', 'cancelled']),
          gte(events.endsAt, new Date(now.getTime() - FEED_HISTORY_MS).toISOString()),
        )
        .orderBy(desc(events.startsAt))
    : [];
  const seq = new Map(regs.map((r) => [r.eventId, r.icalSequence]));
  const cal = buildCalendar(
    rows.map((event) => ({ event, includePrivate: true, extraSequence: seq.get(event.id) ?? 0, url: eventPageUrl(found.tenant.alumniPageUrl, event.id) })),
    { name: found.tenant.defaultLocale === 'en' ? `${found.tenant.name} events` : `${found.tenant.name} イベント`, method: 'PUBLISH' },
  );
  cal.ttl(60 * 60);
  return cal.toString();
}
