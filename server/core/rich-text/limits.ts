/**
 * What the rich-text module accepts. Beyond the length, these are cost budgets: micromark is linear
 * on what people write, but some constructs cost it time proportional to the square of their count
 * (measured in test/bench/rich-text.ts; each budget names what it bounds). Every budget is far above
 * what a job description or a post contains, and together they keep a hostile 20,000 characters
 * within a few times the cost of 20,000 characters of ordinary prose.
 */

/** Longest markdown accepted, in UTF-16 code units (what `z.string().max()` counts). */
export const MAX_MARKDOWN_LENGTH = 20_000;

/** Lines: micromark's per-line work is heavy, and it is the cost that containers multiply (below). */
export const MAX_LINES = 2_000;

/**
 * List and quote markers at line starts, in all and on one line: each closed container makes
 * micromark copy the document's event list, and nesting on one line costs the square of its depth
 * (5,000 `>a` paragraphs ≈ 4 s; 4,000 bullets on one line ≈ 5 s; 20,000 `>` overflow its stack).
 */
export const MAX_CONTAINER_MARKS = 1_000;
export const MAX_LINE_NESTING = 16;

/** `*`, `_` and `~`: each matched emphasis splices the paragraph’s events (5,000 nested pairs ≈ 2 s). */
export const MAX_EMPHASIS_MARKS = 2_000;

/**
 * Characters between each `]` and the `[` it closes, summed: micromark copies every candidate label
 * to look it up as a reference (1,000 `[` … 1,000 `]` around 18,000 characters ≈ 0.8 s).
 */
export const MAX_LABEL_SCAN = 200_000;

/** Most nodes in one tree: bounds the JSON one post adds to a response. */
export const MAX_NODES = 5_000;

/** Deepest tree; anything nested deeper is kept, as plain text, at this depth. */
export const MAX_DEPTH = 16;
