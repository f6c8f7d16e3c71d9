import { expect, fixture, html } from '@open-wc/testing';
import type { AlumniEventList } from '../../widgets/event-list/event-list.js';
import { EventListHarness } from '../../widgets/event-list/harness.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { createApi, until } from '../helpers/widget-test.js';

/** Widget files this page fetched from the API, by name without the content hash (`event-list`, `shared`, …). */
function fetchedChunks(api: WidgetApi): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((url) => url.startsWith(`${api.url}/widgets/`) && !/\/homecoming\.(iife\.)?js/.test(url))
    .map((url) => new URL(url).pathname.replace('/widgets/', '').replace(/-[\w-]{8}\.js$/, ''))
    .sort();
}

// The built loader as a careers page loads it: from the API's origin (needs `npm run build`).
describe('the loader (ES module) served by the API', () => {
  let api: WidgetApi;
  const errors: string[] = [];
  before(async () => {
    api = await createApi();
    window.addEventListener('error', (e) => errors.push(e.message));
  });

  it('loads cross-origin, twice, and fetches no element code while no Homecoming element is on the page', async () => {
    await import(/* @vite-ignore */ `${api.url}/widgets/homecoming.js`);
    // A second copy (another URL, so the browser evaluates it again) must not redefine the elements.
    await import(/* @vite-ignore */ `${api.url}/widgets/homecoming.js?copy=2`);
    await new Promise((ok) => setTimeout(ok, 100));
    expect(customElements.get('alumni-event-list')).to.equal(undefined);
    expect(fetchedChunks(api)).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('loads an element added later, only its own code, and it talks to the origin the loader came from', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'homecoming:publishable-key', content: api.publishableKey });
    document.head.append(meta);
    try {
      const list = new EventListHarness(await fixture<AlumniEventList>(html`<alumni-event-list lang="en"></alumni-event-list>`));
      await until(() => customElements.get('alumni-event-list') !== undefined, 'the element is registered');
      await list.waitForCards(5, 'events from the bundle origin');
      expect(list.titles()[0]).to.equal('Winter Alumni Meetup');
      expect(fetchedChunks(api)).to.deep.equal(['event-list', 'shared']);
      expect(customElements.get('alumni-sign-in')).to.equal(undefined);
      expect(errors).to.deep.equal([]);
    } finally {
      meta.remove();
    }
  });
});
