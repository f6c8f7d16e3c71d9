import { css } from 'lit';

export const eventListStyles = css`
  :host {
    --_tab-gap: calc(var(--_space) / 2);
  }
  .tabs {
    display: flex;
    gap: var(--_tab-gap);
    border-bottom: 1px solid var(--_border);
    margin-bottom: calc(var(--_space) * 1.5);
    /* Three tab names fit a 390 px phone on one line each; a narrower column scrolls them rather than breaking a word. */
    overflow-x: auto;
    scrollbar-width: none;
  }
  [role='tab'] {
    flex: 1 1 auto;
    min-height: 44px;
    padding: 0 calc(var(--_space) * 0.75);
    font-size: 0.9375em;
    white-space: nowrap;
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
  .filters {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space);
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .filters label {
    display: flex;
    flex-direction: column;
    flex: 1 1 10rem;
    min-width: 0;
    font-size: 0.875em;
    color: var(--_muted);
  }
  .filters .field {
    width: 100%;
    color: var(--_fg);
  }
  .list {
    list-style: none;
    padding: 0;
    display: grid;
    gap: var(--_space);
  }
  .card {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .card h3 {
    font-size: 1.05em;
    line-height: 1.4;
  }
  /* A loading card: the text of a card's lines as grey bars (the same fonts, so the same heights). */
  .bone {
    display: inline-block;
    max-width: 100%;
    border-radius: 4px;
    background: var(--_subtle);
    color: transparent;
  }
  .w5 {
    width: 5em;
  }
  .w6 {
    width: 6em;
  }
  .w8 {
    width: 8em;
  }
  .w12 {
    width: 12em;
  }
  .w14 {
    width: 14em;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
    font-size: 0.9em;
    color: var(--_muted);
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space);
    border-radius: 999px;
    background: var(--_subtle);
    color: var(--_fg);
    font-size: 0.8em;
    justify-self: start;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
  }
  .badge.cancelled,
  .badge.registered {
    background: var(--_danger);
    color: var(--_on-accent);
  }
  .badge.registered {
    background: var(--_accent);
  }
  .badge.waitlisted {
    box-shadow: inset 0 0 0 1px var(--_accent);
    background: var(--_bg);
    color: var(--_accent);
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
  }
  .detail h2 {
    font-size: 1.3em;
    line-height: 1.4;
  }
  .detail h2:focus {
    outline: none;
  }
  .detail h2:focus-visible {
    outline: 3px solid var(--_accent);
  }
  .facts {
    display: grid;
    grid-template-columns: minmax(5.5em, max-content) 1fr;
    gap: calc(var(--_space) / 2) calc(var(--_space) * 1.5);
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
  .back {
    justify-self: start;
  }
  @media (max-width: 420px) {
    .facts {
      grid-template-columns: 1fr;
    }
    .facts dd {
      margin-bottom: var(--_space);
    }
  }
`;
