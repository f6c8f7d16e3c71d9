import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { LitElement } from 'lit';
import { renderRichText, richTextStyles, type RichText, type RichTextNode } from '../../widgets/core/rich-text.js';
import { hostileMarkdown } from '../helpers/hostile-markdown.js';
import { activeContent, installHooks, provoke, settle, stopNavigation } from '../helpers/xss-detector.js';

/** Markdown → trees by the real server module, in Node (test/helpers/widget-rich-text.ts). */
async function parse(markdown: string[]): Promise<RichText[]> {
  const trees = await executeServerCommand<(RichText | { refused: string })[], object>('homecoming-api', { cmd: 'rich-text.parse', markdown });
  return trees.map((tree, i) => {
    if ('refused' in tree) throw new Error(`the parser refused ${JSON.stringify(markdown[i])}: ${tree.refused}`);
    return tree;
  });
}

const parseOne = async (md: string) => (await parse([md]))[0]!;

/** A minimal element rendering one tree, as the job board and the feed will. */
class RichTextProbe extends LitElement {
  static override styles = [richTextStyles];
  static override properties = { rt: { attribute: false } };
  declare rt?: RichText;
  override render() {
    return renderRichText(this.rt);
  }
}
const probeTag = `test-rich-text-${Math.random().toString(36).slice(2, 8)}`;
customElements.define(probeTag, RichTextProbe);

async function mount(rt: RichText, parent: Element = document.body): Promise<RichTextProbe> {
  const el = document.createElement(probeTag) as RichTextProbe;
  el.rt = rt;
  parent.append(el);
  await el.updateComplete;
  return el;
}

