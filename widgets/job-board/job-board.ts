import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { Task } from '@lit/task';
import {
  baseStyles,
  ConnectionController,
  emit,
  FocusController,
  HomecomingError,
  LocaleController,
  PagedListController,
  renderEmpty,
  renderError,
  renderLoading,
  renderTask,
  type Page,
} from '../core/index.js';
import { richTextStyles } from '../core/rich-text.js';
import { jobBoardMessages, type JobBoardKey } from './job-board.messages.js';
import { jobBoardStyles } from './job-board.styles.js';
import { employmentTypes, jobText, remotePolicies, renderCard, renderCardSkeletons, renderJobDetail, type Job, type JobView } from './parts/job-view.js';
import type { MineView } from './parts/mine.js';
import type { RespondDialog, RespondKind } from './parts/respond.js';

export type { EmploymentType, Job } from './parts/job-view.js';

export interface JobOpenDetail {
  jobId: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    /** A person opened a job's detail in `<alumni-job-board>` (or arrived by its link). */
    'alumni-job-open': CustomEvent<JobOpenDetail>;
  }
  interface HTMLElementTagNameMap {
    'alumni-job-board': AlumniJobBoard;
  }
}

type Filters = Record<string, string>;
type Tab = 'jobs' | 'mine';
/** `#alumni-job=job_…` opens a job; `#alumni-jobs=mine` the member's responses and offers. */
const HASH = /^#alumni-job=([\w-]{1,64})$/;
const SKELETON_CARDS = 3;
let instances = 0;

/**
 * Comeback jobs — rehire, contract, side jobs, freelance, projects — with search and filters, a
 * detail that can be linked to (`#alumni-job=job_…`), and for signed-in members casual interest, an
 * application, referring someone, their own responses and the offers they received. Public jobs show
 * to anyone; members-only jobs to approved members (sign in with `<alumni-sign-in>` on the page or the
 * page `sign-in-href` points to).
 *
 * @tagname alumni-job-board
 * @summary Lists a company's comeback jobs; express interest, apply or refer someone.
 *
 * @fires alumni-job-open - A job's detail was opened (by a person, or by the page's `#alumni-job=…` link). `detail: { jobId }`.
 *
 * @csspart tabs - The jobs / your responses tabs (signed in).
 * @csspart tab - Each tab.
 * @csspart search - The keyword and filter form.
 * @csspart filters-toggle - Shows or hides the filters (aria-expanded).
 * @csspart filters - The filters.
 * @csspart list - The list of jobs.
 * @csspart item - One job card.
 * @csspart item-title - The title button of a card.
 * @csspart badge - Type, work style, members-only and state badges.
 * @csspart load-more - The "show more" button.
 * @csspart detail - The job's detail.
 * @csspart back-button - The detail's back button.
 * @csspart rich-text - The description and requirements.
 * @csspart actions - The detail's interest, apply and refer buttons (or why they are not there).
 * @csspart interest-button - Opens the interest dialog.
 * @csspart apply-button - Opens the application dialog, or the company's own application page.
 * @csspart refer-button - Opens the referral dialog.
 * @csspart dialog - The interest, application and referral dialogs.
 * @csspart mine - The member's responses, offers and job alerts.
 * @csspart state - Loading, empty, error and signed-out blocks.
 * @csspart retry-button - The error state's retry button.
 * @csspart button - Every button styled as a button.
 *
 * @cssproperty --alumni-color-text - Text color. Default #1f2328.
 * @cssproperty --alumni-color-muted - Secondary text. Default #59636e.
 * @cssproperty --alumni-color-surface - Background. Default #ffffff.
 * @cssproperty --alumni-color-subtle - Badges, code. Default #f6f8fa.
 * @cssproperty --alumni-color-border - Borders. Default #d1d9e0.
 * @cssproperty --alumni-color-accent - Links, buttons, the selected tab. Default #0b5cad.
 * @cssproperty --alumni-color-on-accent - Text on the accent color. Default #ffffff.
 * @cssproperty --alumni-color-danger - Errors and the closed badge. Default #b42318.
 * @cssproperty --alumni-font-family - Font stack.
 * @cssproperty --alumni-font-family-mono - Code in descriptions.
 * @cssproperty --alumni-font-size - Base font size. Default 1rem.
 * @cssproperty --alumni-radius - Corner radius. Default 8px.
 * @cssproperty --alumni-space - Spacing unit. Default 8px.
 */
export class AlumniJobBoard extends LitElement {
  static override styles = [baseStyles, richTextStyles, jobBoardStyles];

