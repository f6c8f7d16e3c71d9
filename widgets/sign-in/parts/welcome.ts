/**
 * The first sign-in of a member with no name yet: only what others need to recognise them (name, and
 * if they like their company, title and what they are open to), then they are in. The rest of the
 * profile waits in the profile view.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocaleController } from '../../core/index.js';
import { openToFlags, renderControl, type FieldsView, type MemberSelf, type Rule } from '../../core/members/index.js';
import type { SignInKey } from '../sign-in.messages.js';

/** The welcome form's text inputs: name, label key, rule, autocomplete. */
export const welcomeInputs = [
  ['name', { req: true }, 'name'],
  ['currentCompany', {}, 'organization'],
  ['currentTitle', {}, 'organization-title'],
] as const satisfies readonly (readonly [string, Rule, string])[];

export function renderWelcome(
  view: FieldsView,
  i18n: LocaleController<SignInKey>,
  m: MemberSelf,
  on: { submit: (e: SubmitEvent) => void; alert: string },
): TemplateResult {
  const t = i18n.t.bind(i18n);
  const c = m.consent;
  const h = `${view.uid}w`;
  return html`<h2 id=${h} tabindex="-1">${t('welcome')}</h2>
    <form class="stack" part="form welcome" aria-labelledby=${h} @submit=${on.submit} novalidate>
      <p class="muted">${t('welcomeHint')}</p>
      ${welcomeInputs.map(([name, rule, ac]) =>
        renderControl(view, name, t(`f.${name}`), m.profile[name], { ac, req: 'req' in rule }),
      )}
      <fieldset>
        <legend>${t('f.openTo')}</legend>
        <div class="checks">
          ${openToFlags.map((o) => html`<label class="check"><input type="checkbox" name="openTo" value=${o} .checked=${m.profile.openTo.includes(o)} />${t(`o.${o}`)}</label>`)}
        </div>
      </fieldset>
      ${c.needed
        ? html`<div class="box" part="consent">
            <label class="check"><input type="checkbox" name="accept" />${t('acceptBox', { version: c.requiredVersion ?? '' })}</label>
            ${c.policyUrl && /^https?:/.test(c.policyUrl) ? html`<a href=${c.policyUrl} target="_blank" rel="noopener noreferrer">${t('policy')}</a>` : nothing}
          </div>`
        : nothing}
      <p class="error" role="alert">${on.alert}</p>
      <button class="button" part="button continue-button" ?disabled=${view.busy()}>${t('welcomeGo')}</button>
    </form>`;
}
