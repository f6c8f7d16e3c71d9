import { css } from 'lit';

export const directoryStyles = css`
  .search,
  .body,
  .detail,
  .more,
  .list {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .search {
    margin-bottom: var(--_space);
  }
  .disclosure {
    justify-self: start;
    min-height: 44px;
    padding: 0 var(--_space) 0 0;
    border: 0;
    background: none;
    color: var(--_accent);
    cursor: pointer;
  }
  .grid {
    /* Inside <details> the content inherits through its UA slot, which resets box-sizing. */
    box-sizing: border-box;
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 12rem), 1fr));
    gap: var(--_space);
  }
  .grid[hidden] {
    display: none;
  }
  .grid > label,
  .filter,
  .filter > label {
    display: grid;
    align-content: start;
  }
  span.error:empty {
    display: none;
  }
  fieldset {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .check {
    display: flex;
    align-items: center;
    min-height: 44px;
    color: var(--_fg);
  }
  ul {
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .body {
    gap: 2px;
    flex: 1;
  }
  .card,
  .head {
    display: flex;
    gap: var(--_space);
    align-items: flex-start;
  }
  .card {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  h3 {
    font-size: 1em;
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
    border-radius: 1em;
    background: var(--_subtle);
    font-size: 0.8em;
  }
  .open-to {
    color: var(--_accent);
  }
  .more,
  .detail {
    justify-items: start;
    margin-top: var(--_space);
  }
  .detail h2 {
    font-size: 1.3em;
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(6em, max-content) 1fr;
    gap: var(--_space);
  }
  dt {
    color: var(--_muted);
    font-size: 0.875em;
  }
  dd {
    margin: 0;
  }
  .text {
    white-space: pre-line;
  }
  @media (max-width: 420px) {
    .facts {
      grid-template-columns: 1fr;
      gap: 2px;
    }
    dd + dt {
      margin-top: var(--_space);
    }
  }
`;
