import { html, LitElement, nothing } from 'lit';
import { Task } from '@lit/task';
import {
  baseStyles,
  ConnectionController,
  emit,
  FocusController,
  LocaleController,
  PagedListController,
  renderEmpty,
  renderError,
  renderLoading,
  renderTask,
  type Page,
} from '../core/index.js';
import { eventListMessages } from './event-list.messages.js';
import { eventListStyles } from './event-list.styles.js';
import {
  categoryLabel,
  eventCategories,
  renderCard,
  renderCardSkeletons,
  renderEventDetail,
  type EventView,
  type EventWhen,
  type PublicEvent,
} from './parts/event-view.js';

export { eventCategories, type EventCategory, type EventWhen, type PublicEvent } from './parts/event-view.js';
import type { RegistrationPanel } from './parts/registration.js';
import type { CalendarFeed } from './parts/calendar-feed.js';

export interface EventOpenDetail {
  eventId: string;
  /** This page's address with `#alumni-event=<id>`: opening it shows this event at once (for a mail, a post). */
  url: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A person opened an event's detail in `<alumni-event-list>`. */
    'alumni-event-open': CustomEvent<EventOpenDetail>;
  }
  interface HTMLElementTagNameMap {
    'alumni-event-list': AlumniEventList;
  }
}

/**
 * Cards shown while the first page loads: about a phone screen's worth. With more events what is
 * below moves down, mostly out of view; with fewer it moves up a little. Either way far less than
 * from a small spinner.
 */
const SKELETON_CARDS = 4;
let instances = 0;

/** The page-address fragment that opens an event: `#alumni-event=evt_…`. */
const DEEP_LINK = /^#alumni-event=([A-Za-z0-9_-]{1,64})$/;

/** This page's address, opening `eventId`. */
export function eventLink(eventId: string): string {
  const url = new URL(location.href);
  url.hash = `alumni-event=${eventId}`;
  return url.href;
}

/**
 * Upcoming and past events of the tenant, with category and keyword filters, paging and a detail view;
 * signed-in members register there (questions, guests), join the waitlist, cancel, add the event to
 * their calendar and show their check-in code, and see "my events" with a private calendar feed.
 * The list needs only the publishable key; registering needs a member signed in with <alumni-sign-in>.
 *
 * Deep link: a page address ending in `#alumni-event=evt_…` opens that event's detail on load (and when
 * the fragment changes); opening a detail fires `alumni-event-open` with that address, and the detail
 * links to it, so HR can paste it into a mail.
 *
 * @tagname alumni-event-list
 * @summary Lists a company's alumni events; opens one for details.
 *
 * @fires alumni-event-open - A person opened an event's detail. `detail: { eventId, url }` (`url` opens it directly).
 *
 * @csspart tabs - The upcoming/past tab list.
 * @csspart tab - Each tab.
 * @csspart filters - The category and keyword controls.
 * @csspart list - The list of events.
 * @csspart item - One event card.
 * @csspart item-title - The event title button in a card.
 * @csspart load-more - The "show more" button.
 * @csspart detail - The event detail view.
 * @csspart back-button - The detail view's back button.
 * @csspart badge - The category badge.
 * @csspart status-badge - The 中止 and 申込済み/キャンセル待ち badges (also `cancelled-badge`, `registration-badge`): apart from `badge`, so a theme for categories leaves their colours alone.
 * @csspart registration - The detail's registration block (status, seats, buttons, the form).
 * @csspart register-button - Register / join the waitlist.
 * @csspart cancel-button - Cancel the registration or leave the waitlist.
 * @csspart sign-in-link - The signed-out state's link to sign-in (with `sign-in-href`).
 * @csspart online-link - The online meeting link (registered members only).
 * @csspart calendar-button - Add to calendar (.ics) and Google Calendar.
 * @csspart check-in - The check-in code and its QR code.
 * @csspart event-link - The link that opens this event directly.
 * @csspart calendar-feed - The "my events" calendar subscription.
 * @csspart state - Loading, empty and error blocks (with `loading`, `empty`, `error`).
 * @csspart retry-button - The error state's retry button.
 * @csspart button - Every button styled as a button.
 *
 * @cssproperty --alumni-color-text - Text color. Default #1f2328.
 * @cssproperty --alumni-color-muted - Secondary text. Default #59636e.
 * @cssproperty --alumni-color-surface - Background. Default #ffffff.
 * @cssproperty --alumni-color-subtle - Badge background. Default #f6f8fa.
 * @cssproperty --alumni-color-border - Borders. Default #d1d9e0.
 * @cssproperty --alumni-color-accent - Links, buttons, the selected tab. Default #0b5cad.
 * @cssproperty --alumni-color-on-accent - Text on the accent color. Default #ffffff.
 * @cssproperty --alumni-color-danger - Errors and the cancelled badge. Default #b42318.
 * @cssproperty --alumni-font-family - Font stack. Default system-ui with Japanese fallbacks.
 * @cssproperty --alumni-font-size - Base font size. Default 1rem.
 * @cssproperty --alumni-radius - Corner radius. Default 8px.
 * @cssproperty --alumni-space - Spacing unit. Default 8px.
 */
