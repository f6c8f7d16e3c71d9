/**
 * Events as calendars see them: iCalendar (ical-generator) for the .ics download, the invitations in
 * mail and the member's feed, and the "add to Google Calendar" link.
 *
 * Times are written as UTC instants (`DTSTART:20261205T100000Z`): every calendar app places them at the
 * right hour in its own zone, with no VTIMEZONE to get wrong. The event's zone is kept as
 * X-WR-TIMEZONE on the feed for apps that show it.
 *
 * One UID per event (`evt_…@homecoming`) in every copy — download, invitation, feed — so each person's
 * calendar holds one entry that later copies update. SEQUENCE is the event's `sequence` (raised by each
 * change a calendar must follow) plus, for a member, their registration's `icalSequence` (raised by each
 * cancel and re-registration): it rises for that person at every change, as RFC 5546 asks, so an update
 * replaces the entry and a cancellation (METHOD:CANCEL, STATUS:CANCELLED) really removes it.
 */
import icalGenerator, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { EventRow } from './service.js';

export const icalUid = (eventId: string) => `${eventId}@homecoming`;

export interface CalendarEntry {
  event: EventRow;
  /** What this person's copy says: private details (link, address, notes) only for the registered. */
  includePrivate: boolean;
  /** Added to the event's sequence (the member's registration's icalSequence). */
  extraSequence?: number;
  /** The alumni page's deep link to the event, when the tenant set its page. */
  url?: string | null;
  /** The invitation's recipient (REQUEST and CANCEL name them as the attendee). */
  attendee?: { email: string; name: string };
  /** Cancelled for this person (their registration), though the event itself goes ahead. */
  cancelled?: boolean;
}

export interface CalendarOptions {
  name: string;
  method?: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  /** The organiser invitations come from (the mail sender's address). */
  organizer?: { name: string; email: string };
  timeZone?: string;
}

/** Where the event is, as one line: the venue (and its address when this copy may show it), or the online link. */
export function locationText(event: EventRow, includePrivate: boolean): string {
  const address = event.venueAddress && (!event.venueAddressPrivate || includePrivate) ? event.venueAddress : null;
  const place = [event.venueName, address].filter(Boolean).join(', ');
  if (place) return place;
  if (event.isOnline) return includePrivate && event.onlineUrl ? event.onlineUrl : 'Online';
  return '';
}

/** The description calendar apps show: the text, then what only registrants get. */
export function descriptionText(entry: Pick<CalendarEntry, 'event' | 'includePrivate' | 'url'>): string {
  const { event, includePrivate } = entry;
  const parts = [event.description];
  if (includePrivate && event.onlineUrl) parts.push(event.onlineUrl);
  if (includePrivate && event.privateDetails) parts.push(event.privateDetails);
  if (event.notes) parts.push(event.notes);
  if (entry.url) parts.push(entry.url);
  return parts.filter(Boolean).join('\n\n');
}

export function buildCalendar(entries: CalendarEntry[], options: CalendarOptions): ICalCalendar {
  const cal = icalGenerator({ name: options.name, prodId: { company: 'Homecoming', product: 'events', language: 'EN' } });
  if (options.method) cal.method(ICalCalendarMethod[options.method]);
  if (options.timeZone) cal.x([{ key: 'X-WR-TIMEZONE', value: options.timeZone }]);
  for (const entry of entries) {
    const { event } = entry;
    const cancelled = entry.cancelled || event.status === 'cancelled' || options.method === 'CANCEL';
    const e = cal.createEvent({
      id: icalUid(event.id),
      sequence: event.sequence + (entry.extraSequence ?? 0),
      start: new Date(event.startsAt),
      end: new Date(event.endsAt),
      summary: event.title,
      description: descriptionText(entry),
      location: locationText(event, entry.includePrivate) || null,
      url: entry.url ?? null,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      stamp: new Date(event.updatedAt),
    });
    if (options.organizer) e.organizer(options.organizer);
    if (entry.attendee) e.createAttendee({ email: entry.attendee.email, name: entry.attendee.name || undefined, rsvp: false });
  }
  return cal;
}

/** One event as an .ics file (METHOD:PUBLISH): what "add to calendar" downloads. */
export function eventIcs(entry: CalendarEntry, tenantName: string): string {
  return buildCalendar([entry], { name: tenantName, method: 'PUBLISH' }).toString();
}

/** The invitation a mail carries: REQUEST adds or updates the entry, CANCEL removes it. */
export function invitationIcs(entry: CalendarEntry, method: 'REQUEST' | 'CANCEL', tenantName: string, organizer: { name: string; email: string }) {
  return { method, content: buildCalendar([entry], { name: tenantName, method, organizer }).toString(), filename: 'invite.ics' } as const;
}

const googleDate = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** Google Calendar's "create event" link, prefilled; the private details only for the registered. */
/** Characters of the description a Google Calendar link carries; the event's own page has the rest. */
export const GOOGLE_SUMMARY_CHARS = 200;

/**
 * A Google Calendar link's details: the start of the description, what only a registered member may
 * see, and the link to the event's page. Short on purpose: the link is in every answer of the events
 * list, and each Japanese character is nine bytes in a URL — the whole description made the link half
 * of the public list's bytes (6.2 of 12.5 KB for the demo's five events), and cut off the page link
 * when the description was long. The .ics download and invitations keep the whole description.
 */
function googleDetails(entry: Pick<CalendarEntry, 'event' | 'includePrivate' | 'url'>): string {
  const { event, includePrivate } = entry;
  const chars = [...event.description.trim()];
  const summary = chars.length > GOOGLE_SUMMARY_CHARS ? `${chars.slice(0, GOOGLE_SUMMARY_CHARS).join('').trimEnd()}…` : chars.join('');
  const parts = [summary];
  if (includePrivate && event.onlineUrl) parts.push(event.onlineUrl);
  if (includePrivate && event.privateDetails) parts.push(event.privateDetails);
  if (entry.url) parts.push(entry.url);
  return parts.filter(Boolean).join('\n\n');
}

export function googleCalendarUrl(entry: Pick<CalendarEntry, 'event' | 'includePrivate' | 'url'>): string {
  const { event } = entry;
  const url = new URL('https://calendar.google.com/calendar/render');
  url.searchParams.set('action', 'TEMPLATE');
  url.searchParams.set('text', event.title);
  url.searchParams.set('dates', `${googleDate(event.startsAt)}/${googleDate(event.endsAt)}`);
  url.searchParams.set('ctz', event.timeZone);
  const details = googleDetails(entry);
  if (details) url.searchParams.set('details', details);
  const location = locationText(event, entry.includePrivate);
  if (location) url.searchParams.set('location', location);
  return url.toString();
}

/** `Name <address>` or `address` → the address and name an invitation's ORGANIZER carries. */
export function organizerFrom(mailFrom: string, tenantName: string): { name: string; email: string } {
  const match = /<([^>]+)>/.exec(mailFrom);
  return { name: tenantName, email: (match?.[1] ?? mailFrom).trim() };
}

/** The deep link to an event on the tenant's alumni page (the element opens it), when the page is set. */
export function eventPageUrl(alumniPageUrl: string | null, eventId: string): string | null {
  if (!alumniPageUrl) return null;
  const url = new URL(alumniPageUrl);
  url.hash = `alumni-event=${eventId}`;
  return url.toString();
}
