/**
 * What stands between a signed-in member and the directory, read from the member the session holds
 * (GET /v1/me, kept current by the member elements): a membership not approved yet (or refused), a
 * privacy policy not accepted, or no name yet (others could not recognise them).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocaleController, SessionMember } from '../index.js';
import type { MemberSelf } from './profile.js';

export type MemberGate = 'pending' | 'rejected' | 'suspended' | 'consent' | 'name' | undefined;

export function memberGate(m: SessionMember | MemberSelf | undefined): MemberGate {
  if (!m) return undefined;
  const self = m as Partial<MemberSelf>;
  if (self.status && self.status !== 'approved') return self.status;
  if (self.consent?.needed) return 'consent';
  if (self.profile && !self.profile.name.trim()) return 'name';
  return undefined;
}

type ConsentKey = 'consentText' | 'policy' | 'accept';

/** The privacy-policy prompt: what to accept, a link to read it, and the button that accepts it. */
export function renderConsent(
  i18n: LocaleController<ConsentKey>,
  consent: MemberSelf['consent'],
  accept: () => unknown,
  busy: boolean,
): TemplateResult {
  const url = consent.policyUrl;
  return html`<div class="box" part="consent">
    <p>${i18n.t('consentText', { version: consent.requiredVersion ?? '' })}</p>
    <div class="actions">
      ${url && /^https?:/.test(url) ? html`<a href=${url} target="_blank" rel="noopener noreferrer">${i18n.t('policy')}</a>` : nothing}
      <button type="button" class="button" part="button accept-button" ?disabled=${busy} @click=${accept}>${i18n.t('accept')}</button>
    </div>
  </div>`;
}
