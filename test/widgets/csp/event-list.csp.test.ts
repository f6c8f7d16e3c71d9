import { expect, fixture, html } from '@open-wc/testing';
import '../../../widgets/event-list/define.js';
import type { AlumniEventList } from '../../../widgets/event-list/event-list.js';
import { EventListHarness } from '../../../widgets/event-list/harness.js';
import type { WidgetApi } from '../../helpers/widget-fixtures.js';
import { createApi } from '../../helpers/widget-test.js';

// This page carries a strict Content-Security-Policy (see the `csp` group in
// web-test-runner.config.mjs): no inline styles, no eval. The widget must work and cause no violation.
describe('<alumni-event-list> under a strict CSP', () => {
  let api: WidgetApi;
  const violations: string[] = [];
  before(async () => {
    api = await createApi();
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  it('renders and opens an event without any violation', async () => {
    const list = new EventListHarness(await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey}></alumni-event-list>`));
    await list.waitForCards(5, 'events');
    // Styles really applied (constructable stylesheets, allowed by style-src 'self').
    expect(getComputedStyle(list.cards()[0]!).borderTopStyle).to.equal('solid');
    list.open();
    await list.waitForDetail();
    expect(violations).to.deep.equal([]);
  });

  // Last: the eval probe itself reports a violation.
  it('the policy is in force', () => {
    const policy = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
    expect(policy).to.contain("style-src 'self'");
    expect(policy).not.to.contain('unsafe-inline');
    expect(policy).not.to.contain('unsafe-eval');
    expect(() => new Function('return 1')).to.throw();
  });
});
