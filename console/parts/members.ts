import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { consoleMessages, type ConsoleKey } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';
import { memberName, type AdminMember } from './member-row.js';

/** Member search (name, email, reading) and suspension with a reason the member is told. */
@customElement('alumni-console-members')
export class ConsoleMembers extends LitElement {
  static override styles = pageStyles;
  @property({ attribute: false }) canSuspend = false;
  private locale = new LocaleController(this, consoleMessages);
  @state() private q = '';
  @state() private suspending?: string;
  @state() private notice?: string;
  @state() private problem?: string;
  private task = new Task(this, {
    task: async ([q], { signal }) => consoleApi.get<Page<AdminMember>>('/v1/admin/members', { auth: 'session', query: { q, limit: 50 }, signal }),
    args: () => [this.q] as const,
  });

  private async suspend(m: AdminMember, reason: string) {
    this.problem = undefined;
    try {
      await consoleApi.post(`/v1/admin/members/${m.id}/suspend`, { reason }, { auth: 'session' });
      this.notice = this.locale.t('members.suspended', { name: memberName(m) });
      this.suspending = undefined;
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  override render() {
    const t = (k: ConsoleKey) => this.locale.t(k);
    return html`<h2>${t('members.heading')}</h2>
      <form role="search" class="inline card" @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        this.q = String(new FormData(e.target as HTMLFormElement).get('q') ?? '').trim();
      }}>
        <div><label for="q">${t('members.search')}</label><input id="q" name="q" type="search" .value=${this.q} /></div>
        <button type="submit">${t('members.searchButton')}</button>
      </form>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.task, this.locale, (page) =>
        page.data.length
          ? html`<ul class="rows" aria-label=${t('members.heading')}>
              ${page.data.map(
                (m) => html`<li data-member=${m.id}>
                  <div class="grow"><strong>${memberName(m)}</strong> <span class="badge">${t(`status.${m.status}` as ConsoleKey)}</span><div class="muted">${m.email}</div></div>
                  ${this.canSuspend && (m.status === 'approved' || m.status === 'pending')
                    ? html`<button type="button" class="danger" aria-expanded=${this.suspending === m.id ? 'true' : 'false'} @click=${() => (this.suspending = this.suspending === m.id ? undefined : m.id)}>${t('members.suspend')}</button>`
                    : nothing}
                  ${this.suspending === m.id
                    ? html`<form class="grow" @submit=${(e: SubmitEvent) => {
                        e.preventDefault();
                        void this.suspend(m, String(new FormData(e.target as HTMLFormElement).get('reason') ?? ''));
                      }}>
                        <label for="reason-${m.id}">${t('members.suspendReason')}</label>
                        <textarea id="reason-${m.id}" name="reason" required maxlength="500"></textarea>
                        <p><button type="submit" class="danger">${t('members.confirmSuspend')}</button></p>
                      </form>`
                    : nothing}
                </li>`,
              )}
            </ul>`
          : renderEmpty(this.locale, t('members.empty')),
      )}`;
  }
}
