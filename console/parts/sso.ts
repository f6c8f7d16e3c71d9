import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderTask } from '../../widgets/core/states.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { ssoMessages, type SsoKey } from './sso.messages.js';

interface SsoStatus {
  configured: boolean;
  createdAt: string | null;
  audience: string;
}
interface Tenant {
  defaultLocale: 'ja' | 'en';
  eventReminderHours: number;
  feedFirstPostApproval: boolean;
}

/**
 * Settings the main form lacks: the SSO signing secret (whether set; create or rotate — shown once,
 * to copy; turn off) and the tenant's default language, event reminder and first-post approval.
 */
@customElement('alumni-console-sso')
export class ConsoleSso extends LitElement {
  static override styles = [
    pageStyles,
    css`
      input.check {
        width: auto;
        margin: 0 6px 0 0;
      }
      label.check-label {
        display: inline;
      }
    `,
  ];
  private locale = new LocaleController(this, ssoMessages);
  @state() private secret?: string;
  @state() private confirming?: 'rotate' | 'off';
  @state() private notice?: string;
  @state() private problem?: string;
  private status = new Task(this, {
    task: async (_a, { signal }) => {
      const [sso, tenant] = await Promise.all([
        consoleApi.get<SsoStatus>('/v1/admin/sso', { auth: 'session', signal }),
        consoleApi.get<Tenant>('/v1/admin/tenant', { auth: 'session', signal }),
      ]);
      return { sso, tenant };
    },
    args: () => [],
  });

  private t(key: SsoKey, vars?: Record<string, string>) {
    return this.locale.t(key, vars);
  }

  private async rotate() {
    this.problem = this.notice = undefined;
    this.confirming = undefined;
    try {
      this.secret = (await consoleApi.post<{ secret: string }>('/v1/admin/sso/secret', undefined, { auth: 'session' })).secret;
      void this.status.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private async turnOff() {
    this.problem = this.notice = undefined;
    this.confirming = undefined;
    try {
      await consoleApi.delete('/v1/admin/sso/secret', { auth: 'session' });
      this.secret = undefined;
      this.notice = this.t('sso.turnedOff');
      void this.status.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private async copy() {
    if (!this.secret) return;
    await navigator.clipboard?.writeText(this.secret).catch(() => undefined);
    this.notice = this.t('sso.copied');
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    this.problem = this.notice = undefined;
    try {
      await consoleApi.patch(
        '/v1/admin/tenant',
        { defaultLocale: f.get('defaultLocale'), eventReminderHours: Number(f.get('eventReminderHours') ?? 0), feedFirstPostApproval: f.get('feedFirstPostApproval') === 'on' },
        { auth: 'session' },
      );
      this.notice = this.t('more.saved');
      void this.status.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  override render() {
    const t = this.t.bind(this);
    return html`${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.status, this.locale, ({ sso, tenant }) => html`
        <h3>${t('more.heading')}</h3>
        <form class="card" @submit=${this.save} data-more-settings>
          <label for="default-locale">${t('more.locale')}</label>
          <select id="default-locale" name="defaultLocale">${(['ja', 'en'] as const).map((l) => html`<option value=${l} ?selected=${tenant.defaultLocale === l}>${t(`lang.${l}`)}</option>`)}</select>
          <label for="reminder-hours">${t('more.reminder')}</label>
          <input id="reminder-hours" name="eventReminderHours" type="number" min="0" max="336" required .value=${String(tenant.eventReminderHours)} />
          <p><input id="first-post" name="feedFirstPostApproval" type="checkbox" class="check" ?checked=${tenant.feedFirstPostApproval} /> <label for="first-post" class="check-label">${t('more.firstPost')}</label></p>
          <p><button type="submit">${t('more.save')}</button></p>
        </form>
        <h3>${t('sso.heading')}</h3>
        <div class="card" data-sso>
          <p class="muted">${t('sso.help', { audience: sso.audience })}</p>
          <p data-sso-status>${sso.configured ? t('sso.configured', { when: sso.createdAt ? this.locale.dateTime(sso.createdAt) : '' }) : t('sso.notConfigured')}</p>
          ${this.secret
            ? html`<label for="sso-secret">${t('sso.secret')}</label>
                <input id="sso-secret" readonly .value=${this.secret} data-sso-secret />
                <p><button type="button" class="secondary" @click=${() => void this.copy()}>${t('sso.copy')}</button></p>`
            : nothing}
          ${this.confirming
            ? html`<div role="alertdialog" aria-labelledby="sso-confirm">
                <p id="sso-confirm">${t(this.confirming === 'rotate' ? 'sso.confirmRotate' : 'sso.confirmOff')}</p>
                <p class="actions">
                  <button type="button" class="danger" @click=${() => void (this.confirming === 'rotate' ? this.rotate() : this.turnOff())}>${t(this.confirming === 'rotate' ? 'sso.confirm' : 'sso.confirmOffButton')}</button>
                  <button type="button" class="secondary" @click=${() => (this.confirming = undefined)}>${t('sso.cancel')}</button>
                </p>
              </div>`
            : html`<p class="actions">
                <button type="button" @click=${() => (sso.configured ? (this.confirming = 'rotate') : void this.rotate())}>${sso.configured ? t('sso.rotate') : t('sso.create')}</button>
                ${sso.configured ? html`<button type="button" class="danger" @click=${() => (this.confirming = 'off')}>${t('sso.off')}</button>` : nothing}
              </p>`}
        </div>`)}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-sso': ConsoleSso;
  }
}
