import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { tenants } from '../tenants/schema.js';

export const eventCategories = ['meetup', 'study_session', 'office_tour', 'family_day', 'webinar', 'other'] as const;
export const eventStatuses = ['draft', 'published', 'cancelled'] as const;
export type EventCategory = (typeof eventCategories)[number];
export type EventStatus = (typeof eventStatuses)[number];

/** Content in another language than the original, keyed by locale. */
export type EventTranslations = Partial<Record<'ja' | 'en', { title?: string; description?: string; notes?: string }>>;

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
    isOnline: integer('is_online', { mode: 'boolean' }).notNull().default(false),
    /** Shown to registrants only, never in the public read path. */
    onlineUrl: text('online_url'),
    feeAmount: integer('fee_amount').notNull().default(0),
    feeCurrency: text('fee_currency').notNull().default('JPY'),
    capacity: integer('capacity'),
    registrationDeadline: text('registration_deadline'),
    notes: text('notes').notNull().default(''),
    status: text('status', { enum: eventStatuses }).notNull().default('draft'),
    translations: text('translations', { mode: 'json' }).$type<EventTranslations>().notNull().default({}),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('events_tenant_status_start_idx').on(t.tenantId, t.status, t.startsAt),
    // The upcoming list's lower bound (service.ts listEvents): events not over yet, with their start.
    index('events_tenant_end_start_idx').on(t.tenantId, t.endsAt, t.startsAt),
  ],
);
