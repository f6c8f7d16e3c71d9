import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../../widgets/job-board/define.js';
import type { AlumniJobBoard } from '../../../widgets/job-board/job-board.js';
import { JobBoardHarness } from '../../../widgets/job-board/harness.js';
import type { WidgetApi } from '../../helpers/widget-fixtures.js';
import { signInAs, signOutLocally } from '../../helpers/widget-member-test.js';
import { createApi } from '../../helpers/widget-test.js';

// This page carries a strict Content-Security-Policy (the `csp` group in web-test-runner.config.mjs):
// no inline styles, no eval. The board, its lazily loaded dialog and "your responses" cause no violation.
describe('<alumni-job-board> under a strict CSP', () => {
  let api: WidgetApi;
  const violations: string[] = [];
  before(async () => {
    api = await createApi();
    await executeServerCommand('homecoming-api', { cmd: 'jobs.seed', name: api.name });
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  after(() => {
    signOutLocally(api);
    history.replaceState(null, '', location.pathname);
  });

  it('lists, opens a job, opens the interest dialog and your responses without any violation', async () => {
    await signInAs(api);
    const board = new JobBoardHarness(await fixture<AlumniJobBoard>(html`<alumni-job-board api-url=${api.url} publishable-key=${api.publishableKey}></alumni-job-board>`));
    await board.waitForCards();
    expect(getComputedStyle(board.cards()[0]!).borderTopStyle).to.equal('solid');
    board.open();
    await board.waitForDetail();
    await board.respond('interest');
    // The dialog's styles apply too (its own chunk brings none: they are the element's).
    expect(getComputedStyle(board.dialog!).borderTopStyle).to.equal('solid');
    board.closeDialog();
    await board.openMine();
    expect(violations).to.deep.equal([]);
  });
});
