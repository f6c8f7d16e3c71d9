import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import {
  MAX_CONTAINER_MARKS,
  MAX_DEPTH,
  MAX_EMPHASIS_MARKS,
  MAX_LINE_NESTING,
  MAX_LINES,
  MAX_MARKDOWN_LENGTH,
  MAX_NODES,
  MarkdownInputSchema,
  RichTextError,
  RichTextSchema,
  parseMarkdown,
  plainText,
  safeHref,
  toHtml,
  type Block,
  type RichText,
} from '../../server/core/rich-text/index.js';
import { hostileMarkdown } from '../helpers/hostile-markdown.js';

const t = (value: string) => ({ type: 'text', value }) as const;
const p = (...children: unknown[]) => ({ type: 'paragraph', children }) as Block;

const NODE_TYPES = new Set([
  'paragraph', 'heading', 'code', 'blockquote', 'list', 'listItem', 'thematicBreak',
  'text', 'emphasis', 'strong', 'delete', 'inlineCode', 'link', 'break',
]);

type AnyNode = { type: string; href?: string; children?: AnyNode[] };

function walk(nodes: AnyNode[], visit: (node: AnyNode, depth: number) => void, depth = 1): void {
  for (const node of nodes) {
    visit(node, depth);
    if (node.children) walk(node.children, visit, depth + 1);
  }
}

function treeDepth(rt: RichText): number {
  let deepest = 0;
  walk(rt.nodes, (_, d) => (deepest = Math.max(deepest, d)));
  return deepest;
}

