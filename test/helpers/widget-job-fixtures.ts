/**
 * The jobs the job board's widget tests work with. Shared by the API child (Node, which creates them
 * through the jobs service) and the tests (browser), so it imports nothing.
 */
export interface FixtureJob {
  key: string;
  title: string;
  en?: { title: string; description?: string };
  department?: string;
  location?: string;
  remotePolicy?: 'onsite' | 'hybrid' | 'remote';
  employmentType: 'rehire' | 'contract' | 'side_job' | 'freelance' | 'project';
  description?: string;
  requirements?: string;
  salary?: [number, number, 'year' | 'month' | 'hour'];
  visibility?: 'public' | 'members';
  status?: 'open' | 'closed' | 'draft';
  applyUrl?: string;
}

/** Newest last: the board lists newest first, so `fixtureJobOrder` is this list's open public jobs reversed. */
export const fixtureJobs: FixtureJob[] = [
  {
    key: 'sales',
    title: '法人営業（カムバック採用）',
    en: { title: 'Corporate sales (rehire)', description: '## The work\n\n- Proposals to existing customers' },
    department: '営業本部',
    location: '東京都港区',
    remotePolicy: 'hybrid',
    employmentType: 'rehire',
    description: '## 仕事内容\n\n- 既存のお客さまへの**提案**\n- 新しいチームの立ち上げ\n\n詳しくは [採用ページ](https://example.jp/jobs) へ。',
    requirements: '- 法人営業の経験 3 年以上',
    salary: [6_000_000, 9_000_000, 'year'],
  },
  {
    key: 'design',
    title: 'UI デザイン（副業・週 1 日から）',
    department: 'デザイン室',
    location: 'フルリモート',
    remotePolicy: 'remote',
    employmentType: 'side_job',
    description: 'アプリの画面設計をお手伝いください。',
    salary: [5_000, 8_000, 'hour'],
  },
  {
    key: 'ats',
    title: '生産技術エンジニア',
    department: '生産技術部',
    location: '大阪府東大阪市',
    employmentType: 'contract',
    description: '工場の自動化を進めます。',
    applyUrl: 'https://ats.example.jp/jobs/42',
  },
  {
    key: 'members',
    title: '新規事業の立ち上げ（メンバー限定）',
    department: '経営企画室',
    location: '東京都港区',
    employmentType: 'freelance',
    description: 'まだ公開できない新規事業です。',
    visibility: 'members',
  },
  { key: 'closed', title: '終了した求人', employmentType: 'project', description: '募集は終わりました。', status: 'closed' },
  { key: 'draft', title: '下書きの求人', employmentType: 'project', status: 'draft' },
];

/** The open public jobs as the board lists them signed out: newest first. */
export const publicJobKeys = ['ats', 'design', 'sales'];
