/**
 * Direct messages, live: (1) how many messages per second one API process delivers to connected
 * members' streams, beside how fast the same process takes the sends with nobody connected; (2) how
 * many open streams one API process holds, and its memory per stream (RSS of the API process).
 * The API runs in its own process (server/index.ts); this process sends and listens.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operatorContext } from '../../server/core/context.js';
import { migrateDb, openDb } from '../../server/db/client.js';
import { createApiKey, createTenant } from '../../server/modules/tenants/service.js';
import { readStream, type OpenStream } from '../helpers/message-stream.js';
import { createMember, sessionFor } from '../helpers/members.js';
import { startApiProcess } from '../helpers/processes.js';

const GROUP = 20;
const PER_SENDER = 10;
const STREAM_MEMBERS = 400;

const rssKb = (pid: number) => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim());

export async function runMessagesBench() {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-messages-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const db = openDb(url);
  await migrateDb(db);
  const origin = 'https://careers.bench.example.jp';
  const tenant = await createTenant(db, new Date(), { name: 'ベンチ株式会社', allowedOrigins: [origin], membershipPolicy: 'open' });
  await createApiKey(operatorContext(db, tenant), { kind: 'publishable' });
  const people = async (n: number) => {
    const out: { id: string; token: string }[] = [];
    for (let i = 0; i < n; i++) {
      const m = await createMember(db, tenant.id, { status: 'approved', name: `ベンチ ${i}` });
      out.push({ id: m.id, token: await sessionFor(db, m) });
    }
    return out;
  };
  const api = await startApiProcess({ DATABASE_URL: url, LOG_LEVEL: 'error' });
  const headers = (token: string) => ({ authorization: `Bearer ${token}`, origin, 'content-type': 'application/json' });
  const post = (token: string, path: string, body: unknown) => fetch(`${api.url}${path}`, { method: 'POST', headers: headers(token), body: JSON.stringify(body) });
  const open = async (token: string) => readStream(await fetch(`${api.url}/v1/me/messages/stream`, { headers: { ...headers(token), accept: 'text/event-stream' } }));

  /** A group of GROUP members in one conversation; each sends PER_SENDER messages, all senders at once. */
  async function burst(group: { id: string; token: string }[]) {
    const started = await post(group[0]!.token, '/v1/me/conversations', { memberIds: group.slice(1).map((m) => m.id), body: 'start' });
    const { conversationId } = (await started.json()) as { conversationId: string };
    return async () => {
      const t0 = performance.now();
      await Promise.all(group.map(async (m) => {
        for (let i = 0; i < PER_SENDER; i++) {
          const res = await post(m.token, `/v1/me/conversations/${conversationId}/messages`, { body: `#${i}` });
          if (res.status !== 201) throw new Error(`send → ${res.status}`);
        }
      }));
      return t0;
    };
  }

  try {
    // Baseline: the sends alone, nobody connected.
    const quiet = await burst(await people(GROUP));
    const q0 = await quiet();
    const sendsPerSecond = (GROUP * PER_SENDER) / ((performance.now() - q0) / 1000);

    // Everyone in the group connected: each message goes to GROUP streams (the sender's too).
    const group = await people(GROUP);
    const run = await burst(group);
    const streams: OpenStream[] = [];
    for (const m of group) {
      const s = await open(m.token);
      await s.next('ready');
      streams.push(s);
    }
    const expected = GROUP * PER_SENDER;
    const t0 = await run();
    await Promise.all(streams.map(async (s) => {
      while (s.seen.filter((e) => e.event === 'message').length < expected) await new Promise((ok) => setTimeout(ok, 5));
    }));
    const seconds = (performance.now() - t0) / 1000;
    const delivered = expected * GROUP;
    for (const s of streams) await s.close();

    // Open streams one process holds: STREAM_MEMBERS members × 5 streams each, idle.
    const before = rssKb(api.child.pid!);
    const idle: OpenStream[] = [];
    for (const m of await people(STREAM_MEMBERS)) {
      for (let i = 0; i < 5; i++) idle.push(await open(m.token));
    }
    await Promise.all(idle.map((s) => s.next('ready', 30_000)));
    const after = rssKb(api.child.pid!);
    for (const s of idle) await s.close();
    return {
      deliveredPerSecond: delivered / seconds,
      sendsWithStreamsPerSecond: expected / seconds,
      sendsPerSecond,
      delivered,
      streams: idle.length,
      rssBeforeMb: before / 1024,
      rssAfterMb: after / 1024,
      kbPerStream: (after - before) / idle.length,
    };
  } finally {
    await api.stop();
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
