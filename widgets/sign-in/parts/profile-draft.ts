/**
 * The profile as the editor holds it while a person types (text everywhere), the PATCH /v1/me body it
 * becomes, and the API's checks run on it first, so each field says what is wrong in the person's language.
 */
import { check, checkAll, normalizeDigits, type MemberSelf, type Problems, type Rule } from '../../core/members/index.js';

type Row = Record<string, string>;

/** The profile as the form edits it: text where people type, converted back when saving. */
export interface Draft {
  [field: string]: unknown;
  career: Row[];
  links: Row[];
  openTo: string[];
  visibility: Record<string, string>;
  unlisted: boolean;
  allowReplies: boolean;
  locale: string;
}

/** One-line text fields after name and kana, in the order of the form. */
export const lines = ['lastDepartment', 'lastTitle', 'currentCompany', 'currentTitle', 'location'] as const;
/** Comma-separated lists, with the longest entry the API takes. */
export const lists = [
  ['skills', 50],
  ['qualifications', 100],
  ['interests', 50],
] as const;
export const careerCols = [['department', 'department'], ['title', 'jobTitle'], ['from', 'from'], ['to', 'to']] as const;
export const linkCols = [['label', 'linkLabel'], ['url', 'url']] as const;

export const splitList = (value: unknown) =>
  String(value ?? '')
    .split(/[,、，\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function toDraft(m: MemberSelf): Draft {
  const p = m.profile;
  return {
    ...p,
    photoUrl: p.photoUrl ?? '',
    joinedYear: p.joinedYear?.toString() ?? '',
    leftYear: p.leftYear?.toString() ?? '',
    ...Object.fromEntries(lists.map(([f]) => [f, p[f].join(', ')])),
    career: p.career.map((c) => ({ department: c.department, title: c.title ?? '', from: c.from ?? '', to: c.to ?? '' })),
    links: p.links.map((l) => ({ ...l })),
    openTo: [...p.openTo],
    visibility: { ...m.visibility },
    unlisted: m.unlisted,
    allowReplies: m.allowReplies,
    locale: m.locale,
  };
}

const str = (v: unknown) => String(v ?? '').trim();
/** Rows with something typed, trimmed; years and months as typed with a Japanese IME become ASCII digits. */
const rows = (list: Row[]) =>
  list
    .map((r) => Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (v.trim() ? [[k, k === 'from' || k === 'to' ? normalizeDigits(v) : v.trim()]] : []))))
    .filter((r) => Object.keys(r).length);

/** The PATCH /v1/me body for a draft: empty rows dropped, empty optional values left out. */
export function toPatch(d: Draft) {
  const year = (v: unknown) => (str(v) ? Number(normalizeDigits(str(v))) : null);
  return {
    name: str(d.name),
    nameKana: str(d.nameKana),
    ...Object.fromEntries(lines.map((f) => [f, str(d[f])])),
    ...Object.fromEntries(lists.map(([f]) => [f, splitList(d[f])])),
    photoUrl: str(d.photoUrl) || null,
    joinedYear: year(d.joinedYear),
    leftYear: year(d.leftYear),
    bio: str(d.bio),
    career: rows(d.career),
    links: rows(d.links),
    openTo: d.openTo,
    visibility: d.visibility,
    unlisted: d.unlisted,
    allowReplies: d.allowReplies,
    locale: d.locale,
  };
}

/** Writes one edited input into the draft; its `name` says where (`skills`, `v.skills`, `career.0.title`, …). */
export function applyEdit(d: Draft, el: HTMLInputElement): void {
  const [a, i, b] = el.name.split('.') as [string, string?, string?];
  if (a === 'openTo') d.openTo = el.checked ? [...d.openTo, el.value] : d.openTo.filter((f) => f !== el.value);
  else if (el.type === 'checkbox') d[a] = el.checked;
  else if (a === 'v') d.visibility[i!] = el.value;
  else if (b) (d[a] as Row[])[Number(i)]![b] = el.value;
  else d[a] = el.value;
}

/**
 * The API's limits on a draft (server/routes/me.ts), by input name. `label` names another field in
 * a message that compares two (the year left is before the year joined).
 */
export function checkDraft(d: Draft, label: (key: 'f.joinedYear' | 'from') => string): Problems {
  const text = (name: string, rule: Rule = {}): [string, string, Rule] => [name, String(d[name] ?? ''), rule];
  const found = checkAll([
    text('name', { req: true }),
    text('nameKana'),
    text('photoUrl', { kind: 'https' }),
    text('joinedYear', { kind: 'year' }),
    text('leftYear', { kind: 'year' }),
    ...lines.map((f) => text(f)),
    text('bio', { kind: 'text', max: 2000 }),
    ...d.career.flatMap((r, i): [string, string, Rule][] =>
      Object.values(r).some((v) => v.trim())
        ? [[`career.${i}.department`, r.department!, { req: true }], [`career.${i}.title`, r.title!, {}], [`career.${i}.from`, r.from!, { kind: 'month' }], [`career.${i}.to`, r.to!, { kind: 'month' }]]
        : [],
    ),
    ...d.links.flatMap((r, i): [string, string, Rule][] =>
      r.label!.trim() || r.url!.trim() ? [[`links.${i}.label`, r.label!, { req: true, max: 50 }], [`links.${i}.url`, r.url!, { req: true, kind: 'http' }]] : [],
    ),
  ]);
  for (const [name, max] of lists) {
    const items = splitList(d[name]);
    const problem = items.length > 30 ? (['e.many', { max: 30 }] as const) : items.map((item) => check(item, { max })).find(Boolean);
    if (problem) found[name] = [...problem];
  }
  const patch = toPatch(d);
  if (!found.joinedYear && !found.leftYear && patch.joinedYear && patch.leftYear && patch.leftYear < patch.joinedYear) {
    found.leftYear = ['e.order', { other: label('f.joinedYear') }];
  }
  d.career.forEach((r, i) => {
    const [from, to] = [normalizeDigits(r.from!), normalizeDigits(r.to!)];
    if (!found[`career.${i}.to`] && from && to && to < from) found[`career.${i}.to`] = ['e.order', { other: label('from') }];
  });
  return found;
}
