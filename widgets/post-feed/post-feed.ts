import { html, LitElement, nothing } from 'lit';
import { Task } from '@lit/task';
import { baseStyles, ConnectionController, emit, FocusController, LocaleController, PagedListController, renderEmpty, renderError, type Page } from '../core/index.js';
import { richTextStyles } from '../core/rich-text.js';
import { feedMessages, type FeedKey } from './post-feed.messages.js';
import { feedStyles } from './post-feed.styles.js';
import { renderPost, type CardView } from './parts/post-card.js';
import type { MemberTools } from './parts/member.js';
import { companyKinds, memberKinds, type FeedHost, type Kind, type Post } from './parts/types.js';

export interface PostOpenDetail {
  postId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A post was opened in `<alumni-post-feed>` (a deep link `#alumni-post=…`, or its date clicked). */
    'alumni-post-open': CustomEvent<PostOpenDetail>;
  }
  interface HTMLElementTagNameMap {
    'alumni-post-feed': AlumniPostFeed;
  }
}

/** Something a lazily loaded part renders under a post or over the feed. */
interface Part {
  render(): unknown;
}

const HASH = /^#alumni-post=(pst_[A-Za-z0-9]{1,60})$/;
let instances = 0;

/**
 * The alumni network's feed: the company's news, columns, event reports and job news, and members'
 * self-introductions (a relay: each may pass the baton to the next member), help requests, promotions
 * and other posts, with comments, reactions and reports. Signed out (or not yet approved), it shows the
 * company posts made public; an approved member sees and writes everything. `#alumni-post=pst_…` in the
 * page's address opens one post. A member also picks a group (their groups' own feeds), opens a group's
 * page (join, leave, members) and browses groups to join. The composer, comments, report dialog, relay
 * view and groups load on first use.
 * Renders no heading of its own: put it under the page's.
 *
 * @tagname alumni-post-feed
 * @summary Company news and members' posts, with comments, reactions, relay self-introductions and reports.
 *
 * @fires alumni-post-open - A post was opened (deep link or its date). `detail: { postId }`.
 *
 * @csspart post - One post card.
 * @csspart avatar - The author's photo or initials.
 * @csspart badge - Kind, pinned and answered badges.
 * @csspart permalink - The post's date, a link to the post (`#alumni-post=…`).
 * @csspart rich-text - The post's (and each comment's) formatted text.
 * @csspart images - The post's images.
 * @csspart link - A link the post lists.
 * @csspart tag - A tag button (filters the feed by it).
 * @csspart relay - The relay line of a self-introduction.
 * @csspart reaction - A reaction button (aria-pressed).
 * @csspart comments-button - Opens and closes the comments (aria-expanded).
 * @csspart menu - The "more actions" menu (copy link, edit, delete, report).
 * @csspart state-note - A note on your own post (hidden by the moderators, waiting for approval).
 * @csspart filters - Search and kind filter.
 * @csspart chip - A kind filter button (aria-pressed).
 * @csspart write-button - Opens the composer.
 * @csspart composer - The form to write or edit a post.
 * @csspart comments - A post's comments.
 * @csspart dialog - The report dialog.
 * @csspart baton - The note that a relay baton was passed to you.
 * @csspart groups - The group picker and the "browse groups" button.
 * @csspart group-picker - The select choosing the feed (everyone, or one of your groups).
 * @csspart group - A group's page (name, description, join or leave, members) or a group in the browse list.
 * @csspart group-browser - The list of groups to join.
 * @csspart load-more - The "show more" button.
 * @csspart state - Loading, empty and error blocks.
 * @csspart retry-button - The error state's retry button.
 * @csspart button - Every button styled as a button.
 *
 * @cssproperty --alumni-color-text - Text color. Default #1f2328.
 * @cssproperty --alumni-color-muted - Secondary text. Default #59636e.
 * @cssproperty --alumni-color-surface - Background. Default #ffffff.
 * @cssproperty --alumni-color-subtle - Badges, chips, notes. Default #f6f8fa.
 * @cssproperty --alumni-color-border - Borders. Default #d1d9e0.
 * @cssproperty --alumni-color-accent - Links, buttons, company posts. Default #0b5cad.
 * @cssproperty --alumni-color-on-accent - Text on the accent color. Default #ffffff.
 * @cssproperty --alumni-color-danger - Errors and moderation notes. Default #b42318.
 * @cssproperty --alumni-font-family - Font stack.
 * @cssproperty --alumni-font-size - Base font size. Default 1rem.
 * @cssproperty --alumni-radius - Corner radius. Default 8px.
 * @cssproperty --alumni-space - Spacing unit. Default 8px.
 */
