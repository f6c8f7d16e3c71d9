import { css, html, nothing, type TemplateResult } from 'lit';

/**
 * Rich text as the API sends it (`RichText` in /openapi.json, server/core/rich-text/nodes.ts).
 * Typed loosely on purpose: the renderer treats it as untrusted JSON, not as a promise.
 */
export interface RichTextNode {
  type: string;
  value?: string;
  href?: string;
  level?: number;
  ordered?: boolean;
  start?: number;
  lang?: string;
  children?: RichTextNode[];
}

export interface RichText {
  version: number;
  nodes: RichTextNode[];
}

type Rendered = TemplateResult | string | typeof nothing | Rendered[];

// The server already allows only these schemes; checking again here means a tree from anywhere
// else (an old cache, a bug, a compromised proxy) still cannot put a script URL in a link.
const LINK_PROTOCOL = /^(https?|mailto):$/;
// Trees from the server are at most 16 deep; deeper input is not ours and is cut off.
const MAX_DEPTH = 24;

function href(value: unknown): string | undefined {
  try {
    const url = new URL(value as string);
    return LINK_PROTOCOL.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function all(list: unknown, depth: number): Rendered[] {
  return Array.isArray(list) && depth < MAX_DEPTH ? list.map((n) => one(n as RichTextNode, depth + 1)) : [];
}

// Every element comes from a fixed template; node values only ever fill text or checked attributes.
function one(node: RichTextNode, depth: number): Rendered {
  const kids = () => all(node?.children, depth);
  switch (node?.type) {
    case 'paragraph':
      return html`<p>${kids()}</p>`;
    case 'heading':
      return node.level === 2 ? html`<h2>${kids()}</h2>` : node.level === 3 ? html`<h3>${kids()}</h3>` : html`<h4>${kids()}</h4>`;
    case 'code':
      return html`<pre><code data-lang=${node.lang ?? nothing}>${text(node.value)}</code></pre>`;
    case 'blockquote':
      return html`<blockquote>${kids()}</blockquote>`;
    case 'list':
      return node.ordered ? html`<ol start=${node.start ?? nothing}>${kids()}</ol>` : html`<ul>${kids()}</ul>`;
    case 'listItem':
      return html`<li>${kids()}</li>`;
    case 'thematicBreak':
      return html`<hr />`;
    case 'text':
      return text(node.value);
    case 'emphasis':
      return html`<em>${kids()}</em>`;
    case 'strong':
      return html`<strong>${kids()}</strong>`;
    case 'delete':
      return html`<del>${kids()}</del>`;
    case 'inlineCode':
      return html`<code>${text(node.value)}</code>`;
    case 'break':
      return html`<br />`;
    case 'link': {
      const target = href(node.href);
      // Member-written links: no referrer, no window.opener, and marked as user content for crawlers.
      return target ? html`<a href=${target} rel="noopener noreferrer ugc" target="_blank">${kids()}</a>` : kids();
    }
    default:
      // A node type from a newer API: skipped, so old widgets keep working.
      return nothing;
  }
}

/** Renders a rich-text tree with Lit templates (never `innerHTML`); style it with `richTextStyles`. */
export function renderRichText(rt: RichText | null | undefined): TemplateResult {
  return html`<div class="rich-text" part="rich-text">${all(rt?.nodes, 0)}</div>`;
}

/** Default look of `renderRichText` output; the element's theme properties apply. */
export const richTextStyles = css`
  .rich-text > * {
    margin: 0 0 var(--alumni-space, 8px);
  }
  .rich-text > :first-child {
    margin-top: 0;
  }
  .rich-text > :last-child {
    margin-bottom: 0;
  }
  .rich-text :is(h2, h3, h4) {
    margin-top: calc(2 * var(--alumni-space, 8px));
    line-height: 1.3;
  }
  .rich-text h2 {
    font-size: 1.25em;
  }
  .rich-text h3 {
    font-size: 1.1em;
  }
  .rich-text h4 {
    font-size: 1em;
  }
  .rich-text :is(ul, ol) {
    padding-inline-start: 1.5em;
    /* Bullets and numbers back, whatever list reset the element has. */
    list-style: revert;
  }
  .rich-text :is(li, blockquote) > * {
    margin: 0;
  }
  .rich-text :is(li, blockquote) > * + * {
    margin-top: calc(var(--alumni-space, 8px) / 2);
  }
  .rich-text blockquote {
    margin-inline: 0;
    padding-inline-start: 0.75em;
    border-inline-start: 3px solid var(--alumni-color-border, #d1d9e0);
    color: var(--alumni-color-muted, #59636e);
  }
  .rich-text code {
    font-family: var(--alumni-font-family-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: 0.9em;
    background: var(--alumni-color-subtle, #f6f8fa);
    border-radius: 4px;
    padding: 0.1em 0.3em;
  }
  .rich-text pre {
    overflow-x: auto;
    padding: var(--alumni-space, 8px);
    background: var(--alumni-color-subtle, #f6f8fa);
    border-radius: var(--alumni-radius, 8px);
  }
  .rich-text pre code {
    padding: 0;
    background: none;
  }
  .rich-text a {
    color: var(--alumni-color-accent, #0b5cad);
  }
  .rich-text hr {
    border: 0;
    border-top: 1px solid var(--alumni-color-border, #d1d9e0);
  }
`;
