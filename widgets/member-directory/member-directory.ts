import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import {
  baseStyles,
  ConnectionController,
  defineElement,
  defineMessages,
  HomecomingError,
  LocaleController,
  renderEmpty,
  renderError,
  renderLoading,
  renderSignedOut,
  type ApiClient,
  type Page,
} from '../core/index.js';
import { directoryStyles, formStyles } from './member-directory.styles.js';
import { initials, openToFlags, profileMessages, type DirectoryCard } from './profile.js';

declare global {
  interface HTMLElementTagNameMap {
    'alumni-member-directory': AlumniMemberDirectory;
  }
}

const messages = defineMessages({
  ja: {
    ...profileMessages.ja,
    signedOut: 'メンバー名簿は承認済みメンバーだけが見られます。ログインしてください。',
    goSignIn: 'ログインへ',
    pending: '登録は承認待ちです。承認されると名簿が見られます（メールでお知らせします）。',
    checkAgain: '再確認',
    keyword: 'キーワード',
    filters: '絞り込み',
    leftFrom: '退職年（から）',
    leftTo: '退職年（まで）',
    kind: '区分',
    anyKind: 'すべて',
    count: '{count}人',
    noMatch: '該当するメンバーはいません。',
    contact: 'メッセージを送る',
    message: '{name}さんへのメッセージ',
    chars: '{count}/1000文字',
    contactNote: 'あなたのアドレスは相手に知らされません。',
    send: '送信',
    sent: '送信しました。',
    rateLimited: '送信数の上限に達しました。時間をおいてお試しください。',
  },
  en: {
    ...profileMessages.en,
    signedOut: 'Only approved members can see the directory. Please sign in.',
    goSignIn: 'Sign in',
    pending: 'Your membership awaits approval. Once approved you can use the directory (we will email you).',
    checkAgain: 'Check again',
    keyword: 'Keyword',
    filters: 'Filters',
    leftFrom: 'Left from (year)',
    leftTo: 'Left until (year)',
    kind: 'Kind',
    anyKind: 'All',
    count: '{count} members',
    noMatch: 'No members match.',
    contact: 'Send a message',
    message: 'Message to {name}',
    chars: '{count}/1000 characters',
    contactNote: 'Your email address is not shown.',
    send: 'Send',
    sent: 'Sent.',
    rateLimited: 'Message limit reached. Please try again later.',
  },
});

type Key = keyof typeof messages.ja;
type Filters = Record<string, string>;

const SEARCH_DELAY_MS = 300;
/** The filter inputs: query parameter, label, input type. */
const filterInputs = [
  ['department', 'f.lastDepartment'],
  ['company', 'f.currentCompany'],
  ['skill', 'f.skills'],
  ['location', 'f.location'],
  ['leftYearFrom', 'leftFrom', 'number'],
  ['leftYearTo', 'leftTo', 'number'],
] as const;
let instances = 0;

/**
 * The searchable directory of a company's approved alumni and employees. Needs a signed-in,
 * approved member (sign in with `<alumni-sign-in>` on the same page; this element follows it).
 *
 * @tagname alumni-member-directory
 * @summary Search and browse fellow members, open a profile, send a message without sharing addresses.
 *
 * @csspart search - The search form (keyword and filters).
 * @csspart filters - The filters disclosure.
 * @csspart list - The list of members.
 * @csspart item - One member card.
 * @csspart item-title - The name button in a card.
 * @csspart avatar - Photo or initials.
 * @csspart chip - Skill chips.
 * @csspart badge - Open-to and kind badges.
 * @csspart load-more - The "show more" button.
 * @csspart detail - The profile detail view.
 * @csspart back-button - The detail view's back button.
 * @csspart contact-button - Opens the message dialog.
 * @csspart dialog - The message dialog.
 * @csspart send-button - Sends the message.
 * @csspart state - Loading, empty, error, signed-out and pending blocks.
 * @csspart retry-button - The error state's retry button.
 * @csspart button - Every button styled as a button.
 *
 * @cssproperty --alumni-color-text - Text color. Default #1f2328.
 * @cssproperty --alumni-color-muted - Secondary text. Default #59636e.
 * @cssproperty --alumni-color-surface - Background. Default #ffffff.
 * @cssproperty --alumni-color-subtle - Chips, avatars. Default #f6f8fa.
 * @cssproperty --alumni-color-border - Borders. Default #d1d9e0.
 * @cssproperty --alumni-color-accent - Links and buttons. Default #0b5cad.
 * @cssproperty --alumni-color-on-accent - Text on the accent color. Default #ffffff.
 * @cssproperty --alumni-color-danger - Errors. Default #b42318.
 * @cssproperty --alumni-font-family - Font stack.
 * @cssproperty --alumni-font-size - Base font size. Default 1rem.
 * @cssproperty --alumni-radius - Corner radius. Default 8px.
 * @cssproperty --alumni-space - Spacing unit. Default 8px.
 */
