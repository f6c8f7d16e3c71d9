import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi, type Me, type StaffView } from '../api.js';
import { consoleMessages, type ConsoleKey } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';

/** The tenant's staff and the invitation form; only owners are offered the owner role (the server checks it too). */
@customElement('alumni-console-staff')
export class ConsoleStaff extends LitElement {
  static override styles = pageStyles;
  @property({ attribute: false }) me?: Me;
  private locale = new LocaleController(this, consoleMessages);
  @state() private notice?: string;
  @state() private problem?: string;
  private task = new Task(this, {
    task: async (_a, { signal }) => consoleApi.get<Page<StaffView>>('/v1/admin/staff', { auth: 'session', query: { limit: 100 }, signal }),
    args: () => [],
  });

  private can = (c: string) => this.me?.capabilities.includes(c) ?? false;

  private async invite(e: SubmitEvent) {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const f = new FormData(form);
    this.notice = this.problem = undefined;
    try {
      const s = await consoleApi.post<StaffView>(
        '/v1/admin/staff',
        { email: String(f.get('email') ?? '').trim(), name: String(f.get('name') ?? '').trim(), role: f.get('role'), locale: f.get('locale') },
        { auth: 'session' },
      );
      this.notice = this.locale.t('staff.invited', { email: s.email });
      form.reset();
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

  override render() {
    const t = (k: ConsoleKey) => this.locale.t(k);
    const roles = (['owner', 'admin', 'moderator', 'event_staff'] as const).filter((r) => r !== 'owner' || this.can('staff.owners'));
    const manage = this.can('staff.manage');
    return html`<h2>${t('staff.heading')}</h2>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.task, this.locale, (page) => html`<ul class="rows" aria-label=${t('staff.heading')}>
        ${page.data.map(
          (s) => html`<li data-staff=${s.id}>
            <div class="grow"><strong>${s.name}</strong> <span class="badge">${t(`role.${s.role}` as ConsoleKey)}</span> <span class="badge">${t(`staffStatus.${s.status}` as ConsoleKey)}</span>
              <div class="muted">${s.email}</div></div>
            ${manage && s.status !== 'removed' && s.id !== this.me?.staff?.id && (s.role !== 'owner' || this.can('staff.owners'))
              ? html`<button type="button" class="danger" aria-label="${t('staff.remove')}: ${s.name}" @click=${() => void this.removeStaff(s)}>${t('staff.remove')}</button>`
              : nothing}
          </li>`,
        )}
      </ul>`)}
      ${manage
        ? html`<h3>${t('staff.invite')}</h3>
            <form class="card" @submit=${this.invite}>
              <div class="inline">
                <div><label for="staff-name">${t('staff.name')}</label><input id="staff-name" name="name" required maxlength="100" /></div>
                <div><label for="staff-email">${t('staff.email')}</label><input id="staff-email" name="email" type="email" required /></div>
              </div>
              <div class="inline">
                <div><label for="staff-role">${t('staff.role')}</label><select id="staff-role" name="role">${roles.map((r) => html`<option value=${r} ?selected=${r === 'admin'}>${t(`role.${r}`)}</option>`)}</select></div>
                <div><label for="staff-locale">${t('staff.locale')}</label><select id="staff-locale" name="locale"><option value="ja">日本語</option><option value="en">English</option></select></div>
              </div>
              <p><button type="submit">${t('staff.invite')}</button></p>
            </form>`
        : nothing}`;
  }
}
