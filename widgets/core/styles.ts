import { css } from 'lit';

/**
 * The theming contract shared by every element: public `--alumni-*` custom properties, each with a
 * default, mapped once to private `--_*` values that the element styles use.
 */
export const baseStyles = css`
  :host {
    --_fg: var(--alumni-color-text, #1f2328);
    --_muted: var(--alumni-color-muted, #59636e);
    --_bg: var(--alumni-color-surface, #ffffff);
    --_subtle: var(--alumni-color-subtle, #f6f8fa);
    --_border: var(--alumni-color-border, #d1d9e0);
    --_accent: var(--alumni-color-accent, #0b5cad);
    --_on-accent: var(--alumni-color-on-accent, #ffffff);
    --_danger: var(--alumni-color-danger, #b42318);
    --_radius: var(--alumni-radius, 8px);
    --_space: var(--alumni-space, 8px);
    --_font: var(--alumni-font-family, system-ui, -apple-system, 'Hiragino Sans', 'Noto Sans JP', 'Yu Gothic', sans-serif);
    display: block;
    box-sizing: border-box;
    min-width: 0;
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--alumni-font-size, 1rem);
    line-height: 1.6;
    overflow-wrap: anywhere;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  h2,
  h3,
  p,
  ul,
  ol {
    margin: 0;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(var(--_space) / 2);
    min-height: 44px;
    padding: 0 calc(var(--_space) * 2);
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    text-decoration: none;
    cursor: pointer;
  }
  .button.secondary {
    background: transparent;
    color: var(--_accent);
  }
  .button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  /* A button that reads as a link, e.g. a card's title that opens its detail. */
  .link-button {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    font-weight: 600;
    text-align: start;
    text-decoration: underline;
    text-underline-offset: 3px;
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .field {
    min-height: 44px;
    padding: 0 var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    min-width: 0;
  }
  .muted {
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .state {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_space);
    padding: calc(var(--_space) * 3) var(--_space);
    text-align: center;
    color: var(--_muted);
  }
  .state.error {
    color: var(--_danger);
  }
  .spinner {
    width: 24px;
    height: 24px;
    border: 3px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: alumni-spin 0.8s linear infinite;
  }
  @keyframes alumni-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
