/** Test harness for <alumni-sign-in>: the email and code steps, the profile editor, account actions. */
import { Harness } from '../core/harness.js';
import type { AlumniSignIn } from './sign-in.js';

export class SignInHarness extends Harness<AlumniSignIn> {
  /** The heading: the sign-in title, or whom you are signed in as. */
  heading(): HTMLElement {
    return this.$('h2');
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

  /** The error shown for an input (tied to it by aria-describedby). */
  errorOf(input: HTMLElement): string {
    return this.root.getElementById(input.getAttribute('aria-describedby')!)?.textContent ?? '';
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

  // Signed in: the membership status, consent and the profile editor.
  hasEditor(): boolean {
    return this.has('[part~="save-button"]');
  }

  async waitForEditor(message = 'the profile editor'): Promise<void> {
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
