import { css } from 'lit';

export const feedStyles = css`
  .feed,
  .list,
  .post,
  .more {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .feed {
    gap: calc(var(--_space) * 1.5);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .bar,
  .chips,
  .head,
  .actions,
  .reactions,
  .tags,
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: calc(var(--_space) / 2) var(--_space);
    min-width: 0;
  }
  .bar .field {
    flex: 1 1 12rem;
  }
  .chips {
    gap: calc(var(--_space) / 2);
  }
  .chip,
  .tag,
  .reaction {
    min-height: 36px;
    padding: 0 calc(var(--_space) * 1.25);
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_bg);
    color: var(--_fg);
    font-size: 0.875em;
    cursor: pointer;
  }
  .chip[aria-pressed='true'],
  .reaction[aria-pressed='true'] {
    border-color: var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .tag {
    min-height: 32px;
    border: 0;
    background: var(--_subtle);
    color: var(--_accent);
  }
  .reaction {
    display: inline-flex;
    align-items: center;
    min-width: 44px;
    justify-content: center;
    gap: 2px;
  }
  span.reaction {
    cursor: default;
  }
  .post {
    position: relative;
    padding: calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
  }
  .post.company {
    border-inline-start: 4px solid var(--_accent);
  }
  .head {
    flex-wrap: nowrap;
    align-items: flex-start;
  }
  .who {
    display: grid;
    flex: 1;
    min-width: 0;
  }
  .name {
    font-weight: 600;
  }
  .meta {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .meta a {
    color: inherit;
  }
  .avatar {
    position: relative;
    display: inline-flex;
    flex: none;
    align-items: center;
    justify-content: center;
    width: 40px;
    height: 40px;
    overflow: hidden;
    border-radius: 50%;
    background: var(--_subtle);
    color: var(--_muted);
    font-weight: 600;
  }
  .avatar.company {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .avatar img {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    object-fit: cover;
  }
  .badge {
    padding: 0 calc(var(--_space) * 0.75);
    border-radius: 999px;
    background: var(--_subtle);
    color: var(--_fg);
    font-size: 0.8125em;
    white-space: nowrap;
  }
  .badge.pin,
  .badge.done {
    flex: none;
    border: 1px solid currentColor;
    background: none;
    color: var(--_accent);
  }
  .title {
    font-size: 1.125em;
    line-height: 1.4;
  }
  .state-note,
  .note {
    margin: 0;
    padding: var(--_space) calc(var(--_space) * 1.5);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .state-note {
    border-inline-start: 4px solid var(--_danger);
  }
  .images {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(min(100%, 10rem), 1fr));
    gap: calc(var(--_space) / 2);
  }
  .image {
    margin: 0;
  }
  .image img {
    display: block;
    width: 100%;
    max-height: 20rem;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
  }
  .fallback {
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: 6rem;
    padding: var(--_space);
    border: 1px dashed var(--_border);
    border-radius: calc(var(--_radius) / 2);
    color: var(--_muted);
    font-size: 0.875em;
    text-align: center;
  }
  .fallback[hidden] {
    display: none;
  }
  .links a {
    color: var(--_accent);
  }
  .relay {
    color: var(--_muted);
    font-size: 0.875em;
  }
  .actions {
    justify-content: space-between;
    padding-top: var(--_space);
    border-top: 1px solid var(--_border);
  }
  .small {
    min-height: 36px;
    font-size: 0.875em;
  }
  .menu {
    position: relative;
    margin-inline-start: auto;
  }
  .menu summary {
    display: flex;
    align-items: center;
    justify-content: center;
    min-width: 44px;
    min-height: 36px;
    border-radius: var(--_radius);
    color: var(--_muted);
    cursor: pointer;
    list-style: none;
  }
  .menu summary::-webkit-details-marker {
    display: none;
  }
  .menu-items {
    position: absolute;
    inset-inline-end: 0;
    z-index: 1;
    display: grid;
    gap: calc(var(--_space) / 2);
    min-width: 10rem;
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    box-shadow: 0 4px 12px rgb(0 0 0 / 12%);
  }
  .menu-items .link-button {
    min-height: 36px;
    font-weight: normal;
    text-decoration: none;
  }
  .notice:empty {
    display: none;
  }
  .notice {
    flex-basis: 100%;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .skeleton {
    height: 10rem;
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
`;
