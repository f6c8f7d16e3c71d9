/** Reads a message stream (Server-Sent Events over a fetch Response) the way the widget does. */
export interface StreamEvent {
  event: string;
  data: any;
}

export interface OpenStream {
  /** The next event named `event` (skipping others), or a rejection after `timeoutMs`. */
  next(event: string, timeoutMs?: number): Promise<StreamEvent>;
  /** Every event seen so far. */
  seen: StreamEvent[];
  /** Comment lines (heartbeats) seen so far. */
  comments: number;
  close(): Promise<void>;
}

export function readStream(res: Response): OpenStream {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: StreamEvent[] = [];
  const waiters: { event: string; resolve: (e: StreamEvent) => void }[] = [];
  let consumed = 0;
  let buffer = '';
  const state = { comments: 0 };
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          if (block.startsWith(':')) state.comments++;
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data !== undefined) {
            const e = { event, data: JSON.parse(data) };
            seen.push(e);
            const w = waiters.find((x) => x.event === event);
            if (w) {
              waiters.splice(waiters.indexOf(w), 1);
              consumed = seen.length;
              w.resolve(e);
            }
          }
        }
      }
    } catch {
      // cancelled
    }
  })();
  return {
    seen,
    get comments() {
      return state.comments;
    },
    next(event, timeoutMs = 5_000) {
      const found = seen.slice(consumed).find((e) => e.event === event);
      if (found) {
        consumed = seen.indexOf(found) + 1;
        return Promise.resolve(found);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`[homecoming] no "${event}" event on the stream within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`)), timeoutMs);
        waiters.push({
          event,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e);
          },
        });
      });
    },
    async close() {
      await reader.cancel().catch(() => undefined);
    },
  };
}
