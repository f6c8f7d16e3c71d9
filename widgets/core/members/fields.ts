/** Form controls of the member elements: a labelled field with its error, and a button. */
import { html, nothing, type TemplateResult } from 'lit';

/** What a control needs from the element. */
export interface FieldsView {
  /** Unique id prefix of the element, so labels and errors point at the right input. */
  uid: string;
  /** An action is running: buttons are disabled. */
  busy(): boolean;
  /** What is wrong with the input `name` (labelled `label`), from the checks or the API's last answer. */
  fieldError(name: string, label: string, ja?: string): string | undefined;
  /** The word that marks a required field. */
  requiredMark(): string;
}

export interface ControlOptions {
  type?: string;
  /** What goes on the label's line, at its end (a profile field's visibility choice). */
  beside?: unknown;
  /** A textarea instead of an input. */
  area?: boolean;
  /** `autocomplete` value. */
  ac?: string;
  /** `inputmode` value (numeric for codes and years). */
  mode?: string;
  /** The Japanese message for the API's refusal of this input (when it knows better than 「…を確認してください」). */
  ja?: string;
  /** Required: marked beside the label and for screen readers. */
  req?: boolean;
  /** Shown after the label (e.g. the form a value takes); left out where an error names the field. */
  hint?: string;
  /** Ids of other nodes that describe the input (read when it gets focus). */
  describedBy?: string;
}

/** The id of the input named `name` (the harness and focus moves find inputs by name). */
export const controlId = (view: FieldsView, name: string) => view.uid + name.replace(/\./g, '-');

/**
 * Label (with what goes beside it on the same line, e.g. who sees the field), input (or textarea) and
 * the field's error, tied together for screen readers.
 */
export function renderControl(view: FieldsView, name: string, label: string, value: unknown, o: ControlOptions = {}): TemplateResult {
  const id = controlId(view, name);
  const error = view.fieldError(name, label, o.ja);
  const describedBy = `${id}-e${o.describedBy ? ` ${o.describedBy}` : ''}`;
  return html`<div class="row">
    <div class="label-row">
      <label for=${id}>${label}${o.hint ?? nothing}${o.req ? html` <span class="req">${view.requiredMark()}</span>` : nothing}</label>${o.beside ?? nothing}
    </div>
    ${o.area
      ? html`<textarea id=${id} name=${name} class="field" rows="5" .value=${value} aria-invalid=${!!error} aria-describedby=${describedBy}></textarea>`
      : html`<input id=${id} name=${name} class="field" part="input" type=${o.type ?? 'text'} .value=${value ?? ''}
          autocomplete=${o.ac ?? nothing} inputmode=${o.mode ?? nothing} aria-required=${o.req ? 'true' : nothing}
          aria-invalid=${!!error} aria-describedby=${describedBy} />`}
    <span class="error" id="${id}-e">${error ?? ''}</span>
  </div>`;
}

/** A button that is not the form's submit button; disabled while an action runs. */
export function renderButton(view: FieldsView, label: string, click: () => unknown, part = '', kind = 'secondary'): TemplateResult {
  return html`<button type="button" class="button ${kind}" part="button ${part}" ?disabled=${view.busy()} @click=${click}>${label}</button>`;
}