export class AlumniEventList extends LitElement {
  static override styles = [baseStyles, eventListStyles];

  // Declared without decorators: the decorator helpers cost bundle bytes on every field.
  static override properties = {
    apiUrl: { attribute: 'api-url' },
    publishableKey: { attribute: 'publishable-key' },
    when: { reflect: true },
    category: { reflect: true },
    pageSize: { attribute: 'page-size', type: Number },
    signInHref: { attribute: 'sign-in-href' },
    keyword: { state: true, attribute: false },
    openId: { state: true, attribute: false },
  };

  /** API base URL; default: `<meta name="homecoming:api-url">`, else the origin the bundle came from. */
  declare apiUrl?: string;

  /** Publishable key (`pk_…`); default: `<meta name="homecoming:publishable-key">`. */
  declare publishableKey?: string;

  /** Which tab is shown: `upcoming` (default), `past`, or `mine` (a signed-in member's events; else `upcoming`). */
  when: EventWhen = 'upcoming';

  /** Category filter (`meetup`, `study_session`, `office_tour`, `family_day`, `webinar`, `other`); empty for all. */
  category = '';

  /** Events fetched per page (1–100). */
  pageSize = 10;

  /** Where signing in happens (e.g. `#sign-in`, the section with `<alumni-sign-in>`): the signed-out state links there. */
  signInHref = '';

