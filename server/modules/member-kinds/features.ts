import { z } from '@hono/zod-openapi';

/**
 * What a member may use, by their kind (alumni, current employee, and any kind the company adds).
 * A route names the feature it belongs to (`defineRoute({ feature: 'jobs', … })`); a member session
 * whose kind lacks it is answered 403 `feature-not-available` before the handler runs.
 */
export const features = ['directory', 'events', 'jobs', 'feed', 'messages', 'groups'] as const;
export type Feature = (typeof features)[number];

export interface KindDefaults {
  key: string;
  labelJa: string;
  labelEn: string;
  features: Feature[];
  position: number;
}

/**
 * Every tenant has these two kinds. They are not written for each tenant: a tenant without a stored
 * row for one of them has these defaults (so no tenant — however it was created — is ever without
 * them), and the first change an admin makes stores the row.
 */
export const builtInKinds: readonly KindDefaults[] = [
  { key: 'alumni', labelJa: 'アルムナイ', labelEn: 'Alumni', features: [...features], position: 0 },
  { key: 'employee', labelJa: '現役社員', labelEn: 'Current employee', features: features.filter((f) => f !== 'jobs'), position: 1 },
];

export const builtInKind = (key: string) => builtInKinds.find((k) => k.key === key);

/** A stored row's features win; a built-in kind without a row has its defaults; an unknown kind has none. */
export function featuresOf(kind: string, stored: readonly string[] | null | undefined): Feature[] {
  if (stored) return features.filter((f) => stored.includes(f));
  return [...(builtInKind(kind)?.features ?? [])];
}

/** A kind's key: a short slug, as stored on members and roster entries. */
export const KIND_KEY = /^[a-z][a-z0-9_-]{0,31}$/;

/** A kind's key as an input (path, body, roster row, SSO claim, admin member change). */
export const kindKey = z.string().trim().regex(KIND_KEY, 'must be a short slug: a lower-case letter, then letters, digits, - or _ (at most 32)');
