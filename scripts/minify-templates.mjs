// A rollup plugin that shrinks the static text of Lit `html` and `css` tagged templates in the
// widget sources: whitespace runs with a line break become one space (HTML renders them the same),
// CSS loses comments and the whitespace around { } ; , and after : — expressions (${…}) are untouched.
// It runs on the JavaScript esbuild produced and finds the templates with rollup's own parser.

function shrink(text, tag) {
  if (tag === 'html') return text.replace(/\s*\n\s*/g, ' ');
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    // A colon followed by whitespace only occurs in declarations and media features, never in selectors.
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');
}

function collect(node, found) {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) collect(child, found);
    return;
  }
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'html' || node.tag.name === 'css')) {
    for (const quasi of node.quasi.quasis) found.push({ start: quasi.start, end: quasi.end, tag: node.tag.name });
  }
  for (const key of Object.keys(node)) if (key !== 'type' && key !== 'start' && key !== 'end') collect(node[key], found);
}

/** Returns `code` with the html/css template text shrunk. */
export function minifyTemplates(code, parse) {
  const found = [];
  collect(parse(code), found);
  found.sort((a, b) => b.start - a.start);
  let out = code;
  for (const { start, end, tag } of found) out = out.slice(0, start) + shrink(out.slice(start, end), tag) + out.slice(end);
  return out;
}

/** Rollup plugin; put it after the TypeScript transform. Leaves node_modules alone. */
export function minifyLitTemplates() {
  return {
    name: 'homecoming-minify-templates',
    transform(code, id) {
      if (id.includes('node_modules') || !/\.[cm]?[jt]s$/.test(id)) return null;
      return { code: minifyTemplates(code, (c) => this.parse(c)), map: null };
    },
  };
}