  /** The keyword in effect (the search box applies it after a short pause in typing). */
  private keyword = '';
  /** The event whose detail is open. */
  private openId?: string;

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, eventListMessages);
  private readonly moveFocus = new FocusController(this);
  private readonly uid = `alumni-event-list-${++instances}`;
  /** What the card and detail templates read. */
  private readonly view: EventView = { i18n: this.i18n, uid: this.uid };
  /** Events as the last registration or cancellation left them, over what the list loaded. */
  private readonly fresh = new Map<string, PublicEvent>();
  /** The registration block (its own chunk, loaded when a detail first opens). */
  private panel?: RegistrationPanel;
  private feed?: CalendarFeed;
  private partError?: unknown;

  private readonly list = new PagedListController(this, {
    // The session is an argument: signing in or out reloads, so each card says what the member has.
    args: () => [this.conn.client, this.tab, this.category, this.keyword, this.limit, this.conn.token] as const,
    load: ([client, when, category, q, limit], cursor, signal) => {
      if (!cursor) this.fresh.clear();
      return when === 'mine'
        ? client.get<Page<PublicEvent>>('/v1/me/events', { query: { category, q, limit, cursor }, signal, auth: 'session' })
        : client.get<Page<PublicEvent>>('/v1/events', { query: { when, category, q, limit, cursor }, signal });
    },
    focusItem: (event) => this.cardTitle(event.id),
  });

  private readonly detailTask = new Task(this, {
    task: async ([client, id], { signal }) => (id ? client.get<PublicEvent>(`/v1/events/${encodeURIComponent(id)}`, { signal }) : undefined),
    args: () => [this.conn.client, this.openId, this.conn.token] as const,
  });

  /** The tab shown: "my events" only while signed in. */
  private get tab(): EventWhen {
    return this.when === 'mine' && !this.conn.signedIn ? 'upcoming' : this.when;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.followLink();
    addEventListener('hashchange', this.followLink);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('hashchange', this.followLink);
  }

  /** Opens the event the page address names (`#alumni-event=evt_…`). */
  private readonly followLink = () => {
    const id = DEEP_LINK.exec(location.hash)?.[1];
    if (id && id !== this.openId) {
      this.openId = id;
      this.moveFocus.after('.detail h2');
      emit(this, 'alumni-event-open', { eventId: id, url: eventLink(id) });
    }
  };

  /** Loads a lazily built part once, re-rendering when it is there (or showing why it is not). */
  private async loadParts(): Promise<void> {
    try {
      // One chunk for both (they always load together and share their styles); the QR code loads on its own.
      const { RegistrationPanel, CalendarFeed } = await import('./parts/registration.js');
      const ctx = {
        i18n: this.i18n,
        client: () => this.conn.client,
        signedIn: () => this.conn.signedIn,
        signInHref: () => this.signInHref,
        updated: (event: PublicEvent) => {
          this.fresh.set(event.id, event);
          this.requestUpdate();
        },
      };
      this.panel ??= new RegistrationPanel(this, ctx);
      this.feed ??= new CalendarFeed(this, ctx);
    } catch (error) {
      this.partError = error;
    }
    this.requestUpdate();
  }
  private partsLoading?: Promise<void>;

  private parts(): boolean {
    if (!this.panel && !this.partError) this.partsLoading ??= this.loadParts();
    return Boolean(this.panel);
  }

  private get limit(): number {
    return Math.min(Math.max(this.pageSize || 10, 1), 100);
  }

  private cardTitle(id: string | undefined): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-event-id="${id}"] .link-button`);
  }

  private tabs(): EventWhen[] {
    return this.conn.signedIn ? ['upcoming', 'past', 'mine'] : ['upcoming', 'past'];
  }

  private selectTab(when: EventWhen, focus: boolean): void {
    if (when !== this.when) this.when = when;
    if (focus) this.moveFocus.after(`#${this.uid}-tab-${when}`);
  }

  private onTabKey(event: KeyboardEvent): void {
    const order = this.tabs();
    const index = order.indexOf(this.tab);
    const next: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: order.length - 1 };
    if (!(event.key in next)) return;
    event.preventDefault();
    this.selectTab(order[(next[event.key]! + order.length) % order.length]!, true);
  }

  private onCategory(event: Event): void {
    this.category = (event.target as HTMLSelectElement).value;
  }

  private onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    this.list.debounce(() => (this.keyword = value.trim()));
  }

  private onSearchSubmit(event: SubmitEvent): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).querySelector('input');
    this.list.now(() => (this.keyword = input?.value.trim() ?? ''));
  }

  private open(event: PublicEvent): void {
    this.openId = event.id;
    this.moveFocus.after('.detail h2');
    emit(this, 'alumni-event-open', { eventId: event.id, url: eventLink(event.id) });
  }

  private back(): void {
    const id = this.openId;
    this.openId = undefined;
    // Leaving the event the address opened: the address stops naming it (so a reload shows the list).
    if (DEEP_LINK.test(location.hash)) history.replaceState(history.state, '', location.pathname + location.search);
    this.moveFocus.after(() => this.cardTitle(id) ?? this.renderRoot.querySelector('[role="tab"][aria-selected="true"]'));
  }

  protected override render() {
    // The member's kind does not include events (the company decides per kind): said calmly, not as an error.
    const features = this.conn.signedIn ? (this.conn.member?.features as string[] | undefined) : undefined;
    const refused = (this.list.task.error as { code?: string } | undefined)?.code === 'feature_not_available';
    if ((features && !features.includes('events')) || refused) {
      return html`<div class="state" part="state unavailable" role="status"><p>${this.i18n.t('unavailable')}</p></div>`;
    }
    return this.openId ? this.renderDetail() : this.renderList();
  }

  private renderList() {
    const t = this.i18n.t.bind(this.i18n);
    const current = this.tab;
    const tab = (when: EventWhen) => html`<button
      type="button"
      role="tab"
      part="tab"
      id="${this.uid}-tab-${when}"
      aria-selected=${current === when ? 'true' : 'false'}
      aria-controls="${this.uid}-panel"
      tabindex=${current === when ? 0 : -1}
      @click=${() => this.selectTab(when, false)}
    >${t(when)}</button>`;
    return html`
      <div class="tabs" role="tablist" part="tabs" aria-label=${t('tabs')} @keydown=${this.onTabKey}>${this.tabs().map(tab)}</div>
      <div id="${this.uid}-panel" role="tabpanel" aria-labelledby="${this.uid}-tab-${current}">
        ${current === 'mine' && this.parts() ? this.feed!.render() : nothing}
        <form class="filters" part="filters" role="search" @submit=${this.onSearchSubmit}>
          <label for="${this.uid}-category">${t('category')}
            <select id="${this.uid}-category" class="field" .value=${this.category} @change=${this.onCategory}>
              <option value="" ?selected=${this.category === ''}>${t('allCategories')}</option>
              ${eventCategories.map((c) => html`<option value=${c} ?selected=${this.category === c}>${categoryLabel(this.view, c)}</option>`)}
            </select>
          </label>
          <label for="${this.uid}-q">${t('keyword')}
            <input id="${this.uid}-q" class="field" type="search" enterkeyhint="search" placeholder=${t('keywordPlaceholder')} @input=${this.onSearchInput} />
          </label>
        </form>
        ${renderTask(this.list.task, this.i18n, () => this.renderItems(this.list.items), {
          loading: () => html`${renderCardSkeletons(Math.min(this.limit, SKELETON_CARDS))}<p class="visually-hidden" role="status">${t('loading')}</p>`,
        })}
      </div>
    `;
  }

  private renderItems(items: PublicEvent[]) {
    const t = this.i18n.t.bind(this.i18n);
    if (!items.length) {
      const filtered = this.category !== '' || this.keyword !== '';
      return renderEmpty(this.i18n, filtered ? t('noMatch') : t(this.tab === 'past' ? 'noPast' : this.tab === 'mine' ? 'noMine' : 'noUpcoming'));
    }
    return html`
      <p class="visually-hidden" role="status">${t('count', { count: items.length })}</p>
      <ul class="list" part="list">
        ${items.map((event) => renderCard(this.view, this.fresh.get(event.id) ?? event, (e) => this.open(e)))}
      </ul>
      ${this.list.renderMore(this.i18n)}
    `;
  }

  private renderDetail() {
    const id = this.openId!;
    const listed = this.fresh.get(id) ?? this.list.items.find((e) => e.id === id);
    const back = html`<button type="button" class="button secondary back" part="button back-button" @click=${this.back}>← ${this.i18n.t('backToList')}</button>`;
    const detail = (event: PublicEvent) => {
      const shown = this.fresh.get(event.id) ?? event;
      const registration = this.parts()
        ? this.panel!.render(shown)
        : this.partError
          ? renderError(this.i18n, this.partError)
          : html`<div class="registration" part="registration">${renderLoading(this.i18n)}</div>`;
      return renderEventDetail(this.view, shown, registration, eventLink(event.id));
    };
    // Show what the list already knows while the fresh copy loads, so the view does not flash.
    const body = this.detailTask.render({
      pending: () => (listed ? detail(listed) : renderLoading(this.i18n)),
      complete: (event) => (event ? detail(event) : nothing),
      error: (error) => renderError(this.i18n, error, () => void this.detailTask.run()),
    });
    return html`<section class="detail" part="detail" aria-labelledby="${this.uid}-detail-title">${back}${body ?? (listed ? detail(listed) : nothing)}</section>`;
  }
}

// The loader registers the tag with the default export; define.ts does it for direct imports.
export default AlumniEventList;
