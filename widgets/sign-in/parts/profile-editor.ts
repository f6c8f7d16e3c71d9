/**
 * The member's own profile as one form, in sections a person reads top to bottom (about you, at the
 * company, now, skills and introduction, privacy). Every field says beside it who sees it, in words
 * on screen and in the select's name for screen readers. Templates only: the view holds the draft.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { controlId, openToFlags, renderButton, renderControl, type ControlOptions } from '../../core/members/index.js';
import type { SignInKey } from '../sign-in.messages.js';
import type { FieldsView } from '../../core/members/index.js';
import { careerCols, linkCols, lines, lists, type Draft } from './profile-draft.js';
import type { ProfileViewKey } from './profile.messages.js';

const levels = ['members', 'company', 'nobody'] as const;

export type Translate = (key: SignInKey | ProfileViewKey, vars?: Record<string, string | number>) => string;

export interface EditorView {
  fields: FieldsView;
  t: Translate;
  draft: Draft;
  saved: boolean;
  alert: string;
  edit(event: Event): void;
  save(event: SubmitEvent): void;
  addRow(list: 'career' | 'links'): void;
  removeRow(list: 'career' | 'links', index: number): void;
}

/** Who sees `field`: a select with a visible label beside the input, named after the field for screen readers. */
function visibility(v: EditorView, field: string): TemplateResult {
  const id = `${controlId(v.fields, field)}-v`;
  const current = v.draft.visibility[field];
  return html`<span class="vis">
    <label for=${id}>${v.t('visibilityShort')}</label>
    <select id=${id} name="v.${field}" class="field" part="visibility" aria-label=${v.t('visibility', { field: v.t(`f.${field}` as SignInKey) })}>
      ${levels.map((l) => html`<option value=${l} ?selected=${current === l}>${v.t(`v.${l}`)}</option>`)}
    </select>
  </span>`;
}

/** A profile field with its visibility choice. */
function field(v: EditorView, name: string, o: ControlOptions = {}): TemplateResult {
  return renderControl(v.fields, name, v.t(`f.${name}` as SignInKey), v.draft[name], { ...o, beside: visibility(v, name) });
}

/** A fieldset for a field made of several inputs (career, links, open-to), with one visibility choice. */
function group(v: EditorView, name: string, body: unknown): TemplateResult {
  return html`<fieldset>
    <legend>${v.t(`f.${name}` as SignInKey)}</legend>
    <div class="group-head">${visibility(v, name)}</div>
    ${body}
  </fieldset>`;
}

function rows(v: EditorView, list: 'career' | 'links'): TemplateResult {
  const cols = list === 'career' ? careerCols : linkCols;
  const month = (col: string) => (col === 'from' || col === 'to' ? v.t('monthHint') : '');
  return group(
    v,
    list,
    html`${v.draft[list].map(
        (row, i) => html`<div class="entry" role="group" aria-label="${v.t(`f.${list}`)} ${i + 1}">
          ${cols.map(([col, label]) =>
            renderControl(v.fields, `${list}.${i}.${col}`, v.t(label), row[col], { type: col === 'url' ? 'url' : 'text', hint: month(col), mode: month(col) ? 'numeric' : undefined }),
          )}
          ${renderButton(v.fields, v.t('remove'), () => v.removeRow(list, i))}
        </div>`,
      )}
      <button type="button" class="button secondary add" part="button" data-add=${list} @click=${() => v.addRow(list)}>${v.t('add')}</button>`,
  );
}

const section = (title: string, body: unknown) => html`<section class="stack"><h4>${title}</h4>${body}</section>`;

/** The whole editor form. */
export function renderEditor(v: EditorView): TemplateResult {
  const { t, draft: d, fields } = v;
  const uid = fields.uid;
  return html`<form class="stack" part="form" aria-labelledby="${uid}p" @input=${v.edit} @submit=${v.save} novalidate>
    <h3 id="${uid}p">${t('profile')}</h3>
    <p class="muted">${t('profileHint')}</p>
    ${section(
      t('s.about'),
      html`${renderControl(fields, 'name', t('f.name'), d.name, { req: true, ac: 'name' })} ${field(v, 'nameKana')}
        ${field(v, 'photoUrl', { type: 'url', hint: ' (https://…)' })}`,
    )}
    ${section(
      t('s.past'),
      html`${field(v, 'joinedYear', { mode: 'numeric' })} ${field(v, 'leftYear', { mode: 'numeric' })}
        ${lines.slice(0, 2).map((n) => field(v, n))} ${rows(v, 'career')}`,
    )}
    ${section(
      t('s.now'),
      html`${lines.slice(2).map((n) => field(v, n))}
      ${group(
        v,
        'openTo',
        html`<div class="checks">
          ${openToFlags.map((o) => html`<label class="check"><input type="checkbox" name="openTo" value=${o} .checked=${d.openTo.includes(o)} />${t(`o.${o}`)}</label>`)}
        </div>`,
      )}`,
    )}
    ${section(t('s.more'), html`${lists.map(([n]) => field(v, n, { hint: ` (${t('listHint')})` }))} ${field(v, 'bio', { area: true })} ${rows(v, 'links')}`)}
    <fieldset>
      <legend>${t('settings')}</legend>
      <label class="check"><input type="checkbox" role="switch" name="unlisted" .checked=${d.unlisted} />${t('unlisted')}</label>
      <label class="check"><input type="checkbox" name="allowReplies" .checked=${d.allowReplies} />${t('allowReplies')}</label>
      <span class="vis">
        <label for="${uid}l">${t('mailLang')}</label>
        <select id="${uid}l" name="locale" class="field">
          <option value="ja" ?selected=${d.locale === 'ja'}>日本語</option><option value="en" ?selected=${d.locale === 'en'}>English</option>
        </select>
      </span>
    </fieldset>
    <p class="error" role="alert">${v.alert}</p>
    <div class="actions">
      <button class="button" part="button save-button" ?disabled=${fields.busy()}>${t('save')}</button>
      <p part="notice" role="status">${v.saved ? t('saved') : nothing}</p>
    </div>
  </form>`;
}
