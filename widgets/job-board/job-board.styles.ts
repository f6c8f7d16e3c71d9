import { css } from 'lit';

/** The board, its detail, and the forms the lazily loaded dialogs and "your responses" use. */
export const jobBoardStyles = css`
  .tabs {
    display: flex;
    gap: 4px;
    border-bottom: 1px solid var(--_border);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  [role='tab'] {
    flex: 1 1 0;
    min-height: 44px;
    border: 0;
    border-bottom: 3px solid transparent;
    background: none;
    color: var(--_muted);
    cursor: pointer;
  }
  [role='tab'][aria-selected='true'] {
    border-bottom-color: var(--_accent);
    color: var(--_fg);
    font-weight: 600;
  }
  .search,
  .list,
  .detail,
  .more,
  form,
  section {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .search {
    grid-template-columns: 1fr auto;
    align-items: end;
    margin-bottom: calc(var(--_space) * 1.5);
  }
  label {
    display: grid;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .field,
  textarea {
    width: 100%;
    color: var(--_fg);
    font-size: 1rem;
  }
  textarea {
    font: inherit;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .disclosure {
    min-height: 44px;
    border: 0;
    background: none;
    color: var(--_accent);
    cursor: pointer;
  }
  .grid {
    grid-column: 1 / -1;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
    gap: var(--_space);
  }
  [hidden] {
    display: none !important;
  }
  .list {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .card {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .card h3 {
    font-size: 1.05em;
    line-height: 1.4;
  }
  .badges,
  .meta,
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 4px var(--_space);
  }
  .meta {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .meta {
    column-gap: 1em;
  }
  .card h4 {
    margin: 0;
    font-size: 1em;
  }
  .detail > .actions {
    margin-top: calc(var(--_space) * 2);
  }
  .badge {
    padding: 0 var(--_space);
    border-radius: 1em;
    background: var(--_subtle);
    font-size: 0.8em;
  }
  .badge.type {
    color: var(--_accent);
    font-weight: 600;
  }
  .closed {
    color: var(--_danger);
  }
  .sent {
    color: var(--_accent);
    font-weight: 600;
  }
  .bone {
    display: inline-block;
    border-radius: 4px;
    background: var(--_subtle);
    color: transparent;
  }
  .w5 {
    width: 5em;
  }
  .w12 {
    width: 12em;
  }
  .w14 {
    width: 14em;
  }
  .more,
  .detail {
    justify-items: start;
  }
  .detail > * {
    max-width: 100%;
  }
  .detail h2 {
    font-size: 1.3em;
    line-height: 1.4;
  }
  .detail h3 {
    margin-top: var(--_space);
    font-size: 1.05em;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 4px calc(var(--_space) * 2);
    margin: 0 0 var(--_space);
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
  }
  .box {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .note {
    margin-top: calc(var(--_space) * 1.5);
    font-size: 0.875em;
  }
  a {
    color: var(--_accent);
  }
  dialog {
    width: min(34rem, 100% - 16px);
    max-height: calc(100% - 16px);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg);
    background: var(--_bg);
  }
  .error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .error:empty {
    display: none;
  }
  .check {
    display: flex;
    gap: var(--_space);
    align-items: center;
    min-height: 44px;
    color: var(--_fg);
  }
  .mine {
    display: grid;
    gap: calc(var(--_space) * 3);
  }
  .mine h3 {
    font-size: 1.1em;
  }
  .mine h4 {
    font-size: 1em;
  }
  .text {
    white-space: pre-line;
  }
  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 2);
    margin: 0;
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  @media (max-width: 420px) {
    .facts {
      grid-template-columns: 1fr;
    }
    dd + dt {
      margin-top: var(--_space);
    }
  }
`;
