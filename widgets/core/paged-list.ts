import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { Task } from '@lit/task';
import type { Page } from './api.js';
import type { LocaleController } from './controllers.js';
import { FocusController } from './focus.js';
import { renderError, renderLoading } from './states.js';

export interface PagedListOptions<T, A extends readonly unknown[]> {
  /** What the list depends on (client, filters, page size…); a change reloads it from the first page. */
  args: () => A;
  /**
   * Loads one page: the first when `cursor` is undefined, else the page after it. Resolves undefined
   * when there is nothing to load (e.g. nobody is signed in). Pass `signal` on to the API call.
   */
  load: (args: A, cursor: string | undefined, signal: AbortSignal) => Promise<Page<T> | undefined>;
  /** The node that gets focus for an item "load more" brought in (usually its title button). */
  focusItem: (item: T) => Element | null | undefined;
  /** Pause in typing before a debounced query change applies, in ms (default 300). */
  debounceMs?: number;
}

/** One loaded list: the arguments it was loaded with, and what aborts its "load more" calls. */
interface ListRun<A> {
  args: A;
  abort: AbortController;
}

/**
 * A cursor-paged list on @lit/task: the first page is the task (a change of `args` aborts the
 * stale load through the task's AbortSignal, and only the newest result is kept), "load more"
 * appends the next page and moves focus to its first item, and query changes typed by a person
 * can be debounced. The element renders `task` with its states and `items`, and `renderMore()`.
 */
export class PagedListController<T, A extends readonly unknown[]> implements ReactiveController {
  readonly task: Task<A, Page<T> | undefined>;
  /** A "load more" is running. */
  loadingMore = false;
  /** Why the last "load more" failed (shown beside the button, which then retries). */
  moreError?: unknown;

  private more: T[] = [];
  private cursor: string | null = null;
  private run?: ListRun<A>;
  private timer?: ReturnType<typeof setTimeout>;
  private readonly focus: FocusController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: PagedListOptions<T, A>,
  ) {
    host.addController(this);
    this.focus = new FocusController(host);
    this.task = new Task(host, { args: options.args, task: (args, { signal }) => this.loadFirst(args, signal) });
  }

  /** Every item shown: the first page and those "load more" added. */
  get items(): T[] {
    return [...(this.task.value?.data ?? []), ...this.more];
  }

  /** The API has more items after those shown. */
  get hasMore(): boolean {
    return this.cursor !== null;
  }

  private async loadFirst(args: A, signal: AbortSignal): Promise<Page<T> | undefined> {
    // A new list: a "load more" still running for the previous one is abandoned.
    this.run?.abort.abort();
    const run: ListRun<A> = { args, abort: new AbortController() };
    this.run = run;
    this.loadingMore = false;
    this.moreError = undefined;
    const page = await this.options.load(args, undefined, signal);
    if (run === this.run) {
      this.more = [];
      this.cursor = page?.nextCursor ?? null;
    }
    return page;
  }

  /** Appends the next page of the list on screen and focuses its first item. Failures show beside the button. */
  async loadMore(): Promise<void> {
    const run = this.run;
    const cursor = this.cursor;
    if (!run || cursor === null || this.loadingMore) return;
    this.loadingMore = true;
    this.moreError = undefined;
    this.host.requestUpdate();
    try {
      const page = await this.options.load(run.args, cursor, run.abort.signal);
      // The query changed while this page loaded: it belongs to a list no longer shown.
      if (run !== this.run || !page) return;
      this.more = [...this.more, ...page.data];
      this.cursor = page.nextCursor;
      const first = page.data[0];
      if (first !== undefined) this.focus.after(() => this.options.focusItem(first));
    } catch (error) {
      if (run === this.run) this.moreError = error;
    } finally {
      if (run === this.run) {
        this.loadingMore = false;
        this.host.requestUpdate();
      }
    }
  }

  /** Applies a query change after a pause in typing (a newer change replaces it), so each keystroke does not cost a request. */
  debounce(change: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(change, this.options.debounceMs ?? 300);
  }

  /** Applies a query change at once, dropping a debounced one still waiting (e.g. the search was submitted). */
  now(change: () => void): void {
    clearTimeout(this.timer);
    change();
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  /** Below the items: the "load more" failure, the button (a retry after a failure), and its loading state. */
  renderMore(i18n: LocaleController<string>): TemplateResult {
    return html`<div class="more">
      ${this.moreError ? renderError(i18n, this.moreError) : nothing}
      ${this.hasMore
        ? html`<button type="button" class="button secondary" part="button load-more" ?disabled=${this.loadingMore}
            aria-busy=${this.loadingMore ? 'true' : 'false'} @click=${() => void this.loadMore()}>${i18n.t(this.moreError ? 'retry' : 'loadMore')}</button>`
        : nothing}
      ${this.loadingMore ? renderLoading(i18n) : nothing}
    </div>`;
  }
}
