import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LocaleController } from '../../widgets/core/controllers.js';
import { PagedListController } from '../../widgets/core/paged-list.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { eventsStyles } from './events.styles.js';
import { eventsMessages, type EventsKey } from './events.messages.js';

export interface Attendee {
  registrationId: string;
  memberId: string;
  name: string;
  email: string;
  status: 'registered' | 'attended' | 'waitlisted' | 'cancelled';
  guests: number;
  waitlistPosition: number | null;
  checkedInAt: string | null;
}

/**
 * One event's registrations (status, guests, checked in) and the CSV. The CSV is fetched with the
 * staff token (a plain link could not carry it) and saved through a blob link.
 */
@customElement('alumni-console-attendees')
export class ConsoleAttendees extends LitElement {
  static override styles = [pageStyles, eventsStyles];
  @property({ attribute: false }) event?: { id: string; title: string };
  private locale = new LocaleController(this, eventsMessages);
  @state() private problem?: string;
  private list = new PagedListController<Attendee, readonly [string | undefined]>(this, {
    args: () => [this.event?.id] as const,
    load: ([id], cursor, signal) => (id ? consoleApi.get<Page<Attendee>>(`/v1/admin/events/${id}/registrations`, { auth: 'session', query: { limit: 50, cursor }, signal }) : Promise.resolve(undefined)),
    focusItem: (a) => this.renderRoot.querySelector(`[data-attendee="${a.registrationId}"] strong`),
  });

  private t(key: EventsKey, vars?: Record<string, string | number>) {
    return this.locale.t(key, vars);
  }

  private async download() {
    this.problem = undefined;
    try {
      const id = this.event!.id;
      const res = await consoleApi.fetch('GET', `/v1/admin/events/${id}/registrations.csv`, { auth: 'session' });
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `registrations-${id}.csv`;
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  override render() {
    if (!this.event) return nothing;
    return html`<h2 tabindex="-1">${this.t('attendees.heading', { title: this.event.title })}</h2>
      <p><button type="button" class="secondary" @click=${() => void this.download()}>${this.t('attendees.csv')}</button></p>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.list.task, this.locale, () =>
        this.list.items.length
          ? html`<ul class="rows" aria-label=${this.t('attendees.heading', { title: this.event!.title })}>
              ${this.list.items.map(
                (a) => html`<li data-attendee=${a.registrationId}>
                  <div class="grow"><strong tabindex="-1">${a.name || a.email}</strong><div class="muted">${a.email}</div></div>
                  <span class="badge" data-status>${this.t(`attendees.status.${a.status}` as EventsKey)}${a.waitlistPosition ? ` #${a.waitlistPosition}` : ''}</span>
                  ${a.guests ? html`<span class="muted">${this.t('attendees.guests', { n: a.guests })}</span>` : nothing}
                  ${a.checkedInAt ? html`<span class="muted">${this.t('attendees.checkedIn', { time: this.locale.dateTime(a.checkedInAt) })}</span>` : nothing}
                </li>`,
              )}
            </ul>${this.list.renderMore(this.locale)}`
          : renderEmpty(this.locale, this.t('attendees.empty')),
      )}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-attendees': ConsoleAttendees;
  }
}
