/**
 * The live side of messages: each API process keeps its members' open streams here and delivers new
 * messages to them.
 *
 * One path delivers everything, ordered by `messages.seq` (one counter for the database, assigned under
 * the write lock, so a reader that sees seq N has seen every commit before it): while this process holds
 * at least one stream, it asks the database every `pollMs` for the highest seq — one read of the primary
 * key's last entry, whichever process wrote — and only when that moved does it read the new messages
 * and their participants. A send in this process pokes the poll at once, so its own streams hear without
 * waiting. Nothing to configure between processes, no broker, and no per-stream database work: the cost
 * is one tiny read per process per half second, and only while someone is connected.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../../core/log.js';
import type { Db } from '../../db/client.js';
import { toMessageView } from './views.js';

export interface StreamClient {
  tenantId: string;
  memberId: string;
  /** Writes one event; a closed connection throws or is ignored. */
  send(event: string, data: unknown): void;
  /** A comment line keeps proxies and the browser from timing the connection out. */
  ping(): void;
  /** Ends the stream from the server's side (shutdown, or the member opened too many). */
  close(reason: string): void;
}

export interface HubOptions {
  pollMs: number;
  heartbeatMs: number;
  /** How often connected members are marked present in the database (for the unread mail). */
  presenceMs: number;
  /** Streams one member may hold on one process; one more closes their oldest. */
  perMember: number;
}

export const hubDefaults: HubOptions = { pollMs: 500, heartbeatMs: 25_000, presenceMs: 30_000, perMember: 5 };

type Row = { seq: number; id: string; tenant_id: string; conversation_id: string; sender_member_id: string | null; sender_name: string; sender_erased: number; body: string; removed_at: string | null; created_at: string; recipient: string };

export class StreamHub {
  private readonly clients = new Map<string, StreamClient[]>();
  private last = -1;
  private timers: NodeJS.Timeout[] = [];
  private polling: Promise<void> | undefined;
  private again = false;
  /** Messages delivered to streams since start (the bench reads it). */
  delivered = 0;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    readonly options: HubOptions = hubDefaults,
  ) {}

  get size(): number {
    let n = 0;
    for (const list of this.clients.values()) n += list.length;
    return n;
  }

  /** Adds a stream; returns what removes it. */
  async add(client: StreamClient): Promise<() => void> {
    if (this.last < 0) this.last = await this.top();
    const key = `${client.tenantId}:${client.memberId}`;
    const list = this.clients.get(key) ?? [];
    list.push(client);
    this.clients.set(key, list);
    while (list.length > this.options.perMember) list.shift()!.close('replaced');
    if (!this.timers.length) this.startTimers();
    void this.markPresent([client]);
    return () => {
      const now = this.clients.get(key);
      if (!now) return;
      const rest = now.filter((c) => c !== client);
      if (rest.length) this.clients.set(key, rest);
      else this.clients.delete(key);
      if (!this.clients.size) this.stopTimers();
    };
  }

  /** Look now: a message was just committed in this process. */
  poke(): void {
    if (!this.clients.size) return;
    void this.poll();
  }

  /** Ends every stream (the process is shutting down). */
  close(): void {
    for (const list of [...this.clients.values()]) for (const c of [...list]) c.close('shutdown');
    this.clients.clear();
    this.stopTimers();
  }

  private startTimers(): void {
    const every = (ms: number, fn: () => void) => {
      const t = setInterval(fn, ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.options.pollMs, () => void this.poll());
    every(this.options.heartbeatMs, () => this.each((c) => c.ping()));
    every(this.options.presenceMs, () => void this.markPresent([...this.clients.values()].map((l) => l[0]!)));
  }

  private stopTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    this.last = -1;
  }

  private each(fn: (c: StreamClient) => void): void {
    for (const list of this.clients.values()) for (const c of list) fn(c);
  }

  private async top(): Promise<number> {
    const [row] = await this.db.all<{ seq: number }>(sql`select seq from messages order by seq desc limit 1`);
    return Number(row?.seq ?? 0);
  }

  /** One poll at a time; a poke during a poll runs one more after it. */
  private poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.again = false;
        try {
          await this.deliverNew();
        } catch (err) {
          this.log.warn('message stream poll failed; will try again', { error: err instanceof Error ? err.message : String(err) });
        }
      } while (this.again && this.clients.size);
    })().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async deliverNew(): Promise<void> {
    if (this.last < 0 || (await this.top()) <= this.last) return;
    const tenants = JSON.stringify([...new Set([...this.clients.values()].map((l) => l[0]!.tenantId))]);
    for (;;) {
      // Cross-tenant by design: one read for every tenant this process serves; each message then goes only to its own participants' streams.
      const rows = await this.db.all<Row>(sql`
        select m.seq, m.id, m.tenant_id, m.conversation_id, m.sender_member_id, m.sender_name, m.sender_erased, m.body, m.removed_at, m.created_at, p.member_id as recipient
        from messages m join conversation_participants p on p.conversation_id = m.conversation_id and p.left_at is null
        where m.seq > ${this.last} and m.tenant_id in (select value from json_each(${tenants}))
        order by m.seq limit 1000`);
      if (!rows.length) {
        this.last = Math.max(this.last, await this.top());
        return;
      }
      for (const r of rows) {
        const list = this.clients.get(`${r.tenant_id}:${r.recipient}`);
        if (!list) continue;
        const message = toMessageView(
          { id: r.id, seq: Number(r.seq), conversationId: r.conversation_id, senderMemberId: r.sender_member_id, senderName: r.sender_name, senderErased: Boolean(Number(r.sender_erased)), body: r.body, removedAt: r.removed_at, createdAt: r.created_at },
          r.recipient,
        );
        for (const c of list) {
          c.send('message', message);
          this.delivered++;
        }
      }
      this.last = Number(rows.at(-1)!.seq);
      if (rows.length < 1000) return;
    }
  }

  /** One statement for every member connected here: "seen now". */
  private async markPresent(clients: StreamClient[]): Promise<void> {
    if (!clients.length) return;
    const pairs = JSON.stringify(clients.map((c) => [c.tenantId, c.memberId]));
    try {
      await this.db.run(sql`
        insert into message_presence (tenant_id, member_id, seen_at)
        select json_extract(value, '$[0]'), json_extract(value, '$[1]'), ${this.clock.now().getTime()} from json_each(${pairs}) where true
        on conflict (tenant_id, member_id) do update set seen_at = excluded.seen_at`);
    } catch (err) {
      this.log.warn('could not mark message streams present', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}

const hubs = new WeakMap<Db, StreamHub>();

/** This process's hub for `db` (one per database connection, so tests with their own databases stay apart). */
export function streamHub(deps: { db: Db; clock: Clock; log: Logger }, options?: Partial<HubOptions>): StreamHub {
  let hub = hubs.get(deps.db);
  if (!hub) {
    hub = new StreamHub(deps.db, deps.clock, deps.log, { ...hubDefaults, ...options });
    hubs.set(deps.db, hub);
  }
  return hub;
}

/** After a commit that added messages: this process's streams hear at once. */
export function pokeStreams(db: Db): void {
  hubs.get(db)?.poke();
}

/** Ends every open stream on `db` (before the server closes, which would otherwise wait for them). */
export function closeStreams(db: Db): void {
  hubs.get(db)?.close();
}
