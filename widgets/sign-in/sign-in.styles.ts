import { css } from 'lit';

export const signInStyles = css`
  :host {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  section,
  .signed-in,
  .stack {
    display: grid;
    gap: var(--_space);
  }
  h2 {
    font-size: 1.2em;
  }
  h3 {
    font-size: 1.05em;
  }
  .row {
    display: grid;
    gap: 2px;
  }
  .hint {
    font-size: 0.85em;
  }
  .with-vis {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .with-vis > .field:first-child {
    flex: 1 1 14rem;
  }
  .with-vis .vis {
    flex: 0 1 11rem;
    width: auto;
  }
  .end {
    justify-content: flex-end;
  }
  fieldset {
    margin: 0;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .entry {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
    gap: var(--_space);
    align-items: end;
    padding-bottom: var(--_space);
    border-bottom: 1px dashed var(--_border);
  }
  .cell {
    display: grid;
  }
  .checks {
    display: flex;
    flex-wrap: wrap;
    gap: 0 calc(var(--_space) * 2);
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-height: 44px;
    color: var(--_fg);
    font-size: 1em;
  }
  .check input {
    width: 20px;
    height: 20px;
    flex: none;
  }
  .box,
  .status {
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .start {
    justify-content: flex-start;
  }
  .button.danger {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .button.danger:not(.secondary) {
    background: var(--_danger);
    color: var(--_on-accent);
  }
  a {
    color: var(--_accent);
  }
`;
