/**
 * The demo tenant's feed: the company's news (some public, one pinned), a members-only column, an
 * event report, and members' posts — a relay of self-introductions under way, a help request, a
 * promotion — with comments and reactions. Seeded once (when the tenant has no post yet), through
 * the same services as the API, at times spread over the last days.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { operatorContext } from '../core/context.js';
import type { Db } from '../db/client.js';
import { members, posts, relayBatons } from '../db/schema.js';
import { createComment, setReaction } from '../modules/feed/comments.js';
import { createCompanyPost } from '../modules/feed/company.js';
import { createMemberPost } from '../modules/feed/service.js';
import type { MemberRow } from '../modules/members/profile.js';
import type { Tenant } from '../modules/tenants/service.js';

const HOUR = 3600_000;

export async function seedDemoFeed(db: Db, tenant: Tenant, now: Date): Promise<void> {
  const [any] = await db.select({ id: posts.id }).from(posts).where(eq(posts.tenantId, tenant.id)).limit(1);
  if (any) return;
  const emails = ['hanako.tanaka@example.jp', 'kenji.sato@example.jp', 'emily.clark@example.com', 'taro.suzuki@example.jp', 'yui.takahashi@example.jp'];
  const rows = await db.select().from(members).where(and(eq(members.tenantId, tenant.id), inArray(members.email, emails)));
  const m = (email: string) => rows.find((r) => r.email === email) as MemberRow;
  const at = (hoursAgo: number) => operatorContext(db, tenant, { now: new Date(now.getTime() - hoursAgo * HOUR) });

  await createCompanyPost(at(200), {
    kind: 'event_report',
    title: '夏のアルムナイ交流会 2026 を開催しました',
    body: '屋上テラスでのビアガーデン形式の交流会に、**60 名を超える**卒業生と社員が集まりました。\n\n次回は冬に本社 20F で開催します。イベント一覧からお申し込みください。',
    audience: 'public',
    tags: ['交流会'],
  });
  await createCompanyPost(at(150), {
    kind: 'column',
    title: 'OB・OG インタビュー: 営業から起業へ（メンバー限定）',
    body: '法人営業部出身の卒業生に、独立までの道のりと、ミライ製作所での経験がどう役立ったかを聞きました。',
    tags: ['インタビュー'],
  });
  const hanako = m('hanako.tanaka@example.jp');
  const kenji = m('kenji.sato@example.jp');
  const intro = await createMemberPost(at(120), hanako, {
    kind: 'self_intro',
    title: '田中 花子です（2020 年まで法人営業部）',
    body: 'いまは株式会社ミライで営業部長をしています。\n\n- 製造業向けの法人営業\n- 新規事業の立ち上げ\n\n副業・業務委託のご相談も歓迎です。次は同期の佐藤さんにバトンを渡します！',
    tags: ['自己紹介', '営業'],
    nomineeMemberId: kenji.id,
  });
  const [baton] = await at(100).scoped.select(relayBatons, eq(relayBatons.nomineeMemberId, kenji.id));
  await createMemberPost(at(90), kenji, {
    kind: 'self_intro',
    title: '佐藤 健二です。バトン受け取りました',
    body: '生産技術部を 2019 年に卒業し、いまは工場の IoT 化を支援するフリーランスです。現場の改善の話ならいつでも。',
    tags: ['自己紹介', 'IoT'],
    batonId: baton?.id ?? null,
    nomineeMemberId: m('emily.clark@example.com').id,
  });
  const help = await createMemberPost(at(60), m('taro.suzuki@example.jp'), {
    kind: 'help',
    title: 'Python の勉強会を一緒に企画してくれる方を探しています',
    body: '月に一度、オンラインで 1 時間ほどの勉強会を考えています。教えるのが得意な方、参加したい方、コメントください。',
    tags: ['勉強会', 'Python'],
  });
  await createMemberPost(at(30), m('emily.clark@example.com'), {
    kind: 'promotion',
    title: 'Open studio day in Osaka',
    body: 'I now run a small UX design studio in Osaka. Drop by our open studio on Saturday — former colleagues especially welcome!',
    links: [{ url: 'https://example.com/studio', label: 'Studio website' }],
    tags: ['design'],
  });
  await createCompanyPost(at(20), {
    kind: 'job_news',
    title: 'カムバック採用・副業の募集を始めました',
    body: '生産技術・品質保証・法人営業で、**再入社**と**副業・業務委託**の募集を始めました。まずは「興味あり」をお気軽にどうぞ。',
    audience: 'public',
    pinned: true,
    tags: ['カムバック採用'],
  });
  await createCompanyPost(at(5), {
    kind: 'news',
    title: '横浜スマートファクトリーが本格稼働しました',
    body: '2026 年に稼働した新工場が、協働ロボットのラインを加えて本格稼働しました。見学ツアーも予定しています。',
    audience: 'public',
    tags: ['工場'],
  });
  const yui = m('yui.takahashi@example.jp');
  await createComment(at(110), kenji, intro.id, { body: 'バトンありがとう！近いうちに書きます。' });
  await createComment(at(50), yui, help.id, { body: '参加したいです！ 初心者でも大丈夫ですか？' });
  for (const [who, kind] of [[kenji, 'like'], [yui, 'like'], [yui, 'celebrate']] as const) await setReaction(at(100), who, intro.id, kind, true);
}
