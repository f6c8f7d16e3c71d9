import { operatorContext } from '../core/context.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../db/client.js';
import { seedDemoJobs } from './jobs.js';
import { seedDemoFeed } from './feed.js';
import { seedDemoMembers } from './members.js';
import { createEvent, listEvents, type EventInput } from '../modules/events/service.js';
import { createApiKey, createTenant, findApiKey, listTenants, updateTenant, type Tenant } from '../modules/tenants/service.js';

/** The demo company. A fixed name is how a later run finds the tenant it made before. */
export const DEMO_TENANT_NAME = '株式会社ミライ製作所';

export interface DemoKeys {
  tenantId: string;
  publishableKey: string;
  secretKey: string;
}

export interface SeedOptions {
  /** Origins the example site is served from; added to the demo tenant's allowed origins. */
  origins: string[];
  /**
   * Where the demo keys are kept in clear (e.g. data/demo-keys.json). Keys are stored hashed, so
   * without this file a second run could not show them; when it is missing, new keys are made.
   */
  keysFile?: string;
}

export interface SeedResult extends DemoKeys {
  tenant: Tenant;
  /** True when this run created the tenant (and its events). */
  created: boolean;
  /** True when this run made new keys (first run, or the keys file was missing or stale). */
  newKeys: boolean;
}

/** A wall-clock time in Tokyo, `days` after the Tokyo date of `now`, as a UTC instant. */
function tokyo(now: Date, days: number, hour: number, minute = 0): string {
  const local = new Date(now.getTime() + 9 * 3600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + days, hour - 9, minute)).toISOString();
}

