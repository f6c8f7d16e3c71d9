import { expect, fixture, html } from '@open-wc/testing';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { $$, createApi, until } from '../helpers/widget-test.js';

function loadScript(src: string): Promise<void> {
  return new Promise((ok, fail) => {
    const script = Object.assign(document.createElement('script'), { src });
    script.addEventListener('load', () => ok());
    script.addEventListener('error', () => fail(new Error(`could not load ${src}`)));
    document.head.append(script);
  });
}

// The classic-script build, for pages without modules (needs `npm run build`).
describe('IIFE bundle served by the API', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
  });

  it('loads twice without throwing or adding globals of its own', async () => {
    const errors: string[] = [];
    window.addEventListener('error', (e) => errors.push(e.message));
    const before = new Set(Object.keys(window));
    await loadScript(`${api.url}/widgets/homecoming.iife.js`);
    await loadScript(`${api.url}/widgets/homecoming.iife.js?copy=2`);
    expect(customElements.get('alumni-event-list')).not.to.equal(undefined);
    expect(errors).to.deep.equal([]);
    // Lit records its versions on window (litHtmlVersions, …); nothing else may appear.
    const added = Object.keys(window).filter((k) => !before.has(k) && !/^lit\w*Versions$|^reactiveElementVersions$/.test(k));
    expect(added).to.deep.equal([]);
  });

  it('finds the API at the origin of its <script> (document.currentScript)', async () => {
    const el = await fixture(html`<alumni-event-list publishable-key=${api.publishableKey} lang="ja"></alumni-event-list>`);
    await until(() => $$(el, '[part~="item-title"]').length === 5, 'events from the script origin');
  });
});
