import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderTask } from '../../widgets/core/states.js';
import { consoleApi } from '../api.js';
import { consoleMessages, type ConsoleKey } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';

interface Key {
  id: string;
  kind: 'publishable' | 'secret';
  label: string;
  preview: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/**
 * The tenant's API keys: create (the key is shown here once, then only its preview), revoke.
 *
 * @fires alumni-console-key-created - with `{ key }`, the new key, once
 */
@customElement('alumni-console-keys')
export class ConsoleKeys extends LitElement {
  static override styles = pageStyles;
  private locale = new LocaleController(this, consoleMessages);
  @state() private created?: string;
  @state() private problem?: string;
  private task = new Task(this, {
    task: async (_a, { signal }) => consoleApi.get<{ data: Key[] }>('/v1/admin/keys', { auth: 'session', signal }),
    args: () => [],
  });

  private async create(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    this.problem = undefined;
    try {
      const res = await consoleApi.post<{ key: string }>('/v1/admin/keys', { kind: f.get('kind'), label: String(f.get('label') ?? '').trim() || undefined }, { auth: 'session' });
      this.created = res.key;
      this.dispatchEvent(new CustomEvent('alumni-console-key-created', { detail: { key: res.key }, bubbles: true, composed: true }));
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private async revoke(k: Key) {
    try {
      await consoleApi.delete(`/v1/admin/keys/${k.id}`, { auth: 'session' });
      void this.task.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  override render() {
    const t = (k: ConsoleKey) => this.locale.t(k);
    return html`<h3>${t('keys.heading')}</h3>
      ${this.created ? html`<div class="notice" role="status"><p>${t('keys.shownOnce')}</p><pre data-new-key>${this.created}</pre></div>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${renderTask(this.task, this.locale, (page) => html`<ul class="rows" aria-label=${t('keys.heading')}>
        ${page.data.map(
          (k) => html`<li>
            <div class="grow"><code>${k.preview}</code> ${k.label} <span class="badge">${t(k.kind === 'secret' ? 'keys.secret' : 'keys.publishable')}</span>
              <div class="muted">${k.lastUsedAt ? html`${t('keys.lastUsed')}: ${this.locale.dateTime(k.lastUsedAt)}` : nothing}</div></div>
            ${k.revokedAt ? html`<span class="badge">${t('keys.revoked')}</span>` : html`<button type="button" class="danger" @click=${() => void this.revoke(k)}>${t('keys.revoke')}</button>`}
          </li>`,
        )}
      </ul>`)}
      <form class="inline card" @submit=${this.create}>
        <div><label for="kind">${t('keys.kind')}</label><select id="kind" name="kind"><option value="publishable">${t('keys.publishable')}</option><option value="secret">${t('keys.secret')}</option></select></div>
        <div><label for="label">${t('keys.label')}</label><input id="label" name="label" maxlength="100" /></div>
        <button type="submit">${t('keys.create')}</button>
      </form>`;
  }
}