  // Declared without decorators: the decorator helpers cost bundle bytes on every field.
  static override properties = {
    apiUrl: { attribute: 'api-url' },
    publishableKey: { attribute: 'publishable-key' },
    pageSize: { attribute: 'page-size', type: Number },
    signInHref: { attribute: 'sign-in-href' },
    form: { state: true, attribute: false },
    filtersOpen: { state: true, attribute: false },
    openId: { state: true, attribute: false },
    tab: { state: true, attribute: false },
  };

  /** API base URL; default: `<meta name="homecoming:api-url">`, else the origin the bundle came from. */
  declare apiUrl?: string;

  /** Publishable key (`pk_…`); default: `<meta name="homecoming:publishable-key">`. */
  declare publishableKey?: string;

  /** Jobs fetched per page (1–100). */
  pageSize = 10;

  /** Where signing in happens, e.g. `alumni.html` or `#sign-in` (the page or section with `<alumni-sign-in>`); no link when empty. */
  signInHref = '';

  /** The search form as typed. */
  private form: Filters = {};
  private filtersOpen = false;
  /** The job whose detail is open. */
  private openId?: string;
  private tab: Tab = 'jobs';
  /** The history entry this element added for the open job (so its back button can go back). */
  private pushed = false;
  private respond?: RespondDialog;
  private mine?: MineView;

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, jobBoardMessages);
  private readonly moveFocus = new FocusController(this);
  private readonly uid = `alumni-jb-${++instances}`;
  private readonly view: JobView = { i18n: this.i18n, uid: this.uid };

  private readonly list = new PagedListController(this, {
    // The query as one string: the same search typed again does not reload.
    args: () => [this.conn.client, this.conn.token, JSON.stringify({ ...this.query, limit: Math.min(Math.max(this.pageSize || 10, 1), 100) })] as const,
    load: ([client, , key], cursor, signal) => client.get<Page<Job>>('/v1/jobs', { query: { ...(JSON.parse(key) as Filters), cursor }, signal }),
    focusItem: (job) => this.cardTitle(job.id),
  });

  private readonly filterTask = new Task(this, {
    task: ([client, , lang], { signal }) => client.get<{ departments: string[]; locations: string[] }>('/v1/jobs/filters', { query: { lang }, signal }),
    args: () => [this.conn.client, this.conn.token, this.i18n.lang] as const,
  });

  private readonly detailTask = new Task(this, {
    task: async ([client, , id], { signal }) => (id ? client.get<Job>(`/v1/jobs/${encodeURIComponent(id)}`, { signal }) : undefined),
    args: () => [this.conn.client, this.conn.token, this.openId] as const,
  });

  private readonly onHash = () => this.followHash(false);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.followHash(true);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  private t(key: JobBoardKey, vars?: Record<string, string | number>): string {
    return this.i18n.t(key, vars);
  }

  /** The filters in effect: trimmed, empty ones left out. */
  private get query(): Filters {
    return Object.fromEntries(Object.entries(this.form).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : [])));
  }

  private get approved(): boolean {
    return (this.conn.member as { status?: string } | undefined)?.status === 'approved';
  }

  /**
   * The member's kind does not include jobs (current employees, by default): the element says so calmly
   * instead of showing an error. Known from the session's member, or from the API's 403 when the
   * company changed it since.
   */
  private get unavailable(): boolean {
    if (!this.conn.signedIn) return false;
    const features = (this.conn.member as { features?: string[] } | undefined)?.features;
    const error = this.list.task.error;
    return (Array.isArray(features) && !features.includes('jobs')) || (error instanceof HomecomingError && error.code === 'feature_not_available');
  }

  private cardTitle(id: string | undefined): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-job-id="${id}"] .link-button`);
  }

  /** The page's address says which job (or the member's responses) to show: at start, and when it changes. */
  private followHash(initial: boolean): void {
    const hash = location.hash;
    const id = HASH.exec(hash)?.[1];
    if (hash === '#alumni-jobs=mine' && this.conn.signedIn) {
      this.openId = undefined;
      void this.selectTab('mine', false);
    } else if (id && id !== this.openId) {
      this.tab = 'jobs';
      this.openId = id;
      this.moveFocus.after(`#${this.uid}-title`);
      emit(this, 'alumni-job-open', { jobId: id });
      // Arriving by a link (a mail's, a shared one): the job is what the person came for.
      if (initial) void this.updateComplete.then(() => this.scrollIntoView({ block: 'start' }));
    } else if (!id && this.openId) {
      this.close();
    }
  }

  private readFilters(form: HTMLFormElement): void {
    this.form = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
  }

  /** Typing applies after a pause; a choice in a menu, or Enter, at once. */
  private onInput(e: Event): void {
    const form = e.currentTarget as HTMLFormElement;
    if ((e.target as HTMLElement).localName === 'input') this.list.debounce(() => this.readFilters(form));
  }

  private onChange(e: Event): void {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    this.list.now(() => this.readFilters(form));
  }

  private open(job: Job): void {
    this.openId = job.id;
    this.pushed = true;
    history.pushState(history.state, '', `#alumni-job=${job.id}`);
    this.moveFocus.after(`#${this.uid}-title`);
    emit(this, 'alumni-job-open', { jobId: job.id });
  }

  /** Back to the list, focus on the card that was open. */
  private close(): void {
    const id = this.openId;
    this.openId = undefined;
    this.respond?.close();
    this.moveFocus.after(() => this.cardTitle(id) ?? this.renderRoot.querySelector('input'));
  }

  private back(): void {
    if (this.pushed) {
      // The browser's back does the same (hashchange closes the detail).
      this.pushed = false;
      history.back();
    } else {
      history.replaceState(history.state, '', location.pathname + location.search);
      this.close();
    }
  }

  private async selectTab(tab: Tab, focus: boolean): Promise<void> {
    this.tab = tab;
    if (focus) this.moveFocus.after(`#${this.uid}-tab-${tab}`);
    if (tab === 'mine' && !this.mine) {
      const { MineView } = await import('./parts/mine.js');
      this.mine ??= new MineView(this, { i18n: this.i18n, uid: this.uid, types: employmentTypes, client: () => this.conn.client, openJob: (id) => this.openFromMine(id) });
      this.requestUpdate();
    }
  }

  private openFromMine(id: string): void {
    this.tab = 'jobs';
    this.open({ id } as Job);
  }

  private async startResponse(kind: RespondKind, job: Job): Promise<void> {
    if (!this.respond) {
      const { RespondDialog } = await import('./parts/respond.js');
      this.respond ??= new RespondDialog(this, {
        i18n: this.i18n,
        uid: this.uid,
        client: () => this.conn.client,
        sent: () => void this.detailTask.run(),
        closed: (button) => this.moveFocus.after(`[part~="${button}"]`),
      });
    }
    this.respond.open(kind, { id: job.id, title: jobText(this.view, job, 'title') });
  }

  protected override render() {
    if (this.unavailable) return html`<div class="state unavailable" part="state unavailable" role="status"><p>${this.t('unavailable')}</p></div>`;
    const tabs = this.conn.signedIn ? this.renderTabs() : nothing;
    if (this.tab === 'mine' && this.conn.signedIn) {
      return html`${tabs}<div role="tabpanel" aria-labelledby="${this.uid}-tab-mine">${this.mine ? this.mine.render() : renderLoading(this.i18n)}</div>`;
    }
    const body = this.openId ? this.renderDetail() : this.renderList();
    return this.conn.signedIn ? html`${tabs}<div role="tabpanel" aria-labelledby="${this.uid}-tab-jobs">${body}</div>` : body;
  }

  private renderTabs() {
    const tab = (name: Tab) => html`<button type="button" role="tab" part="tab" id="${this.uid}-tab-${name}" aria-selected=${this.tab === name ? 'true' : 'false'}
      tabindex=${this.tab === name ? 0 : -1} @click=${() => void this.selectTab(name, false)}>${this.t(name)}</button>`;
    const keys = (e: KeyboardEvent) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(e.key)) {
        e.preventDefault();
        void this.selectTab(this.tab === 'jobs' ? 'mine' : 'jobs', true);
      }
    };
    return html`<div class="tabs" role="tablist" part="tabs" aria-label=${this.t('tabs')} @keydown=${keys}>${tab('jobs')}${tab('mine')}</div>`;
  }

  private renderList() {
    const t = this.t.bind(this);
    const f = this.form;
    const facets = this.filterTask.value;
    const select = (name: string, label: JobBoardKey, options: readonly string[], text: (o: string) => string = (o) => o) =>
      html`<label>${t(label)}<select name=${name} class="field" .value=${f[name] ?? ''}>
        <option value="">${t('any')}</option>${options.map((o) => html`<option value=${o} ?selected=${f[name] === o}>${text(o)}</option>`)}
      </select></label>`;
    const active = Object.keys(this.query).filter((k) => k !== 'q').length;
    return html`
      <form class="search" part="search" role="search" @input=${this.onInput} @change=${this.onChange} @submit=${this.onChange}>
        <label class="q">${t('keyword')}<input name="q" class="field" type="search" enterkeyhint="search" .value=${f.q ?? ''} /></label>
        <button type="button" class="disclosure" part="filters-toggle" aria-expanded=${this.filtersOpen ? 'true' : 'false'} aria-controls="${this.uid}-filters"
          @click=${() => (this.filtersOpen = !this.filtersOpen)}><span aria-hidden="true">${this.filtersOpen ? '▾' : '▸'}</span> ${t('filters')}${active ? ` (${active})` : ''}</button>
        <div class="grid" part="filters" id="${this.uid}-filters" ?hidden=${!this.filtersOpen}>
          ${select('type', 'type', employmentTypes, (o) => t(`t.${o}` as JobBoardKey))} ${select('remote', 'remote', remotePolicies, (o) => t(`r.${o}` as JobBoardKey))}
          ${select('department', 'department', facets?.departments ?? [])} ${select('location', 'location', facets?.locations ?? [])}
        </div>
      </form>
      ${renderTask(this.list.task, this.i18n, () => this.renderItems(this.list.items), {
        loading: () => html`${renderCardSkeletons(SKELETON_CARDS)}<p class="visually-hidden" role="status">${this.i18n.t('loading')}</p>`,
      })}
      ${this.conn.signedIn ? nothing : html`<p class="muted note">${t('membersMore')} ${this.signInLink()}</p>`}
    `;
  }

  private signInLink() {
    return this.signInHref ? html`<a href=${this.signInHref}>${this.t('goSignIn')}</a>` : nothing;
  }

  private renderItems(items: Job[]) {
    if (!items.length) return renderEmpty(this.i18n, this.t(Object.keys(this.query).length ? 'noMatch' : 'noJobs'));
    return html`
      <p class="visually-hidden" role="status">${this.t('count', { count: items.length })}</p>
      <ul class="list" part="list">${items.map((job) => renderCard(this.view, job, (j) => this.open(j)))}</ul>
      ${this.list.renderMore(this.i18n)}
    `;
  }

  private renderDetail() {
    const listed = this.list.items.find((j) => j.id === this.openId);
    const back = html`<button type="button" class="button secondary back" part="button back-button" @click=${this.back}>← ${this.t('backToList')}</button>`;
    const show = (job: Job) => html`${renderJobDetail(this.view, job)}${this.renderActions(job)}${this.respond?.render() ?? nothing}`;
    const body = this.detailTask.render({
      pending: () => (listed ? show(listed) : renderLoading(this.i18n)),
      complete: (job) => (job ? show(job) : nothing),
      error: (e) =>
        e instanceof HomecomingError && e.status === 404 && !this.conn.signedIn
          ? html`<div class="state signed-out" part="state signed-out" role="status"><p>${this.t('notFoundSignedOut')}</p>${this.signInLink()}</div>`
          : renderError(this.i18n, e, () => void this.detailTask.run()),
    });
    return html`<section class="detail" part="detail" aria-labelledby="${this.uid}-title">${back}${body}</section>`;
  }

  /** What the reader can do with the job: respond (approved members), sign in, wait for approval — or nothing, closed. */
  private renderActions(job: Job) {
    const t = this.t.bind(this);
    if (job.status === 'closed') return html`<p class="actions muted" part="actions">${t('closedNote')}</p>`;
    if (!this.conn.signedIn) return html`<div class="actions box" part="actions"><p>${t('signInToRespond')}</p>${this.signInLink()}</div>`;
    if (!this.approved) return html`<p class="actions box" part="actions">${t('pendingNote')}</p>`;
    const mine = job.viewer;
    const button = (kind: RespondKind, label: JobBoardKey, done?: boolean) =>
      html`<button type="button" class="button ${kind === 'interest' ? '' : 'secondary'}" part="button ${kind}-button" ?disabled=${done}
        @click=${() => void this.startResponse(kind, job)}>${t(label)}</button>`;
    return html`<div class="actions" part="actions">
      ${mine?.interest ? html`<p class="sent" role="status">✓ ${t('interestSent')} · ${t('st.under_review')}</p>` : button('interest', 'interest')}
      ${job.applyUrl
        ? html`<a class="button secondary" part="button apply-button" href=${job.applyUrl} target="_blank" rel="noopener">${t('applyOutside')}</a>`
        : button('apply', mine?.application ? 'applied' : 'apply', !!mine?.application)}
      ${button('refer', 'refer')}
    </div>`;
  }
}

// The loader registers the tag with the default export; define.ts does it for direct imports.
export default AlumniJobBoard;
