import { css } from 'lit';

/** The lazily loaded parts' styles, adopted into the element's shadow root when a part first loads. */
export const partStyles = css`
  .comments,
  .composer,
  .comment-form,
  .chain,
  .picker,
  dialog form {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .baton {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .comments {
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .thread,
  .replies,
  .chain ol,
  .results {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .comment {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .replies {
    margin-inline-start: calc(var(--_space) * 2);
  }
  .replies .comment {
    background: var(--_bg);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .row .link-button {
    min-height: 32px;
    font-weight: normal;
  }
  textarea.field {
    padding: var(--_space);
    font: inherit;
    resize: vertical;
  }
  .composer {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
  }
  .composer h3 {
    font-size: 1.125em;
  }
  .composer label,
  .composer .group {
    display: grid;
    gap: 2px;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* Beats .composer label (a grid): the radio sits beside its text. */
  .composer .kind {
    display: flex;
    flex: 1 1 14rem;
    gap: var(--_space);
    align-items: flex-start;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .kind:has(input:checked) {
    border-color: var(--_accent);
    background: var(--_subtle);
  }
  .kind input {
    margin-top: 0.35em;
  }
  .pair {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 1fr) auto;
    gap: calc(var(--_space) / 2);
    align-items: end;
  }
  .hint,
  .meta {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .error:empty {
    display: none;
  }
  .preview {
    min-height: 6rem;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: var(--_radius);
  }
  [role='tablist'] {
    display: flex;
    gap: 2px;
  }
  [role='tab'] {
    min-height: 36px;
    padding: 0 var(--_space);
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    border-color: var(--_accent);
    color: var(--_accent);
    font-weight: 600;
  }
  .results button {
    width: 100%;
    min-height: 44px;
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    text-align: start;
    cursor: pointer;
  }
  dialog {
    width: min(32rem, calc(100vw - 2rem));
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 40%);
  }
  .chain {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_subtle);
    font-size: 0.9375em;
  }
  .chain h4 {
    margin: 0;
    font-size: 1em;
  }
  .chain li {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }
  .chain a {
    color: var(--_accent);
  }
`;
