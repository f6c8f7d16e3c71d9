/**
 * The member's check-in code, with its QR code drawn from the module matrix the API computed: one SVG
 * rect per run of dark modules, so no QR library reaches the page. Its own chunk, loaded on "show".
 */
import { html, svg, type TemplateResult } from 'lit';
import type { RegistrationKey } from './registration.messages.js';

/** A quiet zone of four modules around the code, as scanners expect. */
const QUIET = 4;

export class CheckIn {
  constructor(
    readonly code: string,
    readonly qr?: { size: number; rows: string[] },
  ) {}

  /** `7KQ4M2XP` → `7KQ4-M2XP`, as the confirmation mail prints it. */
  get printed(): string {
    return this.code.length === 8 ? `${this.code.slice(0, 4)}-${this.code.slice(4)}` : this.code;
  }

  render(t: (key: RegistrationKey, vars?: Record<string, string>) => string): TemplateResult {
    const qr = this.qr;
    const side = (qr?.size ?? 0) + QUIET * 2;
    const runs = (qr?.rows ?? []).flatMap((row, y) => [...row.matchAll(/1+/g)].map((m) => svg`<rect x=${m.index! + QUIET} y=${y + QUIET} width=${m[0].length} height="1" />`));
    return html`<div class="check-in" part="check-in">
      ${qr
        ? html`<svg viewBox="0 0 ${side} ${side}" role="img" aria-label=${t('qrLabel', { code: this.printed })} shape-rendering="crispEdges" data-modules=${qr.size}>
            <rect width=${side} height=${side} fill="#fff" />
            <g fill="#000">${runs}</g>
          </svg>`
        : ''}
      <p>${t('codeLabel')}: <span class="code" part="check-in-code">${this.printed}</span></p>
      <p class="muted">${t('codeHint')}</p>
    </div>`;
  }
}
