/**
 * Event commands of the widget tests' API child (test/helpers/widget-api.ts hands every `events.*`
 * command here): events made the way the organiser's admin API makes them, and what the organiser sees.
 *
 *   events.create {title, capacity?, maxGuests?, questions?, onlineUrl?, privateDetails?, status?, deadlineDays?, startDays?}
 *                                        → { id }: a published event starting in `startDays` days (default 7)
 *   events.registrations {eventId}       → [{ memberId, name, status, guests, answers }]
 *   events.register {eventId, token}     → registers that member (e.g. to fill seats before a test)
 */
import { operatorContext, type Deps } from '../../server/core/context.js';
import { listAttendees } from '../../server/modules/events/attendees.js';
import { createEvent } from '../../server/modules/events/service.js';
import { getTenant } from '../../server/modules/tenants/service.js';

export interface EventCommandContext {
  deps: Deps;
  tenantId: string;
  url: () => string;
}

const DAY = 24 * 60 * 60 * 1000;

async function ctxOf(c: EventCommandContext) {
  const tenant = await getTenant(c.deps.db, c.tenantId);
  if (!tenant) throw new Error('tenant gone');
  return operatorContext(c.deps.db, tenant, { now: c.deps.clock.now(), config: c.deps.config });
}

export async function eventCommand(c: EventCommandContext, message: Record<string, unknown> & { cmd: string }): Promise<unknown> {
  switch (message.cmd) {
    case 'events.create': {
      const now = c.deps.clock.now().getTime();
      const start = Math.ceil((now + Number(message.startDays ?? 7) * DAY) / 3_600_000) * 3_600_000;
      const row = await createEvent(await ctxOf(c), {
        title: String(message.title ?? '申込テストの会'),
        description: '申し込みのテストです。',
        category: 'meetup',
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + 2 * 3_600_000).toISOString(),
        timeZone: String(message.timeZone ?? 'Asia/Tokyo'),
        venueName: '本社 20F',
        isOnline: Boolean(message.onlineUrl),
        onlineUrl: (message.onlineUrl as string | undefined) ?? null,
        privateDetails: (message.privateDetails as string | undefined) ?? '',
        capacity: (message.capacity as number | null | undefined) ?? null,
        maxGuests: (message.maxGuests as number | undefined) ?? 0,
        questions: (message.questions as never) ?? [],
        registrationDeadline: message.deadlineDays === undefined ? null : new Date(now + Number(message.deadlineDays) * DAY).toISOString(),
        status: (message.status as 'published' | 'cancelled' | undefined) ?? 'published',
      });
      return { id: row.id };
    }
    case 'events.registrations': {
      const page = await listAttendees(await ctxOf(c), String(message.eventId), { limit: 100 });
      return page.data.map((a) => ({ memberId: a.memberId, name: a.name, status: a.status, guests: a.guests, answers: a.answers }));
    }
    case 'events.register': {
      const res = await fetch(`${c.url()}/v1/events/${String(message.eventId)}/registration`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${String(message.token)}`, 'content-type': 'application/json' },
        body: '{}',
      });
      return { status: res.status };
    }
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
}
