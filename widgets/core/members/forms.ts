import { css } from 'lit';

/**
 * Forms, dialogs and field errors of the member elements (sign-in's forms, the directory's search and
 * contact dialog), the avatar, and the boxes that hold a notice or the consent prompt.
 */
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
    align-items: center;
    gap: var(--_space);
  }
  .box {
    display: grid;
    gap: var(--_space);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  a {
    color: var(--_accent);
  }
  .avatar {
    position: relative;
    flex: none;
    display: grid;
    place-items: center;
    width: 48px;
    height: 48px;
    border-radius: 50%;
    background: var(--_subtle);
    color: var(--_fg);
    font-weight: 600;
    overflow: hidden;
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .avatar img[hidden] {
    display: none;
  }
`;
