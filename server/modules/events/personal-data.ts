import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { calendarFeeds, eventRegistrations } from './schema.js';

/**
 * Registrations (with the answers to the organiser's questions, which are personal data) and the
 * private calendar feed. Erasing deletes both: the seats go back to the event, and the event's daily
 * check (jobs.ts) offers them to the waitlist.
 */
export const eventPersonalData = [
  personalData({
    table: eventRegistrations,
    rows: (s) => and(eq(eventRegistrations.tenantId, s.tenantId), eq(eventRegistrations.memberId, s.id))!,
    erase: 'delete',
    export: {
      key: 'eventRegistrations',
      view: (r) => ({
        eventId: r.eventId,
        status: r.status,
        guests: r.guests,
        answers: r.answers,
        checkInCode: r.checkInCode,
        registeredAt: r.registeredAt,
        promotedAt: r.promotedAt,
        cancelledAt: r.cancelledAt,
        checkedInAt: r.checkedInAt,
      }),
    },
  }),
  personalData({
    table: calendarFeeds,
    rows: (s) => and(eq(calendarFeeds.tenantId, s.tenantId), eq(calendarFeeds.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'calendarFeed', single: true, view: (f) => ({ createdAt: f.createdAt }) },
  }),
];
