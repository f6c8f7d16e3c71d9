import { css } from 'lit';

export const signInStyles = css`
  :host,
  .signed-in,
  .stack,
  fieldset {
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
  }
  .with-vis {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
  }
  .with-vis > .field:first-child {
    flex: 1 1 14rem;
  }
  .vis {
    flex: 0 1 11rem;
  }
  .end {
    justify-content: flex-end;
  }
  fieldset {
    margin: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .entry {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 9rem), 1fr));
    gap: var(--_space);
    align-items: end;
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-height: 44px;
    color: var(--_fg);
  }
  .box {
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .danger {
    --_accent: var(--_danger);
  }
  a {
    color: var(--_accent);
  }
`;
