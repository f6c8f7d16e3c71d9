import { expect, fixture, html } from '@open-wc/testing';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { $$, createApi, until } from '../helpers/widget-test.js';

// The built ESM bundle as a careers page loads it: from the API's origin (needs `npm run build`).
describe('ESM bundle served by the API', () => {
  let api: WidgetApi;
  const errors: string[] = [];
  before(async () => {
    api = await createApi();
    window.addEventListener('error', (e) => errors.push(e.message));
  });

  it('loads cross-origin, twice, without throwing', async () => {
    await import(/* @vite-ignore */ `${api.url}/widgets/homecoming.js`);
    // A second copy (another URL, so the browser evaluates it again) must not redefine the elements.
    await import(/* @vite-ignore */ `${api.url}/widgets/homecoming.js?copy=2`);
    expect(customElements.get('alumni-event-list')).not.to.equal(undefined);
    expect(errors).to.deep.equal([]);
  });

  it('talks to the origin it was loaded from when no api-url is given', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'homecoming:publishable-key', content: api.publishableKey });
    document.head.append(meta);
    try {
      const el = await fixture(html`<alumni-event-list lang="en"></alumni-event-list>`);
      await until(() => $$(el, '[part~="item-title"]').length === 5, 'events from the bundle origin');
      expect($$(el, '[part~="item-title"]')[0]!.textContent!.trim()).to.equal('Winter Alumni Meetup');
    } finally {
      meta.remove();
    }
  });
});
