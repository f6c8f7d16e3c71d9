import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { LocaleController } from '../../widgets/core/controllers.js';
import { consoleApi, consoleSession } from '../api.js';
import { consoleMessages } from '../console.messages.js';
import { pageStyles } from '../console.styles.js';

const EMAIL_KEY = 'homecoming:console:email';

/**
 * Email → code → session. The address waits in sessionStorage while the code is on its way (a reload
 * keeps the code step); the invitation's link fills it in (`?email=`).
 *
 * @fires alumni-console-signed-in - once the staff session is stored
 */
@customElement('alumni-console-sign-in')
export class ConsoleSignIn extends LitElement {
  static override styles = pageStyles;
  private locale = new LocaleController(this, consoleMessages);
  @state() private email = new URLSearchParams(location.search).get('email') ?? '';
  @state() private step: 'email' | 'code' = sessionStorage.getItem(EMAIL_KEY) ? 'code' : 'email';
  @state() private busy = false;
  @state() private problem?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    this.email = sessionStorage.getItem(EMAIL_KEY) ?? this.email;
  }

  private async send(e: SubmitEvent) {
    e.preventDefault();
    const email = String(new FormData(e.target as HTMLFormElement).get('email') ?? '').trim();
    await this.run(async () => {
      await consoleApi.post('/v1/staff/auth/email/start', { email }, { auth: 'none' });
      this.email = email;
      sessionStorage.setItem(EMAIL_KEY, email);
      this.step = 'code';
    });
    if (this.step === 'code') await this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('input[name=code]')?.focus());
  }

  private async verify(e: SubmitEvent) {
    e.preventDefault();
    const code = String(new FormData(e.target as HTMLFormElement).get('code') ?? '');
    await this.run(async () => {
      const res = await consoleApi.post<{ token: string; staff: { id: string; name: string; email: string } }>(
        '/v1/staff/auth/email/verify',
        { email: this.email, code },
        { auth: 'none' },
      );
      sessionStorage.removeItem(EMAIL_KEY);
      consoleSession.set({ token: res.token, member: res.staff });
      this.dispatchEvent(new CustomEvent('alumni-console-signed-in', { bubbles: true, composed: true }));
    });
  }

  private async run(fn: () => Promise<void>) {
    this.busy = true;
    this.problem = undefined;
    try {
      await fn();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    } finally {
      this.busy = false;
    }
  }

  private restart() {
    sessionStorage.removeItem(EMAIL_KEY);
    this.step = 'email';
    this.problem = undefined;
  }

  override render() {
    const t = (k: Parameters<typeof this.locale.t>[0], v?: Record<string, string>) => this.locale.t(k, v);
    const problem = this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing;
    if (this.step === 'email') {
      return html`<div class="card">
        <h2>${t('signIn.heading')}</h2>
        <p class="muted">${t('signIn.help')}</p>
        <form @submit=${this.send}>
          <label for="email">${t('signIn.email')}</label>
          <input id="email" name="email" type="email" autocomplete="email" required .value=${this.email} />
          ${problem}
          <p><button type="submit" ?disabled=${this.busy}>${t('signIn.sendCode')}</button></p>
        </form>
      </div>`;
    }
    return html`<div class="card">
      <h2>${t('signIn.heading')}</h2>
      <p class="notice" role="status">${t('signIn.codeSent', { email: this.email })}</p>
      <form @submit=${this.verify}>
        <label for="code">${t('signIn.code')}</label>
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required maxlength="12" />
        ${problem}
        <p class="inline">
          <button type="submit" ?disabled=${this.busy}>${t('signIn.submit')}</button>
          <button type="button" class="secondary" @click=${this.restart}>${t('signIn.otherAddress')}</button>
        </p>
      </form>
    </div>`;
  }
}
