/** The conversation list: the others' names, the last message, when, and the unread count. */
import { html, nothing, type TemplateResult } from 'lit';
import type { Conversation } from '../../core/messages/index.js';
import { names, preview, when, type View } from './view.js';

export function renderList(view: View, list: Conversation[], openId: string | undefined, open: (id: string) => void): TemplateResult {
  const { i18n } = view;
  return html`<ul class="convs" part="list">
    ${list.map(
      (c) => html`<li part="item" data-id=${c.id}>
        <button type="button" class="conv" aria-current=${c.id === openId ? 'true' : 'false'} @click=${() => open(c.id)}>
          <span class="who"><span class="name">${names(view, c)}</span><time class="muted" datetime=${c.lastMessageAt}>${when(view, c.lastMessageAt)}</time></span>
          <span class="last muted">${preview(view, c.lastMessage)}</span>
          ${c.unread
            ? html`<span part="badge" class="badge" aria-hidden="true">${c.unread}</span><span class="visually-hidden">${i18n.t('unread', { count: c.unread })}</span>`
            : nothing}
        </button>
      </li>`,
    )}
  </ul>`;
}
