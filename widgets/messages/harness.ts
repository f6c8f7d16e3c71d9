/** Test harness for <alumni-messages>: the list, a thread, the composer, block / leave / report. */
import { Harness } from '../core/harness.js';
import type { AlumniMessages } from './messages.js';

export class MessagesHarness extends Harness<AlumniMessages> {
  /** The conversations listed: the others' names, and the unread count (0 without a badge). */
  conversations(): { names: string; unread: number }[] {
    return this.$$('[part~="item"]').map((li) => ({
      names: this.text(li.querySelector('.name')!),
      unread: Number(li.querySelector('[part~="badge"]')?.textContent ?? 0),
    }));
  }

  waitForConversations(n: number): Promise<void> {
    return this.until(() => this.conversations().length === n, `${n} conversations listed`);
  }

  open(names: string): void {
    const item = this.$$('[part~="item"]').find((li) => this.text(li).includes(names));
    if (!item) throw new Error(`no conversation with ${names}`);
    item.querySelector('button')!.click();
  }

  /** The thread's messages as shown: who, and what. */
  messages(): { from: string; body: string }[] {
    return this.$$('[part~="message"]').map((li) => ({ from: this.text(li.querySelector('.from')!), body: this.text(li.querySelector('.body')!) }));
  }

  waitForMessage(text: string): Promise<void> {
    return this.until(() => this.messages().some((m) => m.body.includes(text)), `a message "${text}"`);
  }

  threadTitle(): string {
    return this.text(this.$('[part~="thread"] h2'));
  }

  async write(text: string): Promise<void> {
    await this.type(this.$<HTMLTextAreaElement>('[part~="composer"] textarea'), text);
  }

  send(): void {
    this.$('[part~="send-button"]').click();
  }

  sendError(): string {
    return this.text(this.$('[part~="composer"] [role="alert"]'));
  }

  /** What the live region last announced. */
  announced(): string {
    return this.text(this.$('[aria-live]'));
  }

  isOffline(): boolean {
    return this.has('[part~="offline"]');
  }

  /** Asks to block (or leave) and waits for the question. */
  async block(): Promise<void> {
    this.$('[part~="block-button"]').click();
    await this.until(() => this.has('[part~="confirm-button"]'), 'the block question');
  }

  async leave(): Promise<void> {
    this.$('[part~="leave-button"]').click();
    await this.until(() => this.has('[part~="confirm-button"]'), 'the leave question');
  }

  confirm(): void {
    this.$('[part~="confirm-button"]').click();
  }

  back(): void {
    this.$('[part~="back-button"]').click();
  }

  async report(index: number, reason: string): Promise<void> {
    this.$$('[part~="report-button"]')[index]!.click();
    await this.until(() => this.has('[part~="dialog"] input'), 'the report dialog');
    await this.type(this.$<HTMLInputElement>('[part~="dialog"] input'), reason);
    this.$('[part~="dialog"] [part~="send-report-button"]').click();
    await this.until(() => this.has('[part~="dialog"] [role="status"]'), 'the report confirmed');
    this.$('[part~="dialog"] [part~="button"]').click();
    await this.until(() => !this.has('[part~="dialog"]'), 'the report dialog closed');
  }
}
