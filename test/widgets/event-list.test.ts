import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../widgets/event-list/event-list.js';
import type { AlumniEventList } from '../../widgets/event-list/event-list.js';
import { fixture as fx, type WidgetApi } from '../helpers/widget-fixtures.js';
import { $, $$, createApi, deepActiveElement, startApi, stopApi, textOf, until } from '../helpers/widget-test.js';

const titles = (el: Element) => $$(el, '[part~="item-title"]').map((b) => b.textContent!.trim());
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
    await until(() => titles(el).length > 0, 'the list shows events');
    return el;
  }

  it('lists the upcoming published events from the API, soonest first, with fee and capacity', async () => {
    const el = await render();
    expect(titles(el)).to.deep.equal(upcomingJa);
    const text = textOf(el);
    expect(text).not.to.contain(fx('draft').title);
    expect(text).not.to.contain(fx('summer').title);
    const winter = textOf($(el, '[part~="item"]'));
    expect(winter).to.match(/[¥￥]1,000/);
    expect(winter).to.contain('40名');
    expect(winter).to.contain(fx('winter').venueName!);
    const ai = textOf($$(el, '[part~="item"]')[1]!);
    expect(ai).to.contain('無料');
    expect(ai).to.contain('定員なし');
    expect(ai).to.contain('オンライン');
  });

  it('switches to past events with the tabs, by mouse and by arrow keys', async () => {
    const el = await render();
    const [upcoming, past] = $$(el, '[role="tab"]');
    expect(upcoming!.getAttribute('aria-selected')).to.equal('true');
    past!.click();
    await until(() => titles(el)[0] === fx('summer').title, 'past events appear');
    expect(titles(el)).to.deep.equal([fx('summer').title, fx('webinar').title]);
    expect(past!.getAttribute('aria-selected')).to.equal('true');
    expect($(el, '[role="tabpanel"]').getAttribute('aria-labelledby')).to.equal(past!.id);

    past!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => titles(el)[0] === fx('winter').title, 'upcoming events come back');
    expect(deepActiveElement()).to.equal(upcoming);
    expect(upcoming!.getAttribute('tabindex')).to.equal('0');
    expect(past!.getAttribute('tabindex')).to.equal('-1');
  });

  it('filters by category', async () => {
    const el = await render();
    const select = $<HTMLSelectElement>(el, 'select');
    select.value = 'office_tour';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => titles(el).length === 1, 'only the office tour is left');
    expect(titles(el)).to.deep.equal([fx('tour').title]);
    select.value = 'webinar';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => textOf(el).includes('条件に合うイベントはありません'), 'empty state for a filter with no match');
    expect(el.shadowRoot!.querySelector('[part~="empty"]')).not.to.equal(null);
  });

  it('searches by keyword as the person types', async () => {
    const el = await render();
    $<HTMLInputElement>(el, 'input[type="search"]').focus();
    await sendKeys({ type: 'AI' });
    await until(() => titles(el).length === 1, 'only the AI study session is left');
    expect(titles(el)).to.deep.equal([fx('ai').title]);
  });

  it('speaks English with lang="en", using the events’ English translations', async () => {
    const el = await render({ lang: 'en' });
    expect(titles(el)[0]).to.equal('Winter Alumni Meetup');
    expect(titles(el)[1]).to.equal('Generative AI study session');
    const text = textOf(el);
    expect(text).to.contain('Upcoming');
    expect(text).to.contain('Free');
    expect(text).to.contain('No limit');
    expect(text).to.contain('40 people');
  });

  it('follows the language of the page when it changes', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="ja"><alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey}></alumni-event-list></div>`,
    );
    const el = wrapper.querySelector('alumni-event-list')!;
    await until(() => titles(el)[0] === fx('winter').title, 'Japanese first');
    wrapper.lang = 'en';
    await until(() => titles(el)[0] === 'Winter Alumni Meetup', 'English after the page switched');
    expect(textOf(el)).to.contain('Past');
  });

  it('opens an event’s detail, moves focus to it, and goes back to the same card', async () => {
    const el = await render();
    const button = $$(el, '[part~="item-title"]')[0]!;
    setTimeout(() => button.click());
    const opened = await oneEvent(el, 'alumni-event-open');
    expect(opened.detail.eventId).to.be.a('string');
    expect(opened.bubbles && opened.composed).to.equal(true);
    await until(() => !!el.shadowRoot!.querySelector('[part~="detail"] h2'), 'the detail shows');
    const heading = $(el, '[part~="detail"] h2');
    expect(heading.textContent).to.equal(fx('winter').title);
    await until(() => deepActiveElement() === heading, 'focus on the detail heading');
    const text = textOf($(el, '[part~="detail"]'));
    expect(text).to.contain(fx('winter').notes!);
    expect(text).to.contain(fx('winter').description);
    expect(text).to.contain('40名');
    expect(text).not.to.contain('現地時間');

    $(el, '[part~="back-button"]').click();
    await until(() => titles(el).length > 0, 'back to the list');
    await until(() => deepActiveElement()?.textContent?.trim() === fx('winter').title, 'focus back on the card');
  });

  it('shows times in the viewer’s zone and adds the event’s own zone when it differs', async () => {
    const el = await render();
    const valley = $$(el, '[part~="item-title"]').find((b) => b.textContent!.trim() === fx('valley').title)!;
    valley.click();
    await until(() => textOf(el).includes('現地時間'), 'the event zone line shows');
    const when = textOf($(el, '.facts dd'));
    // 2099-07-01T01:00Z is 10:00 on 1 July in Tokyo (the test browser's zone) and 18:00 on 30 June in Los Angeles.
    expect(when).to.match(/2099年7月1日\(水\) 10:00～12:00/);
    expect(when).to.contain('America/Los_Angeles');
    expect(when).to.match(/2099年6月30日\(火\) 18:00～20:00/);
  });

  it('loads more with the next cursor and puts focus on the first new event', async () => {
    const el = await render({ pageSize: 2 });
    expect(titles(el)).to.deep.equal(upcomingJa.slice(0, 2));
    $(el, '[part~="load-more"]').click();
    await until(() => titles(el).length === 4, 'a second page');
    expect(titles(el)).to.deep.equal(upcomingJa.slice(0, 4));
    await until(() => deepActiveElement()?.textContent?.trim() === upcomingJa[2], 'focus on the first new event');
    $(el, '[part~="load-more"]').click();
    await until(() => titles(el).length === 5, 'the last page');
    expect(titles(el)).to.deep.equal(upcomingJa);
    expect(el.shadowRoot!.querySelector('[part~="load-more"]')).to.equal(null);
  });

  it('shows the error state with retry while the API is down, and recovers on retry', async () => {
    const down = await createApi();
    await stopApi(down);
    const el = await fixture<AlumniEventList>(html`<alumni-event-list api-url=${down.url} publishable-key=${down.publishableKey} lang="ja"></alumni-event-list>`);
    await until(() => !!el.shadowRoot!.querySelector('[part~="error"]'), 'the error state');
    const error = $(el, '[part~="error"]');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(textOf(error)).to.contain('サーバーに接続できません');
    await expect(el).to.be.accessible();

    await startApi(down);
    $(el, '[part~="retry-button"]').click();
    await until(() => titles(el).length === 5, 'events after retry');
    expect(el.shadowRoot!.querySelector('[part~="error"]')).to.equal(null);
  });

  it('explains a bad publishable key in the person’s language', async () => {
    const el = await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key="pk_not_a_real_key" lang="en"></alumni-event-list>`);
    await until(() => !!el.shadowRoot!.querySelector('[part~="error"]'), 'the error state');
    expect(textOf($(el, '[part~="error-message"]'))).to.contain('This API key is not valid.');
  });

  it('takes the key and API URL from the page’s <meta> defaults', async () => {
    const metas = [
      ['homecoming:publishable-key', api.publishableKey],
      ['homecoming:api-url', api.url],
    ].map(([name, content]) => Object.assign(document.createElement('meta'), { name, content }));
    document.head.append(...metas);
    try {
      const el = await fixture<AlumniEventList>(html`<alumni-event-list></alumni-event-list>`);
      await until(() => titles(el).length === 5, 'events with only the page defaults');
    } finally {
      metas.forEach((m) => m.remove());
    }
  });

  it('is accessible in the list and in the detail view', async () => {
    const el = await render();
    await expect(el).to.be.accessible();
    $$(el, '[part~="item-title"]')[0]!.click();
    await until(() => !!el.shadowRoot!.querySelector('[part~="detail"] h2'), 'the detail shows');
    await expect(el).to.be.accessible();
  });

  it('is themable through --alumni-* properties and ::part from the host page', async () => {
    const style = Object.assign(document.createElement('style'), {
      textContent: '.themed { --alumni-color-accent: rgb(1, 2, 3); } .themed::part(item) { border-color: rgb(4, 5, 6); }',
    });
    document.head.append(style);
    try {
      const el = await render();
      el.classList.add('themed');
      await until(() => getComputedStyle($(el, '[role="tab"][aria-selected="true"]')).borderBottomColor === 'rgb(1, 2, 3)', 'accent token applied');
      expect(getComputedStyle($(el, '[part~="item"]')).borderTopColor).to.equal('rgb(4, 5, 6)');
    } finally {
      style.remove();
    }
  });

  it('fits a phone-width screen without horizontal scrolling', async () => {
    await setViewport({ width: 360, height: 640 });
    try {
      const el = await render();
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      for (const node of [...$$(el, '[part~="item"]'), $(el, '[part~="filters"]'), $(el, '[part~="tabs"]')]) {
        expect(node.getBoundingClientRect().right).to.be.at.most(360);
      }
      $$(el, '[part~="item-title"]')[0]!.click();
      await until(() => !!el.shadowRoot!.querySelector('[part~="detail"] h2'), 'the detail shows');
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
    } finally {
      await setViewport({ width: 1024, height: 768 });
    }
  });
});
