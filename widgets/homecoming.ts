/**
 * The loader a page includes once: `/widgets/homecoming.js` (module) or `/widgets/homecoming.iife.js`
 * (classic script). It imports an element's code only when its tag is on the page — at start, or when
 * added later — and registers the tag then (the idea of Shoelace's autoloader). Which chunks hold each
 * element is written in by the build. No exports and no globals: loading it twice does no harm.
 */
import chunks from 'homecoming:chunks';

// Chunk names are relative to this script's own URL (the API's /widgets/). Read now: the classic-script
// build takes it from document.currentScript, which is only set while this first runs.
const base = import.meta.url;

/** Fetches `tag`'s chunk and the chunks it imports (in parallel, not one after the other) and returns its class. */
async function load(tag: string): Promise<CustomElementConstructor> {
  const modules = await Promise.all(chunks[tag]!.map((file) => import(new URL(file, base).href)));
  return (modules[0] as { default: CustomElementConstructor }).default;
}

/** Loads and registers every Homecoming element not yet defined in or under `roots`. */
async function discover(roots: Element[]): Promise<void> {
  const tags = new Set(
    roots
      .flatMap((root) => [root, ...root.querySelectorAll(':not(:defined)')])
      .map((el) => el.localName)
      .filter((tag) => Object.hasOwn(chunks, tag) && !customElements.get(tag)),
  );
  if (!tags.size) return;
  const loaded = await Promise.allSettled([...tags].map(async (tag) => [tag, await load(tag)] as const));
  // Registered together once all have arrived: an element shown early would be pushed down when one
  // above it appeared a moment later (a layout shift).
  for (const result of loaded) {
    if (result.status === 'rejected') console.warn('[homecoming] could not load an element', result.reason);
    else if (!customElements.get(result.value[0])) customElements.define(...result.value);
  }
}

void discover([document.documentElement]);
// Tags added later (a single-page app rendering a view): one batch per set of DOM changes.
new MutationObserver((records) => {
  void discover(records.flatMap((record) => [...record.addedNodes].filter((node): node is Element => node instanceof Element)));
}).observe(document.documentElement, { childList: true, subtree: true });
