import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import {
  baseStyles,
  ConnectionController,
  FocusController,
  HomecomingError,
  LocaleController,
  PagedListController,
  renderEmpty,
  renderError,
  renderLoading,
  renderSignedOut,
  type Page,
  type SessionMember,
} from '../core/index.js';
import { check, formStyles, memberGate, normalizeDigits, openToFlags, renderConsent, type DirectoryCard, type MemberGate, type MemberSelf } from '../core/members/index.js';
import { directoryMessages, type DirectoryKey } from './member-directory.messages.js';
import { directoryStyles } from './member-directory.styles.js';
import { renderContactDialog, type ContactState } from './parts/contact-dialog.js';
import { renderMemberCard, renderMemberDetail, type MemberView } from './parts/member-view.js';

declare global {
  interface HTMLElementTagNameMap {
    'alumni-member-directory': AlumniMemberDirectory;
  }
}

type Filters = Record<string, string>;

/** The filter inputs: query parameter, label, input type. */
const filterInputs = [
  ['department', 'f.lastDepartment'],
  ['company', 'f.currentCompany'],
  ['skill', 'f.skills'],
  ['location', 'f.location'],
  ['leftYearFrom', 'leftFrom', 'year'],
  ['leftYearTo', 'leftTo', 'year'],
] as const;
let instances = 0;

