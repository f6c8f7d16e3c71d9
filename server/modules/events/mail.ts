/**
 * The mails of event registration, in the member's language (ja, en): confirmation, waitlist,
 * promotion from the waitlist, cancellation, the event cancelled or changed, the reminder and the
 * organiser's message. Each greets the member by name and links to the event on the tenant's alumni
 * page when the tenant set one. What only registered members may see (the online link, a private
 * address, the private details, the check-in code) is in a mail only when `registered` says so.
 */
import { composeMail, type Locale } from '../../core/mail/compose.js';
import type { MailMessage } from '../../core/mail/transport.js';
import type { Tenant } from '../tenants/service.js';
import { eventPageUrl } from './calendar.js';
import { answerText } from './questions.js';
import type { EventAnswer } from './schema.js';
import type { EventRow } from './service.js';

export interface Recipient {
  email: string;
  name: string;
  locale: Locale;
}

export type EventMailKind = 'registered' | 'waitlisted' | 'promoted' | 'cancelled' | 'left-waitlist' | 'event-cancelled' | 'event-changed' | 'reminder';

export interface EventMailInput {
  tenant: Pick<Tenant, 'name' | 'alumniPageUrl'>;
  event: EventRow;
  to: Recipient;
  /** The member's registration, for the mails that speak of it. */
  registration?: { guests: number; checkInCode: string; answers?: EventAnswer[] };
}

type Fact = [label: string, value: string];

interface Body {
  subject: string;
  intro: string[];
  facts: Fact[];
  outro: string[];
}

const words = {
  ja: {
    when: '日時',
    where: '会場',
    online: 'オンライン参加URL',
    details: 'ご案内',
    guests: '同伴者',
    guestsValue: (n: number) => `${n}名`,
    code: '受付コード',
    codeHint: '当日の受付でお伝えください（アルムナイページで QR コードも表示できます）。',
    page: 'イベントページを開く',
    onlineOnly: 'オンライン',
    invite: 'カレンダーへの招待を添付しています。',
  },
  en: {
    when: 'When',
    where: 'Where',
    online: 'Join online',
    details: 'Details',
    guests: 'Guests',
    guestsValue: (n: number) => String(n),
    code: 'Check-in code',
    codeHint: 'Give it at the reception (the alumni page can also show it as a QR code).',
    page: 'Open the event page',
    onlineOnly: 'Online',
    invite: 'The calendar invitation is attached.',
  },
} as const;

/** Start–end in the event's own zone, its name beside it: `2026年12月5日(土) 19:00〜21:00（Asia/Tokyo）`. */
export function eventTimeText(event: Pick<EventRow, 'startsAt' | 'endsAt' | 'timeZone'>, locale: Locale): string {
  const intl = locale === 'ja' ? 'ja-JP' : 'en-US';
  const tz = event.timeZone;
  const date = new Intl.DateTimeFormat(intl, { timeZone: tz, year: 'numeric', month: locale === 'ja' ? 'long' : 'short', day: 'numeric', weekday: 'short' });
  const time = new Intl.DateTimeFormat(intl, { timeZone: tz, hour: 'numeric', minute: '2-digit' });
  const start = new Date(event.startsAt);
  const end = new Date(event.endsAt);
  const sameDay = date.format(start) === date.format(end);
  const range = `${date.format(start)} ${time.format(start)}${locale === 'ja' ? '〜' : ' – '}${sameDay ? '' : `${date.format(end)} `}${time.format(end)}`;
  return locale === 'ja' ? `${range}（${tz}）` : `${range} (${tz})`;
}

