/** One conversation: its messages (oldest first), the composer, and block / leave / report. */
import { html, nothing, type TemplateResult } from 'lit';
import { HomecomingError } from '../../core/index.js';
import type { Conversation, Message } from '../../core/messages/index.js';
import { names, senderName, when, type View } from './view.js';

export interface ThreadState {
  title: string;
  conversation?: Conversation;
  messages: Message[];
  hasOlder: boolean;
  sending: boolean;
  sendError?: unknown;
  /** Asking to confirm a block or a leave. */
  confirm?: 'block' | 'leave';
  /** The message being reported, and whether it was. */
  reporting?: { id: string; done?: boolean; error?: unknown };
}

export interface ThreadActions {
  back(): void;
  older(): void;
  send(event: SubmitEvent): void;
  ask(what: 'block' | 'leave' | undefined): void;
  confirmed(): void;
  report(id: string | undefined): void;
  sendReport(event: SubmitEvent): void;
}

function sendError(view: View, error: unknown): string {
  if (!error) return '';
  if (error instanceof HomecomingError && error.status === 429) return view.i18n.t('rateLimited');
  if (error instanceof HomecomingError && error.code === 'forbidden') return view.i18n.t('blocked');
  return view.i18n.describeError(error);
}

function renderMessage(view: View, m: Message, on: ThreadActions): TemplateResult {
  const { i18n } = view;
  return html`<li part="message" class=${m.mine ? 'mine' : ''} data-id=${m.id}>
    <p class="meta muted"><span class="from">${senderName(view, m)}</span> <time datetime=${m.createdAt}>${when(view, m.createdAt)}</time></p>
    <p class=${m.removed ? 'body muted' : 'body'}>${m.removed ? i18n.t('removed') : m.body}</p>
    ${m.mine || m.removed || !m.sender
      ? nothing
      : html`<button type="button" class="link-button report" part="report-button" aria-label=${`${i18n.t('report')}: ${senderName(view, m)} ${when(view, m.createdAt)}`} @click=${() => on.report(m.id)}>
          ${i18n.t('report')}
        </button>`}
  </li>`;
}

function renderConfirm(view: View, s: ThreadState, on: ThreadActions): TemplateResult {
  const { i18n } = view;
  const what = s.confirm!;
  return html`<div class="confirm" part="confirm" role="alertdialog" aria-labelledby="${view.uid}-confirm">
    <p id="${view.uid}-confirm">${i18n.t(what === 'block' ? 'blockConfirm' : 'leaveConfirm', { name: names(view, s.conversation) })}</p>
    <button type="button" class="button danger" part="button confirm-button" @click=${on.confirmed}>${i18n.t(what)}</button>
    <button type="button" class="button secondary" part="button" @click=${() => on.ask(undefined)}>${i18n.t('cancel')}</button>
  </div>`;
}

function renderReport(view: View, r: NonNullable<ThreadState['reporting']>, on: ThreadActions): TemplateResult {
  const { i18n, uid } = view;
  return html`<dialog part="dialog" aria-labelledby="${uid}-report" @close=${() => on.report(undefined)}>
    <h3 id="${uid}-report">${i18n.t('reportTitle')}</h3>
    ${r.done
      ? html`<p role="status">${i18n.t('reported')}</p>
          <button type="button" class="button" part="button" @click=${() => on.report(undefined)}>${i18n.t('close')}</button>`
      : html`<form @submit=${on.sendReport}>
          <label for="${uid}-reason">${i18n.t('reason')}</label>
          <input id="${uid}-reason" class="field" name="reason" required maxlength="500" />
          <p class="error" role="alert">${r.error ? i18n.describeError(r.error) : ''}</p>
          <div class="row">
            <button type="button" class="button secondary" part="button" @click=${() => on.report(undefined)}>${i18n.t('cancel')}</button>
            <button class="button" part="button send-report-button">${i18n.t('report')}</button>
          </div>
        </form>`}
  </dialog>`;
}

export function renderThread(view: View, s: ThreadState, on: ThreadActions): TemplateResult {
  const { i18n, uid } = view;
  const direct = s.conversation?.kind === 'direct';
  return html`<section class="thread" part="thread" aria-labelledby="${uid}-title">
    <div class="head">
      <button type="button" class="button secondary back" part="button back-button" @click=${on.back}>← ${i18n.t('back')}</button>
      <h2 id="${uid}-title" tabindex="-1">${s.title}</h2>
      ${s.conversation
        ? html`<div class="tools" part="actions" role="group" aria-label=${i18n.t('actions')}>
            ${direct ? html`<button type="button" class="link-button" part="block-button" @click=${() => on.ask('block')}>${i18n.t('block')}</button>` : nothing}
            <button type="button" class="link-button" part="leave-button" @click=${() => on.ask('leave')}>${i18n.t('leave')}</button>
          </div>`
        : nothing}
    </div>
    ${s.confirm ? renderConfirm(view, s, on) : nothing}
    ${s.hasOlder ? html`<button type="button" class="link-button older" part="older-button" @click=${on.older}>${i18n.t('older')}</button>` : nothing}
    <ol class="msgs" part="messages">${s.messages.map((m) => renderMessage(view, m, on))}</ol>
    <form class="composer" part="composer" @submit=${on.send}>
      <label for="${uid}-text" class="visually-hidden">${i18n.t('write')}</label>
      <textarea id="${uid}-text" class="field" name="body" rows="3" required maxlength="4000" aria-describedby="${uid}-hint ${uid}-err"
        @keydown=${(e: KeyboardEvent) => {
          // Enter alone is a new line (and confirms Japanese input); Ctrl/⌘+Enter sends.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.isComposing) (e.currentTarget as HTMLTextAreaElement).form!.requestSubmit();
        }}></textarea>
      <p id="${uid}-err" class="error" role="alert">${sendError(view, s.sendError)}</p>
      <div class="row">
        <p id="${uid}-hint" class="muted hint">${i18n.t('sendHint')}</p>
        <button class="button" part="button send-button" ?disabled=${s.sending}>${i18n.t('send')}</button>
      </div>
    </form>
    ${s.reporting ? renderReport(view, s.reporting, on) : nothing}
  </section>`;
}
