import { html, LitElement, nothing } from 'lit';
import { baseStyles, ConnectionController, emit, FocusController, LocaleController, renderEmpty, renderError, renderLoading, renderSignedOut, type Page } from '../core/index.js';
import { hasMessages, messagingToken, MessageStream, type Conversation, type Message } from '../core/messages/index.js';
import { messagesText, type MessagesKey } from './messages.messages.js';
import { messagesStyles } from './messages.styles.js';
import { renderList } from './parts/list.js';
import { renderThread, type ThreadState } from './parts/thread.js';
import { names, type View } from './parts/view.js';

declare global {
  interface HTMLElementTagNameMap {
    'alumni-messages': AlumniMessages;
  }
}

let instances = 0;
const byId = (list: Message[], m: Message) => list.some((x) => x.id === m.id);

/**
 * The signed-in member's direct messages: conversations with unread counts, a thread, the composer,
 * and block / leave / report. New messages arrive live (polling while the live connection is down)
 * and are announced to screen readers. Opens a conversation from `#alumni-conversation=<id>` (the
 * mail's link) and starts one from `#alumni-message=<memberId>` or the `member-id` attribute (a
 * directory link). Renders no heading of its own above the list: put it under the page's.
 *
 * @tagname alumni-messages
 * @summary Direct messages between members, live.
 *
 * @fires alumni-messages-read - Messages were marked read: `{ conversationId }` (an `<alumni-unread-count>` on the page updates).
 *
 * @csspart list - The conversation list.
 * @csspart item - One conversation.
 * @csspart badge - Unread count.
 * @csspart thread - The open conversation.
 * @csspart messages - Its messages.
 * @csspart message - One message.
 * @csspart composer - The form to write.
 * @csspart send-button - Sends.
 * @csspart back-button - Back to the list.
 * @csspart actions - Block and leave.
 * @csspart block-button - Blocks the other member.
 * @csspart leave-button - Leaves the conversation.
 * @csspart confirm - Asks before blocking or leaving.
 * @csspart report-button - Reports a message.
 * @csspart dialog - The report dialog.
 * @csspart offline - Shown while live updates are paused.
 * @csspart state - Loading, empty, error and signed-out blocks.
 * @csspart button - Every button styled as a button.
 *
 * @cssproperty --alumni-color-accent - Links, buttons, your messages. Default #0b5cad.
 * @cssproperty --alumni-color-subtle - Others' messages. Default #f6f8fa.
 * @cssproperty --alumni-color-border - Borders. Default #d1d9e0.
 * @cssproperty --alumni-radius - Corner radius. Default 8px.
 */
export class AlumniMessages extends LitElement {
  static override styles = [baseStyles, messagesStyles];

  static override properties = {
    apiUrl: { attribute: 'api-url' },
    publishableKey: { attribute: 'publishable-key' },
    signInHref: { attribute: 'sign-in-href' },
    memberId: { attribute: 'member-id' },
    pollInterval: { attribute: 'poll-interval', type: Number },
    convs: { state: true, attribute: false },
    listError: { state: true, attribute: false },
    openId: { state: true, attribute: false },
    thread: { state: true, attribute: false },
    announce: { state: true, attribute: false },
  };

  declare apiUrl?: string;
  declare publishableKey?: string;
  /** Where the signed-out state links to (the section with `<alumni-sign-in>`). */
  signInHref = '';
  /** Start a conversation with this member (as `#alumni-message=<id>` does). */
  declare memberId?: string;
  /** How often (ms) to look for new messages while the live connection is down. */
  pollInterval = 10_000;

  private convs?: Conversation[];
  private listError?: unknown;
  private listCursor: string | null = null;
  private openId?: string;
  private startName = '';
  private thread: ThreadState = { title: '', messages: [], hasOlder: false, sending: false };
  private olderCursor: string | null = null;
  /** What the live region says: the newest message from someone else. */
  private announce = '';
  private reloadTimer?: ReturnType<typeof setTimeout>;

