/**
 * `<input type="datetime-local">` values read in an event's own time zone (the tenant's events are in
 * Asia/Tokyo, whatever zone the organiser's laptop is set to), and instants written back into it.
 */
function parts(ms: number, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { y: p.year!, mo: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** Milliseconds the zone is ahead of UTC at that instant. */
function offset(ms: number, timeZone: string): number {
  const p = parts(ms, timeZone);
  return Date.UTC(+p.y, +p.mo - 1, +p.d, +p.h, +p.mi, +p.s) - Math.floor(ms / 1000) * 1000;
}

/** `2026-12-01T18:30` in `Asia/Tokyo` → `2026-12-01T09:30:00.000Z`. */
export function zonedToIso(local: string, timeZone: string): string {
  const guess = Date.parse(`${local}:00Z`.replace(/(T\d\d:\d\d):\d\d:00Z$/, '$1:00Z'));
  let ms = guess - offset(guess, timeZone);
  ms = guess - offset(ms, timeZone);
  return new Date(ms).toISOString();
}

/** An instant as the `datetime-local` value in `timeZone`. */
export function isoToZoned(iso: string, timeZone: string): string {
  const p = parts(Date.parse(iso), timeZone);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}`;
}
