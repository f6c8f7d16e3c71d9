import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { Task } from '@lit/task';
import {
  baseStyles,
  ConnectionController,
  defineElement,
  defineMessages,
  emit,
  LocaleController,
  renderEmpty,
  renderError,
  renderLoading,
  renderTask,
  type ApiClient,
  type Page,
  type QueryValue,
} from '../core/index.js';
import { eventListStyles } from './event-list.styles.js';

export const eventCategories = ['meetup', 'study_session', 'office_tour', 'family_day', 'webinar', 'other'] as const;
export type EventCategory = (typeof eventCategories)[number];
export type EventWhen = 'upcoming' | 'past';

type Translation = { title?: string; description?: string; notes?: string };

/** An event as GET /v1/events returns it. */
export interface PublicEvent {
  id: string;
  title: string;
  description: string;
  category: EventCategory;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venueName: string | null;
  venueAddress: string | null;
  isOnline: boolean;
  feeAmount: number;
  feeCurrency: string;
  capacity: number | null;
  registrationDeadline: string | null;
  notes: string;
  status: 'draft' | 'published' | 'cancelled';
  translations: { ja?: Translation; en?: Translation };
}

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

const messages = defineMessages({
  ja: {
    title: 'イベント',
    tabs: 'イベントの時期',
    upcoming: '今後のイベント',
    past: '過去のイベント',
    category: 'カテゴリー',
    allCategories: 'すべて',
    keyword: 'キーワード',
    keywordPlaceholder: 'タイトル・内容で検索',
    'cat.meetup': '交流会',
    'cat.study_session': '勉強会',
    'cat.office_tour': 'オフィス見学',
    'cat.family_day': 'ファミリーデー',
    'cat.webinar': 'ウェビナー',
    'cat.other': 'その他',
    noUpcoming: '予定されているイベントはまだありません。',
    noPast: '過去のイベントはありません。',
    noMatch: '条件に合うイベントはありません。',
    count: '{count}件のイベントを表示中',
    when: '日時',
    venue: '会場',
    online: 'オンライン',
    fee: '参加費',
    capacity: '定員',
    capacityValue: '{count}名',
    deadline: '申込締切',
    notes: '持ち物・注意事項',
    cancelled: '中止',
    details: '詳細を見る',
    backToList: 'イベント一覧に戻る',
  },
  en: {
    title: 'Events',
    tabs: 'Event period',
    upcoming: 'Upcoming',
    past: 'Past',
    category: 'Category',
    allCategories: 'All',
    keyword: 'Keyword',
    keywordPlaceholder: 'Search titles and descriptions',
    'cat.meetup': 'Meetup',
    'cat.study_session': 'Study session',
    'cat.office_tour': 'Office tour',
    'cat.family_day': 'Family day',
    'cat.webinar': 'Webinar',
    'cat.other': 'Other',
    noUpcoming: 'No upcoming events yet.',
    noPast: 'No past events.',
    noMatch: 'No events match these filters.',
    count: 'Showing {count} events',
    when: 'When',
    venue: 'Venue',
    online: 'Online',
    fee: 'Fee',
    capacity: 'Capacity',
    capacityValue: '{count} people',
    deadline: 'Register by',
    notes: 'What to bring / notes',
    cancelled: 'Cancelled',
    details: 'Details',
    backToList: 'Back to events',
  },
});

