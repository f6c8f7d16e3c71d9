import { css } from 'lit';

/** What the events, attendees and check-in pages add to the console's page styles. */
export const eventsStyles = css`
  .toolbar {
    justify-content: space-between;
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .tabs {
    display: flex;
    flex-wrap: wrap;
    gap: 4px;
    flex: 1 1 auto;
  }
  .actions.wrap {
    flex-wrap: wrap;
  }
  .confirm {
    flex-basis: 100%;
    border-top: 1px solid var(--_border);
    padding-top: var(--_space);
  }
  .confirm p {
    margin: 0 0 var(--_space);
  }
  label.check {
    display: flex;
    gap: 8px;
    align-items: center;
    font-weight: 600;
  }
  label.check input {
    width: auto;
  }
  h2:focus {
    outline: none;
  }
`;
