import type { members, Visibility } from '../../db/schema.js';

export type MemberRow = typeof members.$inferSelect;

/**
 * Profile fields a member can show or hide, with the visibility each has until the member chooses.
 * `name` is always visible to members (a directory of nameless cards helps nobody); hiding yourself
 * entirely is what `unlisted` is for. Email is never shown to other members.
 */
export const profileFieldDefaults = {
  nameKana: 'members',
  photoUrl: 'members',
  joinedYear: 'members',
  leftYear: 'members',
  lastDepartment: 'members',
  lastTitle: 'members',
  career: 'members',
  currentCompany: 'members',
  currentTitle: 'members',
  location: 'members',
  skills: 'members',
  qualifications: 'members',
  interests: 'members',
  bio: 'members',
  links: 'members',
  openTo: 'members',
} as const satisfies Record<string, Visibility>;

export type ProfileField = keyof typeof profileFieldDefaults;
export const profileFields = Object.keys(profileFieldDefaults) as ProfileField[];

export function visibilityOf(member: Pick<MemberRow, 'visibility'>, field: ProfileField): Visibility {
  return member.visibility[field] ?? profileFieldDefaults[field];
}

/** The member's effective visibility for every field (defaults filled in), as the owner sees it. */
export function effectiveVisibility(member: Pick<MemberRow, 'visibility'>): Record<ProfileField, Visibility> {
  return Object.fromEntries(profileFields.map((f) => [f, visibilityOf(member, f)])) as Record<ProfileField, Visibility>;
}

/** The whole profile, as its owner sees it. */
export function ownProfile(m: MemberRow) {
  return {
    name: m.name,
    nameKana: m.nameKana,
    photoUrl: m.photoUrl,
    joinedYear: m.joinedYear,
    leftYear: m.leftYear,
    lastDepartment: m.lastDepartment,
    lastTitle: m.lastTitle,
    career: m.career,
    currentCompany: m.currentCompany,
    currentTitle: m.currentTitle,
    location: m.location,
    skills: m.skills,
    qualifications: m.qualifications,
    interests: m.interests,
    bio: m.bio,
    links: m.links,
    openTo: m.openTo,
  };
}

/**
 * What `audience` may see of a member's profile. Hidden fields are left out of the object
 * altogether (not nulled), so nothing about them — not even that they exist — reaches the viewer.
 */
export function profileFor(m: MemberRow, audience: 'members' | 'company') {
  const full = ownProfile(m);
  const out: Record<string, unknown> = { name: full.name };
  for (const field of profileFields) {
    const level = visibilityOf(m, field);
    if (level === 'members' || (audience === 'company' && level === 'company')) out[field] = full[field];
  }
  return out as Partial<ReturnType<typeof ownProfile>> & { name: string };
}
