/** The form controls <alumni-sign-in> is built from: a labelled field with its error, and a button. */
import { html, nothing, type TemplateResult } from 'lit';
import type { SignInKey } from '../sign-in.messages.js';

/** What a control needs from the element. */
export interface FieldsView {
  /** Unique id prefix of the element, so labels and errors point at the right input. */
  uid: string;
  /** An action is running: buttons are disabled. */
  busy(): boolean;
  /** The error for the input `name` from the last answer, if any (`ja`: the Japanese sentence to show). */
  fieldError(name: string, ja?: SignInKey): string | undefined;
}

export interface ControlOptions {
  type?: string;
  /** What goes beside the input (a profile field's visibility select). */
  beside?: unknown;
  /** A textarea instead of an input. */
  area?: boolean;
  /** `autocomplete` value. */
  ac?: string;
  /** The Japanese message for an error on this input. */
  ja?: SignInKey;
}

/** Label, input (or textarea), what goes beside it and the field's error, tied together for screen readers. */
export function renderControl(view: FieldsView, name: string, label: string, value: unknown, o: ControlOptions = {}): TemplateResult {
  const id = view.uid + name.replace(/\./g, '-');
  const error = view.fieldError(name, o.ja);
  return html`<div class="row">
    <label for=${id}>${label}</label>
    <div class="with-vis">
      ${o.area
        ? html`<textarea id=${id} name=${name} class="field" rows="5" .value=${value} aria-invalid=${!!error} aria-describedby="${id}-e"></textarea>`
        : html`<input id=${id} name=${name} class="field" part="input" type=${o.type ?? 'text'} .value=${value ?? ''}
            autocomplete=${o.ac ?? nothing} inputmode=${o.ac === 'one-time-code' ? 'numeric' : nothing} aria-invalid=${!!error} aria-describedby="${id}-e" />`}
      ${o.beside ?? nothing}
    </div>
    <span class="error" id="${id}-e">${error ?? ''}</span>
  </div>`;
}

/** A button that is not the form's submit button; disabled while an action runs. */
export function renderButton(view: FieldsView, label: string, click: () => unknown, part = '', kind = 'secondary'): TemplateResult {
  return html`<button type="button" class="button ${kind}" part="button ${part}" ?disabled=${view.busy()} @click=${click}>${label}</button>`;
}
