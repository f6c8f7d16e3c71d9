import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { Task } from '@lit/task';
import {
  baseStyles,
  ConnectionController,
  defineElement,
  defineMessages,
  emit,
  HomecomingError,
  LocaleController,
  renderError,
  renderLoading,
  type Session,
} from '../core/index.js';
import { formStyles } from '../member-directory/member-directory.styles.js';
import { openToFlags, profileMessages, type Profile, type ProfileField } from '../member-directory/profile.js';
import { signInStyles } from './sign-in.styles.js';

type Visibility = 'members' | 'company' | 'nobody';

/** The signed-in member as GET /v1/me returns it. */
export interface MemberSelf {
  id: string;
  email: string;
  kind: 'alumni' | 'employee';
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  statusReason: string | null;
  locale: 'ja' | 'en';
  profile: Profile;
  visibility: Record<ProfileField, Visibility>;
  unlisted: boolean;
  allowReplies: boolean;
  consent: { requiredVersion: string | null; acceptedVersion: string | null; needed: boolean; policyUrl: string | null };
  createdAt: string;
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-sign-in': AlumniSignIn;
  }
}

const messages = defineMessages({
  ja: {
    ...profileMessages.ja,
    title: 'ログイン・登録',
    intro: 'メールに届く6桁のコードでログインします。初めての方はそのまま登録されます。',
    email: 'メールアドレス',
    sendCode: 'コードを送る',
    code: '確認コード（6桁）',
    codeSent: '{email} にコードを送りました。',
    verify: 'ログイン',
    resend: 'コードを再送',
    otherEmail: '別のアドレスを使う',
    badEmail: '正しいメールアドレスを入力してください。',
    badCode: 'コードが違うか期限切れです。再入力するか、再送してください。',
    refused: 'このアドレスではログインできません。在籍時のアドレスで試すか、会社にお問い合わせください。',
    signedInAs: '{name} さんとしてログイン中',
    signedOutDone: 'ログアウトしました。',
    status_pending: '登録は承認待ちです。承認されるとメールでお知らせします。それまで名簿は使えませんが、プロフィールは入力できます。',
    status_rejected: '登録は承認されませんでした。',
    status_suspended: '登録は停止されています。',
    consentText: 'プライバシーポリシー（版 {version}）への同意が必要です。',
    policy: 'ポリシーを読む',
    accept: '同意する',
    profile: 'プロフィール',
    profileHint: '項目ごとに公開範囲を選べます。氏名は常にメンバーに表示されます。',
    visibility: '{field}の公開範囲',
    'v.members': 'メンバー',
    'v.company': '会社のみ',
    'v.nobody': '非公開',
    listHint: 'カンマ区切り',
    department: '部署',
    jobTitle: '役職',
    from: '開始（例 2019-04）',
    to: '終了',
    linkLabel: '表示名',
    url: 'URL',
    add: '追加',
    remove: '削除',
    settings: '公開設定',
    unlisted: '名簿に表示しない',
    allowReplies: 'メッセージの相手がわたしのアドレスに返信できる',
    mailLang: 'メールの言語',
    save: '保存',
    saved: '保存しました。',
    invalid: '入力内容を確認してください。',
    download: 'データをダウンロード',
    downloadLink: 'ダウンロードが始まらない場合はこちら',
    deleteAccount: '退会する',
    deleteText: '退会すると、プロフィールと登録情報はすべて削除され、元に戻せません。退会しますか？',
    deleteConfirm: '削除する',
    cancel: 'キャンセル',
    deleted: '退会しました。',
  },
  en: {
    ...profileMessages.en,
    title: 'Sign in or join',
    intro: 'Sign in with a 6-digit code sent to your email. New here? This also signs you up.',
    email: 'Email',
    sendCode: 'Send code',
    code: 'Code (6 digits)',
    codeSent: 'We sent a code to {email}.',
    verify: 'Sign in',
    resend: 'Send a new code',
    otherEmail: 'Use another email',
    badEmail: 'Please enter a valid email address.',
    badCode: 'Wrong or expired code. Try again or send a new one.',
    refused: 'This address cannot sign in here. Try the one you used at the company, or contact the company.',
    signedInAs: 'Signed in as {name}',
    signedOutDone: 'You are signed out.',
    status_pending: 'Your membership awaits approval; we will email you. Until then the directory is closed, but you can fill in your profile.',
    status_rejected: 'Your membership was not approved.',
    status_suspended: 'Your membership is suspended.',
    consentText: 'Please accept the privacy policy (version {version}).',
    policy: 'Read the policy',
    accept: 'Accept',
    profile: 'Profile',
    profileHint: 'Choose who sees each field. Members always see your name.',
    visibility: 'Who sees {field}',
    'v.members': 'Members',
    'v.company': 'Only the company',
    'v.nobody': 'Nobody',
    listHint: 'Comma-separated',
    department: 'Department',
    jobTitle: 'Title',
    from: 'From (e.g. 2019-04)',
    to: 'To',
    linkLabel: 'Label',
    url: 'URL',
    add: 'Add',
    remove: 'Remove',
    settings: 'Privacy',
    unlisted: 'Hide me from the directory',
    allowReplies: 'People I message may reply to my email',
    mailLang: 'Email language',
    save: 'Save',
    saved: 'Saved.',
    invalid: 'Please check what you entered.',
    download: 'Download my data',
    downloadLink: 'If the download did not start, use this link',
    deleteAccount: 'Delete my account',
    deleteText: 'Your profile and membership will be deleted for good. Delete your account?',
    deleteConfirm: 'Delete',
    cancel: 'Cancel',
    deleted: 'Your account was deleted.',
  },
});