/** The facts of the event: when, where, and for registered members the link, address and details. */
function eventFacts(input: EventMailInput, registered: boolean): Fact[] {
  const { event, to } = input;
  const w = words[to.locale];
  const address = event.venueAddress && (!event.venueAddressPrivate || registered) ? event.venueAddress : null;
  const place = [event.venueName, address].filter(Boolean).join(to.locale === 'ja' ? '、' : ', ');
  const facts: Fact[] = [[w.when, eventTimeText(event, to.locale)]];
  facts.push([w.where, place || (event.isOnline ? w.onlineOnly : '')]);
  if (registered && event.onlineUrl) facts.push([w.online, event.onlineUrl]);
  if (registered && event.privateDetails) facts.push([w.details, event.privateDetails]);
  return facts;
}

function registrationFacts(input: EventMailInput): Fact[] {
  const r = input.registration;
  if (!r) return [];
  const w = words[input.to.locale];
  const facts: Fact[] = [];
  if (r.guests > 0) facts.push([w.guests, w.guestsValue(r.guests)]);
  for (const q of input.event.questions) {
    const a = r.answers?.find((x) => x.questionId === q.id);
    if (a) facts.push([q.translations?.[input.to.locale]?.label || q.label, answerText(a, input.to.locale)]);
  }
  facts.push([w.code, formatCheckInCode(r.checkInCode)]);
  return facts;
}

/** `7KQ4M2XP` → `7KQ4-M2XP`: read aloud at a reception desk in two halves. */
export const formatCheckInCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

function body(kind: EventMailKind, input: EventMailInput): Body {
  const { event, to } = input;
  const title = event.title;
  const ja = to.locale === 'ja';
  const registeredFacts = () => [...eventFacts(input, true), ...registrationFacts(input)];
  const w = words[to.locale];
  switch (kind) {
    case 'registered':
      return ja
        ? { subject: `参加申し込みを受け付けました: ${title}`, intro: [`「${title}」への参加申し込みを受け付けました。`], facts: registeredFacts(), outro: [w.codeHint, w.invite, '参加できなくなった場合は、イベントページからキャンセルしてください。'] }
        : { subject: `You're registered: ${title}`, intro: [`You are registered for "${title}".`], facts: registeredFacts(), outro: [w.codeHint, w.invite, 'If you cannot come, please cancel on the event page.'] };
    case 'waitlisted':
      return ja
        ? { subject: `キャンセル待ちに登録しました: ${title}`, intro: [`「${title}」は満席のため、キャンセル待ちに登録しました。`], facts: eventFacts(input, false), outro: ['席が空くと、申し込み順に自動で参加が確定し、メールでお知らせします。'] }
        : { subject: `You're on the waitlist: ${title}`, intro: [`"${title}" is full, so you are on the waitlist.`], facts: eventFacts(input, false), outro: ['When a seat frees up, people on the waitlist get it in the order they joined, and we will email you.'] };
    case 'promoted':
      return ja
        ? { subject: `参加が確定しました: ${title}`, intro: [`キャンセル待ちをしていた「${title}」に席が空き、参加が確定しました。`], facts: registeredFacts(), outro: [w.codeHint, w.invite, '参加できない場合は、イベントページからキャンセルしてください。'] }
        : { subject: `A seat is yours: ${title}`, intro: [`A seat freed up for "${title}": you are now registered.`], facts: registeredFacts(), outro: [w.codeHint, w.invite, 'If you cannot come, please cancel on the event page.'] };
    case 'cancelled':
      return ja
        ? { subject: `参加をキャンセルしました: ${title}`, intro: [`「${title}」への参加をキャンセルしました。カレンダーの予定も取り消されます。`], facts: eventFacts(input, false), outro: ['またのご参加をお待ちしています。'] }
        : { subject: `Registration cancelled: ${title}`, intro: [`Your registration for "${title}" is cancelled, and the calendar entry is removed.`], facts: eventFacts(input, false), outro: ['We hope to see you another time.'] };
    case 'left-waitlist':
      return ja
        ? { subject: `キャンセル待ちを取り消しました: ${title}`, intro: [`「${title}」のキャンセル待ちを取り消しました。`], facts: eventFacts(input, false), outro: [] }
        : { subject: `You left the waitlist: ${title}`, intro: [`You are no longer on the waitlist for "${title}".`], facts: eventFacts(input, false), outro: [] };
    case 'event-cancelled':
      return ja
        ? { subject: `イベント中止のお知らせ: ${title}`, intro: [`お申し込みいただいていた「${title}」は、中止になりました。ご迷惑をおかけして申し訳ありません。`], facts: eventFacts(input, false), outro: ['カレンダーの予定は取り消されます。'] }
        : { subject: `Cancelled: ${title}`, intro: [`We are sorry: "${title}", which you registered for, has been cancelled.`], facts: eventFacts(input, false), outro: ['The calendar entry is removed.'] };
    case 'event-changed':
      return ja
        ? { subject: `イベント内容が変更されました: ${title}`, intro: [`お申し込みいただいている「${title}」の内容が変更されました。最新の内容は次のとおりです。`], facts: registeredFacts(), outro: ['カレンダーの予定も更新されます。'] }
        : { subject: `Updated: ${title}`, intro: [`"${title}", which you registered for, has changed. This is the latest:`], facts: registeredFacts(), outro: ['The calendar entry is updated too.'] };
    case 'reminder':
      return ja
        ? { subject: `まもなく開催: ${title}`, intro: [`お申し込みいただいている「${title}」がまもなく開催されます。`], facts: registeredFacts(), outro: ['参加できなくなった場合は、イベントページからキャンセルしてください。'] }
        : { subject: `Reminder: ${title}`, intro: [`"${title}", which you registered for, is coming up.`], facts: registeredFacts(), outro: ['If you cannot come, please cancel on the event page.'] };
  }
}

