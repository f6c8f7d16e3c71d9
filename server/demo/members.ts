import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { members } from '../db/schema.js';
import { newId } from '../core/ids.js';
import { reindexMember } from '../modules/directory/search-index.js';

type DemoMember = Omit<typeof members.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

/**
 * Alumni of the demo company (a manufacturer), chosen so the directory has something to show:
 * Japanese and English profiles, several departments and skills, every open-to flag, a current
 * employee, hidden fields, and one unlisted member who must never appear.
 */
const demoMembers: DemoMember[] = [
  {
    email: 'hanako.tanaka@example.jp',
    name: '田中 花子',
    nameKana: 'たなか はなこ',
    joinedYear: 2008,
    leftYear: 2019,
    lastDepartment: '法人営業部',
    lastTitle: '営業課長',
    career: [
      { department: '法人営業部', title: '営業担当', from: '2008', to: '2014' },
      { department: '法人営業部', title: '営業課長', from: '2014', to: '2019' },
    ],
    currentCompany: '株式会社ソラ',
    currentTitle: '事業開発マネージャー',
    location: '東京都',
    skills: ['法人営業', '事業開発', 'Salesforce'],
    interests: ['登山', '地域活性化'],
    bio: '製造業向けの法人営業を11年。今は新規事業の立ち上げをしています。協業のご相談歓迎です。',
    openTo: ['business', 'keep_in_touch'],
  },
  {
    email: 'kenji.sato@example.jp',
    name: '佐藤 健二',
    nameKana: 'さとう けんじ',
    joinedYear: 2012,
    leftYear: 2021,
    lastDepartment: '生産技術部',
    lastTitle: '主任',
    currentCompany: 'フリーランス',
    currentTitle: '生産技術コンサルタント',
    location: '愛知県',
    skills: ['生産技術', 'IoT', 'Python'],
    qualifications: ['技術士（機械部門）'],
    interests: ['釣り'],
    bio: '工場のIoT化とライン改善が専門です。副業・業務委託のお話があればぜひ。',
    openTo: ['side_job', 'rehire'],
    visibility: { location: 'company' },
  },
  {
    email: 'emily.clark@example.com',
    name: 'Emily Clark',
    joinedYear: 2016,
    leftYear: 2022,
    lastDepartment: 'Global Marketing',
    lastTitle: 'Marketing Manager',
    currentCompany: 'Northwind Robotics',
    currentTitle: 'Head of Marketing',
    location: 'Singapore',
    skills: ['Marketing', 'Brand Strategy', 'Japanese'],
    interests: ['running', 'photography'],
    bio: 'Led the overseas launch of our factory automation line. Happy to mentor anyone moving into marketing.',
    openTo: ['mentoring', 'keep_in_touch'],
    locale: 'en',
    allowReplies: true,
  },
  {
    email: 'taro.suzuki@example.jp',
    name: '鈴木 太郎',
    nameKana: 'すずき たろう',
    joinedYear: 2005,
    leftYear: 2018,
    lastDepartment: '経理部',
    lastTitle: '経理課長',
    currentCompany: '鈴木会計事務所',
    currentTitle: '代表',
    location: '大阪府',
    skills: ['経理', '税務', 'IPO準備'],
    qualifications: ['税理士'],
    interests: ['将棋'],
    bio: '独立して会計事務所を開きました。スタートアップの経理・税務のご相談に乗ります。',
    openTo: ['business'],
  },
  {
    email: 'yui.takahashi@example.jp',
    name: '高橋 結衣',
    nameKana: 'たかはし ゆい',
    joinedYear: 2015,
    leftYear: 2020,
    lastDepartment: '人事部',
    lastTitle: '採用担当',
    currentCompany: '株式会社ヒトノワ',
    currentTitle: 'HRBP',
    location: '東京都',
    skills: ['採用', '組織開発', 'キャリアコンサルティング'],
    qualifications: ['国家資格キャリアコンサルタント'],
    interests: ['ヨガ', 'ボランティア'],
    bio: '人事として採用と組織づくりに携わってきました。戻ることも考えています。',
    openTo: ['rehire', 'mentoring'],
  },
  {
    email: 'daisuke.ito@example.jp',
    name: '伊藤 大輔',
    nameKana: 'いとう だいすけ',
    kind: 'employee',
    joinedYear: 2010,
    lastDepartment: '開発本部',
    lastTitle: 'ソフトウェアエンジニア',
    currentCompany: '株式会社ミライ製作所',
    currentTitle: 'テックリード',
    location: '神奈川県',
    skills: ['TypeScript', 'Go', '組込みソフトウェア'],
    interests: ['自転車'],
    bio: '現役社員です。アルムナイの皆さんとの勉強会を企画しています。',
    openTo: ['keep_in_touch'],
  },
  {
    email: 'misaki.watanabe@example.jp',
    name: '渡辺 美咲',
    nameKana: 'わたなべ みさき',
    joinedYear: 2013,
    leftYear: 2023,
    lastDepartment: '品質保証部',
    lastTitle: '品質管理リーダー',
    currentCompany: '外資系医療機器メーカー',
    currentTitle: '品質保証マネージャー',
    location: '埼玉県',
    skills: ['品質管理', 'ISO 13485', '英語'],
    interests: ['料理'],
    bio: '品質保証一筋。医療機器の規制対応の知見があります。',
    openTo: ['side_job', 'keep_in_touch'],
    visibility: { currentCompany: 'company', bio: 'nobody' },
  },
  {
    email: 'kaito.nakamura@example.jp',
    name: '中村 海斗',
    nameKana: 'なかむら かいと',
    joinedYear: 2017,
    leftYear: 2021,
    lastDepartment: '営業企画部',
    lastTitle: '営業企画',
    currentCompany: 'Nakamura Design合同会社',
    currentTitle: '代表 / UXデザイナー',
    location: '福岡県',
    skills: ['UXデザイン', 'Figma', '営業企画'],
    interests: ['サウナ', 'コーヒー'],
    bio: '営業企画から独立してUXデザインの会社をやっています。BtoB製品のUI改善ならお任せください。',
    openTo: ['business', 'side_job'],
    links: [{ label: 'Portfolio', url: 'https://design.example.jp' }],
  },
  {
    email: 'sarah.kim@example.com',
    name: 'Sarah Kim',
    joinedYear: 2014,
    leftYear: 2019,
    lastDepartment: 'Supply Chain',
    lastTitle: 'Procurement Specialist',
    currentCompany: 'Pacific Components Ltd.',
    currentTitle: 'Supply Chain Director',
    location: 'Seoul',
    skills: ['Procurement', 'Supply Chain', 'SAP'],
    interests: ['hiking', 'board games'],
    bio: 'Built the Asia supplier network. Open to consulting on sourcing projects.',
    openTo: ['side_job', 'business'],
    locale: 'en',
  },
  {
    email: 'ryo.kobayashi@example.jp',
    name: '小林 亮',
    nameKana: 'こばやし りょう',
    joinedYear: 2009,
    leftYear: 2016,
    lastDepartment: '研究開発部',
    lastTitle: '研究員',
    currentCompany: '国立大学法人',
    currentTitle: '准教授',
    location: '京都府',
    skills: ['材料工学', '共同研究', '特許'],
    interests: ['合唱'],
    bio: '研究開発部から大学へ。産学連携の共同研究を一緒にできる方を探しています。',
    openTo: ['business', 'mentoring'],
    visibility: { leftYear: 'nobody', joinedYear: 'nobody' },
  },
  {
    email: 'aoi.yamamoto@example.jp',
    name: '山本 葵',
    nameKana: 'やまもと あおい',
    joinedYear: 2018,
    leftYear: 2024,
    lastDepartment: '広報部',
    lastTitle: '広報担当',
    currentCompany: '',
    currentTitle: '育児休業中',
    location: '千葉県',
    skills: ['広報', 'SNS運用', 'ライティング'],
    interests: ['子育て', '読書'],
    bio: '育児がひと段落したら、また広報の仕事に戻りたいと思っています。',
    openTo: ['rehire', 'side_job'],
  },
  {
    email: 'hidden.member@example.jp',
    name: '森 静香',
    nameKana: 'もり しずか',
    joinedYear: 2011,
    leftYear: 2020,
    lastDepartment: '法人営業部',
    lastTitle: '営業',
    currentCompany: '非公開商事',
    location: '東京都',
    skills: ['営業'],
    bio: '名簿には載せない設定のメンバーです。',
    unlisted: true,
  },
];

/**
 * Creates the demo alumni as approved members of `tenantId` and indexes them for the directory.
 * Members whose email already exists in the tenant are left as they are, so re-running is harmless.
 * Returns the ids of the members it created.
 */
export async function seedDemoMembers(db: Db, tenantId: string, now: Date): Promise<string[]> {
  const ts = now.toISOString();
  const existing = new Set(
    (
      await db
        .select({ email: members.email })
        .from(members)
        .where(and(eq(members.tenantId, tenantId), inArray(members.email, demoMembers.map((m) => m.email))))
    ).map((r) => r.email),
  );
  const rows = demoMembers
    .filter((m) => !existing.has(m.email))
    .map((m) => ({ status: 'approved' as const, approvedAt: ts, ...m, id: newId('mem'), tenantId, createdAt: ts, updatedAt: ts }));
  if (rows.length === 0) return [];
  await db.insert(members).values(rows);
  for (const row of rows) await reindexMember(db, row.id);
  return rows.map((r) => r.id);
}
