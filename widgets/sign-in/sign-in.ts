import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { Task } from '@lit/task';
import {
  baseStyles,
  ConnectionController,
  emit,
  FocusController,
  HomecomingError,
  LocaleController,
  renderError,
  renderLoading,
  type Session,
} from '../core/index.js';
import { formStyles, type MemberSelf } from '../core/members/index.js';
import { renderButton, renderControl, type FieldsView } from './parts/fields.js';
import { ProfileEditor } from './parts/profile-editor.js';
import { signInMessages, type SignInKey } from './sign-in.messages.js';
import { signInStyles } from './sign-in.styles.js';

export type { MemberSelf } from '../core/members/index.js';

declare global {
  interface HTMLElementTagNameMap {
    'alumni-sign-in': AlumniSignIn;
  }
}

let instances = 0;

/**
 * Sign-in and self-service for alumni: email one-time code (or the host site's SSO token), then the
 * member's own profile with per-field visibility, privacy-policy consent, data export, account
 * deletion and sign-out. Other Homecoming elements on the page follow the session it opens.
 *
 * @tagname alumni-sign-in
 * @summary Sign in with an emailed code or SSO; edit your profile, privacy, and data.
 *
 * @fires alumni-signed-in - A member signed in. `detail: { member }`.
 * @fires alumni-signed-out - The member signed out or deleted the account. `detail: { reason }`.
 *
 * @csspart form - The email, code and profile forms.
 * @csspart input - Text inputs.
 * @csspart notice - Status messages (code sent, saved, signed out).
 * @csspart status - The membership status message (pending, rejected, suspended).
 * @csspart consent - The privacy-policy prompt.
 * @csspart profile - The profile editor.
 * @csspart visibility - Each field's visibility select.
 * @csspart dialog - The delete confirmation dialog.
 * @csspart state - Loading and error blocks.
 * @csspart retry-button - The error state's retry button.
 * @csspart resend-button - Sends a new code.
 * @csspart accept-button - Accepts the privacy policy.
 * @csspart save-button - Saves the profile.
 * @csspart download-button - Downloads my data.
 * @csspart download-link - The link to the downloaded file (a fallback if the download did not start).
 * @csspart delete-button - Opens the delete confirmation.
 * @csspart confirm-delete-button - Deletes the account.
 * @csspart sign-out-button - Signs out.
 * @csspart button - Every button styled as a button.
 *
 * @cssproperty --alumni-color-text - Text color. Default #1f2328.
 * @cssproperty --alumni-color-muted - Secondary text. Default #59636e.
 * @cssproperty --alumni-color-surface - Background. Default #ffffff.
 * @cssproperty --alumni-color-subtle - Notice background. Default #f6f8fa.
 * @cssproperty --alumni-color-border - Borders. Default #d1d9e0.
 * @cssproperty --alumni-color-accent - Links and buttons. Default #0b5cad.
 * @cssproperty --alumni-color-on-accent - Text on the accent color. Default #ffffff.
 * @cssproperty --alumni-color-danger - Errors and the delete button. Default #b42318.
 * @cssproperty --alumni-font-family - Font stack.
 * @cssproperty --alumni-font-size - Base font size. Default 1rem.
 * @cssproperty --alumni-radius - Corner radius. Default 8px.
 * @cssproperty --alumni-space - Spacing unit. Default 8px.
 */
export class AlumniSignIn extends LitElement {
  static override styles = [baseStyles, formStyles, signInStyles];

  // Declared without decorators: the decorator helpers cost bundle bytes on every field.
  static override properties = {
    apiUrl: { attribute: 'api-url' },
    publishableKey: { attribute: 'publishable-key' },
    ssoToken: { attribute: 'sso-token' },
    step: { state: true, attribute: false },
    email: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    error: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    member: { state: true, attribute: false },
    confirmDelete: { state: true, attribute: false },
    downloadUrl: { state: true, attribute: false },
  };

  /** API base URL; default: `<meta name="homecoming:api-url">`, else the origin the bundle came from. */
  declare apiUrl?: string;

  /** Publishable key (`pk_…`); default: `<meta name="homecoming:publishable-key">`. */
  declare publishableKey?: string;

  /**
   * A short-lived JWT from the host site's own login (HS256, the tenant's SSO secret): when set and
   * nobody is signed in, the element exchanges it for a member session. Same as `signInWithSso()`.
   */
  declare ssoToken?: string;

