import { css, html, LitElement, nothing } from 'lit';
import { baseStyles, ConnectionController, defineMessages, LocaleController } from '../core/index.js';
import { messagingToken, MessageStream } from '../core/messages/index.js';

declare global {
  interface HTMLElementTagNameMap {
    'alumni-unread-count': AlumniUnreadCount;
  }
}

const messages = defineMessages({
  ja: { label: 'メッセージ', unread: '未読 {count} 件' },
  en: { label: 'Messages', unread: '{count} unread' },
});

/**
 * A small link for the host page's header: 「メッセージ」 with the signed-in member's unread count,
 * kept up to date live. Renders nothing for a signed-out visitor.
 *
 * @tagname alumni-unread-count
 * @summary The member's unread message count, for a page header.
 *
 * @csspart link - The link (to `href`, the page with `<alumni-messages>`).
 * @csspart badge - The count (hidden at zero).
 *
 * @cssproperty --alumni-color-accent - Badge color. Default #0b5cad.
 * @cssproperty --alumni-color-on-accent - Badge text. Default #ffffff.
 */
export class AlumniUnreadCount extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: inline-block;
      }
      a {
        color: inherit;
        display: inline-flex;
        align-items: center;
        gap: 0.4em;
        min-height: 44px;
      }
      [part~='badge'] {
        background: var(--_accent);
        color: var(--_on-accent);
        border-radius: 999px;
        font-size: 0.8em;
        font-weight: 700;
        min-width: 1.6em;
        padding: 0 0.45em;
        text-align: center;
      }
    `,
  ];

  static override properties = {
    apiUrl: { attribute: 'api-url' },
    publishableKey: { attribute: 'publishable-key' },
    href: {},
    count: { state: true, attribute: false },
  };

  declare apiUrl?: string;
  declare publishableKey?: string;
  /** Where the link goes: the page (or section) with `<alumni-messages>`. */
  href = '#alumni-messages';
  private count = 0;

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, messages);
  private readonly refresh = () => void this.load();
  readonly stream = new MessageStream(this, this.conn, { message: (m) => void (m.mine || this.load()), refresh: this.refresh, pollMs: () => 60_000 });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('alumni-messages-read', this.refresh);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('alumni-messages-read', this.refresh);
  }

  private async load(): Promise<void> {
    if (!messagingToken(this.conn)) return;
    // A badge fails quietly: the count stays as it was, and the next message or poll tries again.
    const res = await this.conn.client.get<{ total: number }>('/v1/me/messages/unread', { auth: 'session' }).catch(() => undefined);
    if (res) this.count = res.total;
  }

  protected override render() {
    if (!this.conn.signedIn || !messagingToken(this.conn)) return nothing;
    const n = this.count;
    return html`<a part="link" href=${this.href}
      >${this.i18n.t('label')}${n ? html`<span part="badge" aria-hidden="true">${n > 99 ? '99+' : n}</span><span class="visually-hidden">${this.i18n.t('unread', { count: n })}</span>` : nothing}</a
    >`;
  }
}

export default AlumniUnreadCount;
