import { css } from 'lit';

/** The roster page: the preview's counts as tiles, lines of changes and errors, the progress bar. */
export const rosterStyles = css`
  .counts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: var(--_space);
    margin: 0 0 var(--_space);
  }
  .counts > div {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    background: var(--_subtle);
  }
  .counts > div.bad {
    border-color: var(--_danger);
  }
  .counts dt {
    font-size: 0.85rem;
    color: var(--_muted);
  }
  .counts dd {
    margin: 0;
    font-size: 1.4rem;
    font-weight: 700;
  }
  .card > h3:first-child {
    margin-top: 0;
  }
  h4 {
    margin: calc(var(--_space) * 2) 0 4px;
    font-size: 1rem;
  }
  ul.lines {
    margin: 0;
    padding-left: 1.2rem;
    overflow-wrap: anywhere;
  }
  ul.lines ul {
    padding-left: 1rem;
  }
  progress {
    width: 100%;
    height: 1rem;
  }
  .progress p {
    margin: 4px 0 0;
  }
`;