const SEARCH_DELAY_MS = 300;
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
    extra: { state: true, attribute: false },
    cursor: { state: true, attribute: false },
    moreError: { state: true, attribute: false },
    loadingMore: { state: true, attribute: false },
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
  private extra: PublicEvent[] = [];
  private cursor: string | null = null;
  private moreError?: unknown;
  private loadingMore = false;

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, messages);
  private readonly uid = `alumni-event-list-${++instances}`;
  private searchTimer?: ReturnType<typeof setTimeout>;
  private generation = 0;
  /** The query of the list on screen; "load more" continues it. */
  private listQuery?: { client: ApiClient; query: Record<string, QueryValue> };
  private focusAfterRender?: () => HTMLElement | null | undefined;

  private readonly listTask = new Task(this, {
    task: async ([client, when, category, q, limit], { signal }) => {
      this.generation += 1;
      this.listQuery = { client, query: { when, category, q, limit } };
      const page = await client.get<Page<PublicEvent>>('/v1/events', { query: { when, category, q, limit }, signal });
      this.extra = [];
      this.cursor = page.nextCursor;
      this.moreError = undefined;
      return page;
    },
    args: () => [this.conn.client, this.when, this.category, this.keyword, Math.min(Math.max(this.pageSize || 10, 1), 100)] as const,
  });

  private readonly detailTask = new Task(this, {
    task: async ([client, id], { signal }) => (id ? client.get<PublicEvent>(`/v1/events/${encodeURIComponent(id)}`, { signal }) : undefined),
    args: () => [this.conn.client, this.openId] as const,
  });

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const target = this.focusAfterRender?.();
    if (target) {
      this.focusAfterRender = undefined;
      target.focus();
    }
  }

  private text(event: PublicEvent, field: keyof Translation): string {
    return event.translations?.[this.i18n.lang]?.[field] || event[field];
  }

  private categoryLabel(category: string): string {
    return (eventCategories as readonly string[]).includes(category) ? this.i18n.t(`cat.${category as EventCategory}`) : category;
  }

  private selectTab(when: EventWhen, focus: boolean): void {
    if (when !== this.when) this.when = when;
    if (focus) this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>(`#${this.uid}-tab-${when}`);
  }

  private onTabKey(event: KeyboardEvent): void {
    const order: EventWhen[] = ['upcoming', 'past'];
    const index = order.indexOf(this.when);
    const next: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: order.length - 1 };
    if (!(event.key in next)) return;
    event.preventDefault();
    const target = order[(next[event.key]! + order.length) % order.length]!;
    this.selectTab(target, true);
    this.requestUpdate();
  }

  private onCategory(event: Event): void {
    this.category = (event.target as HTMLSelectElement).value;
  }

  private onSearchInput(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    // Wait for a pause in typing, so each keystroke does not cost a request.
    this.searchTimer = setTimeout(() => (this.keyword = value.trim()), SEARCH_DELAY_MS);
  }

  private onSearchSubmit(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.searchTimer);
    const input = (event.target as HTMLFormElement).querySelector('input');
    this.keyword = input?.value.trim() ?? '';
  }

  private async loadMore(): Promise<void> {
    if (!this.cursor || this.loadingMore) return;
    const generation = this.generation;
    const list = this.listQuery;
    if (!list) return;
    this.loadingMore = true;
    this.moreError = undefined;
    try {
      const page = await list.client.get<Page<PublicEvent>>('/v1/events', { query: { ...list.query, cursor: this.cursor } });
      // The filters changed while this page loaded: it belongs to a list no longer shown.
      if (generation !== this.generation) return;
      const firstNew = page.data[0]?.id;
      this.extra = [...this.extra, ...page.data];
      this.cursor = page.nextCursor;
      if (firstNew) this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>(`[data-event-id="${firstNew}"] .link-button`);
    } catch (error) {
      if (generation === this.generation) this.moreError = error;
    } finally {
      this.loadingMore = false;
    }
  }

  private open(event: PublicEvent): void {
    this.openId = event.id;
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>('.detail h2');
    emit(this, 'alumni-event-open', { eventId: event.id });
  }

  private back(): void {
    const id = this.openId;
    this.openId = undefined;
    this.focusAfterRender = () => this.renderRoot.querySelector<HTMLElement>(`[data-event-id="${id}"] .link-button`) ?? this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
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
              ${eventCategories.map((c) => html`<option value=${c} ?selected=${this.category === c}>${this.categoryLabel(c)}</option>`)}
            </select>
          </label>
          <label for="${this.uid}-q">${t('keyword')}
            <input id="${this.uid}-q" class="field" type="search" enterkeyhint="search" placeholder=${t('keywordPlaceholder')} @input=${this.onSearchInput} />
          </label>
        </form>
        ${renderTask(this.listTask, this.i18n, (page) => this.renderItems([...page.data, ...this.extra]))}
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
        ${items.map((event) => this.renderCard(event))}
      </ul>
      <div class="more">
        ${this.moreError ? renderError(this.i18n, this.moreError) : nothing}
        ${this.cursor
          ? html`<button type="button" class="button secondary" part="button load-more" ?disabled=${this.loadingMore} aria-busy=${this.loadingMore ? 'true' : 'false'} @click=${this.loadMore}>
              ${this.moreError ? t('retry') : t('loadMore')}
            </button>`
          : nothing}
        ${this.loadingMore ? renderLoading(this.i18n) : nothing}
      </div>
    `;
  }

  private renderCard(event: PublicEvent) {
    const time = this.i18n.eventTime(event.startsAt, event.endsAt, event.timeZone);
    const title = this.text(event, 'title');
    return html`<li class="card" part="item" data-event-id=${event.id}>
      <span class="badge" part="badge">${this.categoryLabel(event.category)}</span>
      ${event.status === 'cancelled' ? html`<span class="badge cancelled" part="badge">${this.i18n.t('cancelled')}</span>` : nothing}
      <h3><button type="button" class="link-button" part="item-title" @click=${() => this.open(event)}>${title}</button></h3>
      <p class="meta">
        <span><time datetime=${event.startsAt}>${time.local}</time></span>
        <span>${event.isOnline ? this.i18n.t('online') : (event.venueName ?? '')}</span>
        <span>${this.i18n.t('fee')}: ${this.i18n.fee(event.feeAmount, event.feeCurrency)}</span>
        <span>${this.i18n.t('capacity')}: ${this.capacity(event)}</span>
      </p>
    </li>`;
  }

  private capacity(event: PublicEvent): string {
    return event.capacity === null ? this.i18n.t('noLimit') : this.i18n.t('capacityValue', { count: this.i18n.number(event.capacity) });
  }

  private renderDetail() {
    const listed = [...(this.listTask.value?.data ?? []), ...this.extra].find((e) => e.id === this.openId);
    const back = html`<button type="button" class="button secondary back" part="button back-button" @click=${this.back}>← ${this.i18n.t('backToList')}</button>`;
    // Show what the list already knows while the fresh copy loads, so the view does not flash.
    const body = this.detailTask.render({
      pending: () => (listed ? this.renderEvent(listed) : renderLoading(this.i18n)),
      complete: (event) => (event ? this.renderEvent(event) : nothing),
      error: (error) => renderError(this.i18n, error, () => void this.detailTask.run()),
    });
    return html`<section class="detail" part="detail" aria-labelledby="${this.uid}-detail-title">${back}${body ?? (listed ? this.renderEvent(listed) : nothing)}</section>`;
  }

  private renderEvent(event: PublicEvent) {
    const t = this.i18n.t.bind(this.i18n);
    const time = this.i18n.eventTime(event.startsAt, event.endsAt, event.timeZone);
    const notes = this.text(event, 'notes');
    const venue = event.isOnline ? t('online') : [event.venueName, event.venueAddress].filter(Boolean).join(' / ');
    return html`
      <div>
        <span class="badge" part="badge">${this.categoryLabel(event.category)}</span>
        ${event.status === 'cancelled' ? html`<span class="badge cancelled" part="badge">${t('cancelled')}</span>` : nothing}
      </div>
      <h2 id="${this.uid}-detail-title" tabindex="-1">${this.text(event, 'title')}</h2>
      <dl class="facts">
        <dt>${t('when')}</dt>
        <dd><time datetime=${event.startsAt}>${time.local}</time>${time.eventZone ? html`<br /><span class="muted">${time.eventZone}</span>` : nothing}</dd>
        <dt>${t('venue')}</dt>
        <dd>${venue}</dd>
        <dt>${t('fee')}</dt>
        <dd>${this.i18n.fee(event.feeAmount, event.feeCurrency)}</dd>
        <dt>${t('capacity')}</dt>
        <dd>${this.capacity(event)}</dd>
        ${event.registrationDeadline ? html`<dt>${t('deadline')}</dt><dd>${this.i18n.dateTime(event.registrationDeadline)}</dd>` : nothing}
      </dl>
      <p class="text">${this.text(event, 'description')}</p>
      ${notes ? html`<h3>${t('notes')}</h3><p class="text">${notes}</p>` : nothing}
    `;
  }
}

defineElement('alumni-event-list', AlumniEventList);
