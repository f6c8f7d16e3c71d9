/**
 * Many members registering for one event at once, over real HTTP and spread over API processes, and
 * what the database then holds. Shared by the concurrency test and the bench, so both measure the same.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client.js';
import { timedFetch, type WriteOutcome } from './write-load.js';

export async function createEventOver(apiUrl: string, secretKey: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${apiUrl}/v1/admin/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      title: '満席必至の交流会',
      category: 'meetup',
      startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 30 * 86_400_000 + 7_200_000).toISOString(),
      timeZone: 'Asia/Tokyo',
      venueName: '本社',
      status: 'published',
      ...body,
    }),
  });
  const json = (await res.json()) as { id?: string };
  if (res.status !== 201 || !json.id) throw new Error(`event: ${res.status} ${JSON.stringify(json)}`);
  return json.id;
}

export const registerOver = (apiUrl: string, token: string, eventId: string, method: 'PUT' | 'DELETE' = 'PUT') =>
  timedFetch(`${apiUrl}/v1/events/${eventId}/registration`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: method === 'PUT' ? '{}' : undefined,
  });

/** Every member at once (member i through `apiUrls[i % n]`), released together. */
export async function burst(apiUrls: string[], tokens: string[], eventId: string, method: 'PUT' | 'DELETE' = 'PUT'): Promise<{ outcomes: WriteOutcome[]; seconds: number }> {
  const t0 = performance.now();
  const outcomes = await Promise.all(tokens.map((token, i) => registerOver(apiUrls[i % apiUrls.length]!, token, eventId, method)));
  return { outcomes, seconds: (performance.now() - t0) / 1000 };
}

export interface RegistrationState {
  registered: number;
  waitlisted: number;
  cancelled: number;
  seatsTaken: number;
  capacity: number;
  /** Rows beyond one per member (the unique index makes this 0 unless it is gone). */
  duplicates: number;
  /** Waitlist places given twice. */
  samePosition: number;
  /** Registered rows that joined the line after someone still waiting (promotion out of order). */
  outOfOrder: number;
}

export async function registrationState(db: Db, eventId: string): Promise<RegistrationState> {
  const [row] = await db.all<Record<string, number>>(sql`
    select
      sum(status = 'registered') as registered, sum(status = 'waitlisted') as waitlisted, sum(status = 'cancelled') as cancelled,
      coalesce(sum(case when status = 'registered' then 1 + guests end), 0) as seats,
      count(*) - count(distinct member_id) as duplicates,
      count(*) - count(distinct position) as same_position,
      (select capacity from events where id = ${eventId}) as capacity,
      (select count(*) from event_registrations r where r.event_id = ${eventId} and r.status = 'registered' and r.promoted_at is not null
        and r.position > (select min(w.position) from event_registrations w where w.event_id = ${eventId} and w.status = 'waitlisted')) as out_of_order
    from event_registrations where event_id = ${eventId}`);
  return {
    registered: Number(row!.registered ?? 0),
    waitlisted: Number(row!.waitlisted ?? 0),
    cancelled: Number(row!.cancelled ?? 0),
    seatsTaken: Number(row!.seats),
    capacity: Number(row!.capacity),
    duplicates: Number(row!.duplicates),
    samePosition: Number(row!.same_position),
    outOfOrder: Number(row!.out_of_order),
  };
}
