/** How one event reads: its card in the list and its detail view. Templates only; the element owns the state. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocaleController } from '../../core/index.js';
import type { EventListKey } from '../event-list.messages.js';

export const eventCategories = ['meetup', 'study_session', 'office_tour', 'family_day', 'webinar', 'other'] as const;
export type EventCategory = (typeof eventCategories)[number];
export type EventWhen = 'upcoming' | 'past' | 'mine';

type Translation = { title?: string; description?: string; notes?: string };

/** A question the organiser asks at registration. */
export interface EventQuestion {
  id: string;
  label: string;
  kind: 'text' | 'single' | 'multiple';
  options: string[];
  required: boolean;
  translations?: { ja?: { label?: string; options?: string[] }; en?: { label?: string; options?: string[] } };
}

/** The signed-in member's own registration, as the event carries it. */
export interface EventRegistration {
  status: 'registered' | 'waitlisted';
  guests: number;
  answers: { questionId: string; value: string | string[] }[];
  waitlistPosition: number | null;
  checkedIn: boolean;
  registeredAt: string;
}

/** An event as GET /v1/events returns it. */
export interface PublicEvent {
  id: string;
  title: string;
  description: string;
  category: EventCategory;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  isOnline: boolean;
  feeAmount: number;
  feeCurrency: string;
  capacity: number | null;
  registrationDeadline: string | null;
  notes: string;
  status: 'draft' | 'published' | 'cancelled';
  translations: { ja?: Translation; en?: Translation };
  maxGuests: number;
  questions: EventQuestion[];
  seatsLeft: number | null;
  waitlistCount: number;
  registrationOpen: boolean;
  googleCalendarUrl: string;
  registration: EventRegistration | null;
  /** Present for registered members only. */
  onlineUrl?: string | null;
  privateDetails?: string;
}

/** What the templates need from the element: its locale and a unique id prefix. */
export interface EventView {
  i18n: LocaleController<EventListKey>;
  uid: string;
}

/** A text field in the reader's language, falling back to the event's own. */
export function eventText(view: EventView, event: PublicEvent, field: keyof Translation): string {
  return event.translations?.[view.i18n.lang]?.[field] || event[field];
}

export function categoryLabel(view: EventView, category: string): string {
  return (eventCategories as readonly string[]).includes(category) ? view.i18n.t(`cat.${category as EventCategory}`) : category;
}

/** `40名（残り3席）`, `15名（満席）`, or no limit; `total` only in the detail, whose registration block says the rest. */
function capacity(view: EventView, event: PublicEvent, totalOnly = false): string {
  const { i18n } = view;
  if (event.capacity === null) return i18n.t('noLimit');
  const total = i18n.t('capacityValue', { count: i18n.number(event.capacity) });
  if (totalOnly || event.status !== 'published' || event.seatsLeft === null || event.seatsLeft === undefined) return total;
  return `${total}${i18n.t(event.seatsLeft > 0 ? 'seatsLeft' : 'full', { count: i18n.number(event.seatsLeft) })}`;
}

function badges(view: EventView, event: PublicEvent): TemplateResult {
  const { i18n } = view;
  const mine = event.registration?.status;
  return html`<div class="badges"><span class="badge" part="badge">${categoryLabel(view, event.category)}</span>
    ${event.status === 'cancelled' ? html`<span class="badge cancelled" part="status-badge cancelled-badge">${i18n.t('cancelled')}</span>` : nothing}
    ${mine ? html`<span class="badge ${mine}" part="status-badge registration-badge">${i18n.t(mine)}</span>` : nothing}</div>`;
}

/** The viewer's zone as a short name (`GMT+1`, `JST`), said beside a time when the event's own zone differs. */
function zoneName(view: EventView, iso: string): string {
  const part = new Intl.DateTimeFormat(view.i18n.lang === 'ja' ? 'ja-JP' : 'en-US', { timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part ? ` (${part.value})` : '';
}

/** One card of the list; the title is a button that opens the detail. */
export function renderCard(view: EventView, event: PublicEvent, open: (event: PublicEvent) => void): TemplateResult {
  const { i18n } = view;
  const time = i18n.eventTime(event.startsAt, event.endsAt, event.timeZone);
  return html`<li class="card" part="item" data-event-id=${event.id}>
    ${badges(view, event)}
    <h3><button type="button" class="link-button" part="item-title" @click=${() => open(event)}>${eventText(view, event, 'title')}</button></h3>
    <p class="meta">
      <span><time datetime=${event.startsAt}>${time.local}${time.eventZone ? zoneName(view, event.startsAt) : ''}</time></span>
      <span>${event.isOnline ? i18n.t('online') : (event.venueName ?? '')}</span>
      <span>${i18n.t('fee')}: ${i18n.fee(event.feeAmount, event.feeCurrency)}</span>
      <span>${i18n.t('capacity')}: ${capacity(view, event)}</span>
    </p>
  </li>`;
}

/**
 * Stand-ins for cards while the first page loads. They are built like a card (badge, title, a meta
 * line of four facts that wraps as the real one does on a phone), so each takes a card's height at
 * any width, and the page below does not jump when the events arrive.
 */
export function renderCardSkeletons(count: number): TemplateResult {
  const bone = (width: string) => html`<span class="bone ${width}">\u00a0</span>`;
  return html`<ul class="list" part="list" aria-hidden="true">
    ${Array.from(
      { length: count },
      () => html`<li class="card skeleton">
        <span class="badge bone w5">\u00a0</span>
        <h3>${bone('w14')}</h3>
        <p class="meta">${bone('w12')}${bone('w8')}${bone('w6')}${bone('w5')}</p>
      </li>`,
    )}
  </ul>`;
}

/**
 * The detail of one event: badges, title (focused on open), facts, the registration (`registration`,
 * rendered by the lazily loaded part), description, notes and the event's own link.
 */
export function renderEventDetail(view: EventView, event: PublicEvent, registration: unknown, link: string): TemplateResult {
  const { i18n } = view;
  const t = i18n.t.bind(i18n);
  const time = i18n.eventTime(event.startsAt, event.endsAt, event.timeZone);
  const notes = eventText(view, event, 'notes');
  const venue = event.isOnline ? t('online') : [event.venueName, event.venueAddress].filter(Boolean).join(' / ');
  return html`
    ${badges(view, event)}
    <h2 id="${view.uid}-detail-title" tabindex="-1">${eventText(view, event, 'title')}</h2>
    <dl class="facts">
      <dt>${t('when')}</dt>
      <dd><time datetime=${event.startsAt}>${time.local}${time.eventZone ? zoneName(view, event.startsAt) : ''}</time>${time.eventZone ? html`<br /><span class="muted">${time.eventZone}</span>` : nothing}</dd>
      <dt>${t('venue')}</dt>
      <dd>${venue}</dd>
      <dt>${t('fee')}</dt>
      <dd>${i18n.fee(event.feeAmount, event.feeCurrency)}</dd>
      <dt>${t('capacity')}</dt>
      <dd>${capacity(view, event, true)}</dd>
      ${event.registrationDeadline ? html`<dt>${t('deadline')}</dt><dd>${i18n.dateTime(event.registrationDeadline)}</dd>` : nothing}
    </dl>
    ${registration}
    <p class="text">${eventText(view, event, 'description')}</p>
    ${notes ? html`<h3>${t('notes')}</h3><p class="text">${notes}</p>` : nothing}
    <p class="muted"><a part="event-link" href=${link}>${t('eventLink')}</a></p>
  `;
}