function refusal(md: string): RichTextError {
  try {
    parseMarkdown(md);
  } catch (err) {
    assert.ok(err instanceof RichTextError, `expected a RichTextError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the input to be refused');
}

describe('parseMarkdown: every node type', () => {
  const cases: [string, string, Block[]][] = [
    ['paragraph', 'hello', [p(t('hello'))]],
    ['two paragraphs', 'a\n\nb', [p(t('a')), p(t('b'))]],
    ['h1 becomes level 2', '# Title', [{ type: 'heading', level: 2, children: [t('Title')] }]],
    ['h2 becomes level 3', '## Title', [{ type: 'heading', level: 3, children: [t('Title')] }]],
    ['h3 becomes level 4', '### Title', [{ type: 'heading', level: 4, children: [t('Title')] }]],
    ['h6 stays at level 4', '###### Title', [{ type: 'heading', level: 4, children: [t('Title')] }]],
    ['setext heading', 'Title\n===', [{ type: 'heading', level: 2, children: [t('Title')] }]],
    ['emphasis', '*a* _b_', [p({ type: 'emphasis', children: [t('a')] }, t(' '), { type: 'emphasis', children: [t('b')] })]],
    ['strong', '**a**', [p({ type: 'strong', children: [t('a')] })]],
    ['strikethrough needs two tildes', '~~a~~ 10時~12時', [p({ type: 'delete', children: [t('a')] }, t(' 10時~12時'))]],
    ['inline code keeps its text', '`<b> &amp;`', [p({ type: 'inlineCode', value: '<b> &amp;' })]],
    ['fenced code with a language', '```ts\nconst a = 1 < 2;\n```', [{ type: 'code', value: 'const a = 1 < 2;', lang: 'ts' }]],
    ['fenced code without a language', '```\nx\n```', [{ type: 'code', value: 'x' }]],
    ['code language that is not a label is dropped', '```"><b>\nx\n```', [{ type: 'code', value: 'x' }]],
    ['indented code', '    x = 1', [{ type: 'code', value: 'x = 1' }]],
    ['blockquote', '> quoted', [{ type: 'blockquote', children: [p(t('quoted'))] }]],
    [
      'unordered list',
      '- a\n- b',
      [{ type: 'list', ordered: false, children: [{ type: 'listItem', children: [p(t('a'))] }, { type: 'listItem', children: [p(t('b'))] }] }],
    ],
    ['ordered list from 1', '1. a', [{ type: 'list', ordered: true, children: [{ type: 'listItem', children: [p(t('a'))] }] }]],
    ['ordered list from 3', '3) a', [{ type: 'list', ordered: true, start: 3, children: [{ type: 'listItem', children: [p(t('a'))] }] }]],
    [
      'nested list',
      '- a\n  - b',
      [
        {
          type: 'list',
          ordered: false,
          children: [
            { type: 'listItem', children: [p(t('a')), { type: 'list', ordered: false, children: [{ type: 'listItem', children: [p(t('b'))] }] }] },
          ],
        },
      ],
    ],
    ['link', '[site](https://example.com/a?b=1)', [p({ type: 'link', href: 'https://example.com/a?b=1', children: [t('site')] })]],
    ['link title is dropped', '[site](https://example.com "T")', [p({ type: 'link', href: 'https://example.com/', children: [t('site')] })]],
    ['mailto link', '[mail](mailto:a@example.jp)', [p({ type: 'link', href: 'mailto:a@example.jp', children: [t('mail')] })]],
    ['upper-case scheme is normalised', '[x](HTTPS://EXAMPLE.COM)', [p({ type: 'link', href: 'https://example.com/', children: [t('x')] })]],
    ['autolink', '<https://example.com>', [p({ type: 'link', href: 'https://example.com/', children: [t('https://example.com')] })]],
    ['bare www URL', 'www.example.com', [p({ type: 'link', href: 'http://www.example.com/', children: [t('www.example.com')] })]],
    ['bare email', 'a@example.jp', [p({ type: 'link', href: 'mailto:a@example.jp', children: [t('a@example.jp')] })]],
    ['reference link', '[x][r]\n\n[r]: https://example.com', [p({ type: 'link', href: 'https://example.com/', children: [t('x')] })]],
    ['relative link shows its label', '[jobs](/jobs)', [p(t('jobs'))]],
    ['link with formatting inside', '[**a**](https://e.jp)', [p({ type: 'link', href: 'https://e.jp/', children: [{ type: 'strong', children: [t('a')] }] })]],
    ['hard break', 'a  \nb', [p(t('a'), { type: 'break' }, t('b'))]],
    ['backslash hard break', 'a\\\nb', [p(t('a'), { type: 'break' }, t('b'))]],
    ['a typed newline is a line break', 'a\nb', [p(t('a'), { type: 'break' }, t('b'))]],
    ['thematic break', 'a\n\n---\n\nb', [p(t('a')), { type: 'thematicBreak' }, p(t('b'))]],
    ['entities are decoded', '&copy; &#x3042; &amp;', [p(t('© あ &'))]],
    ['backslash escapes are text', '\\*not emphasis\\*', [p(t('*not emphasis*'))]],
    ['image becomes its alt text', 'see ![a chart](https://e.jp/c.png)', [p(t('see a chart'))]],
    ['image without alt disappears', '![](https://e.jp/c.png)', []],
    ['inline HTML is literal text', 'a <b>bold</b> c', [p(t('a <b>bold</b> c'))]],
    ['HTML block is literal text, line by line', '<div>\n<p>x</p>\n</div>', [p(t('<div>'), { type: 'break' }, t('<p>x</p>'), { type: 'break' }, t('</div>'))]],
    ['definitions alone render nothing', '[r]: https://example.com', []],
    ['tables are not a node: pipes stay text', '| a |\n| - |', [p(t('| a |'), { type: 'break' }, t('| - |'))]],
    ['Japanese text', '**重要**：応募は[こちら](https://example.jp/応募)', [
      p({ type: 'strong', children: [t('重要')] }, t('：応募は'), { type: 'link', href: 'https://example.jp/%E5%BF%9C%E5%8B%9F', children: [t('こちら')] }),
    ]],
    ['empty input', '', []],
  ];
  for (const [name, md, expected] of cases) {
    it(name, () => {
      const rt = parseMarkdown(md);
      assert.deepEqual(rt, { version: 1, nodes: expected });
      assert.ok(RichTextSchema.safeParse(rt).success, 'the tree matches the published schema');
    });
  }
});

