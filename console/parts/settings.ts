import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderTask } from '../../widgets/core/states.js';
import { consoleApi } from '../api.js';
import { consoleMessages, type ConsoleKey } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';
import './keys.js';
import './sso.js';

interface Tenant {
  name: string;
  allowedOrigins: string[];
  membershipPolicy: 'roster' | 'roster_then_approval' | 'open';
  privacyPolicyUrl: string | null;
  privacyPolicyVersion: string | null;
  alumniPageUrl: string | null;
  contactEmails: string[];
}

const lines = (v: FormDataEntryValue | null) => String(v ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
const orNull = (v: FormDataEntryValue | null) => String(v ?? '').trim() || null;

/** The tenant's settings, its keys (shown once when made) and the embed snippet to copy. */
@customElement('alumni-console-settings')
export class ConsoleSettings extends LitElement {
  static override styles = pageStyles;
  @property({ attribute: false }) canManageKeys = false;
  private locale = new LocaleController(this, consoleMessages);
  @state() private notice?: string;
  @state() private problem?: string;
  @state() private publishable?: string;
  private task = new Task(this, {
    task: async (_a, { signal }) => consoleApi.get<Tenant>('/v1/admin/tenant', { auth: 'session', signal }),
    args: () => [],
  });

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    this.notice = this.problem = undefined;
    try {
      await consoleApi.patch('/v1/admin/tenant', {
        name: String(f.get('name') ?? '').trim(),
        allowedOrigins: lines(f.get('origins')),
        membershipPolicy: f.get('policy'),
        privacyPolicyUrl: orNull(f.get('privacyUrl')),
        privacyPolicyVersion: orNull(f.get('privacyVersion')),
        alumniPageUrl: orNull(f.get('alumniPage')),
        contactEmails: lines(f.get('contacts')),
      }, { auth: 'session' });
      this.notice = this.locale.t('settings.saved');
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private snippet() {
    return `<!-- Homecoming: once per page, in <head> -->\n<meta name="homecoming:publishable-key" content="${this.publishable ?? 'pk_…'}">\n<script type="module" src="${location.origin}/widgets/homecoming.js"></script>`;
  }

  private async copy() {
    await navigator.clipboard?.writeText(this.snippet()).catch(() => undefined);
    this.notice = this.locale.t('settings.copied');
  }

  override render() {
    const t = (k: ConsoleKey) => this.locale.t(k);
    return html`<h2>${t('settings.heading')}</h2>
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.task, this.locale, (tenant) => html`<form class="card" @submit=${this.save}>
        <label for="name">${t('settings.name')}</label><input id="name" name="name" required maxlength="200" .value=${tenant.name} />
        <label for="origins">${t('settings.origins')}</label><textarea id="origins" name="origins" .value=${tenant.allowedOrigins.join('\n')}></textarea>
        <label for="policy">${t('settings.policy')}</label>
        <select id="policy" name="policy">
          ${(['roster', 'roster_then_approval', 'open'] as const).map((p) => html`<option value=${p} ?selected=${tenant.membershipPolicy === p}>${t(`policy.${p}`)}</option>`)}
        </select>
        <label for="privacyUrl">${t('settings.privacyUrl')}</label><input id="privacyUrl" name="privacyUrl" type="url" .value=${tenant.privacyPolicyUrl ?? ''} />
        <label for="privacyVersion">${t('settings.privacyVersion')}</label><input id="privacyVersion" name="privacyVersion" maxlength="50" .value=${tenant.privacyPolicyVersion ?? ''} />
        <label for="alumniPage">${t('settings.alumniPage')}</label><input id="alumniPage" name="alumniPage" type="url" .value=${tenant.alumniPageUrl ?? ''} />
        <label for="contacts">${t('settings.contacts')}</label><textarea id="contacts" name="contacts" .value=${tenant.contactEmails.join('\n')}></textarea>
        <p><button type="submit">${t('settings.save')}</button></p>
      </form>`)}
      <alumni-console-sso></alumni-console-sso>
      ${this.canManageKeys ? html`<alumni-console-keys @alumni-console-key-created=${(e: CustomEvent<{ key: string }>) => (this.publishable = e.detail.key.startsWith('pk_') ? e.detail.key : this.publishable)}></alumni-console-keys>` : nothing}
      <h3>${t('settings.snippet')}</h3>
      <div class="card">
        <p class="muted">${t('settings.snippetHelp')}</p>
        <pre data-snippet>${this.snippet()}</pre>
        <button type="button" class="secondary" @click=${() => void this.copy()}>${t('settings.copy')}</button>
      </div>`;
  }
}
