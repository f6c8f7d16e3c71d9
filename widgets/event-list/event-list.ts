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

export interface EventOpenDetail {
  eventId: string;
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

/**
 * Upcoming and past events of the tenant, with category and keyword filters, paging and a detail view.
 * Public: needs only the publishable key.
 *
 * @tagname alumni-event-list
 * @summary Lists a company's alumni events; opens one for details.
 *
 * @fires alumni-event-open - A person opened an event's detail. `detail: { eventId }`.
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
 * @csspart badge - Category and status badges.
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
    keyword: { state: true, attribute: false },
    openId: { state: true, attribute: false },
  };

  /** API base URL; default: `<meta name="homecoming:api-url">`, else the origin the bundle came from. */
  declare apiUrl?: string;

  /** Publishable key (`pk_…`); default: `<meta name="homecoming:publishable-key">`. */
  declare publishableKey?: string;

  /** Which tab is shown: `upcoming` (default) or `past`. */
  when: EventWhen = 'upcoming';

  /** Category filter (`meetup`, `study_session`, `office_tour`, `family_day`, `webinar`, `other`); empty for all. */
  category = '';

  /** Events fetched per page (1–100). */
  pageSize = 10;

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

  private readonly list = new PagedListController(this, {
    args: () => [this.conn.client, this.when, this.category, this.keyword, this.limit] as const,
    load: ([client, when, category, q, limit], cursor, signal) =>
      client.get<Page<PublicEvent>>('/v1/events', { query: { when, category, q, limit, cursor }, signal }),
    focusItem: (event) => this.cardTitle(event.id),
  });

  private readonly detailTask = new Task(this, {
    task: async ([client, id], { signal }) => (id ? client.get<PublicEvent>(`/v1/events/${encodeURIComponent(id)}`, { signal }) : undefined),
    args: () => [this.conn.client, this.openId] as const,
  });

  private get limit(): number {
    return Math.min(Math.max(this.pageSize || 10, 1), 100);
  }

  private cardTitle(id: string | undefined): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-event-id="${id}"] .link-button`);
  }

  private selectTab(when: EventWhen, focus: boolean): void {
    if (when !== this.when) this.when = when;
    if (focus) this.moveFocus.after(`#${this.uid}-tab-${when}`);
  }

  private onTabKey(event: KeyboardEvent): void {
    const order: EventWhen[] = ['upcoming', 'past'];
    const index = order.indexOf(this.when);
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
    emit(this, 'alumni-event-open', { eventId: event.id });
  }

  private back(): void {
    const id = this.openId;
    this.openId = undefined;
    this.moveFocus.after(() => this.cardTitle(id) ?? this.renderRoot.querySelector('[role="tab"][aria-selected="true"]'));
  }

  protected override render() {
    return this.openId ? this.renderDetail() : this.renderList();
  }

  private renderList() {
    const t = this.i18n.t.bind(this.i18n);
    const tab = (when: EventWhen) => html`<button
      type="button"
      role="tab"
      part="tab"
      id="${this.uid}-tab-${when}"
      aria-selected=${this.when === when ? 'true' : 'false'}
      aria-controls="${this.uid}-panel"
      tabindex=${this.when === when ? 0 : -1}
      @click=${() => this.selectTab(when, false)}
    >${t(when)}</button>`;
    return html`
      <div class="tabs" role="tablist" part="tabs" aria-label=${t('tabs')} @keydown=${this.onTabKey}>${tab('upcoming')}${tab('past')}</div>
      <div id="${this.uid}-panel" role="tabpanel" aria-labelledby="${this.uid}-tab-${this.when}">
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
      return renderEmpty(this.i18n, filtered ? t('noMatch') : t(this.when === 'past' ? 'noPast' : 'noUpcoming'));
    }
    return html`
      <p class="visually-hidden" role="status">${t('count', { count: items.length })}</p>
      <ul class="list" part="list">
        ${items.map((event) => renderCard(this.view, event, (e) => this.open(e)))}
      </ul>
      ${this.list.renderMore(this.i18n)}
    `;
  }

  private renderDetail() {
    const listed = this.list.items.find((e) => e.id === this.openId);
    const back = html`<button type="button" class="button secondary back" part="button back-button" @click=${this.back}>← ${this.i18n.t('backToList')}</button>`;
    // Show what the list already knows while the fresh copy loads, so the view does not flash.
    const body = this.detailTask.render({
      pending: () => (listed ? renderEventDetail(this.view, listed) : renderLoading(this.i18n)),
      complete: (event) => (event ? renderEventDetail(this.view, event) : nothing),
      error: (error) => renderError(this.i18n, error, () => void this.detailTask.run()),
    });
    return html`<section class="detail" part="detail" aria-labelledby="${this.uid}-detail-title">${back}${body ?? (listed ? renderEventDetail(this.view, listed) : nothing)}</section>`;
  }
}

// The loader registers the tag with the default export; define.ts does it for direct imports.
export default AlumniEventList;
