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
    return this.$<HTMLButtonElement>(`[role="tab"][id$="-tab-${when}"]`);
  }

  hasTab(when: EventWhen): boolean {
    return this.has(`[role="tab"][id$="-tab-${when}"]`);
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

  /** The badges of the card titled `title` (category, 中止, 申込済み…). */
  badges(title: string): string[] {
    return [...this.card(title).querySelectorAll('[part~="badge"], [part~="status-badge"]')].map((b) => this.text(b));
  }

  /** The link in the detail that opens this event directly. */
  eventLink(): string {
    return this.$<HTMLAnchorElement>('[part~="event-link"]').href;
  }

  // The registration block of the detail (parts/registration.ts).

  get registration(): HTMLElement {
    return this.$('[part~="registration"]');
  }

  /** Waits until the registration block has loaded (its own chunk) and shows `text`, when given. */
  async waitForRegistration(text?: string | RegExp): Promise<void> {
    const matches = () => !text || (typeof text === 'string' ? this.registrationText().includes(text) : text.test(this.registrationText()));
    await this.until(() => this.has('[part~="registration"]:not([aria-busy="true"]) .row, [part~="registration"] .note, [part~="registration"] [part~="signed-out"]') && matches(), `the registration block shows ${text ?? 'its state'}`);
  }

  registrationText(): string {
    return this.has('[part~="registration"]') ? this.text(this.registration) : '';
  }

  /** The registration block's status line (registered, place on the waitlist). */
  registrationStatus(): string {
    return this.has('[part~="registration-status"]') ? this.text(this.$('[part~="registration-status"]')) : '';
  }

  seats(): string {
    return this.has('[part~="seats"]') ? this.text(this.$('[part~="seats"]')) : '';
  }

  registerButton(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('[part~="register-button"]');
  }

  hasRegisterButton(): boolean {
    return this.has('[part~="register-button"]');
  }

  /** Presses register (or join the waitlist): sends at once, or opens the form when the event asks something. */
  register(): void {
    this.registerButton().click();
  }

  hasForm(): boolean {
    return this.has('[part~="registration-form"]');
  }

  chooseGuests(count: number): void {
    this.fill(this.$<HTMLSelectElement>('[part~="registration-form"] select[name="guests"]'), String(count));
  }

  /** Types into a free-text question. */
  answer(questionId: string, text: string): Promise<void> {
    return this.type(this.$<HTMLTextAreaElement>(`[data-question="${questionId}"] textarea`), text);
  }

  /** Ticks an option of a choice question (by its value, as the organiser wrote it). */
  choose(questionId: string, option: string): void {
    this.$<HTMLInputElement>(`[data-question="${questionId}"] input[value="${option}"]`).click();
  }

  /** The message shown under one question (or `guests`). */
  questionError(questionId: string): string {
    return this.has(`#reg-error-${questionId}`) ? this.text(this.$(`#reg-error-${questionId}`)) : '';
  }

  /** Submits the registration form. */
  submit(): void {
    this.$<HTMLButtonElement>('[part~="registration-form"] [type="submit"]').click();
  }

  /** Cancels the registration (or leaves the waitlist), answering yes to the question that follows. */
  async cancelRegistration(): Promise<void> {
    this.$('[part~="cancel-button"]').click();
    await this.until(() => this.has('[part~="confirm-cancel-button"]'), 'the cancel confirmation');
    this.$('[part~="confirm-cancel-button"]').click();
  }

  hasCancel(): boolean {
    return this.has('[part~="cancel-button"]');
  }

  /** The online meeting link, or null when the block shows none. */
  onlineLink(): string | null {
    return this.has('[part~="online-link"]') ? this.$<HTMLAnchorElement>('[part~="online-link"]').href : null;
  }

  signInLink(): HTMLAnchorElement | null {
    return this.has('[part~="sign-in-link"]') ? this.$<HTMLAnchorElement>('[part~="sign-in-link"]') : null;
  }

  googleCalendarLink(): HTMLAnchorElement {
    return this.$<HTMLAnchorElement>('[part~="google-calendar-link"]');
  }

  icsButton(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('[part~="ics-button"]');
  }

  /** Shows the check-in code and waits for its QR code. */
  async showCheckIn(): Promise<void> {
    this.$('[part~="check-in-button"]').click();
    await this.until(() => this.has('[part~="check-in"] svg'), 'the QR code');
  }

  checkInCode(): string {
    return this.text(this.$('[part~="check-in-code"]'));
  }

  /** The QR code's size in modules and the dark squares drawn. */
  qr(): { modules: number; rects: number; label: string } {
    const svg = this.$('[part~="check-in"] svg');
    return { modules: Number(svg.dataset.modules), rects: svg.querySelectorAll('g rect').length, label: svg.getAttribute('aria-label') ?? '' };
  }

  /** The registration block's error line. */
  registrationError(): string {
    return this.has('[part~="registration"] [role="alert"]') ? this.text(this.$('[part~="registration"] [role="alert"]')) : '';
  }

  // "My events": the calendar feed.

  feedText(): string {
    return this.has('[part~="calendar-feed"]') ? this.text(this.$('[part~="calendar-feed"]')) : '';
  }

  /** Asks for a (new) subscription URL and returns it once shown. */
  async makeFeed(): Promise<string> {
    await this.until(() => this.has('[part~="feed-button"]'), 'the feed button');
    this.$('[part~="feed-button"]').click();
    await this.until(() => this.has('[part~="calendar-feed"] input'), 'the feed URL');
    return this.$<HTMLInputElement>('[part~="calendar-feed"] input').value;
  }
}
