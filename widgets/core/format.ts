import { translate, type Lang } from './i18n.js';

/** BCP 47 locale used for Intl formatting per widget language. */
export const intlLocale: Record<Lang, string> = { ja: 'ja-JP', en: 'en-US' };

/** The viewer's IANA time zone, from the browser. */
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function offsetAt(date: Date, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(date);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** True when the two zones show a different wall-clock time at that instant (same offset counts as same). */
export function zonesDiffer(date: Date, a: string, b: string): boolean {
  return a !== b && offsetAt(date, a) !== offsetAt(date, b);
}

const dateTimeOptions: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  weekday: 'short',
  hour: 'numeric',
  minute: '2-digit',
};

function safeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** A date and time, in the viewer's zone unless `timeZone` is given. */
export function formatDateTime(iso: string, lang: Lang, timeZone?: string, withZoneName = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale[lang], {
    ...dateTimeOptions,
    timeZone: safeZone(timeZone),
    ...(withZoneName ? { timeZoneName: 'short' } : {}),
  }).format(date);
}

/** A date only (no time), in the viewer's zone. */
export function formatDate(iso: string, lang: Lang, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(intlLocale[lang], { year: 'numeric', month: 'short', day: 'numeric', timeZone: safeZone(timeZone) }).format(date);
}

export interface EventTimeText {
  /** Start–end in the viewer's time zone, e.g. `2026年12月5日(土) 19:00～21:00`. */
  local: string;
  /** The same range in the event's own zone with its name, only when that zone's clock differs. */
  eventZone?: string;
}

const dayKey = (date: Date, timeZone: string | undefined) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/**
 * Start–end in one zone: `2026年12月5日(土) 19:00～21:00`, or both dates when it spans days.
 * Built from format() rather than formatRange(), whose Japanese interval pattern reads "19時00分".
 */
function formatRange(start: Date, end: Date, lang: Lang, timeZone: string | undefined, zoneName: boolean): string {
  const locale = intlLocale[lang];
  const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone });
  const time = (withZone: boolean) =>
    new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone, ...(withZone ? { timeZoneName: 'short' } : {}) });
  const dash = lang === 'ja' ? '～' : ' – ';
  const from = `${date.format(start)} ${time(false).format(start)}`;
  if (dayKey(start, timeZone) === dayKey(end, timeZone)) return `${from}${dash}${time(zoneName).format(end)}`;
  return `${from}${dash}${date.format(end)} ${time(zoneName).format(end)}`;
}

/** Formats an event's start–end for the viewer, adding the event's own zone when it differs. */
export function formatEventTime(startsAt: string, endsAt: string, eventTimeZone: string, lang: Lang, viewerZone = viewerTimeZone()): EventTimeText {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return { local: `${startsAt} – ${endsAt}` };
  const eventZone = safeZone(eventTimeZone);
  const local = formatRange(start, end, lang, safeZone(viewerZone), false);
  if (!eventZone || !zonesDiffer(start, eventZone, viewerZone)) return { local };
  return { local, eventZone: `${translate(lang, 'localTime')} (${eventZone}): ${formatRange(start, end, lang, eventZone, true)}` };
}

/**
 * A fee given in the currency's minor unit (yen have none): 0 → 無料 / Free, 1000 JPY → ￥1,000.
 * An unknown currency code falls back to `amount CODE` rather than throwing.
 */
export function formatFee(amount: number, currency: string, lang: Lang): string {
  if (amount === 0) return translate(lang, 'free');
  try {
    const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat(intlLocale[lang], { style: 'currency', currency }).format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A plain number in the widget's language (`1,234`). */
export function formatNumber(value: number, lang: Lang): string {
  return new Intl.NumberFormat(intlLocale[lang]).format(value);
}
