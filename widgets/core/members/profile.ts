/**
 * Profile shapes and labels shared by <alumni-member-directory> (other members' cards) and
 * <alumni-sign-in> (the member's own profile), so both speak of a field with the same words.
 */
import { defineMessages } from '../i18n.js';

// Types only (erased from the bundle): the server's schema stays the one definition of these shapes.
import type { CareerEntry, OpenToFlag, ProfileLink } from '../../../server/modules/members/schema.js';

export type { CareerEntry, OpenToFlag, ProfileLink };

/** The same flags as the server's, at run time for the checkboxes; the type keeps the two lists equal. */
export const openToFlags = ['rehire', 'side_job', 'mentoring', 'business', 'keep_in_touch'] as const satisfies readonly OpenToFlag[];

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
  kind: 'alumni' | 'employee';
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
    'o.mentoring': 'メンタリング',
    'o.business': '協業',
    'o.keep_in_touch': 'つながり',
    employee: '現役社員',
    alumni: 'アルムナイ',
    years: '{from}〜{to}年',
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
    'o.mentoring': 'Mentoring',
    'o.business': 'Business',
    'o.keep_in_touch': 'Keeping in touch',
    employee: 'Employee',
    alumni: 'Alumni',
    years: '{from}–{to}',
  },
});

/** Up to two letters for an avatar without a photo: the first of each name part. */
export function initials(name: string): string {
  const parts = name.trim().split(/[\s\u3000]+/).filter(Boolean);
  return parts
    .slice(0, 2)
    .map((p) => [...p][0]!.toUpperCase())
    .join('');
}
