/**
 * What an approved member can do besides reading (loaded once one is signed in, so the careers page's
 * visitors never download it): the baton notes and the write button over the feed, the composer,
 * reactions, deleting one's own post (after a confirmation), reports.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeError } from '../../core/index.js';
import { tr, who } from './parts.messages.js';
import { partStyles } from './part-styles.js';
import type { Baton, FeedHost, Post, ReactionKind } from './types.js';

interface Part {
  render(): unknown;
}

interface GroupsPart extends Part {
  menu(post: Post): unknown;
  below(post: Post): unknown;
}

export class MemberTools {
  batons: Baton[] = [];
  private composer?: Part;
  private dialog?: Part;
  private confirmId?: string;
  /** The group picker, the group's page and browsing (its own chunk). */
  private groups?: GroupsPart;

  constructor(private readonly host: FeedHost) {
    host.adopt(partStyles);
    void this.loadBatons();
    // A kind without groups gets no picker, and the groups API is asked nothing.
    if (this.lacks('groups')) return;
    void import('./groups.js').then(
      ({ GroupsPanel }) => {
        this.groups = new GroupsPanel(host);
        host.update();
      },
      () => undefined,
    );
  }

  /** The session's member says their kind lacks a feature (`feed`, `groups`, …); a session without features lacks none. */
  private lacks(feature: string): boolean {
    const features = (this.host.client.session.member as { features?: string[] } | undefined)?.features;
    return Array.isArray(features) && !features.includes(feature);
  }

  private t(key: Parameters<typeof tr>[1], vars?: Record<string, string>) {
    return tr(this.host.lang, key, vars);
  }

  async loadBatons(): Promise<void> {
    try {
      this.batons = (await this.host.client.get<{ data: Baton[] }>('/v1/me/batons', { auth: 'session' })).data;
    } catch {
      // No baton note this time; the feed itself is unaffected.
    }
    this.host.update();
  }

  async compose(post?: Post, baton?: Baton): Promise<void> {
    const { Composer } = await import('./composer.js');
    this.composer = new Composer(this.host, {
      post,
      baton,
      batons: this.batons,
      close: () => {
        this.composer = undefined;
        this.host.update();
        this.host.focus(post ? `[data-id="${post.id}"] summary` : '[part~="write-button"]');
      },
      created: () => {
        this.composer = undefined;
        void this.loadBatons();
      },
    });
    this.host.update();
    this.host.focus('[part~="composer"] input:checked, [part~="composer"] input, [part~="composer"] textarea');
  }

  async report(target: { postId: string } | { commentId: string }): Promise<void> {
    const id = 'postId' in target ? target.postId : target.commentId;
    const { ReportDialog } = await import('./report.js');
    this.dialog = new ReportDialog(this.host, target, (sent) => {
      this.dialog = undefined;
      this.host.update();
      if (sent) this.host.note(id, this.t('reported'));
    });
    this.host.update();
  }

  async react(post: Post, kind: ReactionKind): Promise<void> {
    try {
      const state = await this.host.client.put<Pick<Post, 'reactions' | 'myReactions'>>(`/v1/posts/${post.id}/reactions`, { kind, reacted: !post.myReactions.includes(kind) }, { auth: 'session' });
      this.host.changed({ ...post, ...state });
    } catch (error) {
      this.host.note(post.id, describeError(error, this.host.lang));
    }
  }

  confirmDelete(post: Post): void {
    this.confirmId = post.id;
    this.host.update();
    this.host.focus('[part~="confirm-delete"]');
  }

  private async remove(post: Post): Promise<void> {
    this.confirmId = undefined;
    try {
      await this.host.client.delete(`/v1/posts/${post.id}`, { auth: 'session' });
      this.host.removed(post.id);
    } catch (error) {
      this.host.note(post.id, describeError(error, this.host.lang));
    }
  }

  /** More in a post's menu: a group admin hides a post of their group. */
  menu(post: Post): unknown {
    return this.groups?.menu(post) ?? nothing;
  }

  /**
   * The member's kind does not include the feed (the session's features say so, or the API answered 403
   * `feature_not_available` since the company changed it): a calm note instead of the generic error.
   */
  unavailable(error: unknown): TemplateResult | undefined {
    if (!this.lacks('feed') && (error as { code?: string } | undefined)?.code !== 'feature_not_available') return undefined;
    return html`<div class="state unavailable" part="state unavailable" role="status"><p>${this.t('unavailable')}</p></div>`;
  }

  /** Under a post: the delete confirmation (or a group admin's hide form). */
  below(post: Post): unknown {
    if (this.confirmId !== post.id) return this.groups?.below(post) ?? nothing;
    return html`<p class="note row" role="alert">${this.t('confirmDelete')}
      <button type="button" class="button small" part="button confirm-delete" @click=${() => this.remove(post)}>${this.t('delete')}</button>
      <button type="button" class="button secondary small" part="button" @click=${() => ((this.confirmId = undefined), this.host.update())}>${this.t('cancel')}</button></p>`;
  }

  /** Over the feed: batons passed to the member, then the composer or the button that opens it. */
  top(): TemplateResult {
    // A kind without the feed: no composer, no batons (the note takes the list's place).
    if (this.lacks('feed')) return html``;
    return html`${this.groups?.render() ?? nothing}${this.batons.map(
      (b) => html`<p class="baton" part="baton" role="status"><span aria-hidden="true">🏃</span>
        ${this.t('batonNote', { name: b.from.type === 'company' ? (b.from.name ?? '') : this.t('batonMember', { name: who(b.from, this.host.lang) }) })}
        <button type="button" class="button small" part="button" @click=${() => this.compose(undefined, b)}>${this.t('writeIntro')}</button></p>`,
    )}${this.composer
      ? this.composer.render()
      : html`<button type="button" class="button" part="button write-button" @click=${() => this.compose()}>${this.t('compose')}</button>`}${this.dialog?.render() ?? nothing}`;
  }
}