/**
 * Through composeMail, like every other mail: the greeting by name, the intro, one line per fact, the
 * closing words, the event's own page on the alumni page as the link to follow, and the alumni page in
 * the footer (when the company set one).
 */
function render(input: { tenant: EventMailInput['tenant']; to: Recipient; eventId?: string; tag: string; unsubscribeUrl?: string }, b: Body): MailMessage {
  const { tenant, to } = input;
  const link = input.eventId ? eventPageUrl(tenant.alumniPageUrl, input.eventId) : null;
  const facts = b.facts.filter(([, v]) => v).map(([k, v]) => `${k}: ${v}`);
  return composeMail({
    to: to.email,
    locale: to.locale,
    tenantName: tenant.name,
    name: to.name,
    subject: `[${tenant.name}] ${b.subject}`,
    paragraphs: [...b.intro, ...facts, ...b.outro],
    ...(link ? { action: { label: words[to.locale].page, url: link } } : {}),
    alumniPageUrl: tenant.alumniPageUrl,
    tag: input.tag,
    ...(input.unsubscribeUrl ? { unsubscribeUrl: input.unsubscribeUrl } : {}),
  });
}

/** `unsubscribeUrl`: for the mail a member can turn off (the reminder, topic `events.reminders`). */
export function eventMail(kind: EventMailKind, input: EventMailInput, unsubscribeUrl?: string): MailMessage {
  return render({ tenant: input.tenant, to: input.to, eventId: input.event.id, tag: `event-${kind}`, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) }, body(kind, input));
}

/** The organiser's own message to the people registered, framed as coming from the company. */
export function organiserMail(input: { tenant: EventMailInput['tenant']; event: EventRow; to: Recipient; subject: string; message: string }): MailMessage {
  const { event, to } = input;
  const ja = to.locale === 'ja';
  return render(
    { tenant: input.tenant, to, eventId: event.id, tag: 'event-message' },
    {
      subject: `${input.subject}（${event.title}）`.replace(/（(.*)）$/, ja ? '（$1）' : ' ($1)'),
      intro: [ja ? `「${event.title}」の主催者からのお知らせです。` : `A message from the organiser of "${event.title}":`, input.message],
      facts: [[words[to.locale].when, eventTimeText(event, to.locale)]],
      outro: [],
    },
  );
}