export class AlumniMemberDirectory extends LitElement {
  static override styles = [baseStyles, formStyles, directoryStyles];

  // Declared without decorators: the decorator helpers cost bundle bytes on every field.
  static override properties = {
    apiUrl: { attribute: 'api-url' },
    publishableKey: { attribute: 'publishable-key' },
    pageSize: { attribute: 'page-size', type: Number },
    signInHref: { attribute: 'sign-in-href' },
    form: { state: true, attribute: false },
    openId: { state: true, attribute: false },
    extra: { state: true, attribute: false },
    cursor: { state: true, attribute: false },
    moreError: { state: true, attribute: false },
    loadingMore: { state: true, attribute: false },
    contact: { state: true, attribute: false },
  };

  /** API base URL; default: `<meta name="homecoming:api-url">`, else the origin the bundle came from. */
  declare apiUrl?: string;

  /** Publishable key (`pk_…`); default: `<meta name="homecoming:publishable-key">`. */
  declare publishableKey?: string;

  /** Members fetched per page (1–100). */
  pageSize = 20;

  /** Where the signed-out state links to, e.g. `#sign-in` (the section holding `<alumni-sign-in>`); no link when empty. */
  signInHref = '';

  /** The search form as typed (untrimmed, so re-rendering never rewrites what the person is typing). */
  private form: Filters = {};
  private openId?: string;
  private extra: DirectoryCard[] = [];
  private cursor: string | null = null;
  private moreError?: unknown;
  private loadingMore = false;
  /** The contact dialog: closed, writing, sending, sent, or failed. */
  private contact?: { sending?: boolean; sent?: boolean; error?: unknown; length: number };

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, messages);
  private readonly uid = `alumni-md-${++instances}`;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  private listQuery?: { client: ApiClient; query: Filters };
  private focusAfterRender?: () => HTMLElement | null | undefined;

  private readonly listTask = new Task(this, {
    task: async ([client, token, key], { signal }) => {
      this.generation += 1;
      if (!token) return undefined;
      const query = JSON.parse(key) as Filters;
      this.listQuery = { client, query };
      const page = await client.get<Page<DirectoryCard>>('/v1/members', { query, auth: 'session', signal });
      this.extra = [];
      this.cursor = page.nextCursor;
      this.moreError = undefined;
      return page;
    },
    args: () => [this.conn.client, this.conn.token, JSON.stringify({ ...this.query, limit: Math.min(Math.max(this.pageSize || 20, 1), 100) })] as const,
  });

  private readonly detailTask = new Task(this, {
    task: async ([client, token, id], { signal }) =>
      token && id ? client.get<DirectoryCard>(`/v1/members/${encodeURIComponent(id)}`, { auth: 'session', signal }) : undefined,
    args: () => [this.conn.client, this.conn.token, this.openId] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
    const target = this.focusAfterRender?.();
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  private t(key: Key, vars?: Record<string, string | number>): string {
    return this.i18n.t(key, vars);
  }

  /** The filters in effect; an identical query (e.g. only a trailing space added) does not re-run the search. */
  private get query(): Filters {
    return Object.fromEntries(Object.entries(this.form).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : [])));
  }

  private readFilters(form: HTMLFormElement): void {
    const data = new FormData(form);
    const next: Filters = {};
    for (const [name, value] of data) if (name !== 'openTo') next[name] = String(value);
    next.openTo = data.getAll('openTo').join(',');
    this.form = next;
  }

  private onInput(event: Event): void {
    const form = event.currentTarget as HTMLFormElement;
    clearTimeout(this.searchTimer);
    // Wait for a pause in typing, so each keystroke does not cost a request.
    this.searchTimer = setTimeout(() => this.readFilters(form), SEARCH_DELAY_MS);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    this.readFilters(event.currentTarget as HTMLFormElement);
  }

  private async loadMore(): Promise<void> {
    const list = this.listQuery;
    if (!this.cursor || this.loadingMore || !list) return;
    const generation = this.generation;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const page = await list.client.get<Page<DirectoryCard>>('/v1/members', { query: { ...list.query, cursor: this.cursor }, auth: 'session' });
      // The search changed while this page loaded: it belongs to a list no longer shown.
      if (generation !== this.generation) return;
      const firstNew = page.data[0]?.id;
      this.extra = [...this.extra, ...page.data];
      this.cursor = page.nextCursor;
      if (firstNew) this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>(`[data-id="${firstNew}"] .link-button`);
    } catch (error) {
      if (generation === this.generation) this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  private open(id: string): void {
    this.openId = id;
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('[part~="detail"] h2');
  }

  private back(): void {
    const id = this.openId;
    this.openId = undefined;
    this.contact = undefined;
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"] .link-button`) ?? this.renderRoot.querySelector<HTMLElement>('input');
  }

  private closeContact(): void {
    this.contact = undefined;
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('[part~="contact-button"]');
  }

  private async sendContact(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const id = this.openId;
    const message = (event.currentTarget as HTMLFormElement).querySelector('textarea')!.value;
    if (!id || !this.contact || this.contact.sending) return;
    this.contact = { ...this.contact, sending: true, error: undefined };
    try {
      await this.conn.client.post(`/v1/members/${encodeURIComponent(id)}/contact`, { message }, { auth: 'session' });
      this.contact = { length: 0, sent: true };
      this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('dialog [part~="button"]');
    } catch (error) {
      this.contact = { ...this.contact, sending: false, error };
    }
  }

  protected override render() {
    if (!this.conn.signedIn) {
      const link = this.signInHref ? html`<a class="button secondary" part="button" href=${this.signInHref}>${this.t('goSignIn')}</a>` : undefined;
      return renderSignedOut(this.i18n, this.t('signedOut'), link);
    }
    const error = this.listTask.error;
    if (this.listTask.status === TaskStatus.ERROR && error instanceof HomecomingError && error.code === 'membership_pending') {
      return html`<div class="state" part="state pending" role="status">
        <p>${this.t('pending')}</p>
        <button type="button" class="button secondary" part="button retry-button" @click=${() => void this.listTask.run()}>${this.t('checkAgain')}</button>
      </div>`;
    }
    return this.openId ? this.renderDetail() : this.renderList();
  }

  private renderList() {
    const t = this.t.bind(this);
    const id = (name: string) => `${this.uid}-${name}`;
    const items = [...(this.listTask.value?.data ?? []), ...this.extra];
    const f = this.form;
    const done = this.listTask.status === TaskStatus.COMPLETE;
    return html`
      <form class="search" part="search" role="search" @input=${this.onInput} @submit=${this.onSubmit}>
        <label for=${id('q')}>${t('keyword')}</label>
        <input id=${id('q')} name="q" class="field" type="search" enterkeyhint="search" .value=${f.q ?? ''} />
        <details part="filters" ?open=${Object.keys(this.query).some((k) => k !== 'q')}>
          <summary>${t('filters')}</summary>
          <div class="grid">
            ${filterInputs.map(
              ([name, label, type]) => html`<label>${t(label)}<input name=${name} class="field" type=${type ?? 'text'} .value=${f[name] ?? ''} /></label>`,
            )}
            <label>${t('kind')}<select name="kind" class="field" .value=${f.kind ?? ''}>
              <option value="">${t('anyKind')}</option><option value="alumni">${t('alumni')}</option><option value="employee">${t('employee')}</option>
            </select></label>
            <fieldset>
              <legend>${t('f.openTo')}</legend>
              ${openToFlags.map((flag) => html`<label class="check"><input type="checkbox" name="openTo" value=${flag} .checked=${(f.openTo ?? '').split(',').includes(flag)} />${t(`o.${flag}`)}</label>`)}
            </fieldset>
          </div>
        </details>
      </form>
      <p class="visually-hidden" role="status">${done ? t('count', { count: items.length }) : ''}</p>
      ${this.listTask.render({
        initial: () => renderLoading(this.i18n),
        pending: () => renderLoading(this.i18n),
        error: (e) => renderError(this.i18n, e, () => void this.listTask.run()),
        complete: () => this.renderItems(items),
      })}
    `;
  }

  private renderItems(items: DirectoryCard[]) {
    if (!items.length) return renderEmpty(this.i18n, Object.keys(this.query).length ? this.t('noMatch') : undefined);
    return html`
      <ul class="list" part="list">
        ${items.map((m) => this.renderCard(m))}
      </ul>
      <div class="more">
        ${this.moreError ? renderError(this.i18n, this.moreError) : nothing}
        ${this.cursor
          ? html`<button type="button" class="button secondary" part="button load-more" ?disabled=${this.loadingMore} @click=${this.loadMore}>
              ${this.i18n.t(this.moreError ? 'retry' : 'loadMore')}
            </button>`
          : nothing}
        ${this.loadingMore ? renderLoading(this.i18n) : nothing}
      </div>
    `;
  }

  private avatar(m: DirectoryCard) {
    const photo = m.profile.photoUrl;
    return photo && /^https:/.test(photo)
      ? html`<img class="avatar" part="avatar" src=${photo} alt="" loading="lazy" referrerpolicy="no-referrer" />`
      : html`<span class="avatar" part="avatar" aria-hidden="true">${initials(m.profile.name)}</span>`;
  }

  /** Title and company, department and years: the lines a card and the detail share. */
  private summary(m: DirectoryCard) {
    const p = m.profile;
    const now = [p.currentTitle, p.currentCompany].filter(Boolean).join(' / ');
    const years = p.joinedYear || p.leftYear ? this.t('years', { from: p.joinedYear ?? '', to: p.leftYear ?? '' }) : '';
    const past = [p.lastDepartment, p.lastTitle, years].filter(Boolean).join(' · ');
    return html`${p.nameKana ? html`<p class="muted kana">${p.nameKana}</p>` : nothing}
      ${now ? html`<p>${now}</p>` : nothing} ${past ? html`<p class="muted">${past}</p>` : nothing}
      <p class="tags">
        ${m.kind === 'employee' ? html`<span class="badge" part="badge">${this.t('employee')}</span>` : nothing}
        ${(p.openTo ?? []).map((f) => html`<span class="badge open-to" part="badge">${this.t(`o.${f}`)}</span>`)}
      </p>`;
  }

  private chips(list: string[] | undefined) {
    return list?.length ? html`<ul class="chips">${list.map((s) => html`<li part="chip">${s}</li>`)}</ul>` : nothing;
  }

  private renderCard(m: DirectoryCard) {
    return html`<li class="card" part="item" data-id=${m.id}>
      ${this.avatar(m)}
      <div class="body">
        <h3><button type="button" class="link-button" part="item-title" @click=${() => this.open(m.id)}>${m.profile.name}</button></h3>
        ${this.summary(m)} ${this.chips(m.profile.skills)}
      </div>
    </li>`;
  }

  private renderDetail() {
    const listed = [...(this.listTask.value?.data ?? []), ...this.extra].find((m) => m.id === this.openId);
    const back = html`<button type="button" class="button secondary back" part="button back-button" @click=${this.back}>← ${this.i18n.t('back')}</button>`;
    // Show what the list already knows while the fresh copy loads, so the view does not flash.
    const body = this.detailTask.render({
      pending: () => (listed ? this.renderMember(listed) : renderLoading(this.i18n)),
      complete: (m) => (m ? this.renderMember(m) : nothing),
      error: (e) => renderError(this.i18n, e, () => void this.detailTask.run()),
    });
    return html`<section class="detail" part="detail" aria-labelledby="${this.uid}-name">${back}${body}</section>`;
  }

  private renderMember(m: DirectoryCard) {
    const t = this.t.bind(this);
    const p = m.profile;
    const fact = (key: Key, value: unknown) => (value ? html`<dt>${t(key)}</dt><dd>${value}</dd>` : nothing);
    return html`
      <div class="head">
        ${this.avatar(m)}
        <div><h2 id="${this.uid}-name" tabindex="-1">${p.name}</h2>${this.summary(m)}</div>
      </div>
      <dl class="facts">
        ${fact('f.location', p.location)} ${fact('f.skills', this.chips(p.skills))} ${fact('f.qualifications', this.chips(p.qualifications))}
        ${fact('f.interests', this.chips(p.interests))}
        ${fact(
          'f.career',
          p.career?.length &&
            html`<ul class="plain">${p.career.map((c) => html`<li>${[c.department, c.title].filter(Boolean).join(' / ')} <span class="muted">${[c.from, c.to].filter(Boolean).join('–')}</span></li>`)}</ul>`,
        )}
        ${fact(
          'f.links',
          p.links?.length &&
            html`<ul class="plain">${p.links.map((l) => html`<li>${/^https?:\/\//.test(l.url) ? html`<a href=${l.url} target="_blank" rel="noopener noreferrer">${l.label}</a>` : l.label}</li>`)}</ul>`,
        )}
      </dl>
      ${p.bio ? html`<p class="text">${p.bio}</p>` : nothing}
      ${m.canContact
        ? html`<button type="button" class="button" part="button contact-button" @click=${() => (this.contact = { length: 0 })}>${t('contact')}</button>`
        : nothing}
      ${this.contact ? this.renderDialog(p.name) : nothing}
    `;
  }

  private renderDialog(name: string) {
    const t = this.t.bind(this);
    const c = this.contact!;
    const error = c.error instanceof HomecomingError && c.error.status === 429 ? t('rateLimited') : c.error ? this.i18n.describeError(c.error) : '';
    return html`<dialog part="dialog" aria-labelledby="${this.uid}-dlg" @close=${this.closeContact}>
      <h2 id="${this.uid}-dlg">${t('message', { name })}</h2>
      ${c.sent
        ? html`<p role="status">${t('sent')}</p>
            <button type="button" class="button" part="button" @click=${this.closeContact}>${this.i18n.t('close')}</button>`
        : html`<form @submit=${this.sendContact}>
            <textarea
              aria-labelledby="${this.uid}-dlg"
              class="field"
              required
              maxlength="1000"
              rows="6"
              aria-describedby="${this.uid}-count ${this.uid}-note"
              @input=${(e: Event) => (this.contact = { ...c, length: (e.target as HTMLTextAreaElement).value.length })}
            ></textarea>
            <p id="${this.uid}-count" class="muted count">${t('chars', { count: c.length })}</p>
            <p id="${this.uid}-note" class="muted">${t('contactNote')}</p>
            <p role="alert" class="error">${error}</p>
            <div class="actions">
              <button type="button" class="button secondary" part="button" @click=${this.closeContact}>${this.i18n.t('close')}</button>
              <button class="button" part="button send-button" ?disabled=${c.sending}>${t('send')}</button>
            </div>
          </form>`}
    </dialog>`;
  }
}

defineElement('alumni-member-directory', AlumniMemberDirectory);
