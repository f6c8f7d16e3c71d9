/** How another member reads in the directory: a card in the list, and the profile detail. Templates only. */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocaleController } from '../../core/index.js';
import { initials, type DirectoryCard } from '../../core/members/index.js';
import type { DirectoryKey } from '../member-directory.messages.js';

/** What the templates need from the element: its locale and a unique id prefix. */
export interface MemberView {
  i18n: LocaleController<DirectoryKey>;
  uid: string;
}

function avatar(m: DirectoryCard): TemplateResult {
  const photo = m.profile.photoUrl;
  return photo && /^https:/.test(photo)
    ? html`<img class="avatar" part="avatar" src=${photo} alt="" loading="lazy" referrerpolicy="no-referrer" />`
    : html`<span class="avatar" part="avatar" aria-hidden="true">${initials(m.profile.name)}</span>`;
}

/** Title and company, department and years: the lines a card and the detail share. */
function summary({ i18n }: MemberView, m: DirectoryCard): TemplateResult {
  const p = m.profile;
  const now = [p.currentTitle, p.currentCompany].filter(Boolean).join(' / ');
  const years = p.joinedYear || p.leftYear ? i18n.t('years', { from: p.joinedYear ?? '', to: p.leftYear ?? '' }) : '';
  const past = [p.lastDepartment, p.lastTitle, years].filter(Boolean).join(' · ');
  return html`${p.nameKana ? html`<p class="muted kana">${p.nameKana}</p>` : nothing}
    ${now ? html`<p>${now}</p>` : nothing} ${past ? html`<p class="muted">${past}</p>` : nothing}
    <p class="tags">
      ${m.kind === 'employee' ? html`<span class="badge" part="badge">${i18n.t('employee')}</span>` : nothing}
      ${(p.openTo ?? []).map((f) => html`<span class="badge open-to" part="badge">${i18n.t(`o.${f}`)}</span>`)}
    </p>`;
}

function chips(list: string[] | undefined) {
  return list?.length ? html`<ul class="chips">${list.map((s) => html`<li part="chip">${s}</li>`)}</ul>` : nothing;
}

/** One member in the list; the name is a button that opens the profile. */
export function renderMemberCard(view: MemberView, m: DirectoryCard, open: (id: string) => void): TemplateResult {
  return html`<li class="card" part="item" data-id=${m.id}>
    ${avatar(m)}
    <div class="body">
      <h3><button type="button" class="link-button" part="item-title" @click=${() => open(m.id)}>${m.profile.name}</button></h3>
      ${summary(view, m)} ${chips(m.profile.skills)}
    </div>
  </li>`;
}

/** The profile detail: name (focused on open), summary, the facts the member shows, bio. */
export function renderMemberDetail(view: MemberView, m: DirectoryCard): TemplateResult {
  const t = view.i18n.t.bind(view.i18n);
  const p = m.profile;
  const fact = (key: DirectoryKey, value: unknown) => (value ? html`<dt>${t(key)}</dt><dd>${value}</dd>` : nothing);
  return html`
    <div class="head">
      ${avatar(m)}
      <div><h2 id="${view.uid}-name" tabindex="-1">${p.name}</h2>${summary(view, m)}</div>
    </div>
    <dl class="facts">
      ${fact('f.location', p.location)} ${fact('f.skills', chips(p.skills))} ${fact('f.qualifications', chips(p.qualifications))}
      ${fact('f.interests', chips(p.interests))}
      ${fact(
        'f.career',
        p.career?.length &&
          html`<ul class="plain">${p.career.map((c) => html`<li>${[c.department, c.title].filter(Boolean).join(' / ')} <span class="muted">${[c.from, c.to].filter(Boolean).join('–')}</span></li>`)}</ul>`,
      )}
      ${fact(
        'f.links',
        p.links?.length &&
          html`<ul class="plain">${p.links.map((l) => html`<li>${/^https?:\/\//.test(l.url) ? html`<a href=${l.url} target="_blank" rel="noopener noreferrer">${l.label}</a>` : l.label}</li>`)}</ul>`,
      )}
    </dl>
    ${p.bio ? html`<p class="text">${p.bio}</p>` : nothing}
  `;
}
