/** Test harness for <alumni-event-list>: what a person does with the list and the detail, and what they read. */
import { Harness } from '../core/harness.js';
import type { AlumniEventList, EventWhen } from './event-list.js';

export class EventListHarness extends Harness<AlumniEventList> {
  /** The event cards shown. */
  cards(): HTMLElement[] {
    return this.$$('[part~="item"]');
  }

  /** The card whose title contains `title`. */
  card(title: string): HTMLElement {
    const card = this.cards().find((c) => this.text(c.querySelector('[part~="item-title"]')!).includes(title));
    if (!card) throw new Error(`no event card titled ${title}`);
    return card;
  }

  /** Titles of the cards shown, in order. */
  titles(): string[] {
    return this.$$('[part~="item-title"]').map((b) => this.text(b));
  }

  /** Waits until at least one card shows, or exactly `count` when given. */
  async waitForCards(count?: number, message = count === undefined ? 'the list shows events' : `${count} events`): Promise<void> {
    await this.until(() => (count === undefined ? this.titles().length > 0 : this.titles().length === count), message);
  }

  get tabList(): HTMLElement {
    return this.$('[part~="tabs"]');
  }

  tab(when: EventWhen): HTMLButtonElement {
    return this.$$<HTMLButtonElement>('[role="tab"]')[when === 'upcoming' ? 0 : 1]!;
  }

  selectedTab(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('[role="tab"][aria-selected="true"]');
  }

  get tabPanel(): HTMLElement {
    return this.$('[role="tabpanel"]');
  }

  get filters(): HTMLElement {
    return this.$('[part~="filters"]');
  }

  get categorySelect(): HTMLSelectElement {
    return this.$<HTMLSelectElement>('select');
  }

  /** Picks a category in the select, as a person does (a `change` event). */
  chooseCategory(category: string): void {
    this.categorySelect.value = category;
    this.categorySelect.dispatchEvent(new Event('change', { bubbles: true }));
  }

  get searchBox(): HTMLInputElement {
    return this.$<HTMLInputElement>('input[type="search"]');
  }

  /** Types a keyword into the search box, key by key. */
  search(text: string): Promise<void> {
    return this.type(this.searchBox, text);
  }

  /** The status line screen readers hear (how many events are shown). */
  status(): string {
    return this.text(this.$('[role="status"]'));
  }

  hasLoadMore(): boolean {
    return this.has('[part~="load-more"]');
  }

  loadMore(): void {
    this.$('[part~="load-more"]').click();
  }

  /** Opens the detail of the event titled `title` (or the first card). */
  open(title?: string): void {
    const button = title === undefined ? this.$('[part~="item-title"]') : this.card(title).querySelector<HTMLElement>('[part~="item-title"]')!;
    button.click();
  }

  get detail(): HTMLElement {
    return this.$('[part~="detail"]');
  }

  isDetailShown(): boolean {
    return this.has('[part~="detail"] h2');
  }

  async waitForDetail(): Promise<void> {
    await this.until(() => this.isDetailShown(), 'the detail shows');
  }

  get detailHeading(): HTMLElement {
    return this.$('[part~="detail"] h2');
  }

  /** The "when" line of the detail's facts. */
  detailWhen(): string {
    return this.text(this.$('.facts dd'));
  }

  back(): void {
    this.$('[part~="back-button"]').click();
  }
}
