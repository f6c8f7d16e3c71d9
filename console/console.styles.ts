import { css } from 'lit';
import { baseStyles } from '../widgets/core/styles.js';

/** The console's look: the widgets' theme variables, a top bar, a side menu that becomes a row of tabs on a phone. */
export const consoleStyles = [
  baseStyles,
  css`
    :host {
      --alumni-color-accent: #0b5cad;
      min-height: 100vh;
      background: var(--_subtle);
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      padding: calc(var(--_space) * 1.5) calc(var(--_space) * 2);
      background: var(--_bg);
      border-bottom: 1px solid var(--_border);
    }
    header h1 {
      font-size: 1.05rem;
      margin: 0;
      flex: 1 1 auto;
    }
    .who {
      color: var(--_muted);
      font-size: 0.9rem;
    }
    .layout {
      display: grid;
      grid-template-columns: 13rem minmax(0, 1fr);
      align-content: start;
      min-height: calc(100vh - 4rem);
    }
    nav {
      min-width: 0;
    }
    header button {
      font: inherit;
      font-size: 0.9rem;
      cursor: pointer;
      padding: 6px 12px;
      min-height: 36px;
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      background: var(--_bg);
      color: var(--_fg);
    }
    header button:hover {
      border-color: var(--_accent);
      color: var(--_accent);
    }
    nav ul {
      list-style: none;
      margin: 0;
      padding: var(--_space);
    }
    nav a {
      display: block;
      padding: var(--_space) calc(var(--_space) * 1.5);
      border-radius: var(--_radius);
      color: var(--_fg);
      text-decoration: none;
    }
    nav a[aria-current='page'] {
      background: var(--_accent);
      color: var(--_on-accent);
    }
    nav a:focus-visible,
    button:focus-visible,
    input:focus-visible,
    select:focus-visible,
    textarea:focus-visible {
      outline: 3px solid var(--_accent);
      outline-offset: 2px;
    }
    main {
      padding: calc(var(--_space) * 2);
      min-width: 0;
    }
    @media (max-width: 700px) {
      .layout {
        grid-template-columns: minmax(0, 1fr);
        min-height: 0;
      }
      header h1 {
        flex-basis: 100%;
      }
      .who {
        flex: 1 1 0;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      nav ul {
        display: flex;
        overflow-x: auto;
        gap: 4px;
        padding: var(--_space) var(--_space) 0;
      }
      nav a {
        white-space: nowrap;
      }
      main {
        padding: var(--_space);
      }
    }
    .sign-in {
      max-width: 26rem;
      margin: 10vh auto;
    }
  `,
];

/** What every page shares: cards, forms, lists, buttons, notices. */
export const pageStyles = [
  baseStyles,
  css`
    :host {
      background: transparent;
      max-width: 60rem;
    }
    h2 {
      font-size: 1.25rem;
      margin: 0 0 calc(var(--_space) * 2);
    }
    h3 {
      font-size: 1.05rem;
      margin: calc(var(--_space) * 3) 0 var(--_space);
    }
    .card {
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 2);
      margin-bottom: calc(var(--_space) * 1.5);
    }
    ul.rows {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    ul.rows > li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_space);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: calc(var(--_space) * 1.5);
      margin-bottom: var(--_space);
    }
    .actions {
      display: flex;
      gap: var(--_space);
    }
    .grow {
      flex: 1 1 14rem;
      min-width: 0;
    }
    .muted {
      color: var(--_muted);
      font-size: 0.9rem;
    }
    .badge {
      display: inline-block;
      font-size: 0.8rem;
      padding: 0 8px;
      border-radius: 999px;
      background: var(--_subtle);
      border: 1px solid var(--_border);
    }
    label {
      display: block;
      font-weight: 600;
      margin: var(--_space) 0 4px;
    }
    input,
    select,
    textarea {
      font: inherit;
      width: 100%;
      padding: 8px 10px;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_fg);
    }
    textarea {
      min-height: 5rem;
    }
    form p {
      margin: calc(var(--_space) * 1.5) 0 0;
    }
    .inline {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space);
      align-items: end;
    }
    .inline > * {
      flex: 1 1 10rem;
    }
    .inline > button {
      flex: 0 0 auto;
    }
    button {
      font: inherit;
      cursor: pointer;
      padding: 8px 14px;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      background: var(--_accent);
      color: var(--_on-accent);
      min-height: 40px;
    }
    button.secondary {
      background: var(--_bg);
      color: var(--_accent);
    }
    button.danger {
      background: var(--_bg);
      color: var(--_danger);
      border-color: var(--_danger);
    }
    button[disabled] {
      opacity: 0.6;
      cursor: default;
    }
    .notice {
      padding: var(--_space) calc(var(--_space) * 1.5);
      border-radius: var(--_radius);
      background: #e8f3ea;
      border: 1px solid #9ccaa6;
      margin-bottom: calc(var(--_space) * 1.5);
    }
    .problem {
      color: var(--_danger);
    }
    pre {
      background: var(--_subtle);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      overflow-x: auto;
      font-size: 0.85rem;
      white-space: pre-wrap;
      word-break: break-all;
    }
    .state {
      padding: calc(var(--_space) * 2);
    }
    .spinner {
      display: inline-block;
      width: 1em;
      height: 1em;
      margin-right: 6px;
      border: 2px solid var(--_border);
      border-top-color: var(--_accent);
      border-radius: 50%;
      animation: spin 0.8s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation: none;
      }
    }
  `,
];
