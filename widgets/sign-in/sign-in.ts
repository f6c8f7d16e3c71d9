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
  type SessionMember,
} from '../core/index.js';
import {
  check,
  checkAll,
  formStyles,
  normalizeCode,
  problemFromCode,
  renderAvatar,
  renderButton,
  renderControl,
  type FieldsView,
  type MemberSelf,
  type Problems,
} from '../core/members/index.js';
import { forgetCode, pendingCode, rememberCode } from './parts/pending.js';
import type { ProfileContext, ProfileView } from './parts/profile-view.js';
import { renderWelcome, welcomeInputs } from './parts/welcome.js';
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
 * Sign-in for alumni: an emailed sign-in code (or the host site's SSO token). Once in, the member
 * sees a compact bar (who is signed in, Profile, Sign out) and the page's own elements; a first
 * sign-in without a name asks for the name (and optionally company, title and what they are open to)
 * first. The profile view holds the whole profile with per-field visibility, privacy-policy consent,
 * data export and account deletion; its code loads when it is first opened. Other Homecoming
 * elements on the page follow the session it opens.
 *
 * @tagname alumni-sign-in
 * @summary Sign in with an emailed code or SSO; then your profile, privacy and data in a separate view.
 *
 * @fires alumni-signed-in - A member is in: after the code or SSO token, or after the first-sign-in form for a member who had no name. `detail: { member }`.
 * @fires alumni-signed-out - The member signed out or deleted the account. `detail: { reason }`.
 *
 * @csspart form - The email, code, first-sign-in and profile forms.
 * @csspart welcome - The first-sign-in form.
 * @csspart input - Text inputs.
 * @csspart notice - Status messages (code sent, saved, signed out).
 * @csspart bar - The signed-in bar: avatar, who is signed in, Profile and Sign out.
 * @csspart avatar - The member's photo or initials in the bar.
 * @csspart status - The membership status message (pending, rejected, suspended).
 * @csspart consent - The privacy-policy prompt.
 * @csspart profile - The profile view.
 * @csspart visibility - Each field's visibility select.
 * @csspart dialog - The delete confirmation dialog.
 * @csspart state - Loading and error blocks.
 * @csspart retry-button - The error state's retry button.
 * @csspart resend-button - Sends a new code.
 * @csspart continue-button - Finishes the first-sign-in form.
 * @csspart profile-button - Opens and closes the profile view (aria-expanded).
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
    noHeading: { attribute: 'no-heading', type: Boolean },
    view: { reflect: true },
    step: { state: true, attribute: false },
    email: { state: true, attribute: false },
    busy: { state: true, attribute: false },
    error: { state: true, attribute: false },
    invalid: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    member: { state: true, attribute: false },
    profile: { state: true, attribute: false },
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

  /**
   * Leaves out the element's own title (「サインイン」 / "Sign in") when the page already has a heading
   * for it. The headings of later steps (「ようこそ」, who is signed in) stay: they say where the person is.
   */
  noHeading = false;

  /**
   * What a signed-in member sees: unset, the compact bar; `profile`, the profile view as well (set by
   * the Profile button; a page may set it to open the view, and style by it, e.g. `[view=profile]`).
   */
  declare view?: 'profile';

  private step: 'email' | 'code' = 'email';
  private email = '';
  private busy = false;
  private error?: unknown;
  /** What the checks found wrong, by input name (shown before anything is sent). */
  private invalid: Problems = {};
  private notice = '';
  /** The member as the API last answered (sign-in, GET or PATCH /v1/me). */
  private member?: MemberSelf;
  /** The profile view, once its code has loaded. */
  private profile?: ProfileView;
  private profileLoading?: Promise<void>;
  /** The code last refused, so autosubmit and Enter do not spend two tries on it. */
  private refusedCode = '';

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, signInMessages);
  private readonly moveFocus = new FocusController(this);
  private readonly uid = `alumni-si-${++instances}`;
  /** What the form controls read from the element. */
  private readonly fields: FieldsView = {
    uid: this.uid,
    busy: () => this.busy,
    fieldError: (name, label, ja) => this.fieldError(name, label, ja as SignInKey | undefined),
    requiredMark: () => this.t('required'),
  };

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
    this.profile?.dispose();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated && !this.conn.signedIn) {
      // Back after a reload, or a tab the phone discarded while the person read the mail.
      const email = pendingCode(this.conn.config);
      if (email) this.showCodeStep(email);
    }
    if (changed.has('ssoToken') && this.ssoToken && !this.conn.signedIn) void this.signInWithSso(this.ssoToken);
    if (this.view === 'profile' && this.conn.signedIn && !this.profile) this.profileLoading ??= this.loadProfile();
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
    this.invalid = {};
    this.notice = '';
    try {
      await action();
      return true;
    } catch (error) {
      this.error = error;
      this.moveFocus.after('[aria-invalid="true"]');
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Shows what the checks found (and sends nothing) when they found anything; focus goes to the first. */
  private reject(problems: Problems): boolean {
    // An action is under way (e.g. an autosubmitted code and then Enter): leave its outcome in place.
    if (this.busy) return true;
    this.invalid = problems;
    this.error = undefined;
    if (!Object.keys(problems).length) return false;
    this.moveFocus.after('[aria-invalid="true"]');
    return true;
  }

  private useMember(member: MemberSelf): void {
    this.member = member;
    this.profile?.load(member);
    // Other elements read the cached member (its status, consent, name); keep it current.
    this.conn.session.updateMember(member as unknown as SessionMember);
  }

  private finishSignIn(session: Session): void {
    const member = session.member as unknown as MemberSelf;
    forgetCode(this.conn.config);
    this.step = 'email';
    this.email = '';
    this.member = member;
    if (member.profile?.name.trim() === '') {
      // In, but not yet recognisable: the welcome form comes first, and the event after it.
      this.conn.session.set(session);
      this.moveFocus.after('[name="name"]');
    } else {
      this.conn.signIn(session);
      this.landed();
    }
  }

  private showCodeStep(email: string): void {
    this.step = 'code';
    this.email = email;
    this.notice = this.t('codeSent', { email });
  }

  private async startCode(event?: Event): Promise<void> {
    event?.preventDefault();
    if (this.step === 'email') {
      const typed = this.renderRoot.querySelector<HTMLInputElement>('[name="email"]')?.value ?? '';
      const problem = check(typed, { req: true, kind: 'email' });
      if (this.reject(problem ? { email: problem } : {})) return;
      this.email = typed.trim();
    }
    const ok = await this.call(async () => {
      await this.conn.client.post('/v1/auth/email/start', { email: this.email, locale: this.i18n.lang }, { auth: 'key' });
    });
    if (!ok) return;
    rememberCode(this.conn.config, this.email);
    this.showCodeStep(this.email);
    this.refusedCode = '';
    this.moveFocus.after('[name="code"]');
  }

  /** A complete code (six digits, however typed) is sent at once, as phones fill it in from the mail. */
  private codeTyped(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.name !== 'code') return;
    const code = normalizeCode(input.value);
    if (/^\d{6}$/.test(code) && code !== this.refusedCode) input.form?.requestSubmit();
  }

  private async verify(event: Event): Promise<void> {
    event.preventDefault();
    const typed = new FormData(event.currentTarget as HTMLFormElement).get('code')?.toString() ?? '';
    const problem = check(typed, { req: true, kind: 'code' });
    const code = normalizeCode(typed);
    // The code just refused stays refused (its message stays too): sending it again would spend a try.
    if (code === this.refusedCode || this.reject(problem ? { code: problem } : {})) return;
    const ok = await this.call(async () => {
      const session = await this.conn.client.post<Session>('/v1/auth/email/verify', { email: this.email, code, locale: this.i18n.lang }, { auth: 'key' });
      this.finishSignIn(session);
    });
    if (!ok && this.fieldError('code', '')) this.refusedCode = code;
  }

  private useOtherEmail(): void {
    forgetCode(this.conn.config);
    this.step = 'email';
    this.error = undefined;
    this.invalid = {};
    this.notice = '';
    this.moveFocus.after('[name="email"]');
  }

  /** The first-sign-in form: checks, saves, and lets the member in (the event fires now). */
  private async welcome(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => data.get(name)?.toString() ?? '';
    if (this.reject(checkAll(welcomeInputs.map(([name, rule]) => [name, value(name), rule])))) return;
    const accept = data.get('accept') ? { acceptPrivacyPolicyVersion: this.member?.consent.requiredVersion } : {};
    const body = { ...Object.fromEntries(welcomeInputs.map(([name]) => [name, value(name).trim()])), openTo: data.getAll('openTo'), ...accept };
    const ok = await this.call(async () => this.useMember(await this.conn.client.patch<MemberSelf>('/v1/me', body, { auth: 'session' })));
    if (!ok) return;
    emit(this, 'alumni-signed-in', { member: this.member as unknown as SessionMember });
    this.landed();
  }

  /**
   * Signed in: the tall form became a one-line bar. The bar goes to the top of the screen (below a
   * sticky header when the page sets scroll-padding-top), so what follows it on the page — what the
   * member came for — is in view; focus goes to who is signed in.
   */
  private landed(): void {
    this.moveFocus.after(
      () => {
        const who = this.renderRoot.querySelector<HTMLElement>('.who');
        who?.parentElement?.scrollIntoView({ block: 'start' });
        return who;
      },
      { preventScroll: true },
    );
  }

  private async signOut(): Promise<void> {
    await this.conn.signOut();
    this.reset(this.t('signedOutDone'));
  }

  /** Back to the email step after signing out or deleting the account, saying so. */
  private reset(notice: string): void {
    this.profile?.dispose();
    this.profile = undefined;
    this.profileLoading = undefined;
    this.view = undefined;
    this.error = undefined;
    this.invalid = {};
    this.member = undefined;
    this.notice = notice;
    this.moveFocus.after('[name="email"]');
  }

  /** Loads the profile view's code (its own chunk: most visits never open it). */
  private async loadProfile(): Promise<void> {
    try {
      const { ProfileView } = await import('./parts/profile-view.js');
      this.profile = new ProfileView(this, this.profileContext());
      if (this.member) this.profile.load(this.member);
    } catch (error) {
      this.error = error;
    } finally {
      this.profileLoading = undefined;
      this.requestUpdate();
    }
  }

  private profileContext(): ProfileContext {
    return {
      fields: this.fields,
      i18n: this.i18n,
      focus: this.moveFocus,
      client: () => this.conn.client,
      member: () => this.member,
      busy: () => this.busy,
      call: (action) => this.call(action),
      reject: (problems) => this.reject(problems),
      useMember: (member) => this.useMember(member),
      deleted: (notice) => {
        this.conn.session.clear();
        emit(this, 'alumni-signed-out', { reason: 'user' });
        this.reset(notice);
      },
    };
  }

  /** The message for one input: the checks' own, else the API's (in Japanese: the field named, or `ja`). */
  private fieldError(name: string, label: string, ja?: SignInKey): string | undefined {
    const problem = this.invalid[name];
    if (problem) return this.t(problem[0] as SignInKey, { field: label, ...problem[1] });
    const e = this.error;
    if (!(e instanceof HomecomingError)) return undefined;
    const found = e.fieldErrors.find((f) => f.field === `body.${name}` || f.field.startsWith(`body.${name}.`));
    if (!found) return undefined;
    // The API's code says what is wrong, so the person reads it in their language.
    const known = problemFromCode(found.code, found.params);
    if (known) return this.t(known[0] as SignInKey, { field: label, ...known[1] });
    return this.i18n.lang === 'en' ? found.message : this.t(ja ?? 'e.check', { field: label });
  }

  /** A general (not field-bound) failure, or the summary when fields explain it; '' when there is none. */
  private generalError(): string {
    const e = this.error;
    if (Object.keys(this.invalid).length) return this.t('invalid');
    if (!e) return '';
    if (e instanceof HomecomingError) {
      if (e.code === 'validation_failed' && e.fieldErrors.length) return this.t('invalid');
      if (e.code === 'forbidden' && this.i18n.lang === 'ja' && !this.conn.signedIn) return this.t('refused');
    }
    return this.i18n.describeError(e);
  }

  protected override render() {
    if (!this.conn.signedIn) return this.renderSignIn();
    // The member the session holds shows at once (no loading flash on every page); GET /v1/me refreshes it.
    const cached = this.conn.member as Partial<MemberSelf> | undefined;
    const m = this.member ?? (cached?.profile && cached.consent ? (cached as MemberSelf) : undefined);
    if (!m) {
      return this.meTask.render({
        initial: () => renderLoading(this.i18n),
        pending: () => renderLoading(this.i18n),
        error: (e) => renderError(this.i18n, e, () => void this.meTask.run()),
      });
    }
    if (!m.profile.name.trim()) {
      return html`${renderWelcome(this.fields, this.i18n, m, { submit: (e) => void this.welcome(e), alert: this.generalError() })}
      ${this.renderStatus(m)}`;
    }
    return html`${this.renderBar(m)} ${this.renderStatus(m)} ${this.view === 'profile' ? this.renderProfile() : nothing}`;
  }

  private renderSignIn() {
    const t = this.t.bind(this);
    const email = this.step === 'email';
    const sent = `${this.uid}-sent`;
    return html`${this.noHeading ? nothing : html`<h2 tabindex="-1">${t('title')}</h2>`}
      ${email ? html`<p class="muted">${t('intro')}</p>` : nothing}
      <form part="form" class="stack" @submit=${email ? this.startCode : this.verify} @input=${this.codeTyped} novalidate>
        ${email
          ? renderControl(this.fields, 'email', t('email'), this.email, { type: 'email', ac: 'email', ja: 'badEmail' })
          : html`<p part="notice" class="box" role="status" id=${sent}>${this.notice}</p>
              ${renderControl(this.fields, 'code', t('code'), '', { ac: 'one-time-code', mode: 'numeric', ja: 'badCode', describedBy: sent })}`}
        <p class="error" role="alert">${this.generalError()}</p>
        <button class="button" part="button" ?disabled=${this.busy}>${t(email ? 'sendCode' : 'verify')}</button>
        ${email
          ? nothing
          : html`<div class="actions">
              ${renderButton(this.fields, t('resend'), () => this.startCode(), 'resend-button')}
              ${renderButton(this.fields, t('otherEmail'), () => this.useOtherEmail())}
            </div>`}
      </form>
      ${email && this.notice ? html`<p part="notice" role="status">${this.notice}</p>` : nothing}`;
  }

  /** Who is signed in, with Profile and Sign out; the membership status under it when not approved. */
  private renderBar(m: MemberSelf) {
    const open = this.view === 'profile';
    const who = this.t('signedInAs', { name: m.profile.name });
    return html`<div class="bar" part="bar">
        ${renderAvatar(m.profile)}
        <h2 class="who" tabindex="-1">${who}</h2>
        <div class="actions">
          <button type="button" class="button secondary" part="button profile-button" aria-expanded=${open ? 'true' : 'false'}
            aria-controls=${open ? `${this.uid}-profile` : nothing} @click=${() => (this.view = open ? undefined : 'profile')}>
            <span aria-hidden="true">${open ? '▾' : '▸'}</span>${this.t('profile')}</button>
          ${renderButton(this.fields, this.i18n.t('signOut'), () => this.signOut(), 'sign-out-button')}
        </div>
      </div>`;
  }

  /** The membership status, when it is not (yet) approved. */
  private renderStatus(m: MemberSelf) {
    return m.status !== 'approved' ? html`<p class="box" part="status" role="status">${this.t(`status_${m.status}`)} ${m.statusReason ?? ''}</p>` : nothing;
  }

  private renderProfile() {
    const body = this.profile
      ? this.profile.render(this.generalError())
      : this.profileLoading
        ? renderLoading(this.i18n)
        : renderError(this.i18n, this.error, () => this.requestUpdate());
    return html`<section class="profile" part="profile" id="${this.uid}-profile" aria-label=${this.t('profile')}>${body}</section>`;
  }
}

// The loader registers the tag with the default export; define.ts does it for direct imports.
export default AlumniSignIn;
