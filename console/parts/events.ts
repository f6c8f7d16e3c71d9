import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../../widgets/core/controllers.js';
import { formatEventTime } from '../../widgets/core/format.js';
import { PagedListController } from '../../widgets/core/paged-list.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { eventsStyles } from './events.styles.js';
import { eventsMessages, type EventsKey } from './events.messages.js';
import { isoToZoned, zonedToIso } from './zoned-time.js';
import './event-attendees.js';

export interface AdminEvent {
  id: string;
  title: string;
  description: string;
  category: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  isOnline: boolean;
  onlineUrl: string | null;
  capacity: number | null;
  maxGuests: number;
  questions: unknown[];
  registrationDeadline: string | null;
  status: 'draft' | 'published' | 'cancelled';
  counts: { registered: number; attended: number; waitlisted: number; cancelled: number; guests: number; seatsTaken: number; seatsLeft: number | null };
}

type Tab = 'upcoming' | 'past' | 'drafts';
type View = { kind: 'list' } | { kind: 'form'; event?: AdminEvent } | { kind: 'attendees'; event: AdminEvent };

const categories = ['meetup', 'study_session', 'office_tour', 'family_day', 'webinar', 'other'] as const;
/** New events are in the tenant's zone (every tenant is in Japan today); an event keeps its own. */
const DEFAULT_TZ = 'Asia/Tokyo';
const tabs: Tab[] = ['upcoming', 'past', 'drafts'];
const query = (tab: Tab) => (tab === 'drafts' ? { status: 'draft' } : { when: tab });

/**
 * Events: the list (upcoming, past, drafts), create and edit (times in the event's zone), publish,
 * cancel after a confirmation, and each event's attendees with the CSV.
 */
@customElement('alumni-console-events')
export class ConsoleEvents extends LitElement {
  static override styles = [pageStyles, eventsStyles];
  @property({ attribute: false }) canManage = false;
  private locale = new LocaleController(this, eventsMessages);
  @state() private tab: Tab = 'upcoming';
  @state() private view: View = { kind: 'list' };
  @state() private notice?: string;
  @state() private problem?: string;
  @state() private confirming?: string;
  @state() private busy = false;
  private list = new PagedListController<AdminEvent, readonly [Tab]>(this, {
    args: () => [this.tab] as const,
    load: ([tab], cursor, signal) => consoleApi.get<Page<AdminEvent>>('/v1/admin/events', { auth: 'session', query: { ...query(tab), limit: 20, cursor }, signal }),
    focusItem: (e) => this.renderRoot.querySelector(`[data-event="${e.id}"] strong`),
  });

  private t(key: EventsKey, vars?: Record<string, string | number>) {
    return this.locale.t(key, vars);
  }

  private show(view: View, notice?: string) {
    this.view = view;
    this.notice = notice;
    this.problem = undefined;
    this.confirming = undefined;
    if (view.kind === 'list') void this.list.task.run();
    void this.updateComplete.then(() => (this.renderRoot.querySelector('h2') as HTMLElement | null)?.focus());
  }

  private async patch(e: AdminEvent, body: Record<string, unknown>, notice: EventsKey) {
    this.problem = undefined;
    this.busy = true;
    try {
      const saved = await consoleApi.patch<AdminEvent>(`/v1/admin/events/${e.id}`, body, { auth: 'session' });
      this.confirming = undefined;
      this.notice = this.t(notice, { title: saved.title });
      void this.list.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    } finally {
      this.busy = false;
    }
  }

