/**
 * Profile shapes and labels shared by <alumni-member-directory> (other members' cards) and
 * <alumni-sign-in> (the member's own profile), so both speak of a field with the same words.
 */
import { defineMessages } from '../i18n.js';

// Types only (erased from the bundle): the server's schema stays the one definition of these shapes.
import type { CareerEntry, OpenToFlag, ProfileLink } from '../../../server/modules/members/schema.js';

export type { CareerEntry, OpenToFlag, ProfileLink };

/** The same flags as the server's, at run time for the checkboxes; the type keeps the two lists equal. */
export const openToFlags = ['rehire', 'side_job', 'freelance', 'referrals', 'mentoring', 'business', 'keep_in_touch'] as const satisfies readonly OpenToFlag[];

/** A whole profile, as its owner sees it; in the directory every field but `name` may be absent (hidden). */
export interface Profile {
  name: string;
  nameKana: string;
  photoUrl: string | null;
  joinedYear: number | null;
  leftYear: number | null;
  lastDepartment: string;
  lastTitle: string;
  career: CareerEntry[];
  currentCompany: string;
  currentTitle: string;
  location: string;
  skills: string[];
  qualifications: string[];
  interests: string[];
  bio: string;
  links: ProfileLink[];
  openTo: OpenToFlag[];
}

export type ProfileField = Exclude<keyof Profile, 'name'>;

export type Visibility = 'members' | 'company' | 'nobody';

/** The signed-in member as GET /v1/me returns it. */
export interface MemberSelf {
  id: string;
  email: string;
  /** alumni, employee, or a kind the company added. */
  kind: string;
  /** What the member's kind may use (directory, events, jobs, feed, messages, groups); absent in sessions stored before it existed. */
  features?: string[];
  status: 'pending' | 'approved' | 'rejected' | 'suspended';
  statusReason: string | null;
  locale: 'ja' | 'en';
  profile: Profile;
  visibility: Record<ProfileField, Visibility>;
  unlisted: boolean;
  allowReplies: boolean;
  consent: { requiredVersion: string | null; acceptedVersion: string | null; needed: boolean; policyUrl: string | null };
  createdAt: string;
}

/** A member as GET /v1/members returns them. */
export interface DirectoryCard {
  id: string;
  kind: 'alumni' | 'employee';
  profile: Partial<Profile> & { name: string };
  canContact: boolean;
}

export const profileMessages = defineMessages({
  ja: {
    'f.name': '氏名',
    'f.nameKana': 'ふりがな',
    'f.photoUrl': '写真のURL',
    'f.joinedYear': '入社年',
    'f.leftYear': '退職年',
    'f.lastDepartment': '最終所属部署',
    'f.lastTitle': '最終役職',
    'f.career': '社内での経歴',
    'f.currentCompany': '現在の会社',
    'f.currentTitle': '現在の役職',
    'f.location': '所在地',
    'f.skills': 'スキル',
    'f.qualifications': '資格',
    'f.interests': '興味・関心',
    'f.bio': '自己紹介',
    'f.links': 'リンク',
    'f.openTo': '歓迎すること',
    'o.rehire': '再入社',
    'o.side_job': '副業',
    'o.freelance': '業務委託',
    'o.referrals': '知人の紹介',
    'o.mentoring': 'メンタリング',
    'o.business': '協業',
    'o.keep_in_touch': 'つながり',
    employee: '現役社員',
    alumni: 'アルムナイ',
    years: '{from}〜{to}年',
    yearsFrom: '{from}年〜',
    yearsTo: '〜{to}年',
    consentText: 'プライバシーポリシー（版 {version}）への同意が必要です。同意すると、名簿を使い、名簿に載ることができます。',
    policy: 'ポリシーを読む',
    accept: '同意する',
    required: '必須',
    invalid: '入力内容を確認してください。',
    'e.required': '{field}を入力してください。',
    'e.long': '{field}は{max}文字以内で入力してください。',
    'e.many': '{field}は{max}件までです。',
    'e.line': '{field}に改行や制御文字は使えません。',
    'e.email': '正しいメールアドレスを入力してください。',
    'e.code': 'メールに届いた6桁の数字を入力してください。',
    'e.https': '{field}は https:// で始まるURLを入力してください。',
    'e.http': '{field}は http:// か https:// で始まるURLを入力してください。',
    'e.year': '{field}は1900〜2100の西暦（例 2015）で入力してください。',
    'e.month': '{field}は 2019 や 2019-04 の形で入力してください。',
    'e.order': '{field}は{other}より前にできません。',
    'e.check': '{field}を確認してください。',
  },
  en: {
    'f.name': 'Name',
    'f.nameKana': 'Reading (kana)',
    'f.photoUrl': 'Photo URL',
    'f.joinedYear': 'Year joined',
    'f.leftYear': 'Year left',
    'f.lastDepartment': 'Last department',
    'f.lastTitle': 'Last title',
    'f.career': 'Career at the company',
    'f.currentCompany': 'Current company',
    'f.currentTitle': 'Current title',
    'f.location': 'Location',
    'f.skills': 'Skills',
    'f.qualifications': 'Qualifications',
    'f.interests': 'Interests',
    'f.bio': 'About me',
    'f.links': 'Links',
    'f.openTo': 'Open to',
    'o.rehire': 'Rehire',
    'o.side_job': 'Side jobs',
    'o.freelance': 'Freelance',
    'o.referrals': 'Referring people',
    'o.mentoring': 'Mentoring',
    'o.business': 'Business',
    'o.keep_in_touch': 'Keeping in touch',
    employee: 'Employee',
    alumni: 'Alumni',
    years: '{from}–{to}',
    yearsFrom: 'Since {from}',
    yearsTo: 'Until {to}',
    consentText: 'Please accept the privacy policy (version {version}) to use the directory and be listed in it.',
    policy: 'Read the policy',
    accept: 'Accept',
    required: 'required',
    invalid: 'Please check what you entered.',
    'e.required': '{field} is required.',
    'e.long': '{field}: at most {max} characters.',
    'e.many': '{field}: at most {max} entries.',
    'e.line': '{field} must be one line, without control characters.',
    'e.email': 'Please enter a valid email address.',
    'e.code': 'Enter the 6 digits from the email.',
    'e.https': '{field} must be a URL starting with https://.',
    'e.http': '{field} must be a URL starting with http:// or https://.',
    'e.year': '{field} must be a year from 1900 to 2100 (e.g. 2015).',
    'e.month': '{field} must be a year or month like 2019 or 2019-04.',
    'e.order': '{field} must not be before {other}.',
    'e.check': 'Please check {field}.',
  },
});

// A name starting in a Japanese (or Chinese, Korean) script is written family name first, often without a space.
const eastAsian = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * What an avatar without a photo shows: the family name's first character for a Japanese name
 * (田中 花子 and 田中花子 → 田), else the first letter of the first two name parts (Taro Yamada → TY).
 */
export function initials(name: string): string {
  const n = name.trim();
  if (eastAsian.test(n)) return [...n][0]!;
  return n
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => [...p][0]!.toUpperCase())
    .join('');
}

type T = (key: 'years' | 'yearsFrom' | 'yearsTo', vars: Record<string, number>) => string;

/** Years at the company: 2012〜2020年, 2010年〜 (still there, or no year left), 〜2020年; '' when neither is shown. */
export function yearsText(t: T, p: Partial<Pick<Profile, 'joinedYear' | 'leftYear'>>): string {
  const from = p.joinedYear;
  const to = p.leftYear;
  return from && to ? t('years', { from, to }) : from ? t('yearsFrom', { from }) : to ? t('yearsTo', { to }) : '';
}
