import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { members } from '../members/schema.js';
import { tenants } from '../tenants/schema.js';

export const eventCategories = ['meetup', 'study_session', 'office_tour', 'family_day', 'webinar', 'other'] as const;
export const eventStatuses = ['draft', 'published', 'cancelled'] as const;
export type EventCategory = (typeof eventCategories)[number];
export type EventStatus = (typeof eventStatuses)[number];

/** Content in another language than the original, keyed by locale. */
export type EventTranslations = Partial<Record<'ja' | 'en', { title?: string; description?: string; notes?: string }>>;

export const questionKinds = ['text', 'single', 'multiple'] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** A question the organiser asks at registration (dietary needs, which session…). */
export interface EventQuestion {
  /** Stable key the answers refer to; kept when the organiser edits the wording. */
  id: string;
  label: string;
  kind: QuestionKind;
  /** The choices of `single` and `multiple`; empty for `text`. */
  options: string[];
  required: boolean;
  translations?: Partial<Record<'ja' | 'en', { label?: string; options?: string[] }>>;
}

/** One answer: free text for `text`, one option for `single`, several for `multiple`. */
export interface EventAnswer {
  questionId: string;
  value: string | string[];
}

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category', { enum: eventCategories }).notNull(),
    /** Instants in UTC ISO 8601; timeZone is where the event happens, for display. */
    startsAt: text('starts_at').notNull(),
    endsAt: text('ends_at').notNull(),
    timeZone: text('time_zone').notNull(),
    venueName: text('venue_name'),
    venueAddress: text('venue_address'),
    /** When true, venueAddress reaches registered members only (a home, a floor that is not public). */
    venueAddressPrivate: integer('venue_address_private', { mode: 'boolean' }).notNull().default(false),
    /** Room, entry instructions, a door code: registered members only (API, element, mails). */
    privateDetails: text('private_details').notNull().default(''),
    isOnline: integer('is_online', { mode: 'boolean' }).notNull().default(false),
    /** Shown to registered members only, never in the public read path. */
    onlineUrl: text('online_url'),
    feeAmount: integer('fee_amount').notNull().default(0),
    feeCurrency: text('fee_currency').notNull().default('JPY'),
    /** Seats, counting each registered member and their guests; null: no limit. */
    capacity: integer('capacity'),
    /** Guests a member may bring (0: none). */
    maxGuests: integer('max_guests').notNull().default(0),
    questions: text('questions', { mode: 'json' }).$type<EventQuestion[]>().notNull().default(sql`'[]'`),
    registrationDeadline: text('registration_deadline'),
    notes: text('notes').notNull().default(''),
    status: text('status', { enum: eventStatuses }).notNull().default('draft'),
    translations: text('translations', { mode: 'json' }).$type<EventTranslations>().notNull().default({}),
    /** iCalendar SEQUENCE: raised by every change a calendar must follow (time, place, link, title, status). */
    sequence: integer('sequence').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('events_tenant_status_start_idx').on(t.tenantId, t.status, t.startsAt),
    // The upcoming list's lower bound (service.ts listEvents): events not over yet, with their start.
    index('events_tenant_end_start_idx').on(t.tenantId, t.endsAt, t.startsAt),
    // The public and member lists: walked in start order (service.ts listEvents), a page at a time.
    index('events_tenant_start_idx').on(t.tenantId, t.startsAt, t.id),
  ],
);

export const registrationStatuses = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

/**
 * A member's registration for an event: one row per member and event, kept through cancelling and
 * registering again. Seats taken are the registered rows' 1 + guests; the waitlist is the waitlisted
 * rows in `position` order. `position` is given anew (the end of the line) at each (re-)registration.
 */
export const eventRegistrations = sqliteTable(
  'event_registrations',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull().references(() => events.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    status: text('status', { enum: registrationStatuses }).notNull(),
    guests: integer('guests').notNull().default(0),
    answers: text('answers', { mode: 'json' }).$type<EventAnswer[]>().notNull().default(sql`'[]'`),
    position: integer('position').notNull(),
    /** Short, random, unique in the tenant: printed in the confirmation mail and shown as a QR code. */
    checkInCode: text('check_in_code').notNull(),
    checkedInAt: text('checked_in_at'),
    /** Which request (or promotion) last changed the row: mail in the same batch is recorded only for its rows. */
    changeToken: text('change_token'),
    /** Raised at every change of this member's registration; added to the event's SEQUENCE in their calendar. */
    icalSequence: integer('ical_sequence').notNull().default(0),
    /** The status a cancellation left (registered or waitlisted), for what its mail says. */
    cancelledFrom: text('cancelled_from'),
    /** The start time the reminder went out for (an event moved later gets another). */
    remindedFor: text('reminded_for'),
    registeredAt: text('registered_at').notNull(),
    promotedAt: text('promoted_at'),
    cancelledAt: text('cancelled_at'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('event_registrations_event_member_uq').on(t.eventId, t.memberId),
    uniqueIndex('event_registrations_code_uq').on(t.tenantId, t.checkInCode),
    index('event_registrations_event_status_idx').on(t.eventId, t.status, t.position),
    index('event_registrations_member_idx').on(t.tenantId, t.memberId),
  ],
);

/**
 * A member's private calendar feed: calendar apps cannot send headers, so the token is in the URL; only
 * its hash is kept, and resetting replaces it (the old URL stops working at once).
 */
export const calendarFeeds = sqliteTable(
  'calendar_feeds',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull().references(() => tenants.id, { onDelete: 'cascade' }),
    memberId: text('member_id').notNull().references(() => members.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('calendar_feeds_member_uq').on(t.tenantId, t.memberId)],
);
