/** How another member reads in the directory: a card in the list, and the profile detail. Templates only. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocaleController } from '../../core/index.js';
import { renderAvatar, yearsText, type DirectoryCard } from '../../core/members/index.js';
import type { DirectoryKey } from '../member-directory.messages.js';

/** What the templates need from the element: its locale and a unique id prefix. */
export interface MemberView {
  i18n: LocaleController<DirectoryKey>;
  uid: string;
}

/** Title and company, department and years: the lines a card and the detail share. */
function summary({ i18n }: MemberView, m: DirectoryCard): TemplateResult {
  const p = m.profile;
  const now = [p.currentTitle, p.currentCompany].filter(Boolean).join(' / ');
  const past = [p.lastDepartment, p.lastTitle, yearsText((k, v) => i18n.t(k, v), p)].filter(Boolean).join(' · ');
  const badges = [...(m.kind === 'employee' ? ['employee' as const] : []), ...(p.openTo ?? []).map((f) => `o.${f}` as const)];
  return html`${p.nameKana ? html`<p class="muted kana">${p.nameKana}</p>` : nothing}
    ${now ? html`<p>${now}</p>` : nothing} ${past ? html`<p class="muted">${past}</p>` : nothing}
    ${badges.length
      ? html`<p class="tags">${badges.map((k) => html`<span class="badge ${k === 'employee' ? '' : 'open-to'}" part="badge">${i18n.t(k)}</span>`)}</p>`
      : nothing}`;
}

function chips(list: string[]) {
  return html`<ul class="chips">${list.map((s) => html`<li part="chip">${s}</li>`)}</ul>`;
}

/** One member in the list; the name is a button that opens the profile. */
export function renderMemberCard(view: MemberView, m: DirectoryCard, open: (id: string) => void): TemplateResult {
  const skills = m.profile.skills ?? [];
  return html`<li class="card" part="item" data-id=${m.id}>
    ${renderAvatar(m.profile)}
    <div class="body">
      <h3><button type="button" class="link-button" part="item-title" @click=${() => open(m.id)}>${m.profile.name}</button></h3>
      ${summary(view, m)} ${skills.length ? chips(skills) : nothing}
    </div>
  </li>`;
}

/** The profile detail: name (focused on open), summary, the facts the member shows (none without a value), bio. */
export function renderMemberDetail(view: MemberView, m: DirectoryCard & { groups?: string[] }): TemplateResult {
  const t = view.i18n.t.bind(view.i18n);
  const p = m.profile;
  const fact = (key: DirectoryKey, shown: unknown, value: () => unknown) => (shown ? html`<dt>${t(key)}</dt><dd>${value()}</dd>` : nothing);
  const list = (key: 'skills' | 'qualifications' | 'interests') => fact(`f.${key}`, p[key]?.length, () => chips(p[key]!));
  const facts = [p.location, p.skills, p.qualifications, p.interests, p.career, p.links, m.groups].some((v) => v?.length);
  return html`
    <div class="head">
      ${renderAvatar(p)}
      <div><h2 id="${view.uid}-name" tabindex="-1">${p.name}</h2>${summary(view, m)}</div>
    </div>
    ${facts
      ? html`<dl class="facts">
          ${fact('f.location', p.location, () => p.location)} ${list('skills')} ${list('qualifications')} ${list('interests')}
          ${fact('f.groups', m.groups?.length, () => chips(m.groups!))}
          ${fact(
            'f.career',
            p.career?.length,
            () =>
              html`<ul class="plain">${p.career!.map((c) => html`<li>${[c.department, c.title].filter(Boolean).join(' / ')} <span class="muted">${[c.from, c.to].filter(Boolean).join('–')}</span></li>`)}</ul>`,
          )}
          ${fact(
            'f.links',
            p.links?.length,
            () =>
              html`<ul class="plain">${p.links!.map((l) => html`<li>${/^https?:\/\//.test(l.url) ? html`<a href=${l.url} target="_blank" rel="noopener noreferrer">${l.label}</a>` : l.label}</li>`)}</ul>`,
          )}
        </dl>`
      : nothing}
    ${p.bio ? html`<p class="text">${p.bio}</p>` : nothing}
  `;
}
