import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { html, LitElement } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import {
  ApiClient,
  ConnectionController,
  HomecomingError,
  LocaleController,
  SESSION_KEY_PREFIX,
  defineElement,
  defineMessages,
  formatEventTime,
  formatFee,
  resolveConfig,
  resolveLang,
  sessionStore,
  type Page,
} from '../../widgets/core/index.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { createApi, stopApi, textOf, until } from '../helpers/widget-test.js';

const messages = defineMessages({ ja: { hello: 'こんにちは {name}' }, en: { hello: 'Hello {name}' } });

/** A minimal element on the core, registered under a tag unique to this run. */
class ProbeElement extends LitElement {
  static override properties = { apiUrl: { attribute: 'api-url' }, publishableKey: { attribute: 'publishable-key' } };
  declare apiUrl?: string;
  declare publishableKey?: string;
  readonly conn = new ConnectionController(this);
  i18n = new LocaleController(this, messages);
  override render() {
    return html`<p>${this.i18n.t('hello', { name: this.conn.member?.name ?? '-' })}</p> <p>${this.i18n.t('loading')}</p>`;
  }
}
const probeTag = `test-probe-${Math.random().toString(36).slice(2, 8)}`;
defineElement(probeTag, ProbeElement);
const probe = unsafeStatic(probeTag);

