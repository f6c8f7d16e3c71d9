/**
 * Markdown → rich-text tree.
 *
 * The parser is micromark, through `mdast-util-from-markdown` (unified collective): it follows
 * CommonMark and GFM to the letter, is a state machine rather than a pile of regular expressions
 * (the ReDoS history of regex-based parsers), and yields a syntax tree whose values are already
 * what the author meant — character references and backslash escapes decoded in text and URLs — so
 * the link check (url.ts) sees exactly what a browser would, without a second decoder of our own.
 * `marked` is ~10× faster, but its lexer tokens carry source text with entities still encoded, for
 * its own HTML renderer to pass through. Of GFM, only strikethrough and bare-URL links are added.
 */
import type * as Md from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import {
  MAX_CONTAINER_MARKS,
  MAX_DEPTH,
  MAX_EMPHASIS_MARKS,
  MAX_LABEL_SCAN,
  MAX_LINE_NESTING,
  MAX_LINES,
  MAX_MARKDOWN_LENGTH,
  MAX_NODES,
} from './limits.js';
import type { Block, Inline, ListItem, RichText } from './nodes.js';
import { safeHref } from './url.js';

export type RichTextErrorCode = 'too_long' | 'too_complex';

/** Input the module refuses; a route reports it as invalid input on the field it came from. */
export class RichTextError extends Error {
  constructor(
    readonly code: RichTextErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RichTextError';
  }
}

const options = {
  // `singleTilde: false`: Japanese text writes ranges as 10時~12時, which must not strike through.
  extensions: [gfmStrikethrough({ singleTilde: false })],
  // Bare URLs and emails are linked by the mdast half of GFM autolink literals alone (a pass over
  // text nodes). Its micromark half walks back to any unclosed `[` at every word: one `[` before
  // 20,000 characters of text cost half a second.
  mdastExtensions: [gfmAutolinkLiteralFromMarkdown(), gfmStrikethroughFromMarkdown()],
};

// Block-container markers (`>`, bullets, `1.`) opening a line, as many as are stacked there.
const LINE_CONTAINERS = /^(?:[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)))+/gm;
const CONTAINER_MARK = />|[-+*]|\d{1,9}[.)]/g;

/** Refuses input past the budgets in limits.ts, before the parser spends time on it. */
function checkBudgets(md: string): void {
  if (md.length > MAX_MARKDOWN_LENGTH) {
    throw new RichTextError('too_long', `Text is longer than ${MAX_MARKDOWN_LENGTH} characters.`);
  }
  const tooComplex = (what: string) => new RichTextError('too_complex', `Text has too many ${what}; please shorten or simplify it.`);
  let lines = 1;
  let marks = 0;
  let labelScan = 0;
  const openBrackets: number[] = [];
  // Raw characters, not markdown: over-counting (a `*` inside code) only makes a budget stricter.
  for (let i = 0; i < md.length; i++) {
    const c = md.charCodeAt(i);
    if (c === 10 || (c === 13 && md.charCodeAt(i + 1) !== 10)) lines++;
    else if (c === 42 || c === 95 || c === 126) marks++;
    else if (c === 91) openBrackets.push(i);
    else if (c === 93 && openBrackets.length) labelScan += i - openBrackets.pop()!;
  }
  if (lines > MAX_LINES) throw tooComplex('lines');
  if (marks > MAX_EMPHASIS_MARKS) throw tooComplex('formatting marks (* _ ~)');
  if (labelScan > MAX_LABEL_SCAN) throw tooComplex('long bracketed passages ([ ])');
  let containers = 0;
  for (const [prefix] of md.matchAll(LINE_CONTAINERS)) {
    const nesting = prefix.match(CONTAINER_MARK)?.length ?? 0;
    if (nesting > MAX_LINE_NESTING) throw tooComplex('lists or quotes nested on one line');
    containers += nesting;
  }
  if (containers > MAX_CONTAINER_MARKS) throw tooComplex('list items and quoted lines');
}

/**
 * Parses markdown into the rich-text tree. Raw HTML is kept as its literal text (the reader sees
 * what was written, nothing is interpreted); images show their alt text; a link whose target is not
 * http, https or mailto shows its label unlinked. Throws `RichTextError` past the budgets above.
 */
export function parseMarkdown(md: string): RichText {
  checkBudgets(md);
  let root: Md.Root;
  try {
    root = fromMarkdown(md, options);
  } catch (err) {
    // Defence in depth: the budgets keep the parser's recursion shallow, but a stack overflow on
    // some input we did not foresee is still the author's problem to fix, not a 500.
    if (err instanceof RangeError) throw new RichTextError('too_complex', 'Text is nested too deeply.');
    throw err;
  }
  const nodes = new Converter(definitions(root)).blocks(root.children, 1);
  if (countNodes(nodes) > MAX_NODES) throw new RichTextError('too_complex', `Text has more than ${MAX_NODES} parts.`);
  return { version: 1, nodes };
}

function countNodes(nodes: (Block | ListItem | Inline)[]): number {
  let count = 0;
  const stack = [...nodes];
  for (let node = stack.pop(); node; node = stack.pop()) {
    count++;
    if ('children' in node) stack.push(...node.children);
  }
  return count;
}

/** Link reference definitions by identifier; the first definition of a label wins (CommonMark). */
function definitions(root: Md.Root): Map<string, string> {
  const found = new Map<string, string>();
  const stack: Md.Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'definition' && !found.has(node.identifier)) found.set(node.identifier, node.url);
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

