import { expect, fixture, html } from '@open-wc/testing';
import { ApiClient, HomecomingError } from '../../widgets/core/index.js';
import '../../widgets/event-list/define.js';
import type { AlumniEventList } from '../../widgets/event-list/event-list.js';
import { EventListHarness } from '../../widgets/event-list/harness.js';
import '../../widgets/sign-in/define.js';
import { SignInHarness } from '../../widgets/sign-in/harness.js';
import type { AlumniSignIn } from '../../widgets/sign-in/sign-in.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { members } from '../helpers/widget-member-test.js';
import { createApi, startApi, stopApi } from '../helpers/widget-test.js';

/**
 * A page on an origin the tenant has not allowed. The API refuses with a 403 problem that page may read
 * (and nothing else), so the widgets tell it from a network failure, say so to the person, and tell the
 * site's developer in the console how to allow the origin.
 */
describe('a page on an origin the tenant has not allowed', () => {
  let api: WidgetApi;
  const warnings: string[] = [];
  const warn = console.warn;
  before(async () => {
    api = await createApi();
    await members(api, 'tenant', { allowedOrigins: ['https://careers.elsewhere.example'] });
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
    };
  });
  after(() => {
    console.warn = warn;
  });

  it('the browser lets the page read the API’s refusal, and it holds no data', async () => {
    const res = await fetch(`${api.url}/v1/events`, { headers: { authorization: `Bearer ${api.publishableKey}` } });
    expect(res.status).to.equal(403);
    const body = await res.json();
    expect(body.code).to.equal('origin_not_allowed');
    expect(body.data).to.equal(undefined);
  });

  it('the client reports origin_not_allowed rather than a network failure, and the console says how to fix it', async () => {
    warnings.length = 0;
    const client = new ApiClient({ apiUrl: api.url, publishableKey: api.publishableKey });
    const error = (await client.get('/v1/events').catch((e: unknown) => e)) as HomecomingError;
    expect(error).to.be.instanceOf(HomecomingError);
    expect(error.code).to.equal('origin_not_allowed');
    expect(error.isNetwork).to.equal(false);
    expect(error.localized('ja')).to.contain('このページからの利用が許可されていません');
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.match(/^\[homecoming\] /);
    expect(warnings[0]).to.contain(`npm run homecoming -- origins add --tenant ten_… ${location.origin}`);
    // Once per key and page, not once per call.
    await client.get('/v1/events').catch(() => undefined);
    expect(warnings).to.have.length(1);
  });

  it('an element shows the refusal as its error state, in the page’s language', async () => {
    const list = new EventListHarness(
      await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey} lang="en"></alumni-event-list>`),
    );
    await list.until(() => list.hasError(), 'the error state');
    expect(list.errorMessage()).to.equal('This page is not allowed to use the alumni network. Please tell the site’s administrator.');
    await expect(list.element).to.be.accessible();

    const si = new SignInHarness(
      await fixture<AlumniSignIn>(html`<alumni-sign-in api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-sign-in>`),
    );
    await si.typeAndSubmit('someone@example.jp');
    await si.until(() => si.alert().length > 0, 'the refusal');
    expect(si.alert()).to.contain('このページからの利用が許可されていません');
    expect(si.hasCodeStep()).to.equal(false);
  });

  it('a server that is down is still “cannot reach the server”', async () => {
    const down = await createApi();
    await stopApi(down);
    try {
      const client = new ApiClient({ apiUrl: down.url, publishableKey: down.publishableKey });
      const error = (await client.get('/v1/events').catch((e: unknown) => e)) as HomecomingError;
      expect(error.code).to.equal('network');
    } finally {
      await startApi(down);
    }
  });
});
