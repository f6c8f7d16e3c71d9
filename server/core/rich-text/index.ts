/** Safe rich text: markdown in, a tree of known nodes out. See README.md in this folder. */
export {
  BlockSchema,
  InlineSchema,
  LINK_SCHEMES,
  ListItemSchema,
  MarkdownInputSchema,
  RichTextSchema,
  type Block,
  type Inline,
  type ListItem,
  type RichText,
  type RichTextNode,
} from './nodes.js';
export {
  MAX_CONTAINER_MARKS,
  MAX_DEPTH,
  MAX_EMPHASIS_MARKS,
  MAX_LABEL_SCAN,
  MAX_LINE_NESTING,
  MAX_LINES,
  MAX_MARKDOWN_LENGTH,
  MAX_NODES,
} from './limits.js';
export { RichTextError, parseMarkdown, type RichTextErrorCode } from './parse.js';
export { plainText, toHtml } from './text.js';
export { safeHref } from './url.js';
