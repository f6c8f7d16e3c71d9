/**
 * Test harness for <alumni-sign-in>: the email and code steps, the first-sign-in form, the signed-in
 * bar, the profile view (editor, consent, account actions).
 */
import { Harness } from '../core/harness.js';
import type { AlumniSignIn } from './sign-in.js';

export class SignInHarness extends Harness<AlumniSignIn> {
  /** The heading: the sign-in title, or whom you are signed in as (text when the page hides the heading). */
  heading(): HTMLElement {
    return this.has('.who') ? this.$('.who') : this.$('h2');
  }

  hasHeading(): boolean {
    return this.has('h2');
  }

  get emailInput(): HTMLInputElement {
    return this.$<HTMLInputElement>('input[type="email"]');
  }

  hasEmailStep(): boolean {
    return this.has('input[type="email"]');
  }

  get codeInput(): HTMLInputElement {
    return this.$<HTMLInputElement>('input[autocomplete="one-time-code"]');
  }

  hasCodeStep(): boolean {
    return this.has('input[autocomplete="one-time-code"]');
  }

  /** The label text of an input. */
  labelOf(input: HTMLElement): string {
    return this.$(`label[for="${input.id}"]`).textContent ?? '';
  }

  /** The error shown for an input (tied to it by aria-describedby, first of the nodes that describe it). */
  errorOf(input: HTMLElement): string {
    const [id] = input.getAttribute('aria-describedby')!.split(/\s+/);
    return this.root.getElementById(id!)?.textContent ?? '';
  }

  /** Everything read out as an input's description (error, then e.g. the "code sent" notice). */
  descriptionOf(input: HTMLElement): string {
    const ids = input.getAttribute('aria-describedby')?.split(/\s+/) ?? [];
    return ids.map((id) => this.root.getElementById(id)?.textContent ?? '').join(' ');
  }

  /** Types into the step's input (email or code) and presses Enter, as a person does. */
  async typeAndSubmit(text: string): Promise<void> {
    await this.type(this.$<HTMLInputElement>('form input'), text);
    await this.press('Enter');
  }

  /** Submits the step's form without key presses (sets the value, then requestSubmit). */
  submitStep(value: string): void {
    this.$<HTMLInputElement>('form input').value = value;
    this.$<HTMLFormElement>('form').requestSubmit();
  }

  /** Asks for a code for `email` and waits for the code step. */
  async requestCode(email: string): Promise<void> {
    await this.typeAndSubmit(email);
    await this.until(() => this.hasCodeStep(), 'the code step');
  }

  get resendButton(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('[part~="resend-button"]');
  }

  resend(): void {
    this.resendButton.click();
  }

  /** The notice line (code sent, saved, signed out…). */
  notice(): string {
    return this.text(this.$('[part~="notice"]'));
  }

  /** The general error line (role="alert"). */
  alert(): string {
    return this.text(this.$('[role="alert"]'));
  }

  /** The notice of the code step (the code was sent), above the code input. */
  codeNotice(): HTMLElement {
    return this.$('form [part~="notice"]');
  }

  // The first sign-in of a member without a name.
  hasWelcome(): boolean {
    return this.has('[part~="welcome"]');
  }

  async waitForWelcome(): Promise<void> {
    await this.until(() => this.hasWelcome(), 'the first-sign-in form');
  }

  /** Sends the first-sign-in form. */
  continue(): void {
    this.$('[part~="continue-button"]').click();
  }

  /** The text inputs of the first-sign-in form, by name. */
  welcomeInputs(): string[] {
    return this.$$<HTMLInputElement>('[part~="welcome"] input:not([type="checkbox"])').map((i) => i.name);
  }

  // Signed in: the bar, the membership status, consent and the profile view.
  hasBar(): boolean {
    return this.has('[part~="bar"]');
  }

  async waitForBar(message = 'the signed-in bar'): Promise<void> {
    await this.until(() => this.hasBar(), message);
  }

  get profileButton(): HTMLButtonElement {
    return this.$<HTMLButtonElement>('[part~="profile-button"]');
  }

  hasEditor(): boolean {
    return this.has('[part~="save-button"]');
  }

  /** Opens the profile view (if it is not open) and waits for the editor. */
  async waitForEditor(message = 'the profile editor'): Promise<void> {
    await this.waitForBar(`${message}: the signed-in bar`);
    if (this.profileButton.getAttribute('aria-expanded') !== 'true') this.profileButton.click();
    await this.until(() => this.hasEditor(), message);
  }

  hasStatus(): boolean {
    return this.has('[part~="status"]');
  }

  statusText(): string {
    return this.text(this.$('[part~="status"]'));
  }

  hasConsent(): boolean {
    return this.has('[part~="consent"]');
  }

  get consent(): HTMLElement {
    return this.$('[part~="consent"]');
  }

  acceptPolicy(): void {
    this.$('[part~="accept-button"]').click();
  }

  /** A profile input by its name (`currentCompany`, `career.0.department`, `unlisted`…). */
  input(name: string): HTMLInputElement {
    return this.$<HTMLInputElement>(`[name="${name}"]`);
  }

  hasInput(name: string): boolean {
    return this.has(`[name="${name}"]`);
  }

  /** Who sees a profile field. */
  visibility(field: string): HTMLSelectElement {
    return this.$<HTMLSelectElement>(`select[name="v.${field}"]`);
  }

  /** The words on screen beside a field's visibility select. */
  visibilityLabel(field: string): string {
    const select = this.visibility(field);
    return this.text(this.$(`label[for="${select.id}"]`));
  }

  /** Ticks or unticks an open-to flag. */
  toggleOpenTo(flag: string): void {
    this.$(`input[name="openTo"][value="${flag}"]`).click();
  }

  /** Adds a row to `career` or `links`. */
  addRow(list: 'career' | 'links'): void {
    this.$(`[data-add="${list}"]`).click();
  }

  save(): void {
    this.$('[part~="save-button"]').click();
  }

  /** Every control a person can reach in the element. */
  controls(): HTMLElement[] {
    return this.$$('input, select, textarea, button');
  }

  // Account actions.
  download(): void {
    this.$('[part~="download-button"]').click();
  }

  hasDownloadLink(): boolean {
    return this.has('[part~="download-link"]');
  }

  get downloadLink(): HTMLAnchorElement {
    return this.$<HTMLAnchorElement>('[part~="download-link"]');
  }

  askToDelete(): void {
    this.$('[part~="delete-button"]').click();
  }

  isDialogOpen(): boolean {
    return this.has('dialog[open]');
  }

  hasDialog(): boolean {
    return this.has('dialog');
  }

  /** The dialog's first button: cancel. */
  cancelDialog(): void {
    this.$('dialog [part~="button"]').click();
  }

  confirmDelete(): void {
    this.$('[part~="confirm-delete-button"]').click();
  }

  hasSignOut(): boolean {
    return this.has('[part~="sign-out-button"]');
  }

  signOut(): void {
    this.$('[part~="sign-out-button"]').click();
  }

  /** The first fieldset (styles really applied under CSP). */
  get fieldset(): HTMLElement {
    return this.$('fieldset');
  }
}
