/**
 * Registrations per second under contention, on the embedded file: 200 members register for a
 * 50-seat event at the same moment through two API processes (each registration decides seat or
 * waitlist in one conditional write batch, and records its mail), several rounds, each on a fresh
 * event. The baseline, in the same run and over the same processes: the same 200 members each making
 * one plain write at once (PATCH /v1/me). Then what the database holds: seats taken beyond capacity
 * (oversold, must be 0), duplicate registrations (must be 0), and no seat left empty while someone
 * waits. The API runs with its default database deadline, so on a loaded machine some of a 200-request
 * burst may be refused with a 503 (counted, not hidden).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateDb, openDb } from '../../server/db/client.js';
import { startApiProcess } from '../helpers/processes.js';
import { burst, createEventOver, registrationState } from '../helpers/registration-load.js';
import { patchMe, seedLoadTenant, summarize, type WriteOutcome } from '../helpers/write-load.js';

const PEOPLE = 200;
const SEATS = 50;
const ROUNDS = 3;

export interface RegistrationFigure {
  people: number;
  seats: number;
  rounds: number;
  registrations: ReturnType<typeof summarize>;
  plainWrites: ReturnType<typeof summarize>;
  oversold: number;
  duplicates: number;
  /** Rounds that left a seat empty while someone waited (must be 0). */
  emptySeatsWithWaitlist: number;
  /** Answers other than 200, by status (503: the database deadline passed, the request was refused). */
  refusals: Record<string, number>;
}

export async function runRegistrationBench(): Promise<RegistrationFigure> {
  const dir = mkdtempSync(join(tmpdir(), 'homecoming-bench-registrations-'));
  const url = `file:${join(dir, 'bench.db')}`;
  const db = openDb(url);
  try {
    await migrateDb(db);
    const tenant = await seedLoadTenant(db, PEOPLE);
    const env = { DATABASE_URL: url, SMTP_URL: '', LOG_LEVEL: 'error' };
    const apis = await Promise.all([startApiProcess(env), startApiProcess(env)]);
    try {
      const urls = apis.map((a) => a.url);
      const tokens = tenant.members.map((m) => m.token);
      const newEvent = () => createEventOver(urls[0]!, tenant.secretKey, { capacity: SEATS });
      await burst(urls, tokens, await newEvent()); // warm-up: both processes, their connections and caches

      const registrations: WriteOutcome[] = [];
      const plain: WriteOutcome[] = [];
      let registrationSeconds = 0;
      let plainSeconds = 0;
      let oversold = 0;
      let duplicates = 0;
      let emptySeatsWithWaitlist = 0;
      for (let round = 0; round < ROUNDS; round++) {
        // Alternate the two loads so that drift on a shared machine touches both alike.
        const t0 = performance.now();
        plain.push(...(await Promise.all(tokens.map((token, i) => patchMe(urls[i % urls.length]!, token, `ベンチ ${round}-${i}`)))));
        plainSeconds += (performance.now() - t0) / 1000;

        const eventId = await newEvent();
        const { outcomes, seconds } = await burst(urls, tokens, eventId);
        registrations.push(...outcomes);
        registrationSeconds += seconds;
        const state = await registrationState(db, eventId);
        oversold += Math.max(0, state.seatsTaken - state.capacity);
        duplicates += state.duplicates + state.samePosition;
        if (state.seatsTaken < state.capacity && state.waitlisted > 0) emptySeatsWithWaitlist++;
      }
      return {
        people: PEOPLE,
        seats: SEATS,
        rounds: ROUNDS,
        registrations: summarize({ outcomes: registrations, lastWritten: new Map(), seconds: registrationSeconds }),
        plainWrites: summarize({ outcomes: plain, lastWritten: new Map(), seconds: plainSeconds }),
        oversold,
        duplicates,
        emptySeatsWithWaitlist,
        refusals: countBy([...registrations, ...plain].filter((o) => o.status !== 200)),
      };
    } finally {
      await Promise.all(apis.map((a) => a.stop()));
    }
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function countBy(outcomes: WriteOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[String(o.status)] = (counts[String(o.status)] ?? 0) + 1;
  return counts;
}