/** Eight events around `now`: upcoming and past, every category, free and paid, online and on site. */
export function demoEvents(now: Date): EventInput[] {
  const at = (days: number, from: [number, number], to: [number, number]) => ({
    startsAt: tokyo(now, days, ...from),
    endsAt: tokyo(now, days, ...to),
    timeZone: 'Asia/Tokyo',
  });
  return [
    {
      title: 'アルムナイ交流会 2026 冬',
      description:
        'ミライ製作所を卒業された皆さんと現役社員が集まる年に一度の交流会です。近況報告や、新しいお仕事の話をお気軽にどうぞ。軽食とお飲み物をご用意しています。',
      category: 'meetup',
      ...at(12, [19, 0], [21, 0]),
      venueName: '本社 20F ラウンジ「ひかり」',
      venueAddress: '東京都港区芝浦 3-1-1 ミライタワー 20F',
      feeAmount: 3000,
      capacity: 60,
      maxGuests: 1,
      questions: [
        {
          id: 'diet',
          label: '食事の制限',
          kind: 'single',
          options: ['特になし', 'ベジタリアン', 'アレルギーあり（下の欄にご記入ください）'],
          required: true,
          translations: { en: { label: 'Dietary needs', options: ['None', 'Vegetarian', 'Allergies (please note them below)'] } },
        },
        { id: 'note', label: 'アレルギー・ひとこと', kind: 'text', translations: { en: { label: 'Allergies, or a word for us' } } },
      ],
      privateDetails: '当日は 20F 受付で、確認メールの受付コード（または QR コード）をお見せください。',
      registrationDeadline: tokyo(now, 10, 23, 59),
      notes: '受付で名刺を 1 枚お渡しください。平服でお越しください。',
      status: 'published',
      translations: {
        en: {
          title: 'Alumni Get-together, Winter 2026',
          description:
            'Our yearly get-together for Mirai alumni and current employees. Catch up, hear what everyone is doing now, and talk about new work. Snacks and drinks provided.',
          notes: 'Please hand in one business card at reception. Smart casual.',
        },
      },
    },
    {
      title: '生成 AI 活用勉強会 ― 製造現場での使いどころ',
      description: '生産技術部のメンバーが、検査工程や技術文書の作成で生成 AI をどう使っているかを紹介します。質疑応答の時間もあります。',
      category: 'study_session',
      ...at(5, [12, 0], [13, 0]),
      isOnline: true,
      onlineUrl: 'https://meet.example.jp/mirai-ai-study',
      feeAmount: 0,
      capacity: 100,
      notes: '参加 URL はお申し込みの方にお知らせします。',
      status: 'published',
      translations: {
        en: {
          title: 'Generative AI study session: where it helps on the factory floor',
          description: 'Engineers from Production Technology show how they use generative AI for inspection and technical writing. Q&A included.',
          notes: 'The meeting link is sent to registrants.',
        },
      },
    },
    {
      title: 'カムバック採用説明会(オンライン)',
      description: '再入社を少しでも考えている方向けに、カムバック採用の流れ・処遇・実際に戻ってきた社員の声をお伝えします。顔出し不要です。',
      category: 'webinar',
      ...at(8, [20, 0], [21, 0]),
      isOnline: true,
      onlineUrl: 'https://meet.example.jp/mirai-comeback',
      feeAmount: 0,
      capacity: null,
      notes: 'カメラ・マイクはオフのままで構いません。',
      status: 'published',
      translations: {
        en: {
          title: 'Comeback hiring info session (online)',
          description: 'For anyone even slightly considering coming back: how rehiring works, terms, and stories from people who returned. Camera optional.',
          notes: 'Feel free to keep your camera and microphone off.',
        },
      },
    },
    {
      title: '横浜スマートファクトリー見学ツアー',
      description: '2026 年に稼働した新工場を、生産ラインの担当者がご案内します。協働ロボットのデモもご覧いただけます。',
      category: 'office_tour',
      ...at(20, [14, 0], [16, 30]),
      venueName: '横浜スマートファクトリー',
      venueAddress: '神奈川県横浜市鶴見区末広町 1-7',
      feeAmount: 0,
      capacity: 20,
      questions: [
        {
          id: 'slot',
          label: '見学コース',
          kind: 'multiple',
          options: ['組立ライン', '協働ロボットのデモ', '品質検査室'],
          translations: { en: { label: 'What to see', options: ['Assembly line', 'Collaborative robot demo', 'Inspection lab'] } },
        },
      ],
      registrationDeadline: tokyo(now, 15, 17, 0),
      notes: '安全靴とヘルメットは貸し出します。歩きやすい服装でお越しください。',
      status: 'published',
      translations: {
        en: {
          title: 'Tour of the Yokohama Smart Factory',
          description: 'Line engineers show you around the plant that opened in 2026, including a collaborative-robot demo.',
          notes: 'Safety shoes and helmets are provided. Wear comfortable clothes.',
        },
      },
    },
    {
      title: 'ミライ ファミリーデー 2027',
      description: 'ご家族と一緒に本社と工作体験ブースを楽しめる一日です。小さなお子さまも歓迎します。',
      category: 'family_day',
      ...at(33, [10, 0], [15, 0]),
      venueName: '本社 1F アトリウム・中庭',
      venueAddress: '東京都港区芝浦 3-1-1 ミライタワー',
      feeAmount: 500,
      capacity: 150,
      notes: '参加費は 1 家族あたりです。昼食のお弁当付き。',
      status: 'published',
      translations: {
        en: {
          title: 'Mirai Family Day 2027',
          description: 'A day at headquarters with your family, with hands-on workshop booths. Small children welcome.',
          notes: 'The fee is per family and includes a boxed lunch.',
        },
      },
    },
    {
      title: '品質保証の最前線 勉強会',
      description: '品質保証部 OB・OG と現役メンバーによるパネルディスカッション。録画は参加者に共有しました。',
      category: 'study_session',
      ...at(-18, [19, 30], [21, 0]),
      isOnline: true,
      onlineUrl: 'https://meet.example.jp/mirai-qa',
      feeAmount: 0,
      capacity: 80,
      status: 'published',
      translations: {
        en: {
          title: 'Quality assurance today: a study session',
          description: 'A panel of QA alumni and current staff. The recording was shared with participants.',
        },
      },
    },
    {
      title: '夏のアルムナイ交流会 2026',
      description: '屋上テラスでのビアガーデン形式の交流会でした。60 名を超える方にご参加いただきました。',
      category: 'meetup',
      ...at(-45, [18, 30], [21, 0]),
      venueName: '本社 屋上テラス',
      venueAddress: '東京都港区芝浦 3-1-1 ミライタワー RF',
      feeAmount: 2000,
      capacity: 70,
      status: 'published',
      translations: {
        en: {
          title: 'Summer Alumni Get-together 2026',
          description: 'A beer-garden evening on the rooftop terrace, with more than 60 people.',
        },
      },
    },
    {
      title: '大阪工場 見学会',
      description: '創業の地・大阪工場の歴史と、最新の精密加工ラインをご覧いただきました。',
      category: 'office_tour',
      ...at(-70, [13, 0], [15, 0]),
      venueName: '大阪工場',
      venueAddress: '大阪府東大阪市高井田本通 2-4-8',
      feeAmount: 0,
      capacity: 15,
      status: 'published',
      translations: {
        en: {
          title: 'Osaka plant visit',
          description: 'The history of the plant where Mirai began, and its newest precision machining line.',
        },
      },
    },
  ];
}