type Key = keyof typeof messages.ja;
type Row = Record<string, string>;

/** The profile as the form edits it: text where people type, converted back when saving. */
interface Draft {
  [field: string]: unknown;
  career: Row[];
  links: Row[];
  openTo: string[];
  visibility: Record<string, string>;
  unlisted: boolean;
  allowReplies: boolean;
  locale: string;
}

const lines = ['nameKana', 'lastDepartment', 'lastTitle', 'currentCompany', 'currentTitle', 'location'] as const;
const lists = ['skills', 'qualifications', 'interests'] as const;
const careerCols = [['department', 'department'], ['title', 'jobTitle'], ['from', 'from'], ['to', 'to']] as const;
const linkCols = [['label', 'linkLabel'], ['url', 'url']] as const;
const levels = ['members', 'company', 'nobody'] as const;
let instances = 0;

const splitList = (value: unknown) =>
  String(value ?? '')
    .split(/[,、，\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

function toDraft(m: MemberSelf): Draft {
  const p = m.profile;
  return {
    ...p,
    photoUrl: p.photoUrl ?? '',
    joinedYear: p.joinedYear?.toString() ?? '',
    leftYear: p.leftYear?.toString() ?? '',
    ...Object.fromEntries(lists.map((f) => [f, p[f].join(', ')])),
    career: p.career.map((c) => ({ department: c.department, title: c.title ?? '', from: c.from ?? '', to: c.to ?? '' })),
    links: p.links.map((l) => ({ ...l })),
    openTo: [...p.openTo],
    visibility: { ...m.visibility },
    unlisted: m.unlisted,
    allowReplies: m.allowReplies,
    locale: m.locale,
  };
}

/** The PATCH /v1/me body for a draft: empty rows dropped, empty optional values left out. */
function toPatch(d: Draft) {
  const str = (v: unknown) => String(v ?? '').trim();
  const year = (v: unknown) => (str(v) ? Number(str(v)) : null);
  const rows = (list: Row[]) =>
    list
      .map((r) => Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : []))))
      .filter((r) => Object.keys(r).length);
  return {
    name: str(d.name),
    ...Object.fromEntries(lines.map((f) => [f, str(d[f])])),
    ...Object.fromEntries(lists.map((f) => [f, splitList(d[f])])),
    photoUrl: str(d.photoUrl) || null,
    joinedYear: year(d.joinedYear),
    leftYear: year(d.leftYear),
    bio: str(d.bio),
    career: rows(d.career),
    links: rows(d.links),
    openTo: d.openTo,
    visibility: d.visibility,
    unlisted: d.unlisted,
    allowReplies: d.allowReplies,
    locale: d.locale,
  };
}

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
    draft: { state: true, attribute: false },
    saved: { state: true, attribute: false },
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
  private draft?: Draft;
  private saved = false;
  private confirmDelete = false;
  private downloadUrl = '';

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, messages);
  private readonly uid = `alumni-si-${++instances}`;
  private focusAfterRender?: string;

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
    const target = this.focusAfterRender && this.renderRoot.querySelector<HTMLElement>(this.focusAfterRender);
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
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

  /** Moves focus to `selector` once it is rendered (now, or after the next update). */
  private focusOn(selector: string): void {
    this.focusAfterRender = selector;
    this.requestUpdate();
  }

  private t(key: Key, vars?: Record<string, string | number>): string {
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
    this.draft = toDraft(member);
    // Other elements read the cached member (e.g. its status); keep it current.
    this.conn.session.updateMember(member as unknown as Session['member']);
  }

  private finishSignIn(session: Session): void {
    this.step = 'email';
    this.email = '';
    this.focusAfterRender = 'h2';
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
    this.focusOn('input');
  }

  private async verify(event: Event): Promise<void> {
    event.preventDefault();
    const code = new FormData(event.currentTarget as HTMLFormElement).get('code')?.toString() ?? '';
    await this.call(async () => {
      const session = await this.conn.client.post<Session>('/v1/auth/email/verify', { email: this.email, code, locale: this.i18n.lang }, { auth: 'key' });
      this.finishSignIn(session);
    });
  }

  private async signOut(message: Key = 'signedOutDone'): Promise<void> {
    await this.conn.signOut();
    this.reset(message);
  }

  private reset(message: Key): void {
    this.draft = undefined;
    this.confirmDelete = false;
    this.error = undefined;
    this.member = undefined;
    this.notice = this.t(message);
    this.focusOn('input');
  }

  /** Applies a PATCH /v1/me and shows the answer (the server is the judge of what was stored). */
  private async patch(body: object, showSaved = true): Promise<void> {
    this.saved = false;
    const ok = await this.call(async () => this.useMember(await this.conn.client.patch<MemberSelf>('/v1/me', body, { auth: 'session' })));
    this.saved = ok && showSaved;
    if (!ok) this.focusOn('[aria-invalid="true"]');
  }

  private onEdit(event: Event): void {
    const el = event.target as HTMLInputElement;
    const d = this.draft;
    if (!d || !el.name) return;
    const [a, i, b] = el.name.split('.') as [string, string?, string?];
    if (a === 'openTo') d.openTo = el.checked ? [...d.openTo, el.value] : d.openTo.filter((f) => f !== el.value);
    else if (el.type === 'checkbox') d[a] = el.checked;
    else if (a === 'v') d.visibility[i!] = el.value;
    else if (b) (d[a] as Row[])[Number(i)]![b] = el.value;
    else d[a] = el.value;
    this.saved = false;
  }

  private addRow(list: 'career' | 'links'): void {
    const d = this.draft!;
    d[list] = [...d[list], list === 'career' ? { department: '', title: '', from: '', to: '' } : { label: '', url: '' }];
    this.focusOn(`[name="${list}.${d[list].length - 1}.${list === 'career' ? 'department' : 'label'}"]`);
  }

  private removeRow(list: 'career' | 'links', index: number): void {
    const d = this.draft!;
    d[list] = d[list].filter((_, i) => i !== index);
    this.focusOn(`[data-add=${list}]`);
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
  private fieldError(name: string, ja: Key = 'invalid'): string | undefined {
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

  /** Label, input (or textarea), an optional visibility select and the field's error, tied together for screen readers. */
  private control(name: string, label: string, value: unknown, o: { type?: string; vis?: string; area?: boolean; ac?: string; ja?: Key } = {}) {
    const id = this.uid + name.replace(/\./g, '-');
    const error = this.fieldError(name, o.ja);
    return html`<div class="row">
      <label for=${id}>${label}</label>
      <div class="with-vis">
        ${o.area
          ? html`<textarea id=${id} name=${name} class="field" rows="5" .value=${value} aria-invalid=${!!error} aria-describedby="${id}-e"></textarea>`
          : html`<input id=${id} name=${name} class="field" part="input" type=${o.type ?? 'text'} .value=${value ?? ''}
              autocomplete=${o.ac ?? nothing} inputmode=${o.ac === 'one-time-code' ? 'numeric' : nothing} aria-invalid=${!!error} aria-describedby="${id}-e" />`}
        ${o.vis ? this.visibility(o.vis) : nothing}
      </div>
      <span class="error" id="${id}-e">${error ?? ''}</span>
    </div>`;
  }

  private button(label: string, click: () => unknown, part = '', kind = 'secondary') {
    return html`<button type="button" class="button ${kind}" part="button ${part}" ?disabled=${this.busy} @click=${click}>${label}</button>`;
  }

  private renderSignIn() {
    const t = this.t.bind(this);
    const email = this.step === 'email';
    return html`<h2 tabindex="-1">${t('title')}</h2>
      <p class="muted">${t('intro')}</p>
      <form part="form" class="stack" @submit=${email ? this.startCode : this.verify} novalidate>
        ${email
          ? this.control('email', t('email'), this.email, { type: 'email', ac: 'email', ja: 'badEmail' })
          : this.control('code', t('code'), '', { ac: 'one-time-code', ja: 'badCode' })}
        <button class="button" part="button" ?disabled=${this.busy}>${t(email ? 'sendCode' : 'verify')}</button>
        ${email
          ? nothing
          : html`<div class="actions">
              ${this.button(t('resend'), () => this.startCode(), 'resend-button')}
              ${this.button(t('otherEmail'), () => ((this.step = 'email'), (this.error = undefined), (this.notice = ''), (this.focusAfterRender = 'input')))}
            </div>`}
      </form>
      ${this.renderMessages()}`;
  }

  private renderMember(m: MemberSelf) {
    const t = this.t.bind(this);
    const c = m.consent;
    return html`<h2 tabindex="-1">${t('signedInAs', { name: m.profile.name || m.email })}</h2>
      ${m.status !== 'approved' ? html`<p class="box" part="status" role="status">${t(`status_${m.status}`)} ${m.statusReason ?? ''}</p>` : nothing}
      ${c.needed
        ? html`<div class="box" part="consent">
            <p>${t('consentText', { version: c.requiredVersion ?? '' })}</p>
            ${c.policyUrl && /^https?:/.test(c.policyUrl) ? html`<a href=${c.policyUrl} target="_blank" rel="noopener noreferrer">${t('policy')}</a>` : nothing}
            ${this.button(t('accept'), () => this.patch({ acceptPrivacyPolicyVersion: c.requiredVersion }, false), 'accept-button', '')}
          </div>`
        : nothing}
      ${this.renderMessages()} ${this.draft ? this.renderEditor(this.draft) : nothing}
      <div class="actions box">
        ${this.button(t('download'), this.download, 'download-button')}
        ${this.button(t('deleteAccount'), () => (this.confirmDelete = true), 'delete-button', 'secondary danger')}
        ${this.button(this.i18n.t('signOut'), () => this.signOut(), 'sign-out-button')}
        ${this.downloadUrl ? html`<a part="download-link" href=${this.downloadUrl} download="homecoming-${m.id}.json">${t('downloadLink')}</a>` : nothing}
      </div>
      ${this.confirmDelete
        ? html`<dialog part="dialog" aria-labelledby="${this.uid}del" @close=${() => (this.confirmDelete = false)}>
            <p id="${this.uid}del">${t('deleteText')}</p>
            <div class="actions">
              ${this.button(t('cancel'), () => (this.confirmDelete = false))} ${this.button(t('deleteConfirm'), this.deleteAccount, 'confirm-delete-button', 'danger')}
            </div>
          </dialog>`
        : nothing}`;
  }

  private visibility(field: string) {
    const current = this.draft!.visibility[field];
    return html`<select name="v.${field}" class="field vis" part="visibility" aria-label=${this.t('visibility', { field: this.t(`f.${field}` as Key) })}>
      ${levels.map((l) => html`<option value=${l} ?selected=${current === l}>${this.t(`v.${l}`)}</option>`)}
    </select>`;
  }

  /** A fieldset with a visibility select for the whole group. */
  private group(field: string, body: unknown) {
    return html`<fieldset>
      <legend>${this.t(`f.${field}` as Key)}</legend>
      <div class="with-vis end">${this.visibility(field)}</div>
      ${body}
    </fieldset>`;
  }

  private rows(list: 'career' | 'links', d: Draft) {
    const cols = list === 'career' ? careerCols : linkCols;
    return this.group(
      list,
      html`${d[list].map(
          (row, i) => html`<div class="entry" role="group" aria-label="${this.t(`f.${list}`)} ${i + 1}">
            ${cols.map(([col, label]) => this.control(`${list}.${i}.${col}`, this.t(label), row[col], { type: col === 'url' ? 'url' : 'text' }))}
            ${this.button(this.t('remove'), () => this.removeRow(list, i))}
          </div>`,
        )}
        <button type="button" class="button secondary" part="button" data-add=${list} @click=${() => this.addRow(list)}>${this.t('add')}</button>`,
    );
  }

  private renderEditor(d: Draft) {
    const t = this.t.bind(this);
    const f = (name: string, o: { type?: string; area?: boolean; hint?: string } = {}) =>
      this.control(name, t(`f.${name}` as Key) + (o.hint ?? ''), d[name], { ...o, vis: name });
    const save = (event: Event) => {
      event.preventDefault();
      void this.patch(toPatch(d));
    };
    return html`<form class="stack" part="form profile" aria-labelledby="${this.uid}p" @input=${this.onEdit} @submit=${save} novalidate>
      <h3 id="${this.uid}p">${t('profile')}</h3>
      <p class="muted">${t('profileHint')}</p>
      ${this.control('name', t('f.name'), d.name)} ${f('nameKana')} ${f('photoUrl', { type: 'url', hint: ' (https://…)' })}
      ${f('joinedYear', { type: 'number' })} ${f('leftYear', { type: 'number' })} ${lines.slice(1).map((n) => f(n))}
      ${lists.map((n) => f(n, { hint: ` (${t('listHint')})` }))} ${this.rows('career', d)} ${this.rows('links', d)}
      ${this.group(
        'openTo',
        openToFlags.map((o) => html`<label class="check"><input type="checkbox" name="openTo" value=${o} .checked=${d.openTo.includes(o)} />${t(`o.${o}`)}</label>`),
      )}
      ${f('bio', { area: true })}
      <fieldset>
        <legend>${t('settings')}</legend>
        <label class="check"><input type="checkbox" role="switch" name="unlisted" .checked=${d.unlisted} />${t('unlisted')}</label>
        <label class="check"><input type="checkbox" name="allowReplies" .checked=${d.allowReplies} />${t('allowReplies')}</label>
        <label for="${this.uid}l">${t('mailLang')}</label>
        <select id="${this.uid}l" name="locale" class="field">
          <option value="ja" ?selected=${d.locale === 'ja'}>日本語</option><option value="en" ?selected=${d.locale === 'en'}>English</option>
        </select>
      </fieldset>
      <button class="button" part="button save-button" ?disabled=${this.busy}>${t('save')}</button>
      <p part="notice" role="status">${this.saved ? t('saved') : ''}</p>
    </form>`;
  }
}

defineElement('alumni-sign-in', AlumniSignIn);
