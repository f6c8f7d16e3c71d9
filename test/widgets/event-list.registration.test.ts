import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../widgets/event-list/define.js';
import type { AlumniEventList } from '../../widgets/event-list/event-list.js';
import { EventListHarness } from '../../widgets/event-list/harness.js';
import { fixture as fx, type WidgetApi } from '../helpers/widget-fixtures.js';
import { addMember, members, signInAs, signOutLocally, store, watchFetch } from '../helpers/widget-member-test.js';
import { createApi } from '../helpers/widget-test.js';

const LINK = 'https://meet.example.jp/j/12345';

describe('<alumni-event-list>: registering', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
  });
  afterEach(() => {
    signOutLocally(api);
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  });

  const events = <T>(cmd: string, payload: Record<string, unknown> = {}) =>
    executeServerCommand<T, object>('homecoming-api', { ...payload, cmd: `events.${cmd}`, name: api.name });
  let count = 0;
  /** A fresh event with a title of its own, so tests do not see each other's registrations. */
  async function event(payload: Record<string, unknown> = {}) {
    const title = `${String(payload.title ?? '申込テストの会')} ${++count}`;
    const { id } = await events<{ id: string }>('create', { ...payload, title, startDays: 1 + count / 100 });
    return { id, title };
  }
  const registrations = (eventId: string) => events<{ memberId: string; status: string; guests: number; answers: { questionId: string; value: unknown }[] }[]>('registrations', { eventId });

  async function render(lang = 'ja') {
    const el = await fixture<AlumniEventList>(
      html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang} sign-in-href="#sign-in" page-size="50"></alumni-event-list>`,
    );
    const list = new EventListHarness(el);
    await list.waitForCards();
    return list;
  }

  async function openEvent(list: EventListHarness, title: string, state?: string | RegExp) {
    await list.until(() => list.titles().includes(title), `${title} is listed`);
    list.open(title);
    await list.waitForDetail();
    await list.waitForRegistration(state);
  }

  it('a member whose kind has no events is told calmly instead of an error (the stale session learns it from the API)', async () => {
    await members(api, 'kind', { key: 'no-events', features: ['directory'] });
    const { token, member } = await signInAs(api, { kind: 'no-events', person: '区分 四郎' });
    expect(member.features).to.deep.equal(['directory']);
    const el = await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey} lang="en"></alumni-event-list>`);
    const list = new EventListHarness(el);
    await list.until(() => list.unavailableText() !== '', 'the unavailable note');
    expect(list.unavailableText()).to.contain('not part of your membership');
    // A session stored before the kind changed has no features: the API's 403 says the same.
    const { features: _f, ...stale } = member;
    store(api).set({ token, member: stale });
    const again = new EventListHarness(await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey}></alumni-event-list>`));
    await again.until(() => again.unavailableText() !== '', 'the unavailable note from the API');
    expect(again.unavailableText()).to.contain('メンバー区分');
    expect(again.has('[part~="error"]')).to.equal(false);
  });

  it('signed out: seats left and a way to sign in; no register button, no online link', async () => {
    const e = await event({ capacity: 12, onlineUrl: LINK });
    const list = await render();
    await openEvent(list, e.title, 'サインイン');
    expect(list.seats()).to.equal('残り12席');
    expect(list.registrationText()).to.contain('申し込むにはサインインしてください');
    expect(list.signInLink()!.getAttribute('href')).to.equal('#sign-in');
    expect(list.signInLink()!.textContent!.trim()).to.equal('サインイン');
    expect(list.hasRegisterButton()).to.equal(false);
    expect(list.onlineLink()).to.equal(null);
    expect(list.text()).not.to.contain('meet.example.jp');
  });

  it('a member registers with one press: the link and private details appear, seats go down, the card says 申込済み; cancelling asks first', async () => {
    const e = await event({ capacity: 3, onlineUrl: LINK, privateDetails: '受付は 20F です' });
    await signInAs(api, { person: '申込 太郎' });
    const list = await render();
    await openEvent(list, e.title, '申し込む');
    expect(list.seats()).to.equal('残り3席');
    list.register();
    await list.waitForRegistration('参加申し込み済みです');
    expect(list.onlineLink()).to.equal(LINK);
    expect(list.registrationText()).to.contain('受付は 20F です');
    expect(list.seats()).to.equal('残り2席');
    expect((await registrations(e.id)).map((r) => r.status)).to.deep.equal(['registered']);
    await expect(list.element).to.be.accessible();

    list.back();
    await list.waitForCards();
    expect(list.badges(e.title)).to.include('申込済み');
    list.open(e.title);
    await list.waitForRegistration('参加申し込み済みです');
    await list.cancelRegistration();
    await list.waitForRegistration('申し込む');
    expect(list.onlineLink()).to.equal(null);
    expect(list.text()).to.contain('申し込みをキャンセルしました');
    expect((await registrations(e.id)).map((r) => r.status)).to.deep.equal(['cancelled']);
  });

  it('asks the organiser’s questions and the number of guests; a required one is checked before sending, in Japanese', async () => {
    const e = await event({
      capacity: 10,
      maxGuests: 2,
      questions: [
        { id: 'diet', label: '食事の制限', kind: 'single', options: ['なし', 'ベジタリアン'], required: true },
        { id: 'topics', label: '聞きたい話', kind: 'multiple', options: ['採用', '近況'] },
        { id: 'note', label: 'ひとこと', kind: 'text' },
      ],
    });
    await signInAs(api);
    const list = await render();
    await openEvent(list, e.title, '申し込む');
    list.register();
    await list.until(() => list.hasForm(), 'the form');
    list.submit();
    await list.until(() => list.questionError('diet') !== '', 'the required question is named');
    expect(list.questionError('diet')).to.equal('食事の制限を選んでください。', 'a choice is chosen, not typed');
    expect((await registrations(e.id)).length).to.equal(0, 'nothing sent');
    await expect(list.element).to.be.accessible();
    list.choose('diet', 'ベジタリアン');
    list.choose('topics', '近況');
    list.choose('topics', '採用');
    await list.answer('note', '楽しみです');
    list.chooseGuests(1);
    list.submit();
    await list.waitForRegistration('参加申し込み済みです');
    expect(list.registrationText()).to.contain('同伴者 1名');
    expect(list.seats()).to.equal('残り8席');
    const [reg] = await registrations(e.id);
    expect(reg!.guests).to.equal(1);
    expect(reg!.answers.map((a) => a.value)).to.deep.equal(['ベジタリアン', ['採用', '近況'], '楽しみです']);
  });

  it('a full event offers the waitlist and says the place; a freed seat is the member’s on the next look', async () => {
    const e = await event({ capacity: 1, onlineUrl: LINK });
    const other = await addMember(api, { person: '先客 花子' });
    await events('register', { eventId: e.id, token: other.token });
    await signInAs(api);
    const list = await render();
    await openEvent(list, e.title, '満席');
    expect(list.registerButton().textContent!.trim()).to.equal('キャンセル待ちに登録');
    list.register();
    await list.waitForRegistration('キャンセル待ち 1番目');
    expect(list.onlineLink()).to.equal(null, 'the waitlist does not see the link');
    expect(list.hasCancel()).to.equal(true);
    // The member ahead cancels: the seat is promoted in the database; the list shows it when it loads again.
    await fetch(`${api.url}/v1/events/${e.id}/registration`, { method: 'DELETE', headers: { authorization: `Bearer ${other.token}` } });
    const again = await render();
    await openEvent(again, e.title, '参加申し込み済みです');
    expect(again.onlineLink()).to.equal(LINK);
  });

  it('shows the check-in code and its QR code, drawn from the API’s module matrix', async () => {
    const e = await event({ capacity: 5 });
    await signInAs(api);
    const list = await render();
    await openEvent(list, e.title, '申し込む');
    list.register();
    await list.waitForRegistration('参加申し込み済みです');
    await list.showCheckIn();
    expect(list.checkInCode()).to.match(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const qr = list.qr();
    expect(qr.modules).to.be.at.least(21);
    expect(qr.rects).to.be.greaterThan(qr.modules);
    expect(qr.label).to.contain(list.checkInCode());
    await expect(list.element).to.be.accessible();
  });

  it('adds to calendars: a Google link with the event’s times, and the .ics fetched with the member’s session', async () => {
    const e = await event({ capacity: 5, onlineUrl: LINK });
    await signInAs(api);
    const list = await render();
    await openEvent(list, e.title, '申し込む');
    list.register();
    await list.waitForRegistration('参加申し込み済みです');
    const google = new URL(list.googleCalendarLink().href);
    expect(google.hostname).to.equal('calendar.google.com');
    expect(google.searchParams.get('dates')).to.match(/^\d{8}T\d{6}Z\/\d{8}T\d{6}Z$/);
    expect(google.searchParams.get('details')).to.contain(LINK);
    expect(list.googleCalendarLink().rel).to.contain('noopener');
    const watch = watchFetch();
    try {
      list.icsButton().click();
      await list.until(() => watch.calls.includes(`GET /v1/events/${e.id}.ics`), 'the .ics is fetched');
    } finally {
      watch.stop();
    }
    expect(list.registrationError()).to.equal('');
  });

  it('"my events" appears once signed in, lists the member’s registrations, and makes a private calendar URL', async () => {
    const e = await event({ capacity: 5 });
    const signedOut = await render();
    expect(signedOut.hasTab('mine')).to.equal(false);
    const me = await signInAs(api);
    await events('register', { eventId: e.id, token: me.token });
    const list = await render();
    await list.until(() => list.hasTab('mine'), 'the tab');
    list.tab('mine').click();
    await list.waitForCards(1, 'only the member’s event');
    expect(list.titles()).to.deep.equal([e.title]);
    expect(list.badges(e.title)).to.include('申込済み');
    await list.until(() => list.feedText().includes('カレンダーに自動で反映'), 'the feed block');
    const url = await list.makeFeed();
    expect(url).to.match(/\/v1\/calendar\/hcf_[A-Za-z0-9]{32}\.ics$/);
    // The URL is made with the API's PUBLIC_API_URL (not set for this test API): ask this one.
    const ics = await (await fetch(`${api.url}${new URL(url).pathname}`)).text();
    expect(ics).to.contain(`UID:${e.id}@homecoming`);
    await expect(list.element).to.be.accessible();
  });

  it('opens the event the address names (#alumni-event=…), and the open event carries that address', async () => {
    const e = await event();
    history.replaceState(null, '', `${location.pathname}${location.search}#alumni-event=${e.id}`);
    const el = await fixture<AlumniEventList>(html`<alumni-event-list api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-event-list>`);
    const list = new EventListHarness(el);
    await list.waitForDetail();
    expect(list.detailHeading.textContent).to.equal(e.title);
    expect(list.eventLink()).to.equal(location.href);
    list.back();
    await list.waitForCards();
    expect(location.hash).to.equal('', 'back to the list: the address no longer opens the event');
    setTimeout(() => list.open(e.title));
    const opened = await oneEvent(el, 'alumni-event-open');
    expect(opened.detail.eventId).to.equal(e.id);
    expect(opened.detail.url).to.equal(`${location.origin}${location.pathname}${location.search}#alumni-event=${e.id}`);
    list.back();
    await list.waitForCards();
    location.hash = `alumni-event=${e.id}`;
    await list.waitForDetail();
  });

  it('a cancelled event stays listed with its 中止 badge, and cannot be registered for', async () => {
    const e = await event({ status: 'cancelled', capacity: 5 });
    await signInAs(api);
    const list = await render();
    await list.until(() => list.titles().includes(e.title), 'the cancelled event is listed');
    expect(list.badges(e.title)).to.include('中止');
    await openEvent(list, e.title, 'このイベントは中止になりました');
    expect(list.hasRegisterButton()).to.equal(false);
  });

  it('a card says which zone its time is in when the event’s zone differs from the viewer’s', async () => {
    const list = await render();
    const valley = list.text(list.card(fx('valley').title));
    expect(valley).to.match(/10:00～12:00 \((JST|GMT\+9)\)/);
    const tokyo = list.text(list.card(fx('winter').title));
    expect(tokyo).not.to.match(/\((JST|GMT\+9)\)/);
  });

  it('speaks English', async () => {
    const e = await event({ capacity: 2 });
    const list = await render('en');
    await openEvent(list, e.title, 'Sign in');
    expect(list.seats()).to.equal('Seats left: 2');
    expect(list.registrationText()).to.contain('Sign in to register.');
    await signInAs(api);
    await list.waitForRegistration('Register');
    expect(list.registerButton().textContent!.trim()).to.equal('Register');
    list.register();
    await list.waitForRegistration('You are registered.');
    expect(list.googleCalendarLink().textContent!.trim()).to.equal('Add to Google Calendar');
  });
});
