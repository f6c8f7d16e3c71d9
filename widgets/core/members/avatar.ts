/** A member's picture: the photo over their initials, so a photo that does not load leaves the initials. */
import { html, nothing, type TemplateResult } from 'lit';
import { initials } from './profile.js';

// A broken URL, or one the host page's CSP (img-src) blocks, fires `error`: hide the image, show the initials.
const hide = (e: Event) => ((e.target as HTMLElement).hidden = true);
const show = (e: Event) => ((e.target as HTMLElement).hidden = false);

/** Initials, with the photo laid over them when the profile has an https one. Decorative: the name is beside it. */
export function renderAvatar(p: { name?: string; photoUrl?: string | null }): TemplateResult {
  const photo = p.photoUrl;
  return html`<span class="avatar" part="avatar" aria-hidden="true"
    >${initials(p.name ?? '')}${photo && /^https:/.test(photo)
      ? html`<img src=${photo} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${hide} @load=${show} />`
      : nothing}</span
  >`;
}
