import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { consoleMessages } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';
import { memberName, type AdminMember } from './member-row.js';

/** The approval queue: members waiting, oldest first; approve, or reject with a reason the member is told. */
@customElement('alumni-console-approvals')
export class ConsoleApprovals extends LitElement {
  static override styles = pageStyles;
  private locale = new LocaleController(this, consoleMessages);
  @state() private rejecting?: string;
  @state() private notice?: string;
  @state() private problem?: string;
  private task = new Task(this, {
    task: async (_args, { signal }) => consoleApi.get<Page<AdminMember>>('/v1/admin/members', { auth: 'session', query: { status: 'pending', limit: 100 }, signal }),
    args: () => [],
  });

  private async decide(m: AdminMember, action: 'approve' | 'reject', reason?: string) {
    this.problem = undefined;
    try {
      await consoleApi.post(`/v1/admin/members/${m.id}/${action}`, action === 'reject' ? { reason } : undefined, { auth: 'session' });
      this.notice = this.locale.t(action === 'approve' ? 'approvals.approved' : 'approvals.rejected', { name: memberName(m) });
      this.rejecting = undefined;
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  override render() {
    const t = this.locale.t.bind(this.locale);
    return html`<h2>${t('approvals.heading')}</h2>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.task, this.locale, (page) =>
        page.data.length
          ? html`<ul class="rows" aria-label=${t('approvals.heading')}>
              ${page.data.map(
                (m) => html`<li data-member=${m.id}>
                  <div class="grow"><strong>${memberName(m)}</strong><div class="muted">${m.email} · ${this.locale.dateTime(m.createdAt)}</div></div>
                  <div class="actions"><button type="button" @click=${() => void this.decide(m, 'approve')} aria-label="${t('approvals.approve')}: ${memberName(m)}">${t('approvals.approve')}</button>
                  <button type="button" class="danger" aria-expanded=${this.rejecting === m.id ? 'true' : 'false'} @click=${() => (this.rejecting = this.rejecting === m.id ? undefined : m.id)}>${t('approvals.reject')}</button></div>
                  ${this.rejecting === m.id
                    ? html`<form class="grow" @submit=${(e: SubmitEvent) => {
                        e.preventDefault();
                        void this.decide(m, 'reject', String(new FormData(e.target as HTMLFormElement).get('reason') ?? ''));
                      }}>
                        <label for="reason-${m.id}">${t('approvals.reason')}</label>
                        <textarea id="reason-${m.id}" name="reason" required maxlength="500"></textarea>
                        <p><button type="submit" class="danger">${t('approvals.confirmReject')}</button></p>
                      </form>`
                    : nothing}
                </li>`,
              )}
            </ul>`
          : renderEmpty(this.locale, t('approvals.empty')),
      )}`;
  }
}
