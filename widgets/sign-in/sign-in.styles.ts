import { css } from 'lit';

export const signInStyles = css`
  /* A sign-in form reads best narrow; the profile view takes more room for a field and who sees it. */
  :host {
    max-width: 32rem;
  }
  :host([view='profile']) {
    max-width: 48rem;
  }
  :host,
  .stack,
  fieldset,
  .profile {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  h2 {
    font-size: 1.2em;
  }
  h3 {
    font-size: 1.1em;
  }
  h4 {
    margin: var(--_space) 0 0;
    font-size: 1em;
  }
  /*
   * A field: its label, then the input. Who sees it goes at the end of the label's line on a phone, and
   * beside the input where the profile view has room.
   */
  .row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 2px var(--_space);
    align-items: end;
  }
  .label-row {
    display: contents;
  }
  .row > .field,
  .row > textarea,
  .row > .error {
    grid-column: 1 / -1;
  }
  .row .vis {
    grid-column: 2;
    grid-row: 1;
  }
  .profile {
    container: profile / inline-size;
  }
  @container profile (min-width: 34rem) {
    .row:has(.vis) > .field,
    .row:has(.vis) > textarea {
      grid-column: 1;
    }
    .row .vis {
      grid-row: 2;
      align-self: start;
    }
  }
  .req {
    color: var(--_danger);
    font-size: 0.85em;
  }
  .vis {
    display: inline-flex;
    align-items: center;
    gap: 4px;
  }
  .vis .field {
    width: auto;
    min-height: 36px;
    font-size: 0.875em;
  }
  .group-head {
    display: flex;
    justify-content: flex-end;
  }
  .button {
    justify-self: start;
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
    padding-bottom: var(--_space);
    border-bottom: 1px dashed var(--_border);
  }
  .entry > .button {
    justify-self: start;
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
  }
  /* A field's error line takes room only with an error in it (the alert lines stay, so they are announced). */
  span.error:empty {
    display: none;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .bar .avatar {
    width: 40px;
    height: 40px;
  }
  .who {
    flex: 1 1 10rem;
    font-size: 1em;
    font-weight: 600;
  }
  .profile {
    margin-top: calc(var(--_space) * 2);
    padding-top: calc(var(--_space) * 2);
    border-top: 1px solid var(--_border);
  }
  .account {
    margin-top: calc(var(--_space) * 2);
  }
  .danger {
    --_accent: var(--_danger);
  }
`;
