import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/messages/define.js';
import '../../widgets/unread-count/define.js';
import '../../widgets/member-directory/define.js';
import { MemberDirectoryHarness } from '../../widgets/member-directory/harness.js';
import type { AlumniMessages } from '../../widgets/messages/messages.js';
import { MessagesHarness } from '../../widgets/messages/harness.js';
import type { AlumniUnreadCount } from '../../widgets/unread-count/unread-count.js';
import { UnreadCountHarness } from '../../widgets/unread-count/harness.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { addMember, members, signInAs, signOutLocally, watchFetch } from '../helpers/widget-member-test.js';
import { createApi } from '../helpers/widget-test.js';

/**
 * <alumni-messages> and <alumni-unread-count> against the real API: another member's message (sent
 * from "their browser", the API child) appears without a reload, counted on the badge and announced;
 * answering, reporting and blocking; polling while the live stream is refused; the signed-out and empty states.
 */
describe('<alumni-messages>', () => {
  let api: WidgetApi;
  before(async () => {
    api = await createApi();
  });
  afterEach(() => signOutLocally(api));

  async function render(lang = 'ja', extra: { pollInterval?: number } = {}) {
    const wrap = await fixture<HTMLElement>(html`<div>
      <alumni-unread-count api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang}></alumni-unread-count>
      <alumni-messages api-url=${api.url} publishable-key=${api.publishableKey} lang=${lang} sign-in-href="#sign-in" poll-interval=${extra.pollInterval ?? 10000}></alumni-messages>
    </div>`);
    return {
      box: new MessagesHarness(wrap.querySelector<AlumniMessages>('alumni-messages')!),
      badge: new UnreadCountHarness(wrap.querySelector<AlumniUnreadCount>('alumni-unread-count')!),
    };
  }
  const sendAs = (from: string, to: string, body: string) => members<{ status: number }>(api, 'message', { from, to, body, origin: location.origin });

  it('signed out: says why, links to sign-in, and the badge shows nothing', async () => {
    const { box, badge } = await render();
    expect(box.isSignedOut()).to.equal(true);
    expect(box.text()).to.contain('サインイン');
    expect(badge.text()).to.equal('');
    await expect(box.element).to.be.accessible();
  });

  it('a pending member: says messages come with approval, and neither element asks the API (no 403 in the console)', async () => {
    const fetches = watchFetch();
    try {
      await signInAs(api, { status: 'pending', person: '承認待ち 次郎' });
      const { box, badge } = await render();
      await box.until(() => box.text().includes('承認されると'), 'the pending state');
      expect(badge.text()).to.equal('');
      await new Promise((r) => setTimeout(r, 300));
      expect(fetches.calls.filter((c) => /\/v1\/me\/(conversations|messages)/.test(c))).to.deep.equal([]);
      await expect(box.element).to.be.accessible();
    } finally {
      fetches.stop();
    }
  });

  it('a member whose kind has no messages is told calmly; neither element asks the API', async () => {
    await members(api, 'kind', { key: 'no-messages', features: ['directory', 'events'] });
    const fetches = watchFetch();
    try {
      await signInAs(api, { kind: 'no-messages', person: '区分 三郎' });
      const { box, badge } = await render('en');
      await box.until(() => box.unavailableText() !== '', 'the unavailable note');
      expect(box.unavailableText()).to.contain('not part of your membership');
      expect(badge.text()).to.equal('');
      await new Promise((r) => setTimeout(r, 300));
      expect(fetches.calls.filter((c) => /\/v1\/me\/(conversations|messages)/.test(c))).to.deep.equal([]);
      await expect(box.element).to.be.accessible();
    } finally {
      fetches.stop();
    }
  });

  it('a message from another member appears without a reload: listed, counted, announced; opening it reads it; the answer goes back', async () => {
    const me = await signInAs(api, { person: '受信 花子', unlisted: false });
    const other = await addMember(api, { person: '送信 太郎' });
    const { box, badge } = await render();
    await box.until(() => box.isEmpty(), 'the empty state');
    await box.until(() => box.element.stream.live, 'the live stream');
    await expect(box.element).to.be.accessible();

    expect((await sendAs(other.token, me.member.id, 'こんにちは、お元気ですか？')).status).to.equal(201);
    await box.waitForConversations(1);
    expect(box.conversations()[0]).to.deep.equal({ names: '送信 太郎', unread: 1 });
    await badge.waitForCount(1);
    expect(badge.label()).to.contain('未読 1 件');
    await box.until(() => box.announced().includes('送信 太郎さんから'), 'the live region announces it');
    await expect(box.element).to.be.accessible();

    box.open('送信 太郎');
    await box.waitForMessage('お元気ですか');
    expect(box.threadTitle()).to.equal('送信 太郎');
    await badge.waitForCount(0);
    await box.write('元気です！');
    box.send();
    await box.waitForMessage('元気です！');
    expect(box.messages().map((m) => m.from)).to.deep.equal(['送信 太郎', 'あなた']);
    await expect(box.element).to.be.accessible();

    await box.report(0, '確認してください');
    await box.block();
    box.confirm();
    await box.until(() => !box.has('[part~="confirm"]'), 'blocked');
    await box.write('まだ届く？');
    box.send();
    await box.until(() => box.sendError().includes('ブロック'), 'a blocked conversation refuses');
  });

  it('the directory, given messages-href, links a profile to the messages element with the member (#alumni-message=<id>)', async () => {
    await signInAs(api, { person: '名簿 読者' });
    const listed = await addMember(api, { person: '名簿 掲載' });
    const dir = new MemberDirectoryHarness(
      await fixture(html`<alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey} lang="ja" messages-href="/alumni/messages#top"></alumni-member-directory>`),
    );
    await dir.waitForCards();
    dir.open('名簿 掲載');
    await dir.waitForDetail();
    expect(dir.messageLink()).to.equal(`/alumni/messages#alumni-message=${listed.member.id}`);
  });

  it('while the stream is refused it polls: a new message still shows up, and it says live updates are paused', async () => {
    const fetches = watchFetch((method, url) => (url.pathname === '/v1/me/messages/stream' ? new Response('{}', { status: 503 }) : undefined));
    try {
      const me = await signInAs(api, { person: 'Polly Ng', unlisted: false });
      const other = await addMember(api, { person: 'Sam Lee' });
      const { box } = await render('en', { pollInterval: 300 });
      await box.until(() => box.isOffline(), 'the paused notice');
      expect(box.text()).to.contain('Live updates are paused');
      await sendAs(other.token, me.member.id, 'Hello by polling');
      await box.waitForConversations(1);
      expect(box.conversations()[0]).to.deep.equal({ names: 'Sam Lee', unread: 1 });
    } finally {
      fetches.stop();
    }
  });
});
