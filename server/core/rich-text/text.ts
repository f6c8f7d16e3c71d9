/**
 * The tree as plain text (search index, the text part of mail) and as HTML (the HTML part of mail
 * only: widgets render the tree itself and never receive an HTML string). Both take trees that may
 * come from storage, so they skip node types they do not know, as the widget renderer does.
 */
import type { Block, ListItem, RichText, RichTextNode } from './nodes.js';
import { safeHref } from './url.js';

type AnyNode = RichTextNode | { type: string };

const kids = (node: AnyNode): AnyNode[] => ('children' in node && Array.isArray(node.children) ? node.children : []);
const valueOf = (node: AnyNode): string => ('value' in node && typeof node.value === 'string' ? node.value : '');

// ---------------------------------------------------------------------------------------------
// Plain text

/** The tree as readable plain text: blocks separated by blank lines, lists marked, links with their URL. */
export function plainText(rt: RichText): string {
  return textBlocks(rt.nodes).trim();
}

function textBlocks(nodes: AnyNode[], separator = '\n\n'): string {
  return nodes
    .map(textBlock)
    .filter((s) => s !== '')
    .join(separator);
}

function textBlock(node: AnyNode): string {
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return textInlines(kids(node));
    case 'code':
      return valueOf(node);
    case 'blockquote':
      return prefixLines(textBlocks(kids(node)), '> ', '> ');
    case 'list': {
      const list = node as Extract<Block, { type: 'list' }>;
      const first = list.start ?? 1;
      return kids(node)
        .map((item, i) => {
          const marker = list.ordered ? `${first + i}. ` : '- ';
          // A list item's blocks stay together: its paragraph and a nested list are one entry.
          return prefixLines(textBlocks(kids(item as ListItem), '\n'), marker, ' '.repeat(marker.length));
        })
        .join('\n');
    }
    case 'thematicBreak':
      return '---';
    default:
      return '';
  }
}

function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, i) => (i === 0 ? first : rest) + line)
    .join('\n');
}

function textInlines(nodes: AnyNode[]): string {
  return nodes.map(textInline).join('');
}

function textInline(node: AnyNode): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return valueOf(node);
    case 'break':
      return '\n';
    case 'emphasis':
    case 'strong':
    case 'delete':
      return textInlines(kids(node));
    case 'link': {
      const label = textInlines(kids(node));
      const href = safeHref(String((node as { href?: unknown }).href ?? ''));
      // A reader of plain text cannot click: show where the link goes, unless the label says it.
      return !href || bare(label) === bare(href) ? label : `${label} (${href})`;
    }
    default:
      return '';
  }
}

const bare = (s: string) => s.replace(/^(?:https?:\/\/|mailto:)/i, '').replace(/\/$/, '');

// ---------------------------------------------------------------------------------------------
// HTML, for mail

/** Markup that is already safe; everything else interpolated into `h` is escaped. */
class Html {
  constructor(readonly value: string) {}
}

type Part = string | number | Html | Html[];

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** The only way markup is made here: the literal parts are ours, every value is escaped. */
function h(strings: TemplateStringsArray, ...values: Part[]): Html {
  const part = (v: Part): string => (v instanceof Html ? v.value : Array.isArray(v) ? v.map(part).join('') : escapeHtml(String(v)));
  return new Html(strings.reduce((out, s, i) => out + part(values[i - 1]!) + s));
}

/** The tree as an HTML fragment for a mail body, escaped by construction. Never for widgets. */
export function toHtml(rt: RichText): string {
  return htmlBlocks(rt.nodes).map((b) => b.value).join('\n');
}

function htmlBlocks(nodes: AnyNode[]): Html[] {
  return nodes.map(htmlBlock);
}

function htmlBlock(node: AnyNode): Html {
  const inner = () => htmlInlines(kids(node));
  switch (node.type) {
    case 'paragraph':
      return h`<p>${inner()}</p>`;
    case 'heading': {
      const level = (node as Extract<Block, { type: 'heading' }>).level;
      return level === 2 ? h`<h2>${inner()}</h2>` : level === 3 ? h`<h3>${inner()}</h3>` : h`<h4>${inner()}</h4>`;
    }
    case 'code':
      return h`<pre><code>${valueOf(node)}</code></pre>`;
    case 'blockquote':
      return h`<blockquote>${htmlBlocks(kids(node))}</blockquote>`;
    case 'list': {
      const list = node as Extract<Block, { type: 'list' }>;
      const items = kids(node).map((item) => h`<li>${htmlBlocks(kids(item))}</li>`);
      if (!list.ordered) return h`<ul>${items}</ul>`;
      return Number.isInteger(list.start) ? h`<ol start="${list.start!}">${items}</ol>` : h`<ol>${items}</ol>`;
    }
    case 'thematicBreak':
      return h`<hr>`;
    default:
      return h``;
  }
}

function htmlInlines(nodes: AnyNode[]): Html[] {
  return nodes.map(htmlInline);
}

function htmlInline(node: AnyNode): Html {
  const inner = () => htmlInlines(kids(node));
  switch (node.type) {
    case 'text':
      return h`${valueOf(node)}`;
    case 'emphasis':
      return h`<em>${inner()}</em>`;
    case 'strong':
      return h`<strong>${inner()}</strong>`;
    case 'delete':
      return h`<del>${inner()}</del>`;
    case 'inlineCode':
      return h`<code>${valueOf(node)}</code>`;
    case 'break':
      return h`<br>`;
    case 'link': {
      // Checked again: the tree may come from storage written by an older version of this module.
      const href = safeHref(String((node as { href?: unknown }).href ?? ''));
      return href ? h`<a href="${href}" rel="noopener noreferrer ugc">${inner()}</a>` : h`${inner()}`;
    }
    default:
      return h``;
  }
}