  private readonly conn = new ConnectionController(this);
  private readonly i18n = new LocaleController(this, messagesText);
  private readonly moveFocus = new FocusController(this);
  private readonly view: View = { i18n: this.i18n, uid: `alumni-msg-${++instances}` };
  readonly stream = new MessageStream(this, this.conn, { message: (m) => this.arrived(m), refresh: () => this.refresh(), pollMs: () => this.pollInterval });
  private readonly onHash = () => this.readHash();
  private token?: string;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    this.readHash();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHash);
  }

  protected override willUpdate(): void {
    if (messagingToken(this.conn) === this.token) return;
    this.token = messagingToken(this.conn);
    this.convs = undefined;
    this.openId = undefined;
    if (this.token) void this.loadList();
  }

  private t(key: MessagesKey, vars?: Record<string, string | number>): string {
    return this.i18n.t(key, vars);
  }

  private readHash(): void {
    const [, kind, id] = /^#alumni-(conversation|message)=([\w-]{1,64})$/.exec(location.hash) ?? [];
    if (kind === 'conversation') this.open(id!);
    if (kind === 'message') this.memberId = id;
    // Linked from elsewhere on the page (the directory's message button) or from a mail: show it.
    if (kind) void this.updateComplete.then(() => this.scrollIntoView({ block: 'start' }));
  }

  /** The member to start with, unless their conversation with us is already in the list (then it opens). */
  private get startWith(): string | undefined {
    return this.openId ? undefined : this.memberId;
  }

  private async loadList(more = false): Promise<void> {
    try {
      const page = await this.conn.client.get<Page<Conversation>>('/v1/me/conversations', { auth: 'session', query: { limit: 30, cursor: more ? this.listCursor : undefined } });
      this.convs = more ? [...(this.convs ?? []), ...page.data] : page.data;
      this.listCursor = page.nextCursor;
      this.listError = undefined;
      const existing = this.memberId && this.convs.find((c) => c.kind === 'direct' && c.members[0]?.id === this.memberId);
      if (existing && !this.openId) this.open(existing.id);
      else if (this.startWith && !this.startName) void this.loadStartName(this.startWith);
    } catch (error) {
      this.listError = error;
    }
  }

  private async loadStartName(id: string): Promise<void> {
    const card = await this.conn.client.get<{ profile: { name: string } }>(`/v1/members/${encodeURIComponent(id)}`, { auth: 'session' }).catch(() => undefined);
    this.startName = card?.profile.name ?? this.t('someone');
    this.thread = { ...this.thread, title: this.t('to', { name: this.startName }) };
    this.moveFocus.after('textarea');
  }

  /** After the stream (re)connects, or every few seconds while it is down. */
  private refresh(): void {
    void this.loadList();
    if (this.openId) void this.loadThread(this.openId, true);
  }

  private arrived(m: Message): void {
    if (!m.mine) this.announce = this.t('newFrom', { name: m.sender?.name ?? this.t('former'), text: m.body.slice(0, 100) });
    if (m.conversationId === this.openId) {
      if (!byId(this.thread.messages, m)) this.thread = { ...this.thread, messages: [...this.thread.messages, m] };
      if (!m.mine) void this.markRead();
    }
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.loadList(), 250);
  }

  private open(id: string): void {
    this.openId = id;
    this.memberId = undefined;
    const conv = this.convs?.find((c) => c.id === id);
    this.thread = { title: names(this.view, conv), conversation: conv, messages: [], hasOlder: false, sending: false };
    void this.loadThread(id);
    this.moveFocus.after('h2');
  }

  private async loadThread(id: string, merge = false): Promise<void> {
    try {
      const [page, conv] = await Promise.all([
        this.conn.client.get<Page<Message>>(`/v1/me/conversations/${id}/messages`, { auth: 'session', query: { limit: 30 } }),
        this.conn.client.get<Conversation>(`/v1/me/conversations/${id}`, { auth: 'session' }),
      ]);
      if (id !== this.openId) return;
      const fresh = page.data.reverse();
      const messages = merge ? [...this.thread.messages.filter((m) => !byId(fresh, m)), ...fresh].sort((a, b) => a.seq - b.seq) : fresh;
      if (!merge) this.olderCursor = page.nextCursor;
      this.thread = { ...this.thread, title: names(this.view, conv), conversation: conv, messages, hasOlder: merge ? this.thread.hasOlder : !!page.nextCursor };
      if (conv.unread) void this.markRead();
    } catch (error) {
      if (id === this.openId) this.thread = { ...this.thread, sendError: error };
    }
  }

  private async older(): Promise<void> {
    const id = this.openId!;
    const page = await this.conn.client.get<Page<Message>>(`/v1/me/conversations/${id}/messages`, { auth: 'session', query: { limit: 30, cursor: this.olderCursor } });
    this.olderCursor = page.nextCursor;
    this.thread = { ...this.thread, messages: [...page.data.reverse(), ...this.thread.messages], hasOlder: !!page.nextCursor };
  }

  private async markRead(): Promise<void> {
    const id = this.openId;
    if (!id) return;
    await this.conn.client.post(`/v1/me/conversations/${id}/read`, {}, { auth: 'session' }).catch(() => undefined);
    this.convs = this.convs?.map((c) => (c.id === id ? { ...c, unread: 0 } : c));
    emit(this, 'alumni-messages-read', { conversationId: id });
  }

  private async send(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const area = (event.currentTarget as HTMLFormElement).querySelector('textarea')!;
    const body = area.value;
    if (!body.trim() || this.thread.sending) return;
    this.thread = { ...this.thread, sending: true, sendError: undefined };
    try {
      if (this.openId) {
        const m = await this.conn.client.post<Message>(`/v1/me/conversations/${this.openId}/messages`, { body }, { auth: 'session' });
        if (!byId(this.thread.messages, m)) this.thread = { ...this.thread, messages: [...this.thread.messages, m] };
      } else {
        const started = await this.conn.client.post<{ conversationId: string }>('/v1/me/conversations', { memberIds: [this.memberId], body }, { auth: 'session' });
        this.open(started.conversationId);
        void this.loadList();
      }
      area.value = '';
      this.thread = { ...this.thread, sending: false };
    } catch (error) {
      this.thread = { ...this.thread, sending: false, sendError: error };
    }
  }

  private back(): void {
    const id = this.openId;
    this.openId = this.memberId = undefined;
    this.startName = '';
    if (/^#alumni-(conversation|message)=/.test(location.hash)) history.replaceState(null, '', location.pathname + location.search);
    this.moveFocus.after(() => this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"] button`) ?? this.renderRoot.querySelector<HTMLElement>('.conv'));
  }

  private async confirmed(): Promise<void> {
    const { confirm, conversation } = this.thread;
    try {
      if (confirm === 'block') await this.conn.client.put(`/v1/me/blocks/${conversation!.members[0]!.id}`, undefined, { auth: 'session' });
      else await this.conn.client.post(`/v1/me/conversations/${this.openId}/leave`, undefined, { auth: 'session' });
      this.thread = { ...this.thread, confirm: undefined };
      if (confirm === 'leave') this.back();
      void this.loadList();
    } catch (error) {
      this.thread = { ...this.thread, confirm: undefined, sendError: error };
    }
  }

  private async sendReport(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const r = this.thread.reporting!;
    const reason = new FormData(event.currentTarget as HTMLFormElement).get('reason');
    try {
      await this.conn.client.post(`/v1/me/messages/${r.id}/reports`, { reason }, { auth: 'session' });
      this.thread = { ...this.thread, reporting: { id: r.id, done: true } };
    } catch (error) {
      this.thread = { ...this.thread, reporting: { ...r, error } };
    }
  }

  protected override updated(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && !dialog.open) dialog.showModal();
  }

  protected override render() {
    if (!this.conn.signedIn) {
      const link = this.signInHref ? html`<a class="button secondary" part="button" href=${this.signInHref}>${this.t('goSignIn')}</a>` : undefined;
      return renderSignedOut(this.i18n, this.t('signedOut'), link);
    }
    if (!hasMessages(this.conn)) return html`<div class="state" part="state unavailable" role="status"><p>${this.t('unavailable')}</p></div>`;
    if (!this.token) return html`<div class="state" part="state pending" role="status"><p>${this.t('notApproved')}</p></div>`;
    const threadOpen = !!(this.openId || this.startWith);
    return html`
      <p class="visually-hidden" aria-live="polite">${this.announce}</p>
      ${this.stream.down ? html`<p class="offline muted" part="offline" role="status">${this.t('offline')}</p>` : nothing}
      <div class="panes ${threadOpen ? 'open' : ''} ${this.convs?.length ? '' : 'solo'}">
        <div class="list-pane">${this.renderListPane()}</div>
        ${threadOpen ? this.renderThreadPane() : nothing}
      </div>
    `;
  }

  private renderListPane() {
    if (this.listError) return renderError(this.i18n, this.listError, () => void this.loadList());
    if (!this.convs) return renderLoading(this.i18n);
    if (!this.convs.length) return this.startWith ? nothing : renderEmpty(this.i18n, this.t('empty'));
    return html`${renderList(this.view, this.convs, this.openId, (id) => this.open(id))}
      ${this.listCursor ? html`<button type="button" class="button secondary more" part="button load-more" @click=${() => void this.loadList(true)}>${this.i18n.t('loadMore')}</button>` : nothing}`;
  }

  private renderThreadPane() {
    return renderThread(this.view, this.thread, {
      back: () => this.back(),
      older: () => void this.older().catch((error: unknown) => (this.thread = { ...this.thread, sendError: error })),
      send: (e) => void this.send(e),
      ask: (what) => (this.thread = { ...this.thread, confirm: what }),
      confirmed: () => void this.confirmed(),
      report: (id) => (this.thread = { ...this.thread, reporting: id ? { id } : undefined }),
      sendReport: (e) => void this.sendReport(e),
    });
  }
}

export default AlumniMessages;
