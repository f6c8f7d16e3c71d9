import { css } from 'lit';

/** Form, dialog and message styles shared with <alumni-sign-in>. */
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
  [tabindex='-1']:focus {
    outline: none;
  }
  dialog {
    width: min(32rem, calc(100vw - 2 * var(--_space)));
    padding: calc(var(--_space) * 2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg);
    background: var(--_bg);
  }
  dialog form,
  dialog {
    display: grid;
    gap: var(--_space);
  }
  dialog:not([open]) {
    display: none;
  }
  dialog h2 {
    font-size: 1.1em;
  }
  textarea {
    font: inherit;
    padding: var(--_space);
    resize: vertical;
  }
  .count {
    text-align: end;
    font-size: 0.85em;
  }
  .error {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_space);
  }
`;

export const directoryStyles = css`
  .search {
    display: grid;
    gap: calc(var(--_space) / 2);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  summary {
    min-height: 44px;
    display: flex;
    align-items: center;
    cursor: pointer;
  }
  .grid {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    gap: var(--_space);
  }
  .grid label {
    display: flex;
    flex-direction: column;
  }
  fieldset {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 2);
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .grid .check {
    flex-direction: row;
    align-items: center;
    gap: calc(var(--_space) / 2);
    min-height: 44px;
    color: var(--_fg);
  }
  .list,
  .plain,
  .chips {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .list {
    display: grid;
    gap: var(--_space);
  }
  .card,
  .head {
    display: flex;
    gap: calc(var(--_space) * 1.5);
    align-items: flex-start;
  }
  .card {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .body {
    display: grid;
    gap: 2px;
    min-width: 0;
    flex: 1;
  }
  .avatar {
    flex: none;
    display: grid;
    place-items: center;
    width: 56px;
    height: 56px;
    border-radius: 50%;
    background: var(--_subtle);
    color: var(--_muted);
    font-weight: 600;
    object-fit: cover;
  }
  h3 {
    font-size: 1.05em;
  }
  .open {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 3px;
    cursor: pointer;
  }
  .kana {
    font-size: 0.85em;
  }
  .tags,
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
  }
  .badge,
  .chips li {
    padding: 0 var(--_space);
    border-radius: 999px;
    background: var(--_subtle);
    font-size: 0.8em;
  }
  .open-to {
    border: 1px solid var(--_accent);
    color: var(--_accent);
    background: none;
  }
  .more {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_space);
    margin-top: calc(var(--_space) * 1.5);
  }
  .detail {
    display: grid;
    gap: calc(var(--_space) * 1.5);
    justify-items: start;
  }
  .detail h2 {
    font-size: 1.3em;
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(6em, max-content) 1fr;
    gap: var(--_space) calc(var(--_space) * 1.5);
    margin: 0;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    margin: 0;
  }
  .text {
    white-space: pre-line;
  }
  @media (max-width: 420px) {
    .facts {
      grid-template-columns: 1fr;
    }
    .avatar {
      width: 40px;
      height: 40px;
    }
  }
`;