describe('safeHref', () => {
  const cases: [string, string | undefined][] = [
    ['https://example.com', 'https://example.com/'],
    ['  http://example.com/a b  ', 'http://example.com/a%20b'],
    ['mailto:a@example.jp', 'mailto:a@example.jp'],
    ['MAILTO:a@example.jp', 'mailto:a@example.jp'],
    ['javascript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['\u0000javascript:alert(1)', undefined],
    ['https://exa\u200Bmple.com', undefined],
    ['http:example.com', undefined],
    ['https://', undefined],
    ['//example.com', undefined],
    ['/relative', undefined],
    ['data:text/html,x', undefined],
    ['ftp://example.com', undefined],
    ['http://[::1', undefined],
  ];
  for (const [raw, expected] of cases) {
    it(`${JSON.stringify(raw)} → ${expected ?? 'not a link'}`, () => assert.equal(safeHref(raw), expected));
  }
});

describe('the hostile battery on the server', () => {
  it(`has at least 60 payloads (${hostileMarkdown.length})`, () => assert.ok(hostileMarkdown.length >= 60));

  for (const payload of hostileMarkdown) {
    it(payload.name, () => {
      const rt = parseMarkdown(payload.md);
      assert.ok(RichTextSchema.safeParse(rt).success, 'matches the published schema');
      walk(rt.nodes as AnyNode[], (node) => {
        assert.ok(NODE_TYPES.has(node.type), `unexpected node type ${node.type}`);
        if (node.type === 'link') assert.match(new URL(node.href!).protocol, /^(https?|mailto):$/);
      });
      // The mail HTML holds only our own tags with our own attributes; the payload is escaped text.
      for (const [, tag, attrs] of toHtml(rt).matchAll(/<\/?([^\s>/]+)([^>]*)>/g)) {
        assert.match(tag!, /^(p|h[234]|em|strong|del|code|pre|blockquote|ul|ol|li|a|br|hr)$/, `tag <${tag}>`);
        assert.match(attrs!, /^(\s(href="(https?|mailto):[^"]*"|rel="[^"]*"|start="\d+"))*$/, `attributes of <${tag}>: ${attrs}`);
      }
      if (payload.shows) assert.ok(plainText(rt).includes(payload.shows), `shows ${payload.shows} in ${plainText(rt)}`);
    });
  }
});

describe('limits', () => {
  const fill = (unit: string, length: number) => unit.repeat(Math.floor(length / unit.length));

  it('accepts exactly the maximum length and refuses one more', () => {
    assert.equal(parseMarkdown('a'.repeat(MAX_MARKDOWN_LENGTH)).nodes.length, 1);
    assert.equal(refusal('a'.repeat(MAX_MARKDOWN_LENGTH + 1)).code, 'too_long');
  });

  it('validates length in the request schema too, so routes answer 422 first', () => {
    assert.ok(MarkdownInputSchema.safeParse('a'.repeat(MAX_MARKDOWN_LENGTH)).success);
    assert.ok(!MarkdownInputSchema.safeParse('a'.repeat(MAX_MARKDOWN_LENGTH + 1)).success);
  });

  const refused: [string, string, RegExp][] = [
    ['too many lines', fill('a\n', (MAX_LINES + 1) * 2), /lines/],
    ['too many list items', fill('- a\n', (MAX_CONTAINER_MARKS + 1) * 4), /list items/],
    ['too many quoted lines', fill('> a\n', (MAX_CONTAINER_MARKS + 1) * 4), /list items and quoted lines/],
    ['lists nested too deep on one line', `${'- '.repeat(MAX_LINE_NESTING + 1)}x`, /nested on one line/],
    ['20,000 > on one line', '>'.repeat(MAX_MARKDOWN_LENGTH), /nested on one line/],
    ['too many emphasis marks', `${'*_'.repeat(MAX_EMPHASIS_MARKS / 2)}x${'_*'.repeat(MAX_EMPHASIS_MARKS / 2)}`, /formatting marks/],
    ['long bracketed passages', `${'['.repeat(1000)}${' b'.repeat(9000)}${']'.repeat(1000)}`, /bracketed/],
    ['too many nodes', fill('`a` ', MAX_MARKDOWN_LENGTH), new RegExp(`more than ${MAX_NODES} parts`)],
  ];
  for (const [name, md, message] of refused) {
    it(`refuses ${name} with a clear error`, () => {
      assert.ok(md.length <= MAX_MARKDOWN_LENGTH);
      const err = refusal(md);
      assert.equal(err.code, 'too_complex');
      assert.match(err.message, message);
    });
  }

  it('accepts a long, list-heavy job description', () => {
    const section =
      '## 仕事内容\n\n製造業のお客様に向けた**法人営業**です。詳しくは [採用ページ](https://example.com/jobs/1) をご覧ください。\n\n' +
      '- 既存顧客への提案（*副業可*）\n- 新規開拓\n- 社内の技術チームとの連携\n- 見積もりと契約の管理\n\n> 出戻り歓迎。\n\n';
    const md = fill(section, MAX_MARKDOWN_LENGTH);
    assert.ok(parseMarkdown(md).nodes.length > 500);
  });

  const deep: [string, string, string][] = [
    ['nested lists across lines', Array.from({ length: 30 }, (_, i) => `${' '.repeat(i * 2)}- level${i}`).join('\n'), 'level29'],
    ['quotes nested on one line', `${'>'.repeat(MAX_LINE_NESTING)} deepest`, 'deepest'],
    ['nested emphasis', `${'*a _a '.repeat(250)}deepest${' a_ a*'.repeat(250)}`, 'deepest'],
    ['quotes holding lists holding links', `${'> - '.repeat(8)}[deepest](https://e.jp)`, 'deepest'],
  ];
  for (const [name, md, text] of deep) {
    it(`keeps ${name} within ${MAX_DEPTH} levels, as text, without losing words`, () => {
      const rt = parseMarkdown(md);
      assert.ok(treeDepth(rt) <= MAX_DEPTH, `depth ${treeDepth(rt)}`);
      assert.ok(treeDepth(rt) >= MAX_DEPTH - 3, 'nesting is kept as far as the limit allows');
      assert.ok(plainText(rt).includes(text));
      assert.ok(RichTextSchema.safeParse(rt).success);
    });
  }
});

describe('plainText', () => {
  const cases: [string, string, string][] = [
    ['paragraphs and headings', '# Title\n\nbody *em* **strong** ~~del~~ `code`', 'Title\n\nbody em strong del code'],
    ['line breaks', 'a\nb', 'a\nb'],
    ['lists', '- a\n- b\n\n3. c\n4. d', '- a\n- b\n\n3. c\n4. d'],
    ['nested list', '- a\n  - b', '- a\n  - b'],
    ['blockquote', '> a\n>\n> b', '> a\n> \n> b'],
    ['code block', '```\nx < 1\n```', 'x < 1'],
    ['thematic break', 'a\n\n***\n\nb', 'a\n\n---\n\nb'],
    ['link shows its URL', '[求人](https://example.jp/jobs)', '求人 (https://example.jp/jobs)'],
    ['autolink is not repeated', '<https://example.jp> www.example.jp a@example.jp', 'https://example.jp www.example.jp a@example.jp'],
    ['raw HTML is kept as written', '<b>x</b>', '<b>x</b>'],
  ];
  for (const [name, md, expected] of cases) it(name, () => assert.equal(plainText(parseMarkdown(md)), expected));
});

describe('toHtml (mail bodies only)', () => {
  it('renders each node with its own tag', () => {
    const html = toHtml(parseMarkdown('# T\n\na *b* **c** ~~d~~ `e`\nf\n\n> q\n\n3. x\n\n- y\n\n```\nz\n```\n\n---\n\n[l](https://e.jp)'));
    assert.equal(
      html,
      [
        '<h2>T</h2>',
        '<p>a <em>b</em> <strong>c</strong> <del>d</del> <code>e</code><br>f</p>',
        '<blockquote><p>q</p></blockquote>',
        '<ol start="3"><li><p>x</p></li></ol>',
        '<ul><li><p>y</p></li></ul>',
        '<pre><code>z</code></pre>',
        '<hr>',
        '<p><a href="https://e.jp/" rel="noopener noreferrer ugc">l</a></p>',
      ].join('\n'),
    );
  });

  it('escapes every value: text, code and attributes', () => {
    const rt: RichText = {
      version: 1,
      nodes: [
        { type: 'paragraph', children: [t(`<script>"'&`), { type: 'inlineCode', value: '</code><b>' }] },
        { type: 'code', value: '</pre><img src=x onerror=alert(1)>' },
        { type: 'paragraph', children: [{ type: 'link', href: 'https://e.jp/"><b>', children: [t('x')] }] },
      ],
    };
    assert.equal(
      toHtml(rt),
      '<p>&lt;script&gt;&quot;&#39;&amp;<code>&lt;/code&gt;&lt;b&gt;</code></p>\n' +
        '<pre><code>&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;</code></pre>\n' +
        '<p><a href="https://e.jp/%22%3E%3Cb%3E" rel="noopener noreferrer ugc">x</a></p>',
    );
  });

  it('checks hrefs again and skips unknown nodes in trees from storage', () => {
    const stored = {
      version: 1,
      nodes: [
        { type: 'paragraph', children: [{ type: 'link', href: 'javascript:alert(1)', children: [t('label')] }] },
        { type: 'html', value: '<img src=x onerror=alert(1)>' },
        { type: 'paragraph', children: [{ type: 'image', url: 'https://e.jp/x.png' }, t('after')] },
      ],
    } as unknown as RichText;
    assert.equal(toHtml(stored), '<p>label</p>\n\n<p>after</p>');
    assert.equal(plainText(stored), 'label\n\nafter');
  });
});

describe('publishing the tree in a route', () => {
  it('appears in the OpenAPI document as named, recursive components', () => {
    const app = new OpenAPIHono();
    const route = createRoute({
      method: 'get',
      path: '/jobs/{id}',
      responses: { 200: { description: 'A job', content: { 'application/json': { schema: z.object({ description: RichTextSchema }) } } } },
    });
    app.openapi(route, (c) => c.json({ description: parseMarkdown('**hi**') }, 200));
    const doc = app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const schemas = doc.components?.schemas ?? {};
    for (const name of ['RichText', 'RichTextBlock', 'RichTextInline', 'RichTextListItem']) assert.ok(schemas[name], name);
    assert.match(JSON.stringify(schemas.RichTextInline), /"pattern":"\^\(\[Hh\]/);
  });
});
