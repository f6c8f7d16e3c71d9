/** Reads iCalendar text the way a calendar app does, with a real parser (ical.js), for the event tests. */
import ICAL from 'ical.js';
import PostalMime from 'postal-mime';

export interface ParsedEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string;
  status: string | null;
}

export interface ParsedCalendar {
  method: string | null;
  name: string | null;
  events: ParsedEvent[];
}

export function parseCalendar(text: string): ParsedCalendar {
  const root = new ICAL.Component(ICAL.parse(text) as unknown[]);
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    method: str(root.getFirstPropertyValue('method')),
    name: str(root.getFirstPropertyValue('x-wr-calname')),
    events: root.getAllSubcomponents('vevent').map((c) => {
      const e = new ICAL.Event(c);
      return {
        uid: e.uid,
        sequence: e.sequence,
        start: e.startDate.toJSDate().toISOString(),
        end: e.endDate.toJSDate().toISOString(),
        summary: e.summary,
        description: e.description ?? '',
        location: e.location ?? '',
        status: str(c.getFirstPropertyValue('status')),
      };
    }),
  };
}

/** The calendar part of a raw mail (the `text/calendar; method=…` alternative), parsed; null if it has none. */
export async function mailCalendar(raw: string): Promise<(ParsedCalendar & { contentMethod: string | null }) | null> {
  const mail = await PostalMime.parse(raw);
  const part = mail.attachments.find((a) => /^text\/calendar/i.test(a.mimeType));
  if (!part) return null;
  const text = typeof part.content === 'string' ? part.content : new TextDecoder().decode(part.content as ArrayBuffer);
  return { ...parseCalendar(text), contentMethod: (part as { method?: string }).method ?? null };
}
