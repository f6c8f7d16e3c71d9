/** Test harness for <alumni-member-directory>: search, filters, cards, a profile and its message dialog. */
import { Harness } from '../core/harness.js';
import type { AlumniMemberDirectory } from './member-directory.js';

export class MemberDirectoryHarness extends Harness<AlumniMemberDirectory> {
  /** The member cards shown. */
  cards(): HTMLElement[] {
    return this.$$('[part~="item"]');
  }

  /** The card of the member whose name contains `name`. */
  card(name: string): HTMLElement {
    const card = this.cards().find((c) => (c.textContent ?? '').includes(name));
    if (!card) throw new Error(`no member card for ${name}`);
    return card;
  }

  /** Names on the cards shown, in order. */
  names(): string[] {
    return this.$$('[part~="item-title"]').map((b) => this.text(b));
  }

  /** Skill chips of a card. */
  chips(card: HTMLElement): string[] {
    return [...card.querySelectorAll('[part~="chip"]')].map((c) => c.textContent ?? '');
  }

  avatarText(card: HTMLElement): string {
    return this.text(card.querySelector('[part~="avatar"]')!);
  }

  async waitForCards(count?: number, message = count === undefined ? 'the directory lists members' : `${count} members`): Promise<void> {
    await this.until(() => (count === undefined ? this.names().length > 0 : this.names().length === count), message);
  }

  /** The status line screen readers hear (how many members are shown). */
  status(): string {
    return this.$('[role="status"]').textContent ?? '';
  }

  get searchForm(): HTMLElement {
    return this.$('[part~="search"]');
  }

  get searchBox(): HTMLInputElement {
    return this.$<HTMLInputElement>('input[type="search"]');
  }

  /** Replaces the keyword with `text`, key by key. */
  search(text: string): Promise<void> {
    return this.type(this.searchBox, text);
  }

  /** The button that shows and hides the filters. */
  get filtersToggle(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('[part~="filters-toggle"]');
  }

  /** Opens or closes the filters disclosure. */
  toggleFilters(): void {
    this.filtersToggle.click();
  }

  /** The filters are shown (not hidden). */
  filtersShown(): boolean {
    return !this.$('[part~="filters"]').hidden;
  }

  /** A filter input or select by its name (`company`, `department`, `leftYearFrom`, `kind`, …). */
  filter(name: string): HTMLInputElement | HTMLSelectElement {
    return this.searchForm.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  }

  setFilter(name: string, value: string): void {
    this.fill(this.filter(name), value);
  }

  /** Ticks or unticks an open-to flag. */
  toggleOpenTo(flag: string): void {
    this.searchForm.querySelector<HTMLInputElement>(`input[name="openTo"][value="${flag}"]`)!.click();
  }

  hasLoadMore(): boolean {
    return this.has('[part~="load-more"]');
  }

  loadMore(): void {
    this.$('[part~="load-more"]').click();
  }

  /** The signed-out state's link to the sign-in section. */
  signInLink(): HTMLAnchorElement {
    return this.$<HTMLAnchorElement>('a');
  }

  hasSearch(): boolean {
    return this.has('form');
  }

  isPending(): boolean {
    return this.has('[part~="pending"]');
  }

  pendingText(): string {
    return this.text(this.$('[part~="pending"]'));
  }

  /** The "check again" button of the pending state. */
  checkAgain(): void {
    this.$('[part~="pending"] [part~="retry-button"]').click();
  }

  hasConsent(): boolean {
    return this.has('[part~="consent"]');
  }

  consentText(): string {
    return this.text(this.$('[part~="consent"]'));
  }

  acceptPolicy(): void {
    this.$('[part~="accept-button"]').click();
  }

  /** What the signed-out block says (also used to ask a member without a name to give one). */
  signedOutText(): string {
    return this.text(this.$('[part~="signed-out"]'));
  }

  /** Avatar images (photos) in a card, with whether each is hidden (failed to load). */
  avatarImage(card: HTMLElement): HTMLImageElement | null {
    return card.querySelector<HTMLImageElement>('[part~="avatar"] img');
  }

  /** Opens the profile of the member whose name contains `name` (or the first card). */
  open(name?: string): void {
    const title = name === undefined ? this.$('[part~="item-title"]') : this.card(name).querySelector<HTMLElement>('[part~="item-title"]')!;
    title.click();
  }

  async waitForDetail(): Promise<void> {
    await this.until(() => this.has('[part~="detail"] h2'), 'the profile detail');
  }

  get detail(): HTMLElement {
    return this.$('[part~="detail"]');
  }

  get detailHeading(): HTMLElement {
    return this.$('[part~="detail"] h2');
  }

  /** The first link in the profile (the member's own links). */
  detailLink(): HTMLAnchorElement {
    return this.$<HTMLAnchorElement>('[part~="detail"] a');
  }

  back(): void {
    this.$('[part~="back-button"]').click();
  }

  // The message dialog.
  /** Where the message button leads when the directory links to the page's messages (`messages-href`); '' for the dialog button. */
  messageLink(): string {
    return this.contactButton.getAttribute('href') ?? '';
  }

  hasContactButton(): boolean {
    return this.has('[part~="contact-button"]');
  }

  get contactButton(): HTMLElement {
    return this.$('[part~="contact-button"]');
  }

  get dialog(): HTMLDialogElement {
    return this.$<HTMLDialogElement>('dialog');
  }

  isDialogOpen(): boolean {
    return this.has('dialog[open]');
  }

  hasDialog(): boolean {
    return this.has('dialog');
  }

  async openContact(): Promise<void> {
    this.contactButton.click();
    await this.until(() => this.has('dialog[open] textarea'), 'the message dialog is open');
  }

  /** Types the message key by key. */
  writeMessage(text: string): Promise<void> {
    return this.type(this.$<HTMLTextAreaElement>('dialog textarea'), text);
  }

  send(): void {
    this.$('[part~="send-button"]').click();
  }

  /** The dialog's close button (the only one after sending; the first before). */
  closeDialog(): void {
    this.$('dialog [part~="button"]').click();
  }

  characterCount(): string {
    return this.text(this.$('dialog .count'));
  }

  dialogAlert(): string {
    return this.text(this.$('dialog [role="alert"]'));
  }
}