  private step: 'email' | 'code' = 'email';
  private email = '';
  private busy = false;
  private error?: unknown;
  private notice = '';
  /** The member as the API last answered (GET or PATCH /v1/me). */
  private member?: MemberSelf;
  private confirmDelete = false;
  private downloadUrl = '';

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, signInMessages);
  private readonly moveFocus = new FocusController(this);
  private readonly uid = `alumni-si-${++instances}`;
  /** What the form controls read from the element. */
  private readonly fields: FieldsView = {
    uid: this.uid,
    busy: () => this.busy,
    fieldError: (name, ja) => this.fieldError(name, ja),
  };
  private readonly editor = new ProfileEditor(this, {
    fields: this.fields,
    i18n: this.i18n,
    focus: this.moveFocus,
    save: (body) => void this.patch(body),
  });

  private readonly meTask = new Task(this, {
    task: async ([client, token], { signal }) => {
      if (!token) return undefined;
      const member = await client.get<MemberSelf>('/v1/me', { auth: 'session', signal });
      this.useMember(member);
      return member;
    },
    args: () => [this.conn.client, this.conn.token] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ssoToken') && this.ssoToken && !this.conn.signedIn) void this.signInWithSso(this.ssoToken);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  /**
   * Exchanges the host site's SSO token for a member session. Never throws: a refusal is shown in
   * the element. Resolves true when signed in.
   */
  async signInWithSso(token: string): Promise<boolean> {
    return this.call(async () => {
      const session = await this.conn.client.post<Session>('/v1/auth/sso', { token, locale: this.i18n.lang }, { auth: 'key' });
      this.finishSignIn(session);
    });
  }

  private t(key: SignInKey, vars?: Record<string, string | number>): string {
    return this.i18n.t(key, vars);
  }

  /** Runs an action with the busy flag and error capture; resolves true when it succeeded. */
  private async call(action: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.busy = true;
    this.error = undefined;
    this.notice = '';
    try {
      await action();
      return true;
    } catch (error) {
      this.error = error;
      return false;
    } finally {
      this.busy = false;
    }
  }

  private useMember(member: MemberSelf): void {
    this.member = member;
    this.editor.load(member);
    // Other elements read the cached member (e.g. its status); keep it current.
    this.conn.session.updateMember(member as unknown as Session['member']);
  }

  private finishSignIn(session: Session): void {
    this.step = 'email';
    this.email = '';
    this.moveFocus.after('h2');
    this.conn.signIn(session);
  }

  private async startCode(event?: Event): Promise<void> {
    event?.preventDefault();
    const form = this.renderRoot.querySelector<HTMLFormElement>('form');
    if (this.step === 'email') this.email = new FormData(form!).get('email')?.toString().trim() ?? '';
    const ok = await this.call(async () => {
      await this.conn.client.post('/v1/auth/email/start', { email: this.email, locale: this.i18n.lang }, { auth: 'key' });
    });
    if (!ok) return;
    this.step = 'code';
    this.notice = this.t('codeSent', { email: this.email });
    this.moveFocus.after('input');
  }

  private async verify(event: Event): Promise<void> {
    event.preventDefault();
    const code = new FormData(event.currentTarget as HTMLFormElement).get('code')?.toString() ?? '';
    await this.call(async () => {
      const session = await this.conn.client.post<Session>('/v1/auth/email/verify', { email: this.email, code, locale: this.i18n.lang }, { auth: 'key' });
      this.finishSignIn(session);
    });
  }

  private useOtherEmail(): void {
    this.step = 'email';
    this.error = undefined;
    this.notice = '';
    this.moveFocus.after('input');
  }

  private async signOut(message: SignInKey = 'signedOutDone'): Promise<void> {
    await this.conn.signOut();
    this.reset(message);
  }

  private reset(message: SignInKey): void {
    this.editor.clear();
    this.confirmDelete = false;
    this.error = undefined;
    this.member = undefined;
    this.notice = this.t(message);
    this.moveFocus.after('input');
  }

  /** Applies a PATCH /v1/me and shows the answer (the server is the judge of what was stored). */
  private async patch(body: object, showSaved = true): Promise<void> {
    this.editor.saved = false;
    const ok = await this.call(async () => this.useMember(await this.conn.client.patch<MemberSelf>('/v1/me', body, { auth: 'session' })));
    this.editor.saved = ok && showSaved;
    if (!ok) this.moveFocus.after('[aria-invalid="true"]');
  }

  private async download(): Promise<void> {
    await this.call(async () => {
      const response = await this.conn.client.fetch('GET', '/v1/me/export', { auth: 'session' });
      if (this.downloadUrl) URL.revokeObjectURL(this.downloadUrl);
      // A blob: link with `download` saves the file without navigating or needing anything from the page's CSP.
      this.downloadUrl = URL.createObjectURL(await response.blob());
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLAnchorElement>('[part~="download-link"]')?.click();
    });
  }

  private async deleteAccount(): Promise<void> {
    const ok = await this.call(async () => {
      await this.conn.client.delete('/v1/me', { auth: 'session' });
    });
    if (!ok) return;
    this.conn.session.clear();
    emit(this, 'alumni-signed-out', { reason: 'user' });
    this.reset('deleted');
  }

  /** The message for one input: the server's own in English, a fixed sentence in Japanese. */
  private fieldError(name: string, ja: SignInKey = 'invalid'): string | undefined {
    const e = this.error;
    if (!(e instanceof HomecomingError)) return undefined;
    const message = e.fieldErrors.find((f) => f.field === `body.${name}`)?.message;
    return message && (this.i18n.lang === 'en' ? message : this.t(ja));
  }

  /** A general (not field-bound) failure, or '' when there is none or the fields explain it. */
  private generalError(): string {
    const e = this.error;
    if (!e) return '';
    if (e instanceof HomecomingError) {
      if (e.code === 'validation_failed' && e.fieldErrors.length) return this.t('invalid');
      if (e.code === 'forbidden' && this.i18n.lang === 'ja' && !this.conn.signedIn) return this.t('refused');
    }
    return this.i18n.describeError(e);
  }

  protected override render() {
    if (!this.conn.signedIn) return this.renderSignIn();
    return html`<div class="signed-in">
      ${this.meTask.render({
        initial: () => renderLoading(this.i18n),
        pending: () => (this.member ? this.renderMember(this.member) : renderLoading(this.i18n)),
        complete: () => (this.member ? this.renderMember(this.member) : nothing),
        error: (e) => renderError(this.i18n, e, () => void this.meTask.run()),
      })}
    </div>`;
  }

  private renderMessages() {
    return html`<p part="notice" role="status">${this.notice}</p>
      <p class="error" role="alert">${this.generalError()}</p>`;
  }

  private renderSignIn() {
    const t = this.t.bind(this);
    const email = this.step === 'email';
    return html`<h2 tabindex="-1">${t('title')}</h2>
      <p class="muted">${t('intro')}</p>
      <form part="form" class="stack" @submit=${email ? this.startCode : this.verify} novalidate>
        ${email
          ? renderControl(this.fields, 'email', t('email'), this.email, { type: 'email', ac: 'email', ja: 'badEmail' })
          : renderControl(this.fields, 'code', t('code'), '', { ac: 'one-time-code', ja: 'badCode' })}
        <button class="button" part="button" ?disabled=${this.busy}>${t(email ? 'sendCode' : 'verify')}</button>
        ${email
          ? nothing
          : html`<div class="actions">
              ${renderButton(this.fields, t('resend'), () => this.startCode(), 'resend-button')}
              ${renderButton(this.fields, t('otherEmail'), () => this.useOtherEmail())}
            </div>`}
      </form>
      ${this.renderMessages()}`;
  }

  private renderMember(m: MemberSelf) {
    const t = this.t.bind(this);
    const c = m.consent;
    const button = (label: string, click: () => unknown, part = '', kind = 'secondary') => renderButton(this.fields, label, click, part, kind);
    return html`<h2 tabindex="-1">${t('signedInAs', { name: m.profile.name || m.email })}</h2>
      ${m.status !== 'approved' ? html`<p class="box" part="status" role="status">${t(`status_${m.status}`)} ${m.statusReason ?? ''}</p>` : nothing}
      ${c.needed
        ? html`<div class="box" part="consent">
            <p>${t('consentText', { version: c.requiredVersion ?? '' })}</p>
            ${c.policyUrl && /^https?:/.test(c.policyUrl) ? html`<a href=${c.policyUrl} target="_blank" rel="noopener noreferrer">${t('policy')}</a>` : nothing}
            ${button(t('accept'), () => this.patch({ acceptPrivacyPolicyVersion: c.requiredVersion }, false), 'accept-button', '')}
          </div>`
        : nothing}
      ${this.renderMessages()} ${this.editor.render() ?? nothing}
      <div class="actions box">
        ${button(t('download'), () => this.download(), 'download-button')}
        ${button(t('deleteAccount'), () => (this.confirmDelete = true), 'delete-button', 'secondary danger')}
        ${button(this.i18n.t('signOut'), () => this.signOut(), 'sign-out-button')}
        ${this.downloadUrl ? html`<a part="download-link" href=${this.downloadUrl} download="homecoming-${m.id}.json">${t('downloadLink')}</a>` : nothing}
      </div>
      ${this.confirmDelete
        ? html`<dialog part="dialog" aria-labelledby="${this.uid}del" @close=${() => (this.confirmDelete = false)}>
            <p id="${this.uid}del">${t('deleteText')}</p>
            <div class="actions">
              ${button(t('cancel'), () => (this.confirmDelete = false))} ${button(t('deleteConfirm'), () => this.deleteAccount(), 'confirm-delete-button', 'danger')}
            </div>
          </dialog>`
        : nothing}`;
  }
}

// The loader registers the tag with the default export; define.ts does it for direct imports.
export default AlumniSignIn;
