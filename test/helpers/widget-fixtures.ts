/**
 * The events the widget tests' API is seeded with. Shared by the seeding process (Node) and the
 * tests (browser), so it imports nothing. Offsets are days from the moment of seeding; the
 * Silicon Valley meetup is a fixed instant so its time-zone text can be checked exactly.
 */
export interface FixtureEvent {
  key: string;
  title: string;
  en?: { title: string; description?: string; notes?: string };
  description: string;
  category: 'meetup' | 'study_session' | 'office_tour' | 'family_day' | 'webinar' | 'other';
  /** Days from now, or a fixed instant. */
  start: number | string;
  hours: number;
  timeZone: string;
  venueName?: string;
  isOnline?: boolean;
  feeAmount: number;
  capacity: number | null;
  notes?: string;
  status: 'published' | 'draft';
}

export const fixtureEvents: FixtureEvent[] = [
  {
    key: 'winter',
    title: '冬のアルムナイ交流会',
    en: { title: 'Winter Alumni Meetup', description: 'Let’s catch up over drinks.', notes: 'Please bring business cards.' },
    description: '久しぶりに集まりましょう。軽食と飲み物をご用意します。',
    category: 'meetup',
    start: 10,
    hours: 2,
    timeZone: 'Asia/Tokyo',
    venueName: '本社 20F ラウンジ',
    feeAmount: 1000,
    capacity: 40,
    notes: '名刺をお持ちください。',
    status: 'published',
  },
  {
    key: 'ai',
    title: '生成AI勉強会',
    en: { title: 'Generative AI study session' },
    description: '業務での生成AI活用をテーマにした勉強会です。',
    category: 'study_session',
    start: 20,
    hours: 1.5,
    timeZone: 'Asia/Tokyo',
    isOnline: true,
    feeAmount: 0,
    capacity: null,
    status: 'published',
  },
  {
    key: 'tour',
    title: '新オフィス見学ツアー',
    en: { title: 'New office tour' },
    description: '移転した新本社をご案内します。',
    category: 'office_tour',
    start: 30,
    hours: 1,
    timeZone: 'Asia/Tokyo',
    venueName: '新本社 1F 受付',
    feeAmount: 0,
    capacity: 15,
    status: 'published',
  },
  {
    key: 'family',
    title: 'ファミリーデー',
    en: { title: 'Family day' },
    description: 'ご家族と一緒にオフィスへ。',
    category: 'family_day',
    start: 40,
    hours: 4,
    timeZone: 'Asia/Tokyo',
    venueName: '本社',
    feeAmount: 500,
    capacity: 100,
    status: 'published',
  },
  {
    key: 'valley',
    title: 'シリコンバレー交流会',
    en: { title: 'Silicon Valley Meetup' },
    description: '米国在住のアルムナイの集まりです。',
    category: 'meetup',
    start: '2099-07-01T01:00:00.000Z',
    hours: 2,
    timeZone: 'America/Los_Angeles',
    venueName: 'Palo Alto Office',
    feeAmount: 2000,
    capacity: 30,
    status: 'published',
  },
  {
    key: 'summer',
    title: '夏のアルムナイ交流会',
    en: { title: 'Summer Alumni Meetup' },
    description: '夏の交流会の記録です。',
    category: 'meetup',
    start: -30,
    hours: 2,
    timeZone: 'Asia/Tokyo',
    venueName: '本社 20F ラウンジ',
    feeAmount: 1000,
    capacity: 40,
    status: 'published',
  },
  {
    key: 'webinar',
    title: '採用説明会ウェビナー',
    description: 'カムバック採用の説明会でした。',
    category: 'webinar',
    start: -60,
    hours: 1,
    timeZone: 'Asia/Tokyo',
    isOnline: true,
    feeAmount: 0,
    capacity: null,
    status: 'published',
  },
  {
    key: 'draft',
    title: '下書きのイベント',
    description: '公開前です。',
    category: 'meetup',
    start: 5,
    hours: 1,
    timeZone: 'Asia/Tokyo',
    venueName: '本社',
    feeAmount: 0,
    capacity: null,
    status: 'draft',
  },
];

export const fixture = (key: string): FixtureEvent => fixtureEvents.find((e) => e.key === key)!;

/** What the `homecoming-api` server command answers to `create`. */
export interface WidgetApi {
  name: string;
  url: string;
  publishableKey: string;
}
