/**
 * Groups in the feed (loaded with the member tools, its own chunk): a picker choosing the feed (the
 * tenant-wide one, or one of the member's groups), the chosen group's page (name, description, leave,
 * its members), and browsing the groups one may join, with the button each join rule calls for (join,
 * ask to join, accept an invitation; by invitation only otherwise). The feed below shows the chosen
 * group's posts and the composer writes into it.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { describeError, translate, type Page } from '../../core/index.js';
import type { FeedHost, Person, Post } from './types.js';

interface Group {
  id: string;
  name: string;
  description: string;
  kind: 'department' | 'era' | 'region' | 'interest' | 'project';
  joinRule: 'open' | 'request' | 'invitation';
  visibility: 'members' | 'hidden';
  memberCount: number;
  membership: { status: 'active' | 'requested' | 'invited'; role: 'member' | 'admin' } | null;
}

interface GroupMember {
  memberId: string;
  member: Person;
  role: 'member' | 'admin';
}

import { groupMessages as messages, type GroupKey as Key } from './groups.messages.js';

const styles = css`
  .groups,
  .group-page,
  .group-browser {
    display: grid;
    gap: var(--_space);
    min-width: 0;
  }
  .groups .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space);
  }
  .groups select {
    min-width: 0;
    max-width: 100%;
  }
  .group-page,
  .group-browser li {
    padding: var(--_space) calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_subtle);
  }
  .group-page h3,
  .group-browser h3 {
    margin: 0;
    font-size: 1.05em;
    overflow-wrap: anywhere;
  }
  .group-page p,
  .group-browser p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .group-browser ul,
  .group-members {
    display: grid;
    gap: var(--_space);
    margin: 0;
    padding: 0;
    list-style: none;
  }
`;

export class GroupsPanel {
  private mine: Group[] = [];
  private browsing = false;
  private found?: Group[];
  private people?: GroupMember[];
  /** Requests to join the open group, for its admins (loaded when the page opens). */
  private requests?: GroupMember[];
  private requestsFor?: string;
  private error = '';
  /** Group admin tools: the post whose hiding awaits confirmation, the member whose removal does, the invite search. */
  private hiding?: string;
  private removing?: string;
  private inviting = false;
  private candidates?: { id: string; profile: { name: string } }[];
  private invitedIds = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private seq = 0;

  constructor(private readonly host: FeedHost) {
    host.adopt(styles);
    void this.loadMine();
  }

  private t(key: Key, vars?: Record<string, string | number>): string {
    return translate(this.host.lang, key, vars, messages);
  }

  private get current(): Group | undefined {
    return this.mine.find((g) => g.id === this.host.group);
  }

  private async run(what: () => Promise<unknown>): Promise<void> {
    this.error = '';
    try {
      await what();
    } catch (error) {
      this.error = describeError(error, this.host.lang);
    }
    this.host.update();
  }

  private loadMine(): Promise<void> {
    return this.run(async () => {
      this.mine = (await this.host.client.get<Page<Group>>('/v1/groups', { query: { scope: 'mine', limit: 100 }, auth: 'session' })).data;
    });
  }

  private search(q = ''): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const call = ++this.seq;
      void this.run(async () => {
        const page = await this.host.client.get<Page<Group>>('/v1/groups', { query: { q: q.trim(), limit: 50 }, auth: 'session' });
        if (call === this.seq) this.found = page.data;
      });
    }, 250);
  }

  private toggleBrowse(): void {
    this.browsing = !this.browsing;
    if (this.browsing) {
      this.search();
      this.host.focus('[part~="group-browser"] input');
    } else this.host.focus('[part~="browse-button"]');
    this.host.update();
  }

  private pick(id: string): void {
    this.people = undefined;
    this.inviting = false;
    this.candidates = undefined;
    this.removing = undefined;
    this.requests = undefined;
    this.requestsFor = undefined;
    this.host.pickGroup(id);
  }

  /** Join, ask, accept: the group as the API answers, in both lists; a group one is in opens. */
  private act(group: Group, path: 'join' | 'accept'): Promise<void> {
    return this.run(async () => {
      const next = await this.host.client.post<Group>(`/v1/groups/${group.id}/${path}`, {}, { auth: 'session' });
      this.found = this.found?.map((g) => (g.id === next.id ? next : g));
      await this.loadMine();
      if (next.membership?.status === 'active') {
        this.browsing = false;
        this.pick(next.id);
        this.host.focus('[part~="group"] h3');
      }
    });
  }

  private leave(group: Group): Promise<void> {
    return this.run(async () => {
      await this.host.client.post(`/v1/groups/${group.id}/leave`, {}, { auth: 'session' });
      this.pick('');
      await this.loadMine();
      this.host.focus('[part~="group-picker"]');
    });
  }

  private toggleMembers(group: Group): Promise<void> {
    if (this.people) {
      this.people = undefined;
      this.host.update();
      return Promise.resolve();
    }
    return this.run(async () => {
      this.people = (await this.host.client.get<Page<GroupMember>>(`/v1/groups/${group.id}/members`, { query: { limit: 100 }, auth: 'session' })).data;
    });
  }

  /** A group admin sees the requests to join on the group's page. */
  private loadRequests(g: Group): void {
    if (g.membership?.role !== 'admin' || this.requestsFor === g.id) return;
    this.requestsFor = g.id;
    void this.run(async () => {
      this.requests = (await this.host.client.get<Page<GroupMember>>(`/v1/groups/${g.id}/requests`, { query: { limit: 100 }, auth: 'session' })).data;
    });
  }

  private decide(g: Group, r: GroupMember, approve: boolean): Promise<void> {
    return this.run(async () => {
      await this.host.client.post(`/v1/groups/${g.id}/requests/decision`, { memberId: r.memberId, approve }, { auth: 'session' });
      this.requests = this.requests?.filter((x) => x.memberId !== r.memberId);
      this.people = undefined;
      await this.loadMine();
      this.host.focus('[part~="group"] h3');
    });
  }

  /** The member is an admin of the group a post was written in. */
  private adminOf(groupId?: string | null): Group | undefined {
    const g = groupId ? this.mine.find((x) => x.id === groupId) : undefined;
    return g?.membership?.status === 'active' && g.membership.role === 'admin' ? g : undefined;
  }

  /** In a group post's menu, for the group's admins: hide (after a confirmation, with an optional reason). */
  menu(post: Post): unknown {
    if (post.mine || post.state !== 'published' || !this.adminOf(post.groupId)) return nothing;
    return html`<button type="button" class="link-button" data-action="hide" @click=${() => {
      this.hiding = post.id;
      this.host.update();
      this.host.focus(`[data-id="${post.id}"] [part~="hide-reason"]`);
    }}>${this.t('hide')}</button>`;
  }

  below(post: Post): unknown {
    if (this.hiding !== post.id) return nothing;
    const g = this.adminOf(post.groupId);
    if (!g) return nothing;
    const cancel = () => {
      this.hiding = undefined;
      this.host.update();
      this.host.focus(`[data-id="${post.id}"] summary`);
    };
    const hide = async (e: Event) => {
      const reason = ((e.target as HTMLElement).closest('form')?.querySelector('input')?.value ?? '').trim();
      try {
        await this.host.client.post(`/v1/groups/${g.id}/hidden-posts`, reason ? { postId: post.id, reason } : { postId: post.id }, { auth: 'session' });
        this.hiding = undefined;
        this.host.removed(post.id);
      } catch (error) {
        this.host.note(post.id, describeError(error, this.host.lang));
      }
    };
    return html`<form class="note" part="hide-form" role="alert" @submit=${(e: Event) => (e.preventDefault(), void hide(e))}>
      <p>${this.t('confirmHide')}</p>
      <input class="field" part="hide-reason" maxlength="500" aria-label=${this.t('hideReason')} placeholder=${this.t('hideReason')} />
      <p class="row">
        <button type="submit" class="button small" part="button confirm-hide">${this.t('hide')}</button>
        <button type="button" class="button secondary small" part="button" @click=${cancel}>${this.t('cancel')}</button>
      </p>
    </form>`;
  }

  private removeMember(g: Group, p: GroupMember): Promise<void> {
    return this.run(async () => {
      await this.host.client.post(`/v1/groups/${g.id}/removals`, { memberId: p.memberId }, { auth: 'session' });
      this.removing = undefined;
      this.people = this.people?.filter((x) => x.memberId !== p.memberId);
      await this.loadMine();
      this.host.focus('[part~="members-button"]');
    });
  }

  private findPeople(q: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const call = ++this.seq;
      void this.run(async () => {
        const page = q.trim() ? await this.host.client.get<Page<{ id: string; profile: { name: string } }>>('/v1/members', { query: { q: q.trim(), limit: 20 }, auth: 'session' }) : { data: [] };
        const inGroup = new Set((this.people ?? []).map((p) => p.memberId));
        if (call === this.seq) this.candidates = page.data.filter((m) => m.id !== this.host.me && !inGroup.has(m.id));
      });
    }, 250);
  }

  private invite(g: Group, id: string): Promise<void> {
    return this.run(async () => {
      await this.host.client.post(`/v1/groups/${g.id}/invitations`, { memberId: id }, { auth: 'session' });
      this.invitedIds.add(id);
    });
  }

  private renderInvite(g: Group): TemplateResult {
    const list = this.candidates;
    return html`<div class="group-invite" part="group-invite">
      <input class="field" type="search" part="invite-search" aria-label=${this.t('inviteFind')} placeholder=${this.t('inviteFind')}
        @input=${(e: Event) => this.findPeople((e.target as HTMLInputElement).value)} />
      ${list
        ? list.length
          ? html`<ul class="group-members">
              ${list.map(
                (m) => html`<li class="row" data-member=${m.id}><span>${m.profile.name}</span>
                  ${this.invitedIds.has(m.id)
                    ? html`<span class="meta" role="status">${this.t('invited')}</span>`
                    : html`<button type="button" class="button small" part="button invite-button" @click=${() => this.invite(g, m.id)}>${this.t('inviteOne')}</button>`}</li>`,
              )}
            </ul>`
          : html`<p class="meta" role="status">${this.t('noOne')}</p>`
        : nothing}
    </div>`;
  }

  private renderPerson(g: Group, p: GroupMember, who: (p: Person) => string): TemplateResult {
    const admin = g.membership?.role === 'admin';
    const canRemove = admin && p.role !== 'admin' && p.memberId !== this.host.me;
    const name = who(p.member);
    return html`<li class="row" data-member=${p.memberId}><span>${name}</span>${p.role === 'admin' ? html` <span class="badge">${this.t('admin')}</span>` : nothing}
      ${canRemove && this.removing !== p.memberId
        ? html`<button type="button" class="button secondary small" part="button remove-member" @click=${() => {
            this.removing = p.memberId;
            this.host.update();
            this.host.focus('[part~="confirm-remove"]');
          }}>${this.t('remove')}</button>`
        : nothing}
      ${canRemove && this.removing === p.memberId
        ? html`<span class="note row" role="alert">${this.t('confirmRemove', { name })}
            <button type="button" class="button small" part="button confirm-remove" @click=${() => this.removeMember(g, p)}>${this.t('remove')}</button>
            <button type="button" class="button secondary small" part="button" @click=${() => ((this.removing = undefined), this.host.update())}>${this.t('cancel')}</button></span>`
        : nothing}</li>`;
  }

  private meta(g: Group): string {
    return [this.t(`k.${g.kind}`), this.t(`r.${g.joinRule}`), g.visibility === 'hidden' ? this.t('hidden') : '', this.t('count', { n: g.memberCount })].filter(Boolean).join(' · ');
  }

  /** The button a group in the browse list gets, by the member's place in it and its join rule. */
  private action(g: Group): TemplateResult {
    const button = (label: Key, click: () => void, secondary = false) =>
      html`<button type="button" class="button small ${secondary ? 'secondary' : ''}" part="button group-action" @click=${click}>${this.t(label)}</button>`;
    const status = g.membership?.status;
    if (status === 'active') return button('open', () => ((this.browsing = false), this.pick(g.id)), true);
    if (status === 'invited') return button('accept', () => void this.act(g, 'accept'));
    if (status === 'requested') return html`<span class="meta" part="group-status">${this.t('asked')}</span>`;
    if (g.joinRule === 'invitation') return html`<span class="meta" part="group-status">${this.t('inviteOnly')}</span>`;
    return button(g.joinRule === 'open' ? 'join' : 'ask', () => void this.act(g, 'join'));
  }

  private renderBrowser(): TemplateResult {
    const list = this.found;
    return html`<div class="group-browser" part="group-browser">
      <input class="field" type="search" aria-label=${this.t('find')} placeholder=${this.t('find')} @input=${(e: Event) => this.search((e.target as HTMLInputElement).value)} />
      ${!list
        ? html`<div class="skeleton" part="state loading"></div>`
        : list.length
          ? html`<ul>
              ${list.map(
                (g) => html`<li part="group" data-group=${g.id}>
                  <h3>${g.name}</h3>
                  <p class="meta">${this.meta(g)}</p>
                  ${g.description ? html`<p>${g.description}</p>` : nothing}
                  <p class="row">${this.action(g)}</p>
                </li>`,
              )}
            </ul>`
          : html`<p class="meta" role="status">${this.t('none')}</p>`}
    </div>`;
  }

  private renderPage(g: Group): TemplateResult {
    const who = (p: Person) => (p.type === 'former' ? this.t('former') : (p.name ?? ''));
    this.loadRequests(g);
    const requests = this.requests?.length
      ? html`<div part="group-requests">
          <p><strong>${this.t('requests', { n: this.requests.length })}</strong></p>
          <ul class="group-members">
            ${this.requests.map(
              (r) => html`<li class="row" data-member=${r.memberId}><span>${who(r.member)}</span>
                <button type="button" class="button small" part="button approve-button" @click=${() => this.decide(g, r, true)}>${this.t('approve')}</button>
                <button type="button" class="button secondary small" part="button decline-button" @click=${() => this.decide(g, r, false)}>${this.t('decline')}</button></li>`,
            )}
          </ul>
        </div>`
      : nothing;
    return html`<section class="group-page" part="group" data-group=${g.id} aria-labelledby="alumni-group-name">
      <h3 id="alumni-group-name" tabindex="-1">${g.name}</h3>
      <p class="meta">${this.meta(g)}</p>
      ${g.description ? html`<p>${g.description}</p>` : nothing}
      <p class="hint">${this.t('postsHere')}</p>
      ${requests}
      <p class="row">
        <button type="button" class="button secondary small" part="button members-button" aria-expanded=${this.people ? 'true' : 'false'} @click=${() => this.toggleMembers(g)}>
          ${this.t(this.people ? 'hideMembers' : 'members')}
        </button>
        ${g.membership?.role === 'admin'
          ? html`<button type="button" class="button secondary small" part="button invite-toggle" aria-expanded=${this.inviting ? 'true' : 'false'}
              @click=${() => ((this.inviting = !this.inviting), (this.candidates = undefined), this.host.update(), this.inviting && this.host.focus('[part~="invite-search"]'))}>${this.t(this.inviting ? 'closeBrowse' : 'invite')}</button>`
          : nothing}
        <button type="button" class="button secondary small" part="button leave-button" @click=${() => this.leave(g)}>${this.t('leave')}</button>
      </p>
      ${this.inviting && g.membership?.role === 'admin' ? this.renderInvite(g) : nothing}
      ${this.people
        ? html`<ul class="group-members" part="group-members">
            ${this.people.map((p) => this.renderPerson(g, p, who))}
          </ul>`
        : nothing}
    </section>`;
  }

  render(): TemplateResult {
    const active = this.mine.filter((g) => g.membership?.status === 'active');
    const current = this.current;
    return html`<div class="groups" part="groups">
      <div class="row">
        <label for="alumni-group-picker">${this.t('feedOf')}</label>
        <select id="alumni-group-picker" class="field" part="group-picker" @change=${(e: Event) => this.pick((e.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!current}>${this.t('everyone')}</option>
          ${active.map((g) => html`<option value=${g.id} ?selected=${g.id === current?.id}>${g.name}</option>`)}
        </select>
        <button type="button" class="button secondary small" part="button browse-button" aria-expanded=${this.browsing ? 'true' : 'false'} @click=${() => this.toggleBrowse()}>
          ${this.t(this.browsing ? 'closeBrowse' : 'browse')}
        </button>
      </div>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.browsing ? this.renderBrowser() : nothing}
      ${current && !this.browsing ? this.renderPage(current) : nothing}
    </div>`;
  }
}