export class AlumniPostFeed extends LitElement {
  static override styles = [baseStyles, richTextStyles, feedStyles];

  static override properties = {
    apiUrl: { attribute: 'api-url' },
    publishableKey: { attribute: 'publishable-key' },
    pageSize: { attribute: 'page-size', type: Number },
    signInHref: { attribute: 'sign-in-href' },
    kind: { reflect: true },
    tag: { state: true, attribute: false },
    keyword: { state: true, attribute: false },
    group: { state: true, attribute: false },
    openId: { state: true, attribute: false },
  };

  /** API base URL; default: `<meta name="homecoming:api-url">`, else the origin the bundle came from. */
  declare apiUrl?: string;

  /** Publishable key (`pk_…`); default: `<meta name="homecoming:publishable-key">`. */
  declare publishableKey?: string;

  /** Posts fetched per page (1–100). */
  pageSize = 10;

  /** Where the signed-out note links to, e.g. `#sign-in`; no link when empty. */
  signInHref = '';

  /** The kind shown (`news`, `column`, `event_report`, `job_news`, `self_intro`, `help`, `promotion`, `general`); empty for all. */
  kind = '';

  private tag = '';
  private keyword = '';
  /** A group's posts (chosen in the groups part); empty: the tenant-wide feed. */
  private group = '';
  private openId?: string;
  /** What an approved member can do (its own chunk), for the member it was loaded for. */
  private tools?: MemberTools;
  private toolsFor?: string;
  /** Under each post: its comments or its relay, once opened. */
  private readonly below = new Map<string, Part>();
  private readonly edits = new Map<string, Post>();
  private readonly removed = new Set<string>();
  private readonly notices = new Map<string, string>();

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, feedMessages);
  private readonly moveFocus = new FocusController(this);
  private readonly uid = `alumni-pf-${++instances}`;
  private readonly onHash = () => this.readHash();

  private readonly list = new PagedListController(this, {
    args: () => [this.conn.client, this.conn.token, this.member, this.kind, this.tag, this.keyword, Math.min(Math.max(this.pageSize || 10, 1), 100), this.member && this.group] as const,
    load: ([client, , , kind, tag, q, limit, group], cursor, signal) => client.get<Page<Post>>('/v1/posts', { query: { kind, tag, q, limit, cursor, group }, signal }),
    focusItem: (p) => this.card(p.id)?.querySelector('a'),
  });

  private readonly detail = new Task(this, {
    task: ([client, , id], { signal }) => (id ? client.get<Post>(`/v1/posts/${id}`, { signal }) : Promise.resolve(undefined)),
    args: () => [this.conn.client, this.conn.token, this.openId] as const,
  });

  /** What the lazily loaded parts work with. */
  private readonly host: FeedHost = {
    client: undefined as never,
    lang: 'ja',
    update: () => this.requestUpdate(),
    adopt: (styles) => {
      const root = this.renderRoot as ShadowRoot;
      if (styles.styleSheet && !root.adoptedStyleSheets.includes(styles.styleSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, styles.styleSheet];
    },
    focus: (target) => this.moveFocus.after(target),
    formatDate: (iso) => this.i18n.dateTime(iso),
    created: () => {
      void this.list.task.run();
      this.moveFocus.after('[part~="post"] a');
    },
    changed: (post) => {
      this.edits.set(post.id, post);
      this.requestUpdate();
    },
    removed: (id) => {
      this.removed.add(id);
      if (this.openId === id) this.back();
      this.requestUpdate();
    },
    report: (target) => void this.tools?.report(target),
    note: (id, text) => {
      this.notices.set(id, text);
      this.requestUpdate();
    },
    pickGroup: (id) => {
      this.openId = undefined;
      this.list.now(() => (this.group = id));
    },
  };

  /** Signed in as an approved member: the whole feed, and writing. */
  private get member(): string | undefined {
    return this.conn.member?.status === 'approved' ? this.conn.member.id : undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.readHash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  protected override willUpdate(): void {
    Object.assign(this.host, { client: this.conn.client, lang: this.i18n.lang, me: this.member, group: (this.member && this.group) || undefined });
    if (this.member && this.toolsFor !== this.member) {
      this.toolsFor = this.member;
      this.tools = undefined;
      void this.load(async () => (this.tools = new (await import('./parts/member.js')).MemberTools(this.host)), '');
    }
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private t(key: FeedKey, vars?: Record<string, string | number>): string {
    return this.i18n.t(key, vars);
  }

  private card(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"]`);
  }

  /** `#alumni-post=pst_…` opens that post, with its comments. */
  private readHash(): void {
    const id = HASH.exec(location.hash)?.[1];
    if (!id || id === this.openId) return;
    this.openId = id;
    if (!this.below.has(`comments:${id}`)) void this.openBelow(id, 'comments');
    this.moveFocus.after(() => this.card(id));
    emit(this, 'alumni-post-open', { postId: id });
  }

  private back(): void {
    const id = this.openId;
    this.openId = undefined;
    if (HASH.test(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
    this.moveFocus.after(() => (id && this.card(id)?.querySelector('a')) || this.renderRoot.querySelector('input'));
  }

  /** Loads a part's code (its own chunk); a failure shows where the person looks. */
  private async load<T>(what: () => Promise<T>, where: string): Promise<T | undefined> {
    try {
      return await what();
    } catch (error) {
      this.host.note(where, this.i18n.describeError(error));
      return undefined;
    } finally {
      this.requestUpdate();
    }
  }

  /** Opens (or closes) what shows under a post: its comments or its relay chain. */
  private async openBelow(id: string, which: 'comments' | 'relay', post?: Post): Promise<void> {
    const key = `${which}:${id}`;
    if (this.below.delete(key)) return this.requestUpdate();
    if (!this.member && which === 'comments') return;
    const part = await this.load(
      async () =>
        which === 'comments' ? new (await import('./parts/comments.js')).Thread(this.host, id, post) : new (await import('./parts/relay.js')).RelayView(this.host, post!.relay!.id),
      id,
    );
    if (part) this.below.set(key, part);
  }

  private async copy(post: Post): Promise<void> {
    const url = `${location.href.replace(/#.*$/, '')}#alumni-post=${post.id}`;
    try {
      await navigator.clipboard.writeText(url);
      this.host.note(post.id, this.t('copied'));
    } catch {
      this.host.note(post.id, url);
    }
  }

  private readonly view: CardView = {
    t: (key, vars) => this.t(key, vars),
    date: (iso) => this.i18n.date(iso),
    uid: this.uid,
    member: false,
    commentsOpen: (id) => this.below.has(`comments:${id}`),
    notice: (id) => this.notices.get(id) ?? '',
    menu: (post) => this.tools?.menu(post),
    below: (post) => html`${this.tools?.below(post) ?? nothing}${this.below.get(`relay:${post.id}`)?.render() ?? nothing}${this.below.get(`comments:${post.id}`)?.render() ?? nothing}`,
    on: {
      react: (post, kind) => void this.tools?.react(post, kind),
      comments: (post) => void this.openBelow(post.id, 'comments', post),
      tag: (tag) => {
        this.openId = undefined;
        this.list.now(() => (this.tag = tag));
      },
      edit: (post) => void this.tools?.compose(post),
      remove: (post) => this.tools?.confirmDelete(post),
      report: (post) => void this.tools?.report({ postId: post.id }),
      copy: (post) => void this.copy(post),
      relay: (post) => void this.openBelow(post.id, 'relay', post),
    },
  };

  protected override render() {
    this.view.member = Boolean(this.member);
    return html`<div class="feed">${this.openId ? this.renderDetail() : this.renderFeed()}</div>`;
  }

  private renderDetail() {
    const back = html`<button type="button" class="button secondary" part="button back-button" @click=${this.back}>← ${this.t('backToFeed')}</button>`;
    return html`${back}${this.detail.render({
      pending: () => html`<div class="skeleton" part="state loading" role="status" aria-label=${this.i18n.t('loading')}></div>`,
      complete: (post) => (post && !this.removed.has(post.id) ? renderPost(this.edits.get(post.id) ?? post, this.view) : nothing),
      error: (e) => renderError(this.i18n, e, () => void this.detail.run()),
    })}`;
  }

  private renderTop() {
    if (this.member) return this.tools?.top() ?? nothing;
    const note = this.conn.signedIn ? this.t('pendingNote') : this.t('signedOutNote');
    const link = !this.conn.signedIn && this.signInHref ? html` <a href=${this.signInHref}>${this.t('goSignIn')}</a>` : nothing;
    return html`<p class="note muted" part="signed-out-note">${note}${link}</p>`;
  }

  private renderFilters() {
    const kinds: Kind[] = this.member ? [...companyKinds, ...memberKinds] : [...companyKinds];
    const chip = (kind: string, label: string) =>
      html`<button type="button" class="chip" part="chip" aria-pressed=${this.kind === kind ? 'true' : 'false'} @click=${() => this.list.now(() => (this.kind = kind))}>${label}</button>`;
    return html`<div class="bar" part="filters">
        <label class="visually-hidden" for="${this.uid}-q">${this.t('search')}</label>
        <input id="${this.uid}-q" class="field" type="search" enterkeyhint="search" placeholder=${this.t('searchPlaceholder')}
          @input=${(e: Event) => {
            const q = (e.target as HTMLInputElement).value.trim();
            this.list.debounce(() => (this.keyword = q));
          }} />
        <div class="chips" role="group" aria-label=${this.t('kinds')}>${chip('', this.t('all'))}${kinds.map((k) => chip(k, this.t(`k.${k}`)))}</div>
      </div>
      ${this.tag
        ? html`<p class="bar">${this.t('tagOn', { tag: this.tag })}
            <button type="button" class="link-button" @click=${() => this.list.now(() => (this.tag = ''))}>${this.t('clearTag')}</button></p>`
        : nothing}`;
  }

  private renderFeed() {
    const items = this.list.items.filter((p) => !this.removed.has(p.id)).map((p) => this.edits.get(p.id) ?? p);
    const loading = html`<div class="skeleton" part="state loading"></div><div class="skeleton"></div><p class="visually-hidden" role="status">${this.i18n.t('loading')}</p>`;
    return html`${this.renderTop()}${this.renderFilters()}
      ${this.list.task.render({
        initial: () => loading,
        pending: () => loading,
        // A kind without the feed (the API's 403): the member tools' calm note instead of the error.
        error: (e) => this.tools?.unavailable(e) ?? renderError(this.i18n, e, () => void this.list.task.run()),
        complete: () =>
          items.length
            ? html`<p class="visually-hidden" role="status">${this.t('count', { count: items.length })}</p>
                <div class="list">${items.map((p) => renderPost(p, this.view))}</div>
                ${this.list.renderMore(this.i18n)}`
            : renderEmpty(this.i18n, this.kind || this.tag || this.keyword ? this.t('noMatch') : this.t('none')),
      })}`;
  }
}

// The loader registers the tag with the default export; define.ts does it for direct imports.
export default AlumniPostFeed;
