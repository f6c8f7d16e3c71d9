import { expect, fixture, html } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../widgets/job-board/define.js';
import type { AlumniJobBoard } from '../../widgets/job-board/job-board.js';
import { JobBoardHarness } from '../../widgets/job-board/harness.js';
import { hostileMarkdown } from '../helpers/hostile-markdown.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { createApi } from '../helpers/widget-test.js';
import { ACTIVE, activeContent, installHooks, isSafeUrl, provoke, settle, stopNavigation } from '../helpers/xss-detector.js';

/**
 * The hostile markdown battery (test/helpers/hostile-markdown.ts) as a company would type it into job
 * descriptions and requirements through the admin API, parsed by the real server and rendered by the
 * job board in Chromium: nothing runs when shown, hovered, focused or clicked, and the rendered rich
 * text holds only the known elements and attributes.
 */
describe('<alumni-job-board> with hostile markdown in descriptions and requirements', () => {
  let api: WidgetApi;
  /** Per job: its id, title, and the payloads in its description and requirements. */
  const made: { id: string; title: string; payloads: (typeof hostileMarkdown)[number][] }[] = [];
  const found: string[] = [];
  const shownText: string[] = [];

  before(async () => {
    installHooks();
    window.addEventListener('click', stopNavigation, true);
    api = await createApi();
    for (let i = 0; i < hostileMarkdown.length; i += 2) {
      const payloads = hostileMarkdown.slice(i, i + 2);
      const title = `XSS ${i / 2}`;
      const job = { title, employmentType: 'project', status: 'open', description: payloads[0]!.md, requirements: payloads[1]?.md ?? '' };
      const { id } = await executeServerCommand<{ id: string }, object>('homecoming-api', { cmd: 'jobs.create', name: api.name, job });
      made.push({ id, title, payloads });
    }
    const board = new JobBoardHarness(await fixture<AlumniJobBoard>(html`<alumni-job-board api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-job-board>`));
    await board.waitForCards();
    for (const job of made) {
      history.replaceState(null, '', `#alumni-job=${job.id}`);
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await board.waitForDetail(job.title);
      const texts = board.richTexts();
      for (const [n, payload] of job.payloads.entries()) {
        const rendered = texts[n];
        if (!rendered) continue;
        found.push(...activeContent(rendered).map((f) => `${payload.name}: ${f}`));
        shownText.push(rendered.textContent ?? '');
        provoke(rendered);
      }
      // Anywhere in the element, not only in the rich text: no active element, handler or script URL.
      for (const el of board.root.querySelectorAll('*')) {
        if (ACTIVE.includes(el.localName) && el.localName !== 'input') found.push(`${job.title}: <${el.localName}> in the board`);
        for (const { name, value } of el.attributes) {
          if (/^on/i.test(name)) found.push(`${job.title}: handler ${name}`);
          if (['href', 'src', 'action', 'formaction'].includes(name) && !value.startsWith('#') && !isSafeUrl(value)) found.push(`${job.title}: ${name}="${value}"`);
        }
      }
    }
    await settle();
  });
  after(() => {
    window.removeEventListener('click', stopNavigation, true);
    history.replaceState(null, '', location.pathname + location.search);
  });

  it(`renders all ${hostileMarkdown.length} payloads, shown as text where they should be`, () => {
    expect(made.flatMap((j) => j.payloads)).to.have.length(hostileMarkdown.length);
    const all = shownText.join('\n');
    for (const payload of hostileMarkdown) if (payload.shows) expect(all, payload.name).to.include(payload.shows);
  });

  it('runs nothing, on load or when hovered, focused or clicked', () => {
    expect(window.__xss).to.deep.equal([]);
  });

  it('puts nothing active in the DOM: only the rich-text module’s elements and attributes', () => {
    expect(found).to.deep.equal([]);
  });
});