function readKeysFile(path: string | undefined): DemoKeys | undefined {
  if (!path || !existsSync(path)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoKeys>;
    if (typeof parsed.tenantId === 'string' && typeof parsed.publishableKey === 'string' && typeof parsed.secretKey === 'string') {
      return parsed as DemoKeys;
    }
  } catch {
    // unreadable: treated as missing, new keys are made
  }
  return undefined;
}

/** A stored key still works for this tenant: it exists, belongs to the tenant and is not revoked. */
async function keyWorks(db: Db, tenantId: string, key: string, kind: 'publishable' | 'secret'): Promise<boolean> {
  const found = await findApiKey(db, key);
  return !!found && found.tenant.id === tenantId && found.key.kind === kind && !found.key.revokedAt && !found.key.deleted;
}

/**
 * Creates the demo tenant (株式会社ミライ製作所) with its events if absent, makes sure the example
 * site's origins are allowed, and returns working keys. Safe to run at every start.
 */
export async function seedDemo(db: Db, now: Date, options: SeedOptions): Promise<SeedResult> {
  let tenant = (await listTenants(db)).find((t) => t.name === DEMO_TENANT_NAME);
  const created = !tenant;
  if (!tenant) {
    tenant = await createTenant(db, now, {
      name: DEMO_TENANT_NAME,
      allowedOrigins: options.origins,
      defaultLocale: 'ja',
      // Open membership lets anyone trying the demo sign in and see the directory at once.
      membershipPolicy: 'open',
    });
  } else {
    const missing = options.origins.filter((o) => !tenant!.allowedOrigins.includes(o));
    if (missing.length) tenant = await updateTenant(operatorContext(db, tenant, { now }), { allowedOrigins: [...tenant.allowedOrigins, ...missing] });
  }
  // Mails link to the example site's alumni page (sign-in, events, directory): `#alumni-event=…` opens an event there.
  const alumniPage = options.origins[0] ? `${options.origins[0]}/alumni.html` : null;
  if (alumniPage && tenant.alumniPageUrl !== alumniPage) tenant = await updateTenant(operatorContext(db, tenant, { now }), { alumniPageUrl: alumniPage });
  const ctx = operatorContext(db, tenant, { now });

  const anyEvent = await listEvents(ctx, { limit: 1 }, false);
  if (anyEvent.data.length === 0) {
    for (const event of demoEvents(now)) await createEvent(ctx, event);
  }
  // Idempotent by email, so existing demo databases get members added by later versions too.
  await seedDemoMembers(db, tenant.id, now);
  // Job interest goes somewhere you can read: the development outbox (npm run homecoming -- outbox).
  if (!tenant.contactEmails.length) tenant = await updateTenant(ctx, { contactEmails: ['saiyo@mirai.example.jp'] });
  await seedDemoJobs(operatorContext(db, tenant, { now }));
  await seedDemoFeed(db, tenant, now);

  const stored = readKeysFile(options.keysFile);
  if (
    stored &&
    stored.tenantId === tenant.id &&
    (await keyWorks(db, tenant.id, stored.publishableKey, 'publishable')) &&
    (await keyWorks(db, tenant.id, stored.secretKey, 'secret'))
  ) {
    return { ...stored, tenant, created, newKeys: false };
  }
  const pk = await createApiKey(ctx, { kind: 'publishable', label: 'Demo: example careers site' });
  const sk = await createApiKey(ctx, { kind: 'secret', label: 'Demo: operator' });
  const keys: DemoKeys = { tenantId: tenant.id, publishableKey: pk.key, secretKey: sk.key };
  if (options.keysFile) {
    mkdirSync(dirname(options.keysFile), { recursive: true });
    // The secret key is in here: readable by the operator only.
    writeFileSync(options.keysFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  return { ...keys, tenant, created, newKeys: true };
}
