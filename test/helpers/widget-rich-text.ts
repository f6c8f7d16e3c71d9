/**
 * `rich-text.parse` for the widget tests: markdown through the real server module, in Node, exactly
 * as the API runs it. (Bundled into the test page instead, the parser would be micromark's
 * development build — the test runner resolves the `development` export condition, and that build
 * imports the CommonJS `debug` — and would decode entities with the browser's own decoder.)
 */
import { parseMarkdown, RichTextError, type RichText } from '../../server/core/rich-text/index.js';

export function richTextCommand(message: { markdown?: unknown }): (RichText | { refused: string })[] {
  if (!Array.isArray(message.markdown)) throw new Error('rich-text.parse needs markdown: string[]');
  return message.markdown.map((md) => {
    try {
      return parseMarkdown(String(md));
    } catch (err) {
      if (err instanceof RichTextError) return { refused: err.message };
      throw err;
    }
  });
}
