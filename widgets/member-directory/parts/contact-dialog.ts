/** The message dialog of a profile: write, send through Homecoming (no addresses shown), see it sent or why not. */
import { html, type TemplateResult } from 'lit';
import { HomecomingError } from '../../core/index.js';
import type { MemberView } from './member-view.js';

/** The dialog's state: writing (with the length typed), sending, sent, or failed. */
export interface ContactState {
  sending?: boolean;
  sent?: boolean;
  error?: unknown;
  length: number;
}

export interface ContactActions {
  send(event: SubmitEvent): void;
  close(): void;
  typed(length: number): void;
}

export function renderContactDialog(view: MemberView, name: string, c: ContactState, on: ContactActions): TemplateResult {
  const { i18n, uid } = view;
  const t = i18n.t.bind(i18n);
  const error = c.error instanceof HomecomingError && c.error.status === 429 ? t('rateLimited') : c.error ? i18n.describeError(c.error) : '';
  return html`<dialog part="dialog" aria-labelledby="${uid}-dlg" @close=${on.close}>
    <h2 id="${uid}-dlg">${t('message', { name })}</h2>
    ${c.sent
      ? html`<p role="status">${t('sent')}</p>
          <button type="button" class="button" part="button" @click=${on.close}>${t('close')}</button>`
      : html`<form @submit=${on.send}>
          <textarea
            aria-labelledby="${uid}-dlg"
            class="field"
            required
            maxlength="1000"
            rows="6"
            aria-describedby="${uid}-count ${uid}-note"
            @input=${(e: Event) => on.typed((e.target as HTMLTextAreaElement).value.length)}
          ></textarea>
          <p id="${uid}-count" class="muted count">${t('chars', { count: c.length })}</p>
          <p id="${uid}-note" class="muted">${t('contactNote')}</p>
          <p role="alert" class="error">${error}</p>
          <div class="actions">
            <button type="button" class="button secondary" part="button" @click=${on.close}>${t('close')}</button>
            <button class="button" part="button send-button" ?disabled=${c.sending}>${t('send')}</button>
          </div>
        </form>`}
  </dialog>`;
}
