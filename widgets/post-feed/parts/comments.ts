/** A post's comments (loaded on first open): the thread with one level of replies, writing, editing, deleting, reporting. */
import { html, nothing, type TemplateResult } from 'lit';
import { describeError, HomecomingError, type Page } from '../../core/index.js';
import { renderRichText } from '../../core/rich-text.js';
import { tr, who, type PartKey } from './parts.messages.js';
import { partStyles } from './part-styles.js';
import type { Comment, FeedHost, Post } from './types.js';

export class Thread {
  comments: Comment[] = [];
  private next: string | null = null;
  private loading = true;
  private error?: unknown;
  /** The comment whose reply form is open, the one being edited, the one asking "delete?". */
  private replyTo?: string;
  private editing?: string;
  private deleting?: string;
  private busy = false;
  /** The failure of the last send, keyed by the form it came from. */
  private failed?: { form: string; error: unknown };

  constructor(
    private readonly host: FeedHost,
    private readonly postId: string,
    private post?: Post,
  ) {
    host.adopt(partStyles);
    void this.load();
  }

  private t(key: PartKey) {
    return tr(this.host.lang, key);
  }

  async load(more = false): Promise<void> {
    this.loading = true;
    this.error = undefined;
    this.host.update();
    try {
      const page = await this.host.client.get<Page<Comment>>(`/v1/posts/${this.postId}/comments`, { auth: 'session', query: { limit: 50, cursor: more ? this.next : undefined } });
      this.comments = more ? [...this.comments, ...page.data] : page.data;
      this.next = page.nextCursor;
    } catch (error) {
      this.error = error;
    }
    this.loading = false;
    this.host.update();
  }

  /** After a change: the thread again, and the post's counts for its card. */
  private async refresh(): Promise<void> {
    await this.load();
    try {
      this.post = await this.host.client.get<Post>(`/v1/posts/${this.postId}`, { auth: 'session' });
      this.host.changed(this.post);
    } catch {
      // The card keeps its old count; the thread itself is current.
    }
  }

  /** Sends one change; on success the form it came from closes (or, the new-comment form, empties) and the thread reloads. */
  private async act(form: string, call: () => Promise<unknown>, done?: () => void): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.failed = undefined;
    this.host.update();
    try {
      await call();
      const closing = form !== 'new';
      this.replyTo = this.editing = this.deleting = undefined;
      done?.();
      // The form that had focus is gone: the person continues in the thread's own comment box.
      if (closing) this.host.focus(`[part~="comments"][data-post="${this.postId}"] > form textarea`);
    } catch (error) {
      this.failed = { form, error };
    }
    this.busy = false;
    this.host.update();
    if (!this.failed) await this.refresh();
  }

  private submit(e: SubmitEvent, form: string, parentId?: string, id?: string): void {
    e.preventDefault();
    const el = e.target as HTMLFormElement;
    const body = new FormData(el).get('body')?.toString() ?? '';
    void this.act(
      form,
      () =>
        id
          ? this.host.client.patch(`/v1/comments/${id}`, { body }, { auth: 'session' })
          : this.host.client.post(`/v1/posts/${this.postId}/comments`, { body, parentId }, { auth: 'session' }),
      () => el.reset(),
    );
  }

  private form(key: string, label: PartKey, value = '', parentId?: string, id?: string): TemplateResult {
    const failed = this.failed?.form === key ? this.failed.error : undefined;
    const message = failed instanceof HomecomingError ? (failed.fieldError('body') ?? failed.localized(this.host.lang)) : failed ? describeError(failed, this.host.lang) : '';
    const fid = `c-${this.postId}-${key}`;
    return html`<form class="comment-form" @submit=${(e: SubmitEvent) => this.submit(e, key, parentId, id)}>
      <label for=${fid}>${this.t(label)}</label>
      <textarea id=${fid} name="body" class="field" rows="2" required maxlength="5000" .value=${value} aria-invalid=${message ? 'true' : 'false'} aria-describedby="${fid}-e"></textarea>
      <span class="error" id="${fid}-e" role="alert">${message}</span>
      <div class="row">
        <button class="button small" part="button send-comment" ?disabled=${this.busy}>${this.t(id ? 'save' : 'send')}</button>
        ${key !== 'new' ? html`<button type="button" class="button secondary small" part="button" @click=${() => this.close()}>${this.t('cancel')}</button>` : nothing}
      </div>
    </form>`;
  }

  private close(): void {
    this.replyTo = this.editing = this.deleting = undefined;
    this.failed = undefined;
    this.host.update();
  }

  private open(what: 'replyTo' | 'editing' | 'deleting', id: string): void {
    this.close();
    this[what] = id;
    this.host.update();
    this.host.focus(`[data-comment="${id}"] textarea, [data-comment="${id}"] [part~="confirm-delete"]`);
  }

  private comment(c: Comment, top: boolean): TemplateResult {
    const link = (key: PartKey, fn: () => void) => html`<button type="button" class="link-button" data-action=${key} @click=${fn}>${this.t(key)}</button>`;
    const actions =
      this.deleting === c.id
        ? html`${this.t('deleteSure')}
            <button type="button" class="button small" part="button confirm-delete"
              @click=${() => this.act(c.id, () => this.host.client.delete(`/v1/comments/${c.id}`, { auth: 'session' }))}>${this.t('delete')}</button>
            ${link('cancel', () => this.close())}`
        : html`${top && c.state === 'published' ? link('reply', () => this.open('replyTo', c.id)) : nothing}
            ${c.mine ? html`${link('edit', () => this.open('editing', c.id))}${link('delete', () => this.open('deleting', c.id))}` : link('report', () => this.host.report({ commentId: c.id }))}`;
    return html`<li class="comment" data-comment=${c.id}>
      <p class="meta"><strong>${who(c.author, this.host.lang)}</strong> ${this.host.formatDate(c.createdAt)}${c.editedAt ? ` · ${this.t('edited')}` : ''}</p>
      ${c.state === 'hidden' ? html`<p class="state-note">${this.t('hidden')}</p>` : nothing}
      ${this.editing === c.id ? this.form(c.id, 'edit', c.bodyMarkdown, undefined, c.id) : renderRichText(c.body)}
      <p class="row">${actions}</p>
      ${this.failed?.form === c.id && this.deleting === c.id ? html`<p class="error" role="alert">${describeError(this.failed.error, this.host.lang)}</p>` : nothing}
      ${top && c.replies?.length ? html`<ul class="replies">${c.replies.map((r) => this.comment(r, false))}</ul>` : nothing}
      ${this.replyTo === c.id ? this.form(c.id, 'yourReply', '', c.id) : nothing}
    </li>`;
  }

  render(): TemplateResult {
    return html`<section class="comments" part="comments" data-post=${this.postId} aria-label=${this.t('comments')}>
      ${this.error
        ? html`<p class="error" role="alert">${describeError(this.error, this.host.lang)}
            <button type="button" class="button secondary small" part="button retry-button" @click=${() => this.load()}>${tr(this.host.lang, 'retry' as PartKey)}</button></p>`
        : nothing}
      ${this.comments.length
        ? html`<ul class="thread">${this.comments.map((c) => this.comment(c, true))}</ul>`
        : this.loading
          ? html`<p class="muted" role="status">${tr(this.host.lang, 'loading' as PartKey)}</p>`
          : html`<p class="muted">${this.t('noComments')}</p>`}
      ${this.next ? html`<button type="button" class="button secondary small" part="button" @click=${() => this.load(true)}>${this.t('moreComments')}</button>` : nothing}
      ${this.form('new', 'yourComment')}
    </section>`;
  }
}