describe('renderRichText', () => {
  before(() => window.addEventListener('click', stopNavigation, true));
  after(() => window.removeEventListener('click', stopNavigation, true));

  describe('the detector (so the battery below can fail)', () => {
    let host: HTMLElement;
    beforeEach(() => {
      installHooks();
      host = document.createElement('div');
      document.body.append(host);
    });
    afterEach(() => host.remove());

    it('finds handlers, script URLs and active elements in an unsafe rendering', () => {
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = '<p onclick="void 0">a</p><a href="javascript:void 0">b</a><svg></svg><style></style><iframe></iframe>';
      expect(activeContent(root)).to.deep.equal([
        'handler onclick on <p>',
        'href="javascript:void 0" on <a>',
        'active element <svg>',
        'active element <style>',
        'active element <iframe>',
      ]);
    });

    it('sees payloads run when they are rendered unsafely: on load, hover, focus and click', async () => {
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML =
        `<img src="x" onerror="__xss.push('load')">` +
        `<div onmouseover="__xss.push('hover')">x</div>` +
        `<input onfocus="__xss.push('focus')">` +
        `<p onclick="__xss.push('click')">y</p>` +
        `<a href="javascript:void 0">z</a>` +
        `<form action="https://example.com/"><button>go</button></form>`;
      provoke(root);
      await settle();
      // Each once at least: focus and click reach some elements more than one way.
      expect([...new Set(window.__xss)]).to.have.members([
        'load',
        'hover',
        'focus',
        'click',
        'navigation to javascript:void 0',
        'navigation to https://example.com/',
      ]);
    });
  });

  describe(`the hostile markdown battery (${hostileMarkdown.length} payloads), parsed by the server module in Node`, () => {
    const rendered = new Map<string, RichTextProbe>();
    let container: HTMLElement;
    before(async () => {
      installHooks();
      container = document.createElement('div');
      document.body.append(container);
      const trees = await parse(hostileMarkdown.map((p) => p.md));
      for (const [i, payload] of hostileMarkdown.entries()) rendered.set(payload.name, await mount(trees[i]!, container));
      for (const el of rendered.values()) provoke(el.shadowRoot!);
      await settle();
    });
    after(() => container.remove());

    it('runs nothing, on load or when hovered, focused or clicked', () => {
      expect(hostileMarkdown.length).to.be.at.least(60);
      expect(window.__xss).to.deep.equal([]);
    });

    for (const payload of hostileMarkdown) {
      it(`renders nothing active: ${payload.name}`, () => {
        const el = rendered.get(payload.name)!;
        expect(activeContent(el.shadowRoot!)).to.deep.equal([]);
        if (payload.shows) expect(el.shadowRoot!.textContent).to.include(payload.shows);
      });
    }
  });

  describe('each node type', () => {
    let el: RichTextProbe;
    afterEach(() => el?.remove());

    it('maps every node to its element', async () => {
      el = await mount(
        await parseOne(
          '# Title\n\n## Sub\n\n### Small\n\npara *em* **strong** ~~del~~ `code`\nnext line\n\n> quote\n\n3. three\n4. four\n\n- a\n  - b\n\n```ts\nconst x = 1;\n```\n\n---\n\n[link](https://example.jp/jobs) <mailto:a@example.jp>',
        ),
      );
      const root = el.shadowRoot!;
      const q = (s: string) => root.querySelector(s);
      expect(q('.rich-text')!.getAttribute('part')).to.equal('rich-text');
      expect(q('h2')!.textContent).to.equal('Title');
      expect(q('h3')!.textContent).to.equal('Sub');
      expect(q('h4')!.textContent).to.equal('Small');
      expect(q('p em')!.textContent).to.equal('em');
      expect(q('p strong')!.textContent).to.equal('strong');
      expect(q('p del')!.textContent).to.equal('del');
      expect(q('p code')!.textContent).to.equal('code');
      expect(root.querySelectorAll('p br').length).to.equal(1);
      expect(q('blockquote p')!.textContent).to.equal('quote');
      expect(q('ol')!.getAttribute('start')).to.equal('3');
      expect([...root.querySelectorAll('ol > li')].map((li) => li.textContent)).to.deep.equal(['three', 'four']);
      expect(q('ul > li > ul > li')!.textContent).to.equal('b');
      expect(q('pre code')!.textContent).to.equal('const x = 1;');
      expect(q('pre code')!.getAttribute('data-lang')).to.equal('ts');
      expect(root.querySelectorAll('hr').length).to.equal(1);
      const links = [...root.querySelectorAll('a')];
      expect(links.map((a) => a.getAttribute('href'))).to.deep.equal(['https://example.jp/jobs', 'mailto:a@example.jp']);
      for (const a of links) {
        expect(a.getAttribute('rel')).to.equal('noopener noreferrer ugc');
        expect(a.getAttribute('target')).to.equal('_blank');
      }
      expect(activeContent(root)).to.deep.equal([]);
    });

    it('styles itself from --alumni-* properties', async () => {
      const wrapper = document.createElement('div');
      wrapper.style.setProperty('--alumni-color-accent', 'rgb(1, 2, 3)');
      document.body.append(wrapper);
      try {
        el = await mount(await parseOne('[x](https://example.jp)'), wrapper);
        expect(getComputedStyle(el.shadowRoot!.querySelector('a')!).color).to.equal('rgb(1, 2, 3)');
      } finally {
        wrapper.remove();
      }
    });
  });

  describe('trees that did not come from the parser (defence in depth)', () => {
    let el: RichTextProbe;
    afterEach(() => el?.remove());
    const tree = (...nodes: unknown[]) => ({ version: 1, nodes }) as RichText;
    const para = (...children: RichTextNode[]): RichTextNode => ({ type: 'paragraph', children });

    it('shows a link with a script, data or relative URL as its label only', async () => {
      installHooks();
      el = await mount(
        tree(
          para(
            { type: 'link', href: 'javascript:__xss.push("tree")', children: [{ type: 'text', value: 'one' }] },
            { type: 'link', href: ' JaVaScRiPt:__xss.push("tree")', children: [{ type: 'text', value: 'two' }] },
            { type: 'link', href: 'data:text/html,<script>__xss.push("tree")</script>', children: [{ type: 'text', value: 'three' }] },
            { type: 'link', href: '/relative', children: [{ type: 'text', value: 'four' }] },
            { type: 'link', children: [{ type: 'text', value: 'five' }] },
          ),
        ),
      );
      provoke(el.shadowRoot!);
      await settle();
      expect(el.shadowRoot!.querySelectorAll('a').length).to.equal(0);
      expect(el.shadowRoot!.textContent).to.include('onetwothreefourfive');
      expect(window.__xss).to.deep.equal([]);
    });

    it('skips unknown node types and shows text values as text', async () => {
      el = await mount(
        tree(
          { type: 'html', value: '<img src=x onerror=alert(1)>' },
          { type: 'image', url: 'https://example.jp/x.png', alt: 'x' },
          para({ type: 'text', value: '<b>not bold</b>' }, { type: 'future', children: [{ type: 'text', value: 'hidden' }] }),
          { type: 'heading', level: 1, children: [{ type: 'text', value: 'clamped' }] },
          { type: 'list', ordered: true, start: '1" onmouseover="alert(1)', children: [] },
          { type: 'paragraph', children: 'not a list' },
          null,
        ),
      );
      const root = el.shadowRoot!;
      expect(root.querySelectorAll('b').length).to.equal(0);
      expect(root.textContent).to.include('<b>not bold</b>');
      expect(root.textContent).not.to.include('hidden');
      expect(root.querySelector('h4')!.textContent).to.equal('clamped');
      expect(root.querySelector('ol')!.getAttribute('start')).to.equal('1" onmouseover="alert(1)');
      expect(activeContent(root)).to.deep.equal([]);
    });

    it('renders nothing for a missing tree and cuts off absurd nesting', async () => {
      el = await mount(undefined as unknown as RichText);
      expect(el.shadowRoot!.querySelector('.rich-text')!.childElementCount).to.equal(0);
      el.remove();
      let deep: RichTextNode = { type: 'text', value: 'bottom' };
      for (let i = 0; i < 5000; i++) deep = { type: 'emphasis', children: [deep] };
      el = await mount(tree(para(deep)));
      expect(el.shadowRoot!.querySelectorAll('em').length).to.be.below(30);
    });
  });
});
