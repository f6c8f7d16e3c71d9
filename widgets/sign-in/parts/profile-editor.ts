/**
 * The member's own profile editor inside <alumni-sign-in>: every field with who may see it, career
 * and link rows, open-to flags and privacy settings. It keeps the draft as typed and turns it into
 * the PATCH /v1/me body; the element sends it and shows the server's answer (and field errors).
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FocusController, LocaleController } from '../../core/index.js';
import { openToFlags, type MemberSelf } from '../../core/members/index.js';
import type { SignInKey } from '../sign-in.messages.js';
import { renderButton, renderControl, type ControlOptions, type FieldsView } from './fields.js';

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

const lines = ['nameKana', 'lastDepartment', 'lastTitle', 'currentCompany', 'currentTitle', 'location'] as const;
const lists = ['skills', 'qualifications', 'interests'] as const;
const careerCols = [['department', 'department'], ['title', 'jobTitle'], ['from', 'from'], ['to', 'to']] as const;
const linkCols = [['label', 'linkLabel'], ['url', 'url']] as const;
const levels = ['members', 'company', 'nobody'] as const;

const splitList = (value: unknown) =>
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
    ...Object.fromEntries(lists.map((f) => [f, p[f].join(', ')])),
    career: p.career.map((c) => ({ department: c.department, title: c.title ?? '', from: c.from ?? '', to: c.to ?? '' })),
    links: p.links.map((l) => ({ ...l })),
    openTo: [...p.openTo],
    visibility: { ...m.visibility },
    unlisted: m.unlisted,
    allowReplies: m.allowReplies,
    locale: m.locale,
  };
}

/** The PATCH /v1/me body for a draft: empty rows dropped, empty optional values left out. */
export function toPatch(d: Draft) {
  const str = (v: unknown) => String(v ?? '').trim();
  const year = (v: unknown) => (str(v) ? Number(str(v)) : null);
  const rows = (list: Row[]) =>
    list
      .map((r) => Object.fromEntries(Object.entries(r).flatMap(([k, v]) => (v.trim() ? [[k, v.trim()]] : []))))
      .filter((r) => Object.keys(r).length);
  return {
    name: str(d.name),
    ...Object.fromEntries(lines.map((f) => [f, str(d[f])])),
    ...Object.fromEntries(lists.map((f) => [f, splitList(d[f])])),
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

export interface ProfileEditorContext {
  fields: FieldsView;
  i18n: LocaleController<SignInKey>;
  focus: FocusController;
  /** Sends the PATCH /v1/me body. */
  save(body: ReturnType<typeof toPatch>): void;
}

/** The editor's state (the draft, and whether it was just saved) and its form. */
export class ProfileEditor {
  draft?: Draft;
  private isSaved = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ctx: ProfileEditorContext,
  ) {}

  /** Edits what the API holds now (after GET or PATCH /v1/me). */
  load(member: MemberSelf): void {
    this.draft = toDraft(member);
  }

  clear(): void {
    this.draft = undefined;
    this.isSaved = false;
  }

  /** The last save succeeded and nothing was typed since ("saved" shows under the form). */
  get saved(): boolean {
    return this.isSaved;
  }

  set saved(saved: boolean) {
    if (saved === this.isSaved) return;
    this.isSaved = saved;
    this.host.requestUpdate();
  }

  private t(key: SignInKey, vars?: Record<string, string | number>): string {
    return this.ctx.i18n.t(key, vars);
  }

  private onEdit(event: Event): void {
    const el = event.target as HTMLInputElement;
    if (!this.draft || !el.name) return;
    applyEdit(this.draft, el);
    this.saved = false;
  }

  private addRow(list: 'career' | 'links'): void {
    const d = this.draft!;
    d[list] = [...d[list], list === 'career' ? { department: '', title: '', from: '', to: '' } : { label: '', url: '' }];
    this.ctx.focus.after(`[name="${list}.${d[list].length - 1}.${list === 'career' ? 'department' : 'label'}"]`);
  }

  private removeRow(list: 'career' | 'links', index: number): void {
    const d = this.draft!;
    d[list] = d[list].filter((_, i) => i !== index);
    this.ctx.focus.after(`[data-add=${list}]`);
  }

  private visibility(field: string): TemplateResult {
    const current = this.draft!.visibility[field];
    return html`<select name="v.${field}" class="field vis" part="visibility" aria-label=${this.t('visibility', { field: this.t(`f.${field}` as SignInKey) })}>
      ${levels.map((l) => html`<option value=${l} ?selected=${current === l}>${this.t(`v.${l}`)}</option>`)}
    </select>`;
  }

  /** A fieldset with a visibility select for the whole group. */
  private group(field: string, body: unknown): TemplateResult {
    return html`<fieldset>
      <legend>${this.t(`f.${field}` as SignInKey)}</legend>
      <div class="with-vis end">${this.visibility(field)}</div>
      ${body}
    </fieldset>`;
  }

  private rows(list: 'career' | 'links', d: Draft): TemplateResult {
    const cols = list === 'career' ? careerCols : linkCols;
    const { fields } = this.ctx;
    return this.group(
      list,
      html`${d[list].map(
          (row, i) => html`<div class="entry" role="group" aria-label="${this.t(`f.${list}`)} ${i + 1}">
            ${cols.map(([col, label]) => renderControl(fields, `${list}.${i}.${col}`, this.t(label), row[col], { type: col === 'url' ? 'url' : 'text' }))}
            ${renderButton(fields, this.t('remove'), () => this.removeRow(list, i))}
          </div>`,
        )}
        <button type="button" class="button secondary" part="button" data-add=${list} @click=${() => this.addRow(list)}>${this.t('add')}</button>`,
    );
  }

  /** A profile field with its visibility select. */
  private field(name: string, o: ControlOptions & { hint?: string } = {}): TemplateResult {
    const d = this.draft!;
    return renderControl(this.ctx.fields, name, this.t(`f.${name}` as SignInKey) + (o.hint ?? ''), d[name], { ...o, beside: this.visibility(name) });
  }

  render(): TemplateResult | undefined {
    const d = this.draft;
    if (!d) return undefined;
    const t = this.t.bind(this);
    const { fields } = this.ctx;
    const uid = fields.uid;
    const save = (event: Event) => {
      event.preventDefault();
      this.ctx.save(toPatch(d));
    };
    return html`<form class="stack" part="form profile" aria-labelledby="${uid}p" @input=${(e: Event) => this.onEdit(e)} @submit=${save} novalidate>
      <h3 id="${uid}p">${t('profile')}</h3>
      <p class="muted">${t('profileHint')}</p>
      ${renderControl(fields, 'name', t('f.name'), d.name)} ${this.field('nameKana')} ${this.field('photoUrl', { type: 'url', hint: ' (https://…)' })}
      ${this.field('joinedYear', { type: 'number' })} ${this.field('leftYear', { type: 'number' })} ${lines.slice(1).map((n) => this.field(n))}
      ${lists.map((n) => this.field(n, { hint: ` (${t('listHint')})` }))} ${this.rows('career', d)} ${this.rows('links', d)}
      ${this.group(
        'openTo',
        openToFlags.map((o) => html`<label class="check"><input type="checkbox" name="openTo" value=${o} .checked=${d.openTo.includes(o)} />${t(`o.${o}`)}</label>`),
      )}
      ${this.field('bio', { area: true })}
      <fieldset>
        <legend>${t('settings')}</legend>
        <label class="check"><input type="checkbox" role="switch" name="unlisted" .checked=${d.unlisted} />${t('unlisted')}</label>
        <label class="check"><input type="checkbox" name="allowReplies" .checked=${d.allowReplies} />${t('allowReplies')}</label>
        <label for="${uid}l">${t('mailLang')}</label>
        <select id="${uid}l" name="locale" class="field">
          <option value="ja" ?selected=${d.locale === 'ja'}>日本語</option><option value="en" ?selected=${d.locale === 'en'}>English</option>
        </select>
      </fieldset>
      <button class="button" part="button save-button" ?disabled=${fields.busy()}>${t('save')}</button>
      <p part="notice" role="status">${this.saved ? t('saved') : ''}</p>
    </form>`;
  }
}
