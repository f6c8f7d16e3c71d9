import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi, type Me, type StaffView } from '../api.js';
import { consoleMessages, type ConsoleKey } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';

/** An event as the staff page needs it: what to choose it by. */
interface EventChoice {
  id: string;
  title: string;
  startsAt: string;
  timeZone: string;
  past: boolean;
}

const staffStyles = css`
  fieldset.events {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: var(--_space) 0 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    min-width: 0;
  }
  fieldset.events legend {
    font-weight: 600;
    padding: 0 4px;
  }
  ul.choices {
    list-style: none;
    margin: var(--_space) 0 0;
    padding: 0;
    max-height: 16rem;
    overflow-y: auto;
  }
  ul.choices label {
    display: flex;
    gap: 8px;
    align-items: baseline;
    font-weight: normal;
    margin: 0;
    padding: 6px 0;
    min-height: 32px;
    overflow-wrap: anywhere;
  }
  ul.choices input {
    width: auto;
    flex: 0 0 auto;
  }
  .assigned {
    margin: 4px 0 0;
    overflow-wrap: anywhere;
  }
  li > form.card {
    flex: 1 1 100%;
    margin: 0;
  }
`;

/**
 * The tenant's staff and the invitation form; only owners are offered the owner role (the server
 * checks it too). An event-staff account is given its events when invited and on its row later:
 * published events, upcoming first, then the most recent past ones, with a filter box. The events
 * are fetched again each time a picker opens (the page may have been open since before they were published).
 */
@customElement('alumni-console-staff')
export class ConsoleStaff extends LitElement {
  static override styles = [pageStyles, staffStyles];
  @property({ attribute: false }) me?: Me;
  private locale = new LocaleController(this, consoleMessages);
  @state() private notice?: string;
  @state() private problem?: string;
  /** The invitation form's role: event staff get the events picker. */
  @state() private inviteRole = 'admin';
  /** The staff row whose events are being changed. */
  @state() private editing?: string;
  @state() private filter = '';
  /** Events ticked in the open picker (invite form or a row's). */
  @state() private chosen = new Set<string>();
  private task = new Task(this, {
    task: async (_a, { signal }) => consoleApi.get<Page<StaffView>>('/v1/admin/staff', { auth: 'session', query: { limit: 100 }, signal }),
    args: () => [],
  });
  /** Published events to assign; loaded only for those who manage staff. */
  private events = new Task(this, {
    task: async ([manage], { signal }) => {
      if (!manage) return [] as EventChoice[];
      const get = (when: 'upcoming' | 'past') =>
        consoleApi.get<Page<Omit<EventChoice, 'past'>>>('/v1/admin/events', { auth: 'session', query: { status: 'published', when, limit: 100 }, signal });
      const [upcoming, past] = await Promise.all([get('upcoming'), get('past')]);
      return [...upcoming.data.map((e) => ({ ...e, past: false })), ...past.data.map((e) => ({ ...e, past: true }))];
    },
    args: () => [this.can('staff.manage')] as const,
  });

  private can = (c: string) => this.me?.capabilities.includes(c) ?? false;

