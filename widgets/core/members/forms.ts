import { css } from 'lit';

/** Forms, dialogs and field errors of the member elements (sign-in's forms, the directory's search and contact dialog). */
export const formStyles = css`
  label,
  legend,
  summary {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .field,
  textarea {
    width: 100%;
    color: var(--_fg);
  }
  textarea {
    font: inherit;
    padding: var(--_space);
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  dialog[open],
  dialog form {
    display: grid;
    gap: var(--_space);
  }
  dialog {
    width: min(32rem, 100% - 16px);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg);
    background: var(--_bg);
  }
  .error {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
`;
