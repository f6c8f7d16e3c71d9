import { css } from 'lit';

export const messagesStyles = css`
  :host {
    container-type: inline-size;
  }
  .panes {
    display: grid;
    gap: calc(var(--_space) * 2);
  }
  @container (min-width: 720px) {
    .panes.open:not(.solo) {
      grid-template-columns: minmax(15rem, 1fr) 2fr;
    }
    .back {
      display: none;
    }
  }
  @container (max-width: 719.98px) {
    .open .list-pane {
      display: none;
    }
  }
  .convs,
  .msgs {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .conv {
    all: unset;
    box-sizing: border-box;
    cursor: pointer;
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0 var(--_space);
    width: 100%;
    padding: calc(var(--_space) * 1.5);
    border-bottom: 1px solid var(--_border);
  }
  .conv:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .conv[aria-current='true'] {
    background: var(--_subtle);
  }
  .who {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 var(--_space);
    min-width: 0;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .who time,
  .meta {
    font-size: 0.85em;
  }
  .last {
    grid-column: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .badge {
    grid-column: 2;
    grid-row: 1 / span 2;
    align-self: center;
    background: var(--_accent);
    color: var(--_on-accent);
    border-radius: 999px;
    font-size: 0.8em;
    font-weight: 700;
    min-width: 1.7em;
    padding: 0.1em 0.5em;
    text-align: center;
  }
  .head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  h2 {
    flex: 1;
    font-size: 1.15em;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .tools {
    display: flex;
    gap: calc(var(--_space) * 2);
  }
  .msgs {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    margin-block: calc(var(--_space) * 1.5);
  }
  .msgs li {
    max-width: min(36rem, 85%);
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_subtle);
    border: 1px solid var(--_border);
  }
  .msgs li.mine {
    align-self: flex-end;
    background: color-mix(in srgb, var(--_accent) 10%, var(--_bg));
  }
  .msgs p {
    margin: 0;
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .report {
    font-size: 0.8em;
  }
  .composer textarea {
    width: 100%;
    box-sizing: border-box;
    resize: vertical;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: var(--_space);
  }
  .hint {
    flex: 1 1 14rem;
    font-size: 0.85em;
    margin: 0;
  }
  .error {
    color: var(--_danger);
    margin: 0.25em 0;
  }
  .confirm {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: calc(var(--_space) * 1.5);
    margin-top: var(--_space);
  }
  .confirm p {
    margin-top: 0;
  }
  .danger {
    background: var(--_danger);
    border-color: var(--_danger);
  }
  .offline {
    font-size: 0.9em;
  }
  .more {
    margin-top: var(--_space);
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    max-width: min(28rem, 92vw);
    color: inherit;
    background: var(--_bg);
  }
  dialog input {
    width: 100%;
    box-sizing: border-box;
  }
`;
