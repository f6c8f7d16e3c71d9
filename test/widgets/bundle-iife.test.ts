import { expect, fixture, html } from '@open-wc/testing';
import type { AlumniEventList } from '../../widgets/event-list/event-list.js';
import { EventListHarness } from '../../widgets/event-list/harness.js';
import type { AlumniSignIn } from '../../widgets/sign-in/sign-in.js';
import { SignInHarness } from '../../widgets/sign-in/harness.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { createApi, until } from '../helpers/widget-test.js';

function loadScript(src: string): Promise<void> {
  return new Promise((ok, fail) => {
    const script = Object.assign(document.createElement('script'), { src });
    script.addEventListener('load', () => ok());
    script.addEventListener('error', () => fail(new Error(`could not load ${src}`)));
    document.head.append(script);
  });
}

// The classic-script loader, for pages without modules (needs `npm run build`). It imports the same
// ES module chunks as the module loader, relative to its own <script> URL.
describe('the classic-script loader served by the API', () => {
  let api: WidgetApi;
  const errors: string[] = [];
  before(async () => {
    api = await createApi();
    window.addEventListener('error', (e) => errors.push(e.message));
  });

  it('loads twice without throwing or adding globals of its own', async () => {
    const before = new Set(Object.keys(window));
    await loadScript(`${api.url}/widgets/homecoming.iife.js`);
    await loadScript(`${api.url}/widgets/homecoming.iife.js?copy=2`);
    expect(errors).to.deep.equal([]);
    // Lit records its versions on window (litHtmlVersions, …) once an element loads; nothing else may appear.
    const added = Object.keys(window).filter((k) => !before.has(k) && !/^lit\w*Versions$|^reactiveElementVersions$/.test(k));
    expect(added).to.deep.equal([]);
  });

  it('loads an element put on the page, which finds the API at the origin of the <script>', async () => {
    const list = new EventListHarness(await fixture<AlumniEventList>(html`<alumni-event-list publishable-key=${api.publishableKey} lang="ja"></alumni-event-list>`));
    await until(() => customElements.get('alumni-event-list') !== undefined, 'the element is registered');
    await list.waitForCards(5, 'events from the script origin');
    expect(errors).to.deep.equal([]);
  });

  it('shares the page with the module loader: both together register each element once', async () => {
    await import(/* @vite-ignore */ `${api.url}/widgets/homecoming.js`);
    const si = new SignInHarness(await fixture<AlumniSignIn>(html`<alumni-sign-in publishable-key=${api.publishableKey} lang="en"></alumni-sign-in>`));
    await until(() => si.hasEmailStep(), 'the sign-in form');
    expect(customElements.get('alumni-sign-in')).to.equal(si.element.constructor);
    expect(errors).to.deep.equal([]);
    const chunks = performance.getEntriesByType('resource').filter((e) => /\/widgets\/sign-in-/.test(e.name));
    expect(chunks.length).to.equal(1);
  });
});
