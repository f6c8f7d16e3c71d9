import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ConnectionController } from '../controllers.js';

declare global {
  interface GlobalEventHandlersEventMap {
    /** `<alumni-messages>` marked messages read: badges on the page ask again (bubbles, composed). */
    'alumni-messages-read': CustomEvent<{ conversationId: string }>;
  }
}

export interface Message {
  id: string;
  seq: number;
  conversationId: string;
  sender: { id: string; name: string } | null;
  mine: boolean;
  body: string;
  removed: boolean;
  createdAt: string;
}

export interface Conversation {
  id: string;
  kind: 'direct' | 'multi';
  members: { id: string; name: string; left: boolean }[];
  lastMessage: Message | null;
  lastMessageAt: string;
  unread: number;
}

export interface StreamOptions {
  /** A new message in one of the member's conversations (theirs included). */
  message(m: Message): void;
  /** Catch up: the stream (re)connected, or, while it is down, every `pollMs`. */
  refresh(): void;
  /** While the stream is down (default 15 s). */
  pollMs?: () => number;
}

/**
 * The member's live messages: `GET /v1/me/messages/stream` read with fetch streaming (the session goes
 * in the Authorization header; EventSource cannot send one). While the stream is down the host polls
 * through `refresh`, and the stream is tried again with backoff; a stream the API closed because the
 * member opened too many elsewhere is not retried (polling goes on).
 */
export class MessageStream implements ReactiveController {
  /** Connected: new messages arrive as they are sent. */
  live = false;
  /** The stream failed or ended and the host is polling meanwhile. */
  down = false;
  private abort?: AbortController;
  private token?: string;
  private poll?: ReturnType<typeof setInterval>;
  private retry?: ReturnType<typeof setTimeout>;
  private failures = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly conn: ConnectionController,
    private readonly options: StreamOptions,
  ) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (messagingToken(this.conn) !== this.token) this.restart();
  }

  hostDisconnected(): void {
    this.token = undefined;
    this.stop();
  }

  private stop(): void {
    this.abort?.abort();
    clearInterval(this.poll);
    clearTimeout(this.retry);
    this.poll = this.retry = undefined;
    this.live = this.down = false;
  }

  private restart(): void {
    this.stop();
    this.token = messagingToken(this.conn);
    this.failures = 0;
    if (this.token) void this.connect();
  }

  private failed(again: boolean): void {
    this.live = false;
    this.down = true;
    this.host.requestUpdate();
    if (!this.poll) {
      // Catch up at once (a badge has nothing to show until then), then every pollMs.
      this.options.refresh();
      this.poll = setInterval(() => this.options.refresh(), this.options.pollMs?.() ?? 15_000);
    }
    if (again && this.token) this.retry = setTimeout(() => void this.connect(), Math.min(60_000, 2_000 * 2 ** this.failures++));
  }

  private async connect(): Promise<void> {
    const abort = (this.abort = new AbortController());
    let again = true;
    try {
      const res = await this.conn.client.fetch('GET', '/v1/me/messages/stream', { auth: 'session', headers: { accept: 'text/event-stream' }, signal: abort.signal });
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
          if (event === 'ready') {
            this.live = true;
            this.down = false;
            this.failures = 0;
            clearInterval(this.poll);
            this.poll = undefined;
            this.options.refresh();
            this.host.requestUpdate();
          } else if (event === 'message') this.options.message(data);
          else if (event === 'closed') again = data?.reason !== 'replaced';
        }
      }
    } catch (error) {
      // Signed out, or refused (not approved): nothing to retry until the session changes.
      if ((error as { status?: number }).status) again = false;
    }
    if (!abort.signal.aborted) this.failed(again);
  }
}

/**
 * The session token when its member may use messages (approved, as far as the session knows), else
 * undefined: a pending or refused member's elements ask the API nothing (no 403 in the host page's
 * console) and say why instead.
 */
export function messagingToken(conn: ConnectionController): string | undefined {
  const status = conn.member?.status;
  return (status && status !== 'approved') || !hasMessages(conn) ? undefined : conn.token;
}

/** Whether the member's kind includes messages (the company decides per kind); yes for a session stored before kinds had features. */
export function hasMessages(conn: ConnectionController): boolean {
  return (conn.member?.features as string[] | undefined)?.includes('messages') ?? true;
}
