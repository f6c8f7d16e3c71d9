/**
 * The members the directory widget tests search. Shared by the API child (which inserts them) and
 * the browser tests (which check what is shown), so it imports nothing.
 */
export interface FixtureMember {
  key: string;
  name: string;
  nameKana?: string;
  kind?: 'alumni' | 'employee';
  status?: 'approved' | 'pending';
  joinedYear?: number;
  leftYear?: number;
  lastDepartment?: string;
  lastTitle?: string;
  currentCompany?: string;
  currentTitle?: string;
  location?: string;
  skills?: string[];
  interests?: string[];
  bio?: string;
  links?: { label: string; url: string }[];
  career?: { department: string; title?: string; from?: string; to?: string }[];
  openTo?: ('rehire' | 'side_job' | 'mentoring' | 'business' | 'keep_in_touch')[];
  visibility?: Record<string, 'members' | 'company' | 'nobody'>;
  unlisted?: boolean;
}

export const directoryMembers: FixtureMember[] = [
  {
    key: 'hanako',
    name: '田中 花子',
    nameKana: 'たなか はなこ',
    joinedYear: 2012,
    leftYear: 2020,
    lastDepartment: '法人営業部',
    lastTitle: '課長',
    currentCompany: '株式会社ミライ',
    currentTitle: '営業部長',
    location: '東京都',
    skills: ['法人営業', 'Salesforce'],
    interests: ['ランニング'],
    bio: '法人営業を8年担当しました。\n今は新規事業の立ち上げをしています。',
    links: [{ label: 'ブログ', url: 'https://example.jp/hanako' }],
    career: [{ department: '法人営業部', title: '課長', from: '2016-04', to: '2020-03' }],
    openTo: ['rehire', 'mentoring'],
  },
  {
    key: 'ichiro',
    name: '田中 一郎',
    nameKana: 'たなか いちろう',
    joinedYear: 2010,
    leftYear: 2018,
    lastDepartment: '開発部',
    currentCompany: 'Acme Inc.',
    currentTitle: 'Staff Engineer',
    location: '大阪府',
    skills: ['TypeScript', 'Go'],
    openTo: ['side_job'],
  },
  {
    key: 'ken',
    name: '佐藤 健',
    nameKana: 'さとう けん',
    joinedYear: 2015,
    leftYear: 2022,
    lastDepartment: '営業企画部',
    currentCompany: 'フリーランス',
    location: '福岡県',
    skills: ['マーケティング'],
    openTo: ['business'],
  },
  {
    key: 'misaki',
    name: '鈴木 美咲',
    nameKana: 'すずき みさき',
    kind: 'employee',
    joinedYear: 2019,
    lastDepartment: '人事部',
    location: '東京都',
    skills: ['採用'],
    openTo: ['keep_in_touch'],
  },
  {
    // Hid where she works now: the company must never appear, not even through a filter.
    key: 'private',
    name: '山本 静',
    nameKana: 'やまもと しずか',
    lastDepartment: '経理部',
    currentCompany: '秘密商事',
    location: '京都府',
    visibility: { currentCompany: 'nobody', location: 'company' },
  },
  {
    key: 'unlisted',
    name: '高橋 隠',
    nameKana: 'たかはし かくれ',
    lastDepartment: '営業部',
    unlisted: true,
  },
];

export const member = (key: string): FixtureMember => directoryMembers.find((m) => m.key === key)!;
