import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/event-list/define.js';
import type { AlumniEventList } from '../../widgets/event-list/event-list.js';
import { EventListHarness } from '../../widgets/event-list/harness.js';
import { fixture as fx, type WidgetApi } from '../helpers/widget-fixtures.js';
import { createApi, deepActiveElement, startApi, stopApi } from '../helpers/widget-test.js';

const upcomingJa = ['winter', 'ai', 'tour', 'family', 'valley'].map((k) => fx(k).title);

describe('<alumni-event-list>', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
  });

  async function render(attrs: { lang?: string; pageSize?: number } = {}) {
    const el = await fixture<AlumniEventList>(
      html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey} lang=${attrs.lang ?? 'ja'} page-size=${attrs.pageSize ?? 10}></alumni-event-list>`,
    );
    const list = new EventListHarness(el);
    await list.waitForCards();
    return list;
  }

  it('lists the upcoming published events from the API, soonest first, with fee and capacity', async () => {
    const list = await render();
    expect(list.titles()).to.deep.equal(upcomingJa);
    const text = list.text();
    expect(text).not.to.contain(fx('draft').title);
    expect(text).not.to.contain(fx('summer').title);
    const winter = list.text(list.cards()[0]);
    expect(winter).to.match(/[¥￥]1,000/);
    expect(winter).to.contain('40名');
    expect(winter).to.contain(fx('winter').venueName!);
    const ai = list.text(list.cards()[1]);
    expect(ai).to.contain('無料');
    expect(ai).to.contain('定員なし');
    expect(ai).to.contain('オンライン');
  });

  it('switches to past events with the tabs, by mouse and by arrow keys', async () => {
    const list = await render();
    const [upcoming, past] = [list.tab('upcoming'), list.tab('past')];
    expect(upcoming.getAttribute('aria-selected')).to.equal('true');
    past.click();
    await list.until(() => list.titles()[0] === fx('summer').title, 'past events appear');
    expect(list.titles()).to.deep.equal([fx('summer').title, fx('webinar').title]);
    expect(past.getAttribute('aria-selected')).to.equal('true');
    expect(list.tabPanel.getAttribute('aria-labelledby')).to.equal(past.id);

    past.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await list.until(() => list.titles()[0] === fx('winter').title, 'upcoming events come back');
    expect(deepActiveElement()).to.equal(upcoming);
    expect(upcoming.getAttribute('tabindex')).to.equal('0');
    expect(past.getAttribute('tabindex')).to.equal('-1');
  });

  it('filters by category', async () => {
    const list = await render();
    list.chooseCategory('office_tour');
    await list.waitForCards(1, 'only the office tour is left');
    expect(list.titles()).to.deep.equal([fx('tour').title]);
    list.chooseCategory('webinar');
    await list.until(() => list.text().includes('条件に合うイベントはありません'), 'empty state for a filter with no match');
    expect(list.isEmpty()).to.equal(true);
  });

  it('searches by keyword as the person types', async () => {
    const list = await render();
    await list.search('AI');
    await list.waitForCards(1, 'only the AI study session is left');
    expect(list.titles()).to.deep.equal([fx('ai').title]);
  });

  it('speaks English with lang="en", using the events’ English translations', async () => {
    const list = await render({ lang: 'en' });
    expect(list.titles()[0]).to.equal('Winter Alumni Meetup');
    expect(list.titles()[1]).to.equal('Generative AI study session');
    const text = list.text();
    expect(text).to.contain('Upcoming');
    expect(text).to.contain('Free');
    expect(text).to.contain('No limit');
    expect(text).to.contain('Capacity: 40');
  });

  it('follows the language of the page when it changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ja"><alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey}></alumni-event-list></div>`,
    );
    const list = new EventListHarness(wrapper.querySelector('alumni-event-list')!);
    await list.until(() => list.titles()[0] === fx('winter').title, 'Japanese first');
    wrapper.lang = 'en';
    await list.until(() => list.titles()[0] === 'Winter Alumni Meetup', 'English after the page switched');
    expect(list.text()).to.contain('Past');
  });

  it('opens an event’s detail, moves focus to it, and goes back to the same card', async () => {
    const list = await render();
    setTimeout(() => list.open());
    const opened = await oneEvent(list.element, 'alumni-event-open');
    expect(opened.detail.eventId).to.be.a('string');
    expect(opened.bubbles && opened.composed).to.equal(true);
    await list.waitForDetail();
    const heading = list.detailHeading;
    expect(heading.textContent).to.equal(fx('winter').title);
    await list.until(() => deepActiveElement() === heading, 'focus on the detail heading');
    const text = list.text(list.detail);
    expect(text).to.contain(fx('winter').notes!);
    expect(text).to.contain(fx('winter').description);
    expect(text).to.contain('40名');
    expect(text).not.to.contain('現地時間');

    list.back();
    await list.waitForCards(undefined, 'back to the list');
    await list.until(() => deepActiveElement()?.textContent?.trim() === fx('winter').title, 'focus back on the card');
  });

  it('shows times in the viewer’s zone and adds the event’s own zone when it differs', async () => {
    const list = await render();
    list.open(fx('valley').title);
    await list.until(() => list.text().includes('現地時間'), 'the event zone line shows');
    const when = list.detailWhen();
    // 2099-07-01T01:00Z is 10:00 on 1 July in Tokyo (the test browser's zone) and 18:00 on 30 June in Los Angeles.
    expect(when).to.match(/2099年7月1日\(水\) 10:00～12:00/);
    expect(when).to.contain('America/Los_Angeles');
    expect(when).to.match(/2099年6月30日\(火\) 18:00～20:00/);
  });

  it('loads more with the next cursor and puts focus on the first new event', async () => {
    const list = await render({ pageSize: 2 });
    expect(list.titles()).to.deep.equal(upcomingJa.slice(0, 2));
    list.loadMore();
    await list.waitForCards(4, 'a second page');
    expect(list.titles()).to.deep.equal(upcomingJa.slice(0, 4));
    await list.until(() => deepActiveElement()?.textContent?.trim() === upcomingJa[2], 'focus on the first new event');
    list.loadMore();
    await list.waitForCards(5, 'the last page');
    expect(list.titles()).to.deep.equal(upcomingJa);
    expect(list.hasLoadMore()).to.equal(false);
  });

  it('shows the error state with retry while the API is down, and recovers on retry', async () => {
    const down = await createApi();
    await stopApi(down);
    const el = await fixture<AlumniEventList>(html`<alumni-event-list api-url=${down.url} publishable-key=${down.publishableKey} lang="ja"></alumni-event-list>`);
    const list = new EventListHarness(el);
    await list.until(() => list.hasError(), 'the error state');
    expect(list.errorState.getAttribute('role')).to.equal('alert');
    expect(list.text(list.errorState)).to.contain('サーバーに接続できません');
    await expect(el).to.be.accessible();

    await startApi(down);
    list.retry();
    await list.waitForCards(5, 'events after retry');
    expect(list.hasError()).to.equal(false);
  });

  it('explains a bad publishable key in the person’s language', async () => {
    const el = await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key="pk_not_a_real_key" lang="en"></alumni-event-list>`);
    const list = new EventListHarness(el);
    await list.until(() => list.hasError(), 'the error state');
    expect(list.errorMessage()).to.contain('This API key is not valid.');
  });

  it('takes the key and API URL from the page’s <meta> defaults', async () => {
    const metas = [
      ['homecoming:publishable-key', api.publishableKey],
      ['homecoming:api-url', api.url],
    ].map(([name, content]) => Object.assign(document.createElement('meta'), { name, content }));
    document.head.append(...metas);
    try {
      const list = new EventListHarness(await fixture<AlumniEventList>(html`<alumni-event-list></alumni-event-list>`));
      await list.waitForCards(5, 'events with only the page defaults');
    } finally {
      metas.forEach((m) => m.remove());
    }
  });

  it('is accessible in the list and in the detail view', async () => {
    const list = await render();
    await expect(list.element).to.be.accessible();
    list.open();
    await list.waitForDetail();
    await expect(list.element).to.be.accessible();
  });

  it('is accessible while the first page loads (skeleton cards and a status line)', async () => {
    const el = await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-event-list>`);
    const list = new EventListHarness(el);
    expect(list.has('.skeleton')).to.equal(true);
    expect(list.status()).to.equal('読み込み中…');
    await expect(el).to.be.accessible();
    await list.waitForCards();
    expect(list.has('.skeleton')).to.equal(false);
  });

  it('is themable through --alumni-* properties and ::part from the host page', async () => {
    const style = Object.assign(document.createElement('style'), {
      textContent: '.themed { --alumni-color-accent: rgb(1, 2, 3); } .themed::part(item) { border-color: rgb(4, 5, 6); }',
    });
    document.head.append(style);
    try {
      const list = await render();
      list.element.classList.add('themed');
      await list.until(() => getComputedStyle(list.selectedTab()).borderBottomColor === 'rgb(1, 2, 3)', 'accent token applied');
      expect(getComputedStyle(list.cards()[0]!).borderTopColor).to.equal('rgb(4, 5, 6)');
    } finally {
      style.remove();
    }
  });

  it('fits a phone-width screen without horizontal scrolling', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const list = await render();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const node of [...list.cards(), list.filters, list.tabList]) {
        expect(node.getBoundingClientRect().right).to.be.at.most(360);
      }
      list.open();
      await list.waitForDetail();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