/** What a node reads as, without formatting; iterative, so any depth is safe. */
function flatText(node: Md.Nodes): string {
  let out = '';
  const stack: Md.Nodes[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    if (n.type === 'image' || n.type === 'imageReference') out += n.alt ?? '';
    else if (n.type === 'break') out += '\n';
    else if ('value' in n) out += n.value;
    else if ('children' in n) {
      if (out && (n.type === 'paragraph' || n.type === 'heading' || n.type === 'listItem')) out += '\n';
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out;
}

// How many levels a node needs below itself at the least (a quote holds a paragraph holds text).
const HEIGHT: Partial<Record<Md.Nodes['type'], number>> = { blockquote: 2, list: 3, listItem: 2, paragraph: 1, heading: 1 };

class Converter {
  constructor(private readonly defs: Map<string, string>) {}

  /** `depth` is the depth the produced nodes will have (1 = top level). */
  blocks(nodes: Md.Nodes[], depth: number): Block[] {
    const out: Block[] = [];
    for (const node of nodes) {
      const block = this.block(node, depth);
      if (block) out.push(block);
    }
    return out;
  }

  private block(node: Md.Nodes, depth: number): Block | undefined {
    if (depth + (HEIGHT[node.type] ?? 0) > MAX_DEPTH) return this.flattened(node, depth);
    switch (node.type) {
      case 'paragraph':
        return this.withInlines({ type: 'paragraph' }, node.children, depth);
      case 'heading': {
        // The widget's own title is the page's heading; markdown `#` becomes the level below it.
        const level = Math.min(4, Math.max(2, node.depth + 1)) as 2 | 3 | 4;
        return this.withInlines({ type: 'heading', level }, node.children, depth);
      }
      case 'thematicBreak':
        return { type: 'thematicBreak' };
      case 'blockquote':
        return { type: 'blockquote', children: this.blocks(node.children, depth + 1) };
      case 'list': {
        const start = node.ordered && node.start != null && node.start !== 1 ? { start: node.start } : {};
        const children = node.children.map((item): ListItem => ({ type: 'listItem', children: this.blocks(item.children, depth + 2) }));
        return { type: 'list', ordered: node.ordered === true, ...start, children };
      }
      case 'code': {
        const lang = node.lang && /^[A-Za-z0-9_#+.-]{1,32}$/.test(node.lang) ? node.lang : undefined;
        return lang ? { type: 'code', value: node.value, lang } : { type: 'code', value: node.value };
      }
      case 'html':
        // Raw HTML is shown as the text it is: honest to the author, inert for the reader.
        return this.withInlines({ type: 'paragraph' }, [{ type: 'text', value: node.value }], depth);
      case 'definition':
        return undefined;
      default:
        // A construct this module does not know (a future extension): its text, as a paragraph.
        return this.flattened(node, depth);
    }
  }

  private flattened(node: Md.Nodes, depth: number): Block | undefined {
    return this.withInlines({ type: 'paragraph' }, [{ type: 'text', value: flatText(node) }], depth);
  }

  private withInlines(
    block: { type: 'paragraph' } | { type: 'heading'; level: 2 | 3 | 4 },
    nodes: Md.Nodes[],
    depth: number,
  ): Block | undefined {
    const children = this.inlines(nodes, depth + 1, false);
    return children.length ? { ...block, children } : undefined;
  }

  private inlines(nodes: Md.Nodes[], depth: number, inLink: boolean): Inline[] {
    const out: Inline[] = [];
    for (const node of nodes) {
      for (const inline of this.inline(node, depth, inLink)) {
        const last = out[out.length - 1];
        // Adjacent text (raw HTML beside text, an unlinked label) reads as one run; empty
        // containers (emphasis around an image without alt text) would render as nothing.
        if (inline.type === 'text' && last?.type === 'text') last.value += inline.value;
        else if (!('children' in inline) || inline.children.length) out.push(inline);
      }
    }
    return out;
  }

  /** The nodes one markdown inline becomes: usually one, several for text with line breaks. */
  private inline(node: Md.Nodes, depth: number, inLink: boolean): Inline[] {
    const container = (type: 'emphasis' | 'strong' | 'delete', children: Md.Nodes[]): Inline[] =>
      depth + 1 > MAX_DEPTH ? textLines(flatText(node)) : [{ type, children: this.inlines(children, depth + 1, inLink) }];
    switch (node.type) {
      case 'text':
      case 'html':
        return textLines(node.value);
      case 'emphasis':
      case 'strong':
      case 'delete':
        return container(node.type, node.children);
      case 'inlineCode':
        return [{ type: 'inlineCode', value: node.value }];
      case 'break':
        return [{ type: 'break' }];
      case 'image':
      case 'imageReference':
        // Posts carry images in their own field; in text an image is what its alt text says.
        return textLines(node.alt ?? '');
      case 'link':
      case 'linkReference': {
        const url = node.type === 'link' ? node.url : this.defs.get(node.identifier);
        const href = url === undefined ? undefined : safeHref(url);
        if (!href || inLink || depth + 1 > MAX_DEPTH) return this.inlines(node.children, depth, inLink);
        return [{ type: 'link', href, children: this.inlines(node.children, depth + 1, true) }];
      }
      default:
        return textLines(flatText(node));
    }
  }
}

/** Text with its line breaks as `break` nodes: a newline the author typed is a new line on screen. */
function textLines(value: string): Inline[] {
  const out: Inline[] = [];
  value.split('\n').forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    if (line) out.push({ type: 'text', value: line });
  });
  return out;
}
