/**
 * The hostile-markdown battery (test/helpers/hostile-markdown.ts) written as posts and as comments
 * through the real API, read in <alumni-post-feed> in Chromium: nothing runs when the feed shows them or
 * when a reader hovers, focuses or clicks them, and the formatted text holds only the known elements
 * and attributes (the detector is shown to catch unsafe renderings in rich-text.test.ts, and below).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/post-feed/define.js';
import { PostFeedHarness } from '../../widgets/post-feed/harness.js';
import type { AlumniPostFeed } from '../../widgets/post-feed/post-feed.js';
import { hostileMarkdown } from '../helpers/hostile-markdown.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { feed } from '../helpers/widget-feed-test.js';
import { signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { createApi } from '../helpers/widget-test.js';
import { activeContent, installHooks, provoke, settle, stopNavigation } from '../helpers/xss-detector.js';

/** Handlers and script URLs anywhere in the element (titles, links, images, forms included), relative links resolved. */
function handlersAndUrls(root: ShadowRoot): string[] {
  const found: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name)) found.push(`handler ${name} on <${el.localName}>`);
      if (['href', 'src', 'action', 'formaction', 'srcset', 'data'].includes(name) && !/^(https?|mailto):$/.test(new URL(value, location.href).protocol)) {
        found.push(`${name}="${value}" on <${el.localName}>`);
      }
    }
  }
  return found;
}

describe(`<alumni-post-feed> and the hostile markdown battery (${hostileMarkdown.length} payloads) in posts and comments`, () => {
  let api: WidgetApi;
  let f: PostFeedHarness;
  let commentPost: string;

  before(async function (this: { timeout(ms: number): void }) {
    // Every payload as a post and as a comment, rendered: the heaviest set-up of the widget suite.
    this.timeout(120_000);
    window.addEventListener('click', stopNavigation, true);
    installHooks();
    api = await createApi();
    ({ commentPost } = await feed<{ commentPost: string }>(api, 'hostile', { markdown: hostileMarkdown.map((p) => p.md) }));
    await signInAs(api, { person: '検査 太郎' });
    const el = await fixture<AlumniPostFeed>(html`<alumni-post-feed api-url=${api.url} publishable-key=${api.publishableKey} lang="ja" page-size="100"></alumni-post-feed>`);
    f = new PostFeedHarness(el);
    await f.waitForList();
    await f.until(() => f.hasLoadMore(), 'a second page');
    f.loadMore();
    await f.until(() => f.cards().length === hostileMarkdown.length + 1, 'every post');
    const card = f.cards().find((c) => c.dataset.id === commentPost)!;
    await f.openComments(card);
    const moreButton = () => [...card.querySelectorAll<HTMLButtonElement>('[part~="comments"] > .button')].find((b) => /さらに/.test(b.textContent ?? ''));
    for (let i = 0; i < 5 && f.comments(card).length < hostileMarkdown.length; i++) {
      // The button comes with the page of comments before it; click it only once it is there.
      await f.until(() => moreButton() !== undefined, 'the more-comments button');
      const shown = f.comments(card).length;
      moreButton()!.click();
      await f.until(() => f.comments(card).length > shown, 'more comments');
    }
    for (const text of f.$$('[part~="rich-text"], [part~="post"] h3')) provoke(text);
    await settle();
  });
  after(() => {
    window.removeEventListener('click', stopNavigation, true);
    signOutLocally(api);
  });

  it('shows every payload, as a post and as a comment', () => {
    expect(f.cards()).to.have.length(hostileMarkdown.length + 1);
    expect(f.comments(f.cards().find((c) => c.dataset.id === commentPost)!)).to.have.length(hostileMarkdown.length);
  });

  it('runs nothing, on load or when hovered, focused or clicked', () => {
    expect(window.__xss).to.deep.equal([]);
  });

  it('renders only known elements and attributes in every post’s and comment’s text', () => {
    const texts = f.$$('[part~="rich-text"]');
    expect(texts.length).to.be.at.least(2 * hostileMarkdown.length);
    const found = texts.flatMap((t) => activeContent(t));
    expect(found).to.deep.equal([]);
    expect(handlersAndUrls(f.root)).to.deep.equal([]);
  });

  it('shows what must still be read, as text', () => {
    for (const [i, payload] of hostileMarkdown.entries()) {
      if (!payload.shows) continue;
      const card = f.cards().find((c) => f.text(c.querySelector('h3')!) === `hostile ${i}`)!;
      expect(f.bodyOf(card).textContent, payload.name).to.include(payload.shows);
    }
  });

  it('(the check itself) would notice an active element or a handler in a post', () => {
    const text = f.bodyOf(f.cards()[0]!);
    const probe = document.createElement('img');
    probe.setAttribute('onerror', 'void 0');
    text.append(probe);
    try {
      expect(activeContent(text)).to.include.members(['active element <img>', 'handler onerror on <img>']);
      expect(handlersAndUrls(f.root)).to.deep.equal(['handler onerror on <img>']);
    } finally {
      probe.remove();
    }
  });
});
