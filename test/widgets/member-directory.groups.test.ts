import { expect, fixture, html } from '@open-wc/testing';
import '../../widgets/member-directory/define.js';
import type { AlumniMemberDirectory } from '../../widgets/member-directory/member-directory.js';
import { MemberDirectoryHarness } from '../../widgets/member-directory/harness.js';
import type { WidgetApi } from '../helpers/widget-fixtures.js';
import { feed } from '../helpers/widget-feed-test.js';
import { member } from '../helpers/widget-member-fixtures.js';
import { members, signInAs, signOutLocally } from '../helpers/widget-member-test.js';
import { createApi } from '../helpers/widget-test.js';

describe('<alumni-member-directory>: a member’s groups', () => {
  let api: WidgetApi;
  let ids: Record<string, string>;
  before(async () => {
    api = await createApi();
    ({ ids } = await members<{ ids: Record<string, string> }>(api, 'seed'));
    const shown = (await feed<{ group: { id: string } }>(api, 'group', { title: '営業部 OB 会', kind: 'department' })).group;
    const secret = (await feed<{ group: { id: string } }>(api, 'group', { title: '秘密の会', visibility: 'hidden' })).group;
    for (const g of [shown, secret]) await feed(api, 'groupMember', { groupId: g.id, memberId: ids.hanako });
  });
  afterEach(() => signOutLocally(api));

  it('the profile lists the groups the member shows that the reader may see (a hidden group of others is left out)', async () => {
    await signInAs(api);
    const el = await fixture<AlumniMemberDirectory>(html`<alumni-member-directory api-url=${api.url} publishable-key=${api.publishableKey} lang="ja"></alumni-member-directory>`);
    const dir = new MemberDirectoryHarness(el);
    await dir.waitForCards();
    dir.open(member('hanako').name);
    await dir.waitForDetail();
    await dir.until(() => dir.text(dir.detail).includes('グループ'), 'the groups in the profile');
    expect(dir.text(dir.detail)).to.contain('営業部 OB 会');
    expect(dir.text(dir.detail)).not.to.contain('秘密の会');
    await expect(dir.element).to.be.accessible();
  });
});
