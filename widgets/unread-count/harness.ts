/** Test harness for <alumni-unread-count>. */
import { Harness } from '../core/harness.js';
import type { AlumniUnreadCount } from './unread-count.js';

export class UnreadCountHarness extends Harness<AlumniUnreadCount> {
  /** The number on the badge, 0 when there is none. */
  count(): number {
    return this.has('[part~="badge"]') ? Number(this.text(this.$('[part~="badge"]')).replace('+', '')) : 0;
  }

  waitForCount(n: number): Promise<void> {
    return this.until(() => this.count() === n, `the badge shows ${n}`);
  }

  /** What a screen reader reads for the link. */
  label(): string {
    return this.text(this.$('[part~="link"]'));
  }

  isLive(): boolean {
    return this.element.stream.live;
  }
}
