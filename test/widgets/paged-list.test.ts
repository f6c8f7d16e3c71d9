import { expect, fixture } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import { defineElement, LocaleController, PagedListController, type Page } from '../../widgets/core/index.js';
import { Harness } from '../../widgets/core/harness.js';
import { deepActiveElement } from '../helpers/widget-test.js';

interface Item {
  id: string;
}

/** One call of the list's `load`, which the test answers (or fails) when it chooses. */
interface Load {
  q: string;
  cursor: string | undefined;
  signal: AbortSignal;
  resolve(page: Page<Item>): void;
  reject(error: unknown): void;
}

/** A minimal element on the paged-list controller, whose loads the test controls. */
class ListProbe extends LitElement {
  static override properties = { q: {} };
  declare q: string;
  readonly loads: Load[] = [];
  readonly i18n = new LocaleController(this);
  readonly list = new PagedListController(this, {
    args: () => [this.q] as const,
    load: ([q], cursor, signal) => new Promise<Page<Item>>((resolve, reject) => this.loads.push({ q, cursor, signal, resolve, reject })),
    focusItem: (item) => this.renderRoot.querySelector(`[data-id="${item.id}"]`),
    debounceMs: 30,
  });

  constructor() {
    super();
    this.q = '';
  }

  override render() {
    return html`<ul>${this.list.items.map((item) => html`<li><button data-id=${item.id}>${item.id}</button></li>`)}</ul>${this.list.renderMore(this.i18n)}`;
  }
}
const tag = `test-list-${Math.random().toString(36).slice(2, 8)}`;
defineElement(tag, ListProbe);

class ListProbeHarness extends Harness<ListProbe> {
  ids(): string[] {
    return this.$$('[data-id]').map((b) => b.textContent ?? '');
  }
  hasLoadMore(): boolean {
    return this.has('[part~="load-more"]');
  }
  loadMoreLabel(): string {
    return this.text(this.$('[part~="load-more"]'));
  }
  loadMore(): void {
    this.$('[part~="load-more"]').click();
  }
  /** The load call number `n` (0-based), once it was made. */
  async load(n: number): Promise<Load> {
    await this.until(() => this.element.loads.length > n, `load call ${n + 1}`);
    return this.element.loads[n]!;
  }
}

const page = (ids: string[], nextCursor: string | null = null): Page<Item> => ({ data: ids.map((id) => ({ id })), nextCursor });

describe('PagedListController (widgets/core)', () => {
  async function render() {
    return new ListProbeHarness(await fixture<ListProbe>(staticHtml`<${unsafeStatic(tag)} lang="en"></${unsafeStatic(tag)}>`));
  }

  it('loads the first page, then "load more" continues with the cursor and focuses the first new item', async () => {
    const h = await render();
    (await h.load(0)).resolve(page(['a', 'b'], 'c1'));
    await h.until(() => h.ids().join() === 'a,b', 'the first page');
    h.loadMore();
    const more = await h.load(1);
    expect([more.q, more.cursor]).to.deep.equal(['', 'c1']);
    more.resolve(page(['c', 'd']));
    await h.until(() => h.ids().join() === 'a,b,c,d', 'the second page appended');
    await h.until(() => deepActiveElement() === h.$('[data-id="c"]'), 'focus on the first new item');
    expect(h.hasLoadMore()).to.equal(false);
  });

  it('aborts a stale first-page load when the query changes, and shows only the newest result', async () => {
    const h = await render();
    const first = await h.load(0);
    h.element.q = 'x';
    const second = await h.load(1);
    expect(first.signal.aborted).to.equal(true);
    expect(second.signal.aborted).to.equal(false);
    second.resolve(page(['x1']));
    first.resolve(page(['stale']));
    await h.until(() => h.ids().join() === 'x1', 'the newest list');
    await h.element.updateComplete;
    expect(h.ids()).to.deep.equal(['x1']);
  });

  it('aborts and drops a "load more" for a list the query replaced', async () => {
    const h = await render();
    (await h.load(0)).resolve(page(['a'], 'c1'));
    await h.until(() => h.hasLoadMore(), 'the load-more button');
    h.loadMore();
    const more = await h.load(1);
    h.element.q = 'y';
    const fresh = await h.load(2);
    expect(more.signal.aborted).to.equal(true);
    more.resolve(page(['old-page-2']));
    fresh.resolve(page(['y1'], 'c2'));
    await h.until(() => h.ids().join() === 'y1', 'the new list');
    await h.element.updateComplete;
    expect(h.ids()).to.deep.equal(['y1']);
    expect(h.loadMoreLabel()).to.equal('Show more');
    h.loadMore();
    expect((await h.load(3)).cursor).to.equal('c2');
  });

  it('shows a failed "load more" beside the button, which then retries', async () => {
    const h = await render();
    (await h.load(0)).resolve(page(['a'], 'c1'));
    await h.until(() => h.hasLoadMore(), 'the load-more button');
    h.loadMore();
    (await h.load(1)).reject(new Error('boom'));
    await h.until(() => h.hasError(), 'the error beside the button');
    expect(h.loadMoreLabel()).to.equal('Try again');
    h.loadMore();
    const retry = await h.load(2);
    expect(retry.cursor).to.equal('c1');
    retry.resolve(page(['b']));
    await h.until(() => h.ids().join() === 'a,b', 'appended after the retry');
    expect(h.hasError()).to.equal(false);
  });

  it('debounces query changes typed in a row into one load, and applies one at once with now()', async () => {
    const h = await render();
    (await h.load(0)).resolve(page([]));
    for (const q of ['t', 'ta', 'tan']) h.element.list.debounce(() => (h.element.q = q));
    const typed = await h.load(1);
    expect(typed.q).to.equal('tan');
    h.element.list.debounce(() => (h.element.q = 'dropped'));
    h.element.list.now(() => (h.element.q = 'now'));
    expect((await h.load(2)).q).to.equal('now');
    // The dropped change never applies: give its timer time to have fired, then check nothing else loaded.
    await new Promise((ok) => setTimeout(ok, 100));
    expect(h.element.loads.map((l) => l.q)).to.deep.equal(['', 'tan', 'now']);
  });
});
