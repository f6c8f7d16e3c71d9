/** Test harness for <alumni-job-board>: what a person does with the board, its dialogs and "your responses", and what they read. */
import { Harness } from '../core/harness.js';
import type { AlumniJobBoard } from './job-board.js';

export class JobBoardHarness extends Harness<AlumniJobBoard> {
  cards(): HTMLElement[] {
    return this.$$('[part~="item"]');
  }

  titles(): string[] {
    return this.$$('[part~="item-title"]').map((b) => this.text(b));
  }

  card(title: string): HTMLElement {
    const card = this.cards().find((c) => this.text(c.querySelector('[part~="item-title"]')!).includes(title));
    if (!card) throw new Error(`no job card titled ${title}`);
    return card;
  }

  /** Waits until at least one card shows, or exactly `count`. */
  async waitForCards(count?: number, message = count === undefined ? 'the board shows jobs' : `${count} jobs`): Promise<void> {
    await this.until(() => (count === undefined ? this.titles().length > 0 : this.titles().length === count), message);
  }

  get searchBox(): HTMLInputElement {
    return this.$<HTMLInputElement>('input[name="q"]');
  }

  search(text: string): Promise<void> {
    return this.type(this.searchBox, text);
  }

  get filtersToggle(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('[part~="filters-toggle"]');
  }

  filtersShown(): boolean {
    return !this.$('[part~="filters"]').hidden;
  }

  /** The filter select called `name` (type, remote, department, location). */
  filter(name: string): HTMLSelectElement {
    return this.$<HTMLSelectElement>(`select[name="${name}"]`);
  }

  /** Picks a value in a filter, as a person does. */
  choose(name: string, value: string): void {
    this.fill(this.filter(name), value);
  }

  /** The line under the list for people who are signed out. */
  signedOutNote(): string {
    return this.text(this.$('.note'));
  }

  hasLoadMore(): boolean {
    return this.has('[part~="load-more"]');
  }

  open(title?: string): void {
    const button = title === undefined ? this.$('[part~="item-title"]') : this.card(title).querySelector<HTMLElement>('[part~="item-title"]')!;
    button.click();
  }

  isDetailShown(): boolean {
    return this.has('[part~="detail"] h2');
  }

  async waitForDetail(title?: string): Promise<void> {
    await this.until(() => this.isDetailShown() && (title === undefined || this.text(this.detailHeading) === title), `the detail of ${title ?? 'a job'} shows`);
  }

  get detail(): HTMLElement {
    return this.$('[part~="detail"]');
  }

  get detailHeading(): HTMLElement {
    return this.$('[part~="detail"] h2');
  }

  /** The description and requirements as rendered (rich text). */
  richTexts(): HTMLElement[] {
    return this.$$('[part~="detail"] [part~="rich-text"]');
  }

  facts(): string {
    return this.text(this.$('.facts'));
  }

  actionsText(): string {
    return this.text(this.$('[part~="actions"]'));
  }

  /** The detail's state when a job is not there (e.g. members-only, signed out). */
  detailState(): string {
    return this.text(this.$('[part~="detail"] [part~="state"]'));
  }

  back(): void {
    this.$('[part~="back-button"]').click();
  }

  button(kind: 'interest' | 'apply' | 'refer'): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`[part~="${kind}-button"]`);
  }

  /** Clicks interest, apply or refer and waits for its dialog (loaded on first use). */
  async respond(kind: 'interest' | 'apply' | 'refer'): Promise<void> {
    this.button(kind)!.click();
    await this.until(() => this.dialog?.open === true, `the ${kind} dialog opens`);
  }

  get dialog(): HTMLDialogElement | null {
    return this.root.querySelector('dialog');
  }

  dialogField(name: string): HTMLInputElement | HTMLTextAreaElement {
    return this.$<HTMLInputElement>(`dialog [name="${name}"]`);
  }

  /** Fills the dialog's inputs by name; `true` ticks a checkbox. */
  fillDialog(values: Record<string, string | boolean>): void {
    for (const [name, value] of Object.entries(values)) {
      const input = this.dialogField(name);
      if (typeof value === 'boolean') (input as HTMLInputElement).checked = value;
      else this.fill(input, value);
    }
  }

  send(): void {
    this.$('dialog [part~="send-button"]').click();
  }

  /** What the dialog says after sending (or '' while it is still a form). */
  dialogStatus(): string {
    return this.has('dialog [role="status"]') ? this.text(this.$('dialog [role="status"]')) : '';
  }

  /** The message beside the dialog input called `name`. */
  dialogError(name: string): string {
    return this.text(this.$(`#${this.dialogField(name).getAttribute('aria-describedby')}`));
  }

  closeDialog(): void {
    this.$('dialog [part~="button"]:not([part~="send-button"])').click();
  }

  tab(name: 'jobs' | 'mine'): HTMLButtonElement {
    return this.$<HTMLButtonElement>(`[role="tab"]:nth-of-type(${name === 'jobs' ? 1 : 2})`);
  }

  hasTabs(): boolean {
    return this.has('[role="tablist"]');
  }

  /** Opens "your responses" and waits for it to load. */
  async openMine(): Promise<void> {
    this.tab('mine').click();
    await this.until(() => this.has('[part~="mine"]') && !this.has('[part~="mine"] [part~="loading"]'), 'your responses load');
  }

  /** Your responses as `kind · stage · title` lines. */
  responses(): string[] {
    return this.$$('[part~="response"]').map((r) => this.text(r));
  }

  offers(): HTMLElement[] {
    return this.$$('[part~="offer"]');
  }

  /** Withdraws the n-th response (with the confirmation step). */
  async withdraw(index = 0): Promise<void> {
    const row = this.$$('[part~="response"]')[index]!;
    row.querySelector<HTMLElement>('[part~="withdraw-button"]')!.click();
    await this.until(() => !!row.querySelector('[part~="confirm-withdraw-button"]'), 'the withdrawal asks to confirm');
    row.querySelector<HTMLElement>('[part~="confirm-withdraw-button"]')!.click();
  }

  answerOffer(index: number, answer: 'accept' | 'decline'): void {
    this.offers()[index]!.querySelector<HTMLElement>(`[part~="${answer}-button"]`)!.click();
  }

  alertType(type: string): HTMLInputElement {
    return this.$<HTMLInputElement>(`[part~="alerts"] input[value="${type}"]`);
  }

  saveAlerts(): void {
    this.$('[part~="save-alerts-button"]').click();
  }

  stopAlerts(): void {
    this.$('[part~="stop-alerts-button"]').click();
  }

  alertsStatus(): string {
    return this.has('[part~="alerts"] [role="status"]') ? this.text(this.$('[part~="alerts"] [role="status"]')) : '';
  }
}