/**
 * The searchable directory of a company's approved alumni and employees. Needs a signed-in,
 * approved member (sign in with `<alumni-sign-in>` on the same page; this element follows it) who
 * has accepted the tenant's privacy policy (asked here when needed) and given a name. Renders no
 * heading of its own: put it under the page's.
 *
 * @tagname alumni-member-directory
 * @summary Search and browse fellow members, open a profile, send a message without sharing addresses.
 *
 * @csspart search - The search form (keyword and filters).
 * @csspart filters-toggle - The button that shows or hides the filters (▸/▾, aria-expanded).
 * @csspart filters - The filters.
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
 * @csspart pending - The membership state (pending, rejected, suspended) with "check again".
 * @csspart consent - The privacy-policy prompt, shown instead of the list until the member accepts.
 * @csspart accept-button - Accepts the privacy policy.
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
    messagesHref: { attribute: 'messages-href' },
    form: { state: true, attribute: false },
    filtersOpen: { state: true, attribute: false },
    checks: { state: true, attribute: false },
    accepting: { state: true, attribute: false },
    acceptError: { state: true, attribute: false },
    openId: { state: true, attribute: false },
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

  /**
   * The page (or section) with `<alumni-messages>`, e.g. `/alumni/messages` or `#messages`: a profile then links
   * there to write to the member (`…#alumni-message=<id>`) instead of opening the one-off message dialog.
   */
  messagesHref = '';

  /** The search form as typed (untrimmed, so re-rendering never rewrites what the person is typing). */
  private form: Filters = {};
  private filtersOpen = false;
  /** Bumped by "check again": asks the API for the member's status anew. */
  private checks = 0;
  private accepting = false;
  private acceptError?: unknown;
  private openId?: string;
  /** The contact dialog, when open. */
  private contact?: ContactState;

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, directoryMessages);
  private readonly moveFocus = new FocusController(this);
  private readonly uid = `alumni-md-${++instances}`;
  /** What the card, detail and dialog templates read. */
  private readonly view: MemberView = { i18n: this.i18n, uid: this.uid };

  private readonly list = new PagedListController(this, {
    // The query as one string: an identical search (e.g. only a trailing space added) does not reload.
    args: () => [this.conn.client, this.conn.token, this.gated, JSON.stringify({ ...this.query, limit: Math.min(Math.max(this.pageSize || 20, 1), 100) })] as const,
    // A member the directory is closed to is never sent to /v1/members: the refusal would show in the host page's console.
    load: async ([client, token, gated, key], cursor, signal) => {
      if (!token || gated) return undefined;
      try {
        return await client.get<Page<DirectoryCard>>('/v1/members', { query: { ...(JSON.parse(key) as Filters), cursor }, auth: 'session', signal });
      } catch (error) {
        // The session's copy of the member was out of date (approval withdrawn, a new privacy policy): ask anew.
        if (error instanceof HomecomingError && (error.code === 'membership_pending' || error.code === 'consent_required')) this.checks++;
        throw error;
      }
    },
    focusItem: (m) => this.cardTitle(m.id),
  });

  /** The member as the API sees them now (status, consent, name): the session's copy may be older. */
  private readonly meTask = new Task(this, {
    task: async ([client, token], { signal }) => {
      if (!token) return undefined;
      const me = await client.get<MemberSelf>('/v1/me', { auth: 'session', signal });
      this.conn.session.updateMember(me as unknown as SessionMember);
      return me;
    },
    args: () => [this.conn.client, this.conn.token, this.checks] as const,
  });

  private readonly detailTask = new Task(this, {
    task: async ([client, token, id], { signal }) => {
      if (!token || !id) return undefined;
      const path = `/v1/members/${encodeURIComponent(id)}`;
      // The groups the member shows on their card: nice to have, never in the way of the profile.
      const [card, groups] = await Promise.all([
        client.get<DirectoryCard>(path, { auth: 'session', signal }),
        // Only for a viewer whose kind includes groups (the API would refuse the others).
        (this.meTask.value?.features ?? ['groups']).includes('groups')
          ? client.get<{ data: { name: string }[] }>(`${path}/groups`, { auth: 'session', signal }).catch(() => undefined)
          : undefined,
      ]);
      return { ...card, groups: groups?.data.map((g) => g.name) };
    },
    args: () => [this.conn.client, this.conn.token, this.openId] as const,
  });

  /** What keeps the signed-in member from the directory, as the session knows them. */
  private get gated(): MemberGate {
    return memberGate(this.conn.member);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private t(key: DirectoryKey, vars?: Record<string, string | number>): string {
    return this.i18n.t(key, vars);
  }

  private cardTitle(id: string | undefined): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"] .link-button`);
  }

  /** The filters in effect: trimmed, empty ones left out. */
  /** The filters in effect: trimmed, empty ones and years the API would refuse left out (those say why beside them). */
  private get query(): Filters {
    return Object.fromEntries(
      Object.entries(this.form).flatMap(([k, v]) => (v.trim() && !this.yearProblem(k) ? [[k, k.startsWith('leftYear') ? normalizeDigits(v) : v.trim()]] : [])),
    );
  }

  /** What is wrong with a year filter as typed (e.g. 20, or 全角 digits are fine), if anything. */
  private yearProblem(name: string): string {
    const problem = name.startsWith('leftYear') && check(this.form[name] ?? '', { kind: 'year' });
    const label = filterInputs.find(([n]) => n === name)?.[1];
    return problem && label ? this.t(problem[0], { field: this.t(label), ...problem[1] }) : '';
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
    this.list.debounce(() => this.readFilters(form));
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    this.list.now(() => this.readFilters(form));
  }

  private open(id: string): void {
    this.openId = id;
    this.moveFocus.after('[part~="detail"] h2');
  }

  private back(): void {
    const id = this.openId;
    this.openId = undefined;
    this.contact = undefined;
    this.moveFocus.after(() => this.cardTitle(id) ?? this.renderRoot.querySelector('input'));
  }

  private closeContact(): void {
    this.contact = undefined;
    this.moveFocus.after('[part~="contact-button"]');
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
      this.moveFocus.after('dialog [part~="button"]');
    } catch (error) {
      this.contact = { ...this.contact, sending: false, error };
    }
  }

  private async accept(version: string | null): Promise<void> {
    this.accepting = true;
    try {
      const me = await this.conn.client.patch<MemberSelf>('/v1/me', { acceptPrivacyPolicyVersion: version }, { auth: 'session' });
      this.conn.session.updateMember(me as unknown as SessionMember);
      this.acceptError = undefined;
    } catch (error) {
      this.acceptError = error;
    } finally {
      this.accepting = false;
    }
  }

  protected override render() {
    if (!this.conn.signedIn) return renderSignedOut(this.i18n, this.t('signedOut'), this.signInLink());
    const me = this.meTask;
    if (me.status === TaskStatus.ERROR) return renderError(this.i18n, me.error, this.checkAgain);
    // The directory shows only once the API has said what this member may see.
    if (me.status !== TaskStatus.COMPLETE) return renderLoading(this.i18n);
    const error = this.list.task.error;
    const refused = this.list.task.status === TaskStatus.ERROR && error instanceof HomecomingError ? error.code : '';
    // The member's kind does not include the directory (the company decides per kind): said calmly, not as an error.
    if (!(me.value?.features ?? ['directory']).includes('directory') || refused === 'feature_not_available') {
      return html`<div class="state" part="state unavailable" role="status"><p>${this.t('unavailable')}</p></div>`;
    }
    const gate = this.gated ?? (refused === 'membership_pending' ? 'pending' : undefined);
    if (gate) return this.renderGate(gate);
    return this.openId ? this.renderDetail() : this.renderList();
  }

  private checkAgain(): void {
    this.checks++;
    void this.list.task.run();
  }

  private signInLink() {
    return this.signInHref ? html`<a class="button secondary" part="button" href=${this.signInHref}>${this.t('goSignIn')}</a>` : undefined;
  }

  /** Why the directory is closed to this member, and what they can do about it. */
  private renderGate(gate: NonNullable<MemberGate>) {
    const member = this.conn.member as unknown as MemberSelf;
    if (gate === 'consent') {
      return html`${renderConsent(this.i18n, member.consent, () => this.accept(member.consent.requiredVersion), this.accepting)}
        <p class="error" role="alert">${this.acceptError ? this.i18n.describeError(this.acceptError) : ''}</p>`;
    }
    if (gate === 'name') return renderSignedOut(this.i18n, this.t('needName'), this.signInLink());
    return html`<div class="state" part="state pending" role="status">
      <p>${this.t(gate)}</p>
      ${gate === 'pending'
        ? html`<button type="button" class="button secondary" part="button retry-button" @click=${this.checkAgain}>${this.t('checkAgain')}</button>`
        : nothing}
    </div>`;
  }

  private renderList() {
    const t = this.t.bind(this);
    const id = (name: string) => `${this.uid}-${name}`;
    // A member without a name would be an empty button: never shown (the API stops listing them too).
    const items = this.list.items.filter((m) => m.profile.name?.trim());
    const f = this.form;
    const done = this.list.task.status === TaskStatus.COMPLETE;
    const open = this.filtersOpen;
    const active = Object.keys(this.query).filter((k) => k !== 'q').length;
    return html`
      <form class="search" part="search" role="search" @input=${this.onInput} @submit=${this.onSubmit}>
        <label for=${id('q')}>${t('keyword')}</label>
        <input id=${id('q')} name="q" class="field" type="search" enterkeyhint="search" .value=${f.q ?? ''} />
        <button type="button" class="disclosure" part="filters-toggle" aria-expanded=${open ? 'true' : 'false'} aria-controls=${id('filters')}
          @click=${() => (this.filtersOpen = !open)}><span aria-hidden="true">${open ? '▾' : '▸'}</span> ${t('filters')}${active ? ` (${active})` : ''}</button>
        <div class="grid" part="filters" id=${id('filters')} ?hidden=${!open}>
          ${filterInputs.map(([name, label, type]) => {
            const problem = this.yearProblem(name);
            return html`<div class="filter">
              <label>${t(label)}<input name=${name} class="field" inputmode=${type ? 'numeric' : nothing} .value=${f[name] ?? ''}
                aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${id(`${name}-e`)} /></label>
              <span class="error" id=${id(`${name}-e`)}>${problem}</span>
            </div>`;
          })}
          <label>${t('kind')}<select name="kind" class="field" .value=${f.kind ?? ''}>
            <option value="">${t('anyKind')}</option><option value="alumni">${t('alumni')}</option><option value="employee">${t('employee')}</option>
          </select></label>
          <fieldset>
            <legend>${t('f.openTo')}</legend>
            ${openToFlags.map((flag) => html`<label class="check"><input type="checkbox" name="openTo" value=${flag} .checked=${(f.openTo ?? '').split(',').includes(flag)} />${t(`o.${flag}`)}</label>`)}
          </fieldset>
        </div>
      </form>
      <p class="visually-hidden" role="status">${done ? t('count', { count: items.length }) : ''}</p>
      ${this.list.task.render({
        initial: () => renderLoading(this.i18n),
        pending: () => renderLoading(this.i18n),
        error: (e) => renderError(this.i18n, e, () => void this.list.task.run()),
        complete: () => this.renderItems(items),
      })}
    `;
  }

  private renderItems(items: DirectoryCard[]) {
    if (!items.length) return renderEmpty(this.i18n, Object.keys(this.query).length ? this.t('noMatch') : undefined);
    return html`
      <ul class="list" part="list">
        ${items.map((m) => renderMemberCard(this.view, m, (id) => this.open(id)))}
      </ul>
      ${this.list.renderMore(this.i18n)}
    `;
  }

  private renderDetail() {
    const listed = this.list.items.find((m) => m.id === this.openId);
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
    return html`${renderMemberDetail(this.view, m)}
      ${m.canContact && this.messagesHref
        ? html`<a class="button" part="button contact-button" href=${`${this.messagesHref.split('#')[0]}#alumni-message=${m.id}`}>${this.t('contact')}</a>`
        : m.canContact
          ? html`<button type="button" class="button" part="button contact-button" @click=${() => (this.contact = { length: 0 })}>${this.t('contact')}</button>`
          : nothing}
      ${this.contact
        ? renderContactDialog(this.view, m.profile.name, this.contact, {
            send: (e) => void this.sendContact(e),
            close: () => this.closeContact(),
            typed: (length) => (this.contact = { ...this.contact!, length }),
          })
        : nothing}`;
  }
}

// The loader registers the tag with the default export; define.ts does it for direct imports.
export default AlumniMemberDirectory;
