/**
 * Base of the element test harnesses (each element's harness.ts; the idea of Material Web's
 * harness.ts): tests act and read through methods named for what a person does and sees, and only
 * the harness knows the selectors. Test code only — no element imports it, so it never reaches a bundle.
 */
import { waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';

export class Harness<E extends HTMLElement = HTMLElement> {
  constructor(readonly element: E) {}

  get root(): ShadowRoot {
    if (!this.element.shadowRoot) throw new Error(`<${this.element.localName}> has no shadow root`);
    return this.element.shadowRoot;
  }

  /** The one node matching `selector` in the shadow tree; throws (naming it) when there is none. */
  $<T extends Element = HTMLElement>(selector: string): T {
    const found = this.root.querySelector<T>(selector);
    if (!found) throw new Error(`nothing matches ${selector} in <${this.element.localName}>`);
    return found;
  }

  /** Every node matching `selector`; none before the element has rendered (its code may still be loading). */
  $$<T extends Element = HTMLElement>(selector: string): T[] {
    return [...(this.element.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
  }

  has(selector: string): boolean {
    return !!this.element.shadowRoot?.querySelector(selector);
  }

  /** The calm note an element shows when the member's kind does not include it ('' when absent). */
  unavailableText(): string {
    return this.has('[part~="unavailable"]') ? this.text(this.$('[part~="unavailable"]')) : '';
  }

  /** Visible text of the whole element, or of one node in it, whitespace collapsed. */
  text(node: Node = this.root): string {
    return (node.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  /** Waits until `predicate` holds, failing with `message` after a generous timeout. */
  until(predicate: () => boolean, message: string): Promise<void> {
    return waitUntil(predicate, message, { timeout: 15000, interval: 20 });
  }

  /** Focuses `input`, selects what it holds and types `text` with real key presses (so the text replaces it). */
  async type(input: HTMLInputElement | HTMLTextAreaElement, text: string): Promise<void> {
    input.focus();
    input.select();
    if (input.value) await sendKeys({ press: 'Backspace' });
    await sendKeys({ type: text });
  }

  async press(key: string): Promise<void> {
    await sendKeys({ press: key });
  }

  /** Sets a control's value the way typing or choosing does, firing `input` and `change`. */
  fill(control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
    control.value = value;
    control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  // The shared states every element renders (core/states.ts).
  get errorState(): HTMLElement {
    return this.$('[part~="error"]');
  }

  hasError(): boolean {
    return this.has('[part~="error"]');
  }

  errorMessage(): string {
    return this.text(this.$('[part~="error-message"]'));
  }

  retry(): void {
    this.$('[part~="retry-button"]').click();
  }

  isEmpty(): boolean {
    return this.has('[part~="empty"]');
  }

  emptyText(): string {
    return this.text(this.$('[part~="empty"]'));
  }

  isSignedOut(): boolean {
    return this.has('[part~="signed-out"]');
  }
}