  private async invite(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    this.notice = this.problem = undefined;
    const role = String(f.get('role'));
    try {
      const s = await consoleApi.post<StaffView>(
        '/v1/admin/staff',
        {
          email: String(f.get('email') ?? '').trim(),
          name: String(f.get('name') ?? '').trim(),
          role,
          locale: f.get('locale'),
          ...(role === 'event_staff' && this.chosen.size ? { eventIds: [...this.chosen] } : {}),
        },
        { auth: 'session' },
      );
      this.notice = this.locale.t('staff.invited', { email: s.email });
      form.reset();
      this.inviteRole = 'admin';
      this.chosen = new Set();
      this.filter = '';
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private edit(s: StaffView) {
    this.notice = this.problem = undefined;
    this.editing = s.id;
    this.chosen = new Set(s.eventIds);
    this.filter = '';
    void this.events.run();
  }

  private async saveEvents(e: SubmitEvent, s: StaffView) {
    e.preventDefault();
    this.notice = this.problem = undefined;
    try {
      await consoleApi.patch<StaffView>(`/v1/admin/staff/${s.id}`, { eventIds: [...this.chosen] }, { auth: 'session' });
      this.notice = this.locale.t('staff.saved', { name: s.name });
      this.editing = undefined;
      this.chosen = new Set();
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private async removeStaff(s: StaffView) {
    this.notice = this.problem = undefined;
    try {
      await consoleApi.delete(`/v1/admin/staff/${s.id}`, { auth: 'session' });
      this.notice = this.locale.t('staff.removed', { name: s.name });
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private toggle(id: string, on: boolean) {
    const next = new Set(this.chosen);
    if (on) next.add(id);
    else next.delete(id);
    this.chosen = next;
  }

  private when(e: EventChoice) {
    return new Intl.DateTimeFormat(this.locale.lang === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: e.timeZone, dateStyle: 'medium' }).format(new Date(e.startsAt));
  }

  /** The events picker: a filter box, then checkboxes (ticked ones stay listed whatever the filter). */
  private picker(key: string) {
    const t = (k: ConsoleKey, vars?: Record<string, string | number>) => this.locale.t(k, vars);
    return html`<fieldset class="events" data-events-picker>
      <legend>${t('staff.events')} <span class="muted">${t('staff.eventsChosen', { count: this.chosen.size })}</span></legend>
      ${renderTask(this.events, this.locale, (all) => {
        if (!all.length) return html`<p class="muted">${t('staff.eventsEmpty')}</p>`;
        const q = this.filter.trim().toLowerCase();
        const shown = q ? all.filter((e) => this.chosen.has(e.id) || e.title.toLowerCase().includes(q)) : all;
        return html`${all.length > 8
            ? html`<label for="events-filter-${key}">${t('staff.eventsFilter')}</label>
                <input id="events-filter-${key}" type="search" .value=${this.filter} @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)} />`
            : nothing}
          ${shown.length
            ? html`<ul class="choices">
                ${shown.map(
                  (e) => html`<li>
                    <label><input type="checkbox" value=${e.id} .checked=${this.chosen.has(e.id)} @change=${(ev: Event) => this.toggle(e.id, (ev.target as HTMLInputElement).checked)} />
                      <span>${e.title} <span class="muted">${this.when(e)}${e.past ? ` · ${t('staff.past')}` : ''}</span></span></label>
                  </li>`,
                )}
              </ul>`
            : html`<p class="muted">${t('staff.eventsNoMatch')}</p>`}`;
      })}
    </fieldset>`;
  }

  /** An event-staff row's events by title (an event not among those loaded shows by id). */
  private assigned(s: StaffView) {
    const t = (k: ConsoleKey) => this.locale.t(k);
    if (!s.eventIds.length) return html`<div class="assigned muted" data-assigned>${t('staff.eventsNone')}</div>`;
    const titles = new Map((this.events.value ?? []).map((e) => [e.id, e.title]));
    return html`<div class="assigned" data-assigned>${t('staff.events')}: ${s.eventIds.map((id) => titles.get(id) ?? id).join(this.locale.lang === 'ja' ? '、' : ', ')}</div>`;
  }

  override render() {
    const t = (k: ConsoleKey) => this.locale.t(k);
    const roles = (['owner', 'admin', 'moderator', 'event_staff'] as const).filter((r) => r !== 'owner' || this.can('staff.owners'));
    const manage = this.can('staff.manage');
    return html`<h2>${t('staff.heading')}</h2>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.task, this.locale, (page) => html`<ul class="rows" aria-label=${t('staff.heading')}>
        ${page.data.map((s) => {
          const mayChange = manage && s.status !== 'removed' && s.id !== this.me?.staff?.id && (s.role !== 'owner' || this.can('staff.owners'));
          const eventStaff = s.role === 'event_staff' && s.status !== 'removed';
          return html`<li data-staff=${s.id}>
            <div class="grow"><strong>${s.name}</strong> <span class="badge">${t(`role.${s.role}` as ConsoleKey)}</span> <span class="badge">${t(`staffStatus.${s.status}` as ConsoleKey)}</span>
              <div class="muted">${s.email}</div>
              ${eventStaff ? this.assigned(s) : nothing}</div>
            ${mayChange && eventStaff && this.editing !== s.id
              ? html`<button type="button" class="secondary" aria-label="${t('staff.editEvents')}: ${s.name}" @click=${() => this.edit(s)}>${t('staff.editEvents')}</button>`
              : nothing}
            ${mayChange
              ? html`<button type="button" class="danger" aria-label="${t('staff.remove')}: ${s.name}" @click=${() => void this.removeStaff(s)}>${t('staff.remove')}</button>`
              : nothing}
            ${mayChange && eventStaff && this.editing === s.id
              ? html`<form class="card" aria-label="${t('staff.editEvents')}: ${s.name}" @submit=${(e: SubmitEvent) => void this.saveEvents(e, s)}>
                  ${this.picker(s.id)}
                  <p class="actions"><button type="submit">${t('staff.save')}</button><button type="button" class="secondary" @click=${() => (this.editing = undefined)}>${t('staff.cancel')}</button></p>
                </form>`
              : nothing}
          </li>`;
        })}
      </ul>`)}
      ${manage
        ? html`<h3>${t('staff.invite')}</h3>
            <form class="card" @submit=${this.invite}>
              <div class="inline">
                <div><label for="staff-name">${t('staff.name')}</label><input id="staff-name" name="name" required maxlength="100" /></div>
                <div><label for="staff-email">${t('staff.email')}</label><input id="staff-email" name="email" type="email" required /></div>
              </div>
              <div class="inline">
                <div><label for="staff-role">${t('staff.role')}</label><select id="staff-role" name="role" @change=${(e: Event) => {
                  this.inviteRole = (e.target as HTMLSelectElement).value;
                  if (this.inviteRole === 'event_staff') void this.events.run();
                  if (!this.editing) return;
                  this.editing = undefined;
                  this.chosen = new Set();
                }}>${roles.map((r) => html`<option value=${r} ?selected=${r === this.inviteRole}>${t(`role.${r}`)}</option>`)}</select></div>
                <div><label for="staff-locale">${t('staff.locale')}</label><select id="staff-locale" name="locale"><option value="ja">日本語</option><option value="en">English</option></select></div>
              </div>
              ${this.inviteRole === 'event_staff' && !this.editing ? this.picker('invite') : nothing}
              <p><button type="submit">${t('staff.invite')}</button></p>
            </form>`
        : nothing}`;
  }
}