describe('widgets/core', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
  });
  afterEach(() => {
    for (const key of Object.keys(localStorage)) if (key.startsWith(SESSION_KEY_PREFIX)) localStorage.removeItem(key);
  });

  describe('API client against the real API', () => {
    it('sends the publishable key and returns JSON', async () => {
      const client = new ApiClient({ apiUrl: api.url, publishableKey: api.publishableKey });
      const page = await client.get<Page<{ title: string }>>('/v1/events', { query: { when: 'past', limit: 1, q: undefined } });
      expect(page.data).to.have.length(1);
      expect(page.nextCursor).to.be.a('string');
    });

    it('turns problem+json into a HomecomingError with field errors and a readable message', async () => {
      const client = new ApiClient({ apiUrl: api.url, publishableKey: api.publishableKey });
      const error = await client.get('/v1/events', { query: { limit: 0 } }).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(HomecomingError);
      const e = error as HomecomingError;
      expect(e.status).to.equal(422);
      expect(e.code).to.equal('validation_failed');
      expect(e.fieldErrors.map((f) => f.field)).to.include('query.limit');
      expect(e.fieldError('limit')).to.be.a('string');
      expect(e.localized('ja')).to.equal('入力内容を確認してください。');
      expect(e.requestId).to.be.a('string');
    });

    it('reports an unknown key as unauthenticated', async () => {
      const client = new ApiClient({ apiUrl: api.url, publishableKey: 'pk_nope' });
      const e = (await client.get('/v1/events').catch((x: unknown) => x)) as HomecomingError;
      expect([e.status, e.code]).to.deep.equal([401, 'unauthenticated']);
    });

    it('tells "cannot reach the server" apart from server errors', async () => {
      const down = await createApi();
      await stopApi(down);
      const client = new ApiClient({ apiUrl: down.url, publishableKey: down.publishableKey });
      const e = (await client.get('/v1/events').catch((x: unknown) => x)) as HomecomingError;
      expect(e.isNetwork).to.equal(true);
      expect([e.status, e.code]).to.deep.equal([0, 'network']);
      expect(e.localized('en')).to.contain("Can't reach the server");
      expect(e.localized('ja')).to.contain('サーバーに接続できません');
    });

    it('refuses a session-only call without a session, and a call without any key, before the network', async () => {
      const client = new ApiClient({ apiUrl: api.url, publishableKey: api.publishableKey });
      const signedOut = (await client.get('/v1/me', { auth: 'session' }).catch((x: unknown) => x)) as HomecomingError;
      expect(signedOut.code).to.equal('signed_out');
      const noKey = new ApiClient({ apiUrl: api.url, publishableKey: '' });
      const config = (await noKey.get('/v1/events').catch((x: unknown) => x)) as HomecomingError;
      expect(config.code).to.equal('config');
    });

    it('forgets a session the API no longer accepts', async () => {
      const config = { apiUrl: api.url, publishableKey: api.publishableKey };
      const store = sessionStore(config);
      store.set({ token: 'hcs_expired_or_made_up', member: { id: 'mem_1' } });
      const heard: unknown[] = [];
      const off = store.subscribe((s) => heard.push(s));
      const e = (await new ApiClient(config, store).get('/v1/events').catch((x: unknown) => x)) as HomecomingError;
      off();
      expect(e.status).to.equal(401);
      expect(store.get()).to.equal(null);
      expect(heard).to.deep.equal([null]);
    });
    it('tells the host page once when the API no longer accepts the session (alumni-signed-out, expired)', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        staticHtml`<div><${probe} api-url=${api.url} publishable-key=${api.publishableKey}></${probe}><${probe} api-url=${api.url} publishable-key=${api.publishableKey}></${probe}></div>`,
      );
      const [a] = [...wrapper.children] as ProbeElement[];
      const reasons: string[] = [];
      wrapper.addEventListener('alumni-signed-out', (e) => reasons.push(e.detail.reason));
      a!.conn.signIn({ token: 'hcs_revoked_elsewhere', member: { id: 'mem_9', name: '佐藤' } });
      await a!.conn.client.get('/v1/me', { auth: 'session' }).catch(() => undefined);
      await until(() => textOf(a!).includes('こんにちは -'), 'the element shows signed out');
      expect(reasons).to.deep.equal(['expired']);
    });
  });

  describe('session store', () => {
    it('keeps one session per API and key in localStorage and notifies every element on the page', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        staticHtml`<div lang="ja"><${probe} api-url=${api.url} publishable-key=${api.publishableKey}></${probe}><${probe} api-url=${api.url} publishable-key=${api.publishableKey}></${probe}><${probe} api-url=${api.url} publishable-key="pk_other"></${probe}></div>`,
      );
      const [a, b, other] = [...wrapper.children] as ProbeElement[];
      const events: string[] = [];
      wrapper.addEventListener('alumni-signed-in', (e) => events.push(`in:${e.detail.member.id}`));
      wrapper.addEventListener('alumni-signed-out', (e) => events.push(`out:${e.detail.reason}`));

      a!.conn.signIn({ token: 'hcs_token', member: { id: 'mem_1', name: '山田' } });
      await until(() => textOf(b!).includes('こんにちは 山田'), 'the other element shows the member');
      expect(textOf(other!)).to.contain('こんにちは -');
      expect(JSON.parse(localStorage.getItem(`${SESSION_KEY_PREFIX}${api.url}|${api.publishableKey}`)!).token).to.equal('hcs_token');

      await b!.conn.signOut();
      await until(() => textOf(a!).includes('こんにちは -'), 'the first element saw the sign-out');
      expect(events).to.deep.equal(['in:mem_1', 'out:user']);
      expect(localStorage.getItem(`${SESSION_KEY_PREFIX}${api.url}|${api.publishableKey}`)).to.equal(null);
    });

    it('picks up a sign-in written by another tab (storage event)', async () => {
      const config = { apiUrl: api.url, publishableKey: api.publishableKey };
      const store = sessionStore(config);
      const heard: (string | undefined)[] = [];
      const off = store.subscribe((s) => heard.push(s?.member.id));
      const key = `${SESSION_KEY_PREFIX}${api.url}|${api.publishableKey}`;
      const value = JSON.stringify({ token: 'hcs_other_tab', member: { id: 'mem_2' } });
      // What the browser does when another tab writes: storage changes, then a `storage` event here.
      localStorage.setItem(key, value);
      window.dispatchEvent(new StorageEvent('storage', { key, newValue: value }));
      off();
      expect(heard).to.deep.equal(['mem_2']);
      expect(store.token).to.equal('hcs_other_tab');
    });
  });

  describe('configuration', () => {
    it('prefers attributes, then the page <meta>, then the bundle origin', async () => {
      const el = document.createElement('div');
      expect(resolveConfig(el)).to.deep.equal({ apiUrl: location.origin, publishableKey: '' });
      const metas = [
        Object.assign(document.createElement('meta'), { name: 'homecoming:publishable-key', content: 'pk_meta' }),
        Object.assign(document.createElement('meta'), { name: 'homecoming:api-url', content: 'https://api.example.com/' }),
      ];
      document.head.append(...metas);
      try {
        expect(resolveConfig(el)).to.deep.equal({ apiUrl: 'https://api.example.com', publishableKey: 'pk_meta' });
        el.setAttribute('api-url', 'https://other.example.com');
        el.setAttribute('publishable-key', 'pk_attr');
        expect(resolveConfig(el)).to.deep.equal({ apiUrl: 'https://other.example.com', publishableKey: 'pk_attr' });
      } finally {
        metas.forEach((m) => m.remove());
      }
    });
  });

  describe('i18n and formatting', () => {
    it('takes the language from the element, an ancestor (across shadow roots) or <html>, default ja', async () => {
      const root = await fixture<HTMLDivElement>(testHtml`<div><span id="plain"></span><section lang="en-GB"><span id="en"></span></section></div>`);
      expect(resolveLang(root.querySelector('#en')!)).to.equal('en');
      const htmlLang = document.documentElement.getAttribute('lang');
      try {
        document.documentElement.removeAttribute('lang');
        expect(resolveLang(root.querySelector('#plain')!)).to.equal('ja');
        document.documentElement.lang = 'en';
        expect(resolveLang(root.querySelector('#plain')!)).to.equal('en');
        const host = root.querySelector('section')!.appendChild(document.createElement('div'));
        const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('p'));
        expect(resolveLang(inner)).to.equal('en');
        inner.lang = 'ja';
        expect(resolveLang(inner)).to.equal('ja');
      } finally {
        if (htmlLang === null) document.documentElement.removeAttribute('lang');
        else document.documentElement.lang = htmlLang;
      }
    });

    it('re-renders an element when its lang changes, with its own and the core messages', async () => {
      const el = await fixture<ProbeElement>(staticHtml`<${probe} lang="ja" api-url=${api.url} publishable-key=${api.publishableKey}></${probe}>`);
      expect(textOf(el)).to.equal('こんにちは - 読み込み中…');
      el.lang = 'en';
      await until(() => textOf(el) === 'Hello - Loading…', 'English');
    });

    it('formats fees from minor units, free as 無料 / Free', () => {
      expect(formatFee(0, 'JPY', 'ja')).to.equal('無料');
      expect(formatFee(0, 'JPY', 'en')).to.equal('Free');
      expect(formatFee(1000, 'JPY', 'ja')).to.match(/^[¥￥]1,000$/);
      expect(formatFee(1000, 'JPY', 'en')).to.equal('¥1,000');
      expect(formatFee(2550, 'USD', 'en')).to.equal('$25.50');
      expect(formatFee(5, 'XXXX', 'en')).to.equal('5 XXXX');
    });

    it('formats an event in the viewer’s zone and names the event’s zone only when the clock differs', () => {
      const tokyo = formatEventTime('2026-12-05T10:00:00Z', '2026-12-05T12:00:00Z', 'Asia/Tokyo', 'ja', 'Asia/Tokyo');
      expect(tokyo).to.deep.equal({ local: '2026年12月5日(土) 19:00～21:00' });
      const seoul = formatEventTime('2026-12-05T10:00:00Z', '2026-12-05T12:00:00Z', 'Asia/Seoul', 'ja', 'Asia/Tokyo');
      expect(seoul.eventZone).to.equal(undefined);
      const london = formatEventTime('2026-12-05T10:00:00Z', '2026-12-06T12:00:00Z', 'Europe/London', 'en', 'Asia/Tokyo');
      expect(london.local).to.equal('Sat, December 5, 2026 7:00 PM – Sun, December 6, 2026 9:00 PM');
      expect(london.eventZone).to.equal('Local time (Europe/London): Sat, December 5, 2026 10:00 AM – Sun, December 6, 2026 12:00 PM GMT');
    });
  });

  it('registers a tag only once (loading twice does not throw)', () => {
    class Other extends HTMLElement {}
    expect(() => defineElement(probeTag, Other)).not.to.throw();
    expect(customElements.get(probeTag)).to.equal(ProbeElement);
  });
});