  private async save(ev: SubmitEvent, existing?: AdminEvent) {
    ev.preventDefault();
    const f = new FormData(ev.target as HTMLFormElement);
    const tz = existing?.timeZone ?? DEFAULT_TZ;
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const num = (k: string) => (text(k) === '' ? null : Number(text(k)));
    const isOnline = f.get('isOnline') === 'on';
    const body = {
      title: text('title'),
      description: String(f.get('description') ?? ''),
      category: text('category'),
      startsAt: zonedToIso(text('startsAt'), tz),
      endsAt: zonedToIso(text('endsAt'), tz),
      timeZone: tz,
      isOnline,
      venueName: text('venueName') || null,
      venueAddress: text('venueAddress') || null,
      onlineUrl: text('onlineUrl') || null,
      capacity: num('capacity'),
      maxGuests: num('maxGuests') ?? 0,
      registrationDeadline: text('deadline') ? zonedToIso(text('deadline'), tz) : null,
    };
    this.problem = undefined;
    this.busy = true;
    try {
      const saved = existing
        ? await consoleApi.patch<AdminEvent>(`/v1/admin/events/${existing.id}`, body, { auth: 'session' })
        : await consoleApi.post<AdminEvent>('/v1/admin/events', { ...body, status: 'draft' }, { auth: 'session' });
      if (!existing) this.tab = 'drafts';
      this.show({ kind: 'list' }, this.t(existing ? 'events.saved' : 'events.created', { title: saved.title }));
    } catch (error) {
      this.problem = this.locale.describeError(error);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const messages = html`${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
    ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}`;
    if (this.view.kind === 'attendees') {
      return html`<p><button type="button" class="secondary" @click=${() => this.show({ kind: 'list' })}>${this.t('events.back')}</button></p>
        <alumni-console-attendees .event=${this.view.event}></alumni-console-attendees>`;
    }
    if (this.view.kind === 'form') return html`${this.renderForm(this.view.event)}${messages}`;
    return html`<h2 tabindex="-1">${this.t('events.heading')}</h2>
      ${messages}
      <div class="inline toolbar">
        <div role="group" aria-label=${this.t('events.tabs')} class="tabs">
          ${tabs.map(
            (tab) => html`<button type="button" class=${tab === this.tab ? '' : 'secondary'} aria-pressed=${tab === this.tab ? 'true' : 'false'} @click=${() => {
              this.tab = tab;
              this.notice = undefined;
            }}>${this.t(`events.${tab}` as EventsKey)}</button>`,
          )}
        </div>
        ${this.canManage ? html`<button type="button" @click=${() => this.show({ kind: 'form' })}>${this.t('events.new')}</button>` : nothing}
      </div>
      ${renderTask(this.list.task, this.locale, () =>
        this.list.items.length
          ? html`<ul class="rows" aria-label=${this.t(`events.${this.tab}` as EventsKey)}>${this.list.items.map((e) => this.renderRow(e))}</ul>${this.list.renderMore(this.locale)}`
          : renderEmpty(this.locale, this.t('events.empty')),
      )}`;
  }

  private renderRow(e: AdminEvent) {
    const c = e.counts;
    // In the event's own zone (the organiser plans in it), whatever zone this laptop is in.
    const when = formatEventTime(e.startsAt, e.endsAt, e.timeZone, this.locale.lang, e.timeZone).local;
    return html`<li data-event=${e.id}>
      <div class="grow">
        <strong tabindex="-1">${e.title}</strong> <span class="badge" data-status>${this.t(`events.status.${e.status}` as EventsKey)}</span>
        <div class="muted" data-when>${when} (${e.timeZone}) · ${e.isOnline ? this.t('events.online') : (e.venueName ?? '')}</div>
        <div class="muted" data-counts>${this.t('events.counts', { registered: c.registered, attended: c.attended, waitlisted: c.waitlisted, guests: c.guests })}${c.seatsLeft !== null ? ` · ${this.t('events.capacityLeft', { seats: c.seatsLeft })}` : ''}</div>
      </div>
      <div class="actions wrap">
        <button type="button" class="secondary" aria-label="${this.t('events.attendees')}: ${e.title}" @click=${() => this.show({ kind: 'attendees', event: e })}>${this.t('events.attendees')}</button>
        ${this.canManage && e.status !== 'cancelled'
          ? html`<button type="button" class="secondary" aria-label="${this.t('events.edit')}: ${e.title}" @click=${() => this.show({ kind: 'form', event: e })}>${this.t('events.edit')}</button>
              ${e.status === 'draft' ? html`<button type="button" ?disabled=${this.busy} aria-label="${this.t('events.publish')}: ${e.title}" @click=${() => void this.patch(e, { status: 'published' }, 'events.published')}>${this.t('events.publish')}</button>` : nothing}
              <button type="button" class="danger" aria-expanded=${this.confirming === e.id ? 'true' : 'false'} aria-label="${this.t('events.cancel')}: ${e.title}" @click=${() => (this.confirming = this.confirming === e.id ? undefined : e.id)}>${this.t('events.cancel')}</button>`
          : nothing}
      </div>
      ${this.confirming === e.id
        ? html`<div class="grow confirm" role="group" aria-label=${this.t('events.cancel')}>
            <p>${this.t('events.confirmCancel', { title: e.title })}</p>
            <div class="actions wrap">
              <button type="button" class="danger" ?disabled=${this.busy} @click=${() => void this.patch(e, { status: 'cancelled' }, 'events.cancelled')}>${this.t('events.confirmCancelButton')}</button>
              <button type="button" class="secondary" @click=${() => (this.confirming = undefined)}>${this.t('events.keep')}</button>
            </div>
          </div>`
        : nothing}
    </li>`;
  }

  private renderForm(e?: AdminEvent) {
    const tz = e?.timeZone ?? DEFAULT_TZ;
    const at = (iso: string | null | undefined) => (iso ? isoToZoned(iso, tz) : '');
    const field = (id: string, label: string, input: unknown) => html`<label for="ev-${id}">${label}</label>${input}`;
    return html`<h2 tabindex="-1">${this.t(e ? 'form.edit' : 'form.create')}</h2>
      <form class="card" @submit=${(ev: SubmitEvent) => void this.save(ev, e)}>
        ${field('title', this.t('form.title'), html`<input id="ev-title" name="title" required maxlength="200" .value=${e?.title ?? ''} />`)}
        ${field('description', this.t('form.description'), html`<textarea id="ev-description" name="description" maxlength="20000" .value=${e?.description ?? ''}></textarea>`)}
        ${field('category', this.t('form.category'), html`<select id="ev-category" name="category">${categories.map((c) => html`<option value=${c} ?selected=${(e?.category ?? 'meetup') === c}>${this.t(`category.${c}` as EventsKey)}</option>`)}</select>`)}
        <p class="muted" id="ev-tz">${this.t('form.tzNote', { tz })}</p>
        <div class="inline">
          <div>${field('startsAt', this.t('form.starts', { tz }), html`<input id="ev-startsAt" name="startsAt" type="datetime-local" required aria-describedby="ev-tz" .value=${at(e?.startsAt)} />`)}</div>
          <div>${field('endsAt', this.t('form.ends', { tz }), html`<input id="ev-endsAt" name="endsAt" type="datetime-local" required aria-describedby="ev-tz" .value=${at(e?.endsAt)} />`)}</div>
        </div>
        <label class="check"><input type="checkbox" name="isOnline" ?checked=${e?.isOnline ?? false} /> ${this.t('form.isOnline')}</label>
        ${field('venueName', this.t('form.venueName'), html`<input id="ev-venueName" name="venueName" maxlength="200" .value=${e?.venueName ?? ''} />`)}
        ${field('venueAddress', this.t('form.venueAddress'), html`<input id="ev-venueAddress" name="venueAddress" maxlength="500" .value=${e?.venueAddress ?? ''} />`)}
        ${field('onlineUrl', this.t('form.onlineUrl'), html`<input id="ev-onlineUrl" name="onlineUrl" type="url" .value=${e?.onlineUrl ?? ''} />`)}
        <div class="inline">
          <div>${field('capacity', this.t('form.capacity'), html`<input id="ev-capacity" name="capacity" type="number" min="1" inputmode="numeric" .value=${e?.capacity === null || e?.capacity === undefined ? '' : String(e.capacity)} />`)}</div>
          <div>${field('maxGuests', this.t('form.maxGuests'), html`<input id="ev-maxGuests" name="maxGuests" type="number" min="0" max="20" inputmode="numeric" .value=${String(e?.maxGuests ?? 0)} />`)}</div>
        </div>
        ${field('deadline', this.t('form.deadline', { tz }), html`<input id="ev-deadline" name="deadline" type="datetime-local" .value=${at(e?.registrationDeadline)} />`)}
        ${e?.questions.length ? html`<p class="muted">${this.t('form.questionsKept', { count: e.questions.length })}</p>` : nothing}
        <p class="actions wrap">
          <button type="submit" ?disabled=${this.busy}>${this.t(e ? 'form.save' : 'form.createButton')}</button>
          <button type="button" class="secondary" @click=${() => this.show({ kind: 'list' })}>${this.t('form.cancel')}</button>
        </p>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-events': ConsoleEvents;
  }
}
