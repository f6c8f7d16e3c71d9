/**
 * The rich-text tree: the only form in which formatted text (job descriptions, posts, comments)
 * leaves the API. A small, closed set of nodes that a widget maps to Lit templates one by one, so
 * no HTML string ever reaches a page. See README.md in this folder.
 */
import { z } from '@hono/zod-openapi';
import { MAX_MARKDOWN_LENGTH } from './limits.js';

export type Inline =
  | { type: 'text'; value: string }
  | { type: 'emphasis'; children: Inline[] }
  | { type: 'strong'; children: Inline[] }
  | { type: 'delete'; children: Inline[] }
  | { type: 'inlineCode'; value: string }
  /** `href` is an absolute http, https or mailto URL; children never contain another link. */
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export type ListItem = { type: 'listItem'; children: Block[] };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  /** Levels 2–4: the widget's own title is the level-1 heading of its area. */
  | { type: 'heading'; level: 2 | 3 | 4; children: Inline[] }
  /** `lang` is a label only (letters, digits, `_ # + . -`), never used as code or markup. */
  | { type: 'code'; value: string; lang?: string }
  | { type: 'blockquote'; children: Block[] }
  /** `start` appears only on an ordered list that does not start at 1. */
  | { type: 'list'; ordered: boolean; start?: number; children: ListItem[] }
  | { type: 'thematicBreak' };

export type RichTextNode = Block | ListItem | Inline;

/** `version` changes only if a node's meaning changes; renderers skip node types they do not know. */
export type RichText = { version: 1; nodes: Block[] };

/** The schemes a link may have; everything else is shown as its label, unlinked. */
export const LINK_SCHEMES = ['http', 'https', 'mailto'] as const;

// Patterns must be valid in the OpenAPI document as well as in JavaScript: no flags, no lookbehind.
const HREF_PATTERN = '^([Hh][Tt][Tt][Pp][Ss]?|[Mm][Aa][Ii][Ll][Tt][Oo]):';
const LANG_PATTERN = '^[A-Za-z0-9_#+.-]{1,32}$';

const children = <T extends z.ZodType>(item: T) => z.array(item);

// The tree is recursive, so the two unions are lazy and named: the OpenAPI document then refers to
// them by name instead of inlining them forever.
export const InlineSchema: z.ZodType<Inline> = z
  .lazy(() =>
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('text'), value: z.string() }),
      z.object({ type: z.literal('emphasis'), children: children(InlineSchema) }),
      z.object({ type: z.literal('strong'), children: children(InlineSchema) }),
      z.object({ type: z.literal('delete'), children: children(InlineSchema) }),
      z.object({ type: z.literal('inlineCode'), value: z.string() }),
      z.object({
        type: z.literal('link'),
        href: z.string().regex(new RegExp(HREF_PATTERN)).openapi({ example: 'https://example.com/jobs' }),
        children: children(InlineSchema),
      }),
      z.object({ type: z.literal('break') }),
    ]),
  )
  .openapi('RichTextInline');

export const ListItemSchema: z.ZodType<ListItem> = z
  .lazy(() => z.object({ type: z.literal('listItem'), children: children(BlockSchema) }))
  .openapi('RichTextListItem');

export const BlockSchema: z.ZodType<Block> = z
  .lazy(() =>
    z.discriminatedUnion('type', [
      z.object({ type: z.literal('paragraph'), children: children(InlineSchema) }),
      z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3), z.literal(4)]), children: children(InlineSchema) }),
      z.object({ type: z.literal('code'), value: z.string(), lang: z.string().regex(new RegExp(LANG_PATTERN)).optional() }),
      z.object({ type: z.literal('blockquote'), children: children(BlockSchema) }),
      z.object({
        type: z.literal('list'),
        ordered: z.boolean(),
        start: z.number().int().min(0).max(999_999_999).optional(),
        children: children(ListItemSchema),
      }),
      z.object({ type: z.literal('thematicBreak') }),
    ]),
  )
  .openapi('RichTextBlock');

export const RichTextSchema: z.ZodType<RichText> = z
  .object({ version: z.literal(1), nodes: z.array(BlockSchema) })
  .openapi('RichText', {
    description:
      'Formatted text as a tree of known nodes (never HTML). Links are http, https or mailto only. ' +
      'Renderers skip node types they do not know.',
    example: {
      version: 1,
      nodes: [
        { type: 'heading', level: 2, children: [{ type: 'text', value: '仕事内容' }] },
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: '詳しくは ' },
            { type: 'link', href: 'https://example.com/jobs', children: [{ type: 'text', value: '採用ページ' }] },
            { type: 'text', value: ' へ。' },
          ],
        },
      ],
    },
  });

/** A markdown field in a request: refusing overlong text here makes it a 422 naming the field. */
export const MarkdownInputSchema = z
  .string()
  .max(MAX_MARKDOWN_LENGTH)
  .openapi({
    description:
      'Markdown (CommonMark, with ~~strikethrough~~ and bare URLs linked). Raw HTML is shown as text; ' +
      'images show their alt text; links other than http, https and mailto show their label unlinked.',
    example: '## 仕事内容\n\n- 法人営業\n- **副業可**\n\n詳しくは [採用ページ](https://example.com/jobs) へ。',
  });
