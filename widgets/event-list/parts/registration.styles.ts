import { css } from 'lit';

export const registrationStyles = css`
  .registration {
    display: grid;
    gap: var(--_space);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .registration p {
    margin: 0;
  }
  /* The signed-out state sits in the block, aligned with the rest of it. */
  .registration .state {
    align-items: flex-start;
    padding: 0;
    text-align: start;
    color: inherit;
  }
  .q select {
    max-width: 12em;
  }
  .q textarea {
    max-width: 40em;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    align-items: center;
  }
  .seats {
    font-weight: 600;
  }
  .note {
    font-weight: 600;
  }
  .reg-form,
  .feed {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .reg-form h3,
  .feed h3 {
    font-size: 1em;
  }
  .reg-form fieldset {
    border: 0;
    padding: 0;
    margin: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .reg-form legend,
  .reg-form .label {
    font-weight: 600;
    padding: 0;
  }
  .q {
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .q textarea {
    min-height: 4.5em;
    padding: var(--_space);
    font: inherit;
    color: inherit;
    resize: vertical;
  }
  .button.danger {
    border-color: var(--_danger);
    background: var(--_danger);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: var(--_space);
    min-height: 44px;
  }
  .choice input {
    width: 1.2em;
    height: 1.2em;
    margin: 0;
  }
  .req {
    margin-inline-start: calc(var(--_space) / 2);
    color: var(--_danger);
    font-size: 0.85em;
    font-weight: 400;
  }
  .field-error {
    color: var(--_danger);
  }
  .private {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_bg);
    overflow-wrap: anywhere;
  }
  .check-in {
    display: grid;
    justify-items: start;
    gap: var(--_space);
  }
  .check-in svg {
    width: 176px;
    height: 176px;
    background: #fff;
  }
  .code {
    font-family: ui-monospace, monospace;
    font-size: 1.4em;
    letter-spacing: 0.1em;
  }
  .feed {
    margin-bottom: calc(var(--_space) * 1.5);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .feed label {
    display: grid;
    gap: calc(var(--_space) / 2);
    font-size: 0.9em;
  }
`;
