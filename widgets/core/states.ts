import { html, nothing, type TemplateResult } from 'lit';
import type { Task } from '@lit/task';
import type { LocaleController } from './controllers.js';
import { HomecomingError } from './errors.js';

type Locale = LocaleController<string>;

/** Loading: a polite live region so screen readers hear it once. */
export function renderLoading(locale: Locale): TemplateResult {
  return html`<div class="state loading" part="state loading" role="status" aria-live="polite">
    <span class="spinner" aria-hidden="true"></span><span>${locale.t('loading')}</span>
  </div>`;
}

/** Empty: a message (the element's own, or the generic one). */
export function renderEmpty(locale: Locale, message?: string): TemplateResult {
  return html`<div class="state empty" part="state empty" role="status">${message ?? locale.t('empty')}</div>`;
}

/** Error with a retry button; the message is the readable, localized one. */
export function renderError(locale: Locale, error: unknown, retry?: () => void): TemplateResult {
  return html`<div class="state error" part="state error" role="alert">
    <p><strong>${locale.t('errorTitle')}</strong></p>
    <p part="error-message">${locale.describeError(error)}</p>
    ${retry ? html`<button type="button" class="button secondary" part="button retry-button" @click=${retry}>${locale.t('retry')}</button>` : nothing}
  </div>`;
}

/** Signed out: what to do, and optionally an action (e.g. a link to the sign-in widget). */
export function renderSignedOut(locale: Locale, message?: string, action?: unknown): TemplateResult {
  return html`<div class="state signed-out" part="state signed-out" role="status">
    <p>${message ?? locale.t('signedOut')}</p>
    ${action ?? nothing}
  </div>`;
}

/** True for errors that mean "sign in first" rather than "something broke". */
export function isSignedOutError(error: unknown): boolean {
  return error instanceof HomecomingError && (error.code === 'signed_out' || error.status === 401);
}

/**
 * Renders a @lit/task with the shared states: loading while pending (or the element's own
 * `loading`, e.g. a skeleton the size of the content), the error with a retry that re-runs the
 * task, signed-out for session errors, and `complete` with the value.
 */
export function renderTask<T>(
  task: Task<readonly unknown[], T>,
  locale: Locale,
  complete: (value: T) => unknown,
  options: { signedOut?: () => unknown; loading?: () => unknown } = {},
): unknown {
  const loading = options.loading ?? (() => renderLoading(locale));
  return task.render({
    initial: loading,
    pending: loading,
    complete,
    error: (error) =>
      isSignedOutError(error) && options.signedOut ? options.signedOut() : renderError(locale, error, () => void task.run()),
  });
}
