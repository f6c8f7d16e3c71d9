import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import { LocaleController } from '../../widgets/core/controllers.js';
import { renderEmpty, renderTask } from '../../widgets/core/states.js';
import type { Page } from '../../widgets/core/api.js';
import { consoleApi } from '../api.js';
import { pageStyles } from '../console.styles.js';
import { feedMessages, type FeedKey } from './feed.messages.js';
import './markdown-preview.js';

const kinds = ['news', 'column', 'event_report', 'job_news'] as const;
interface Person {
  type: 'company' | 'member' | 'former';
  name?: string;
}
interface AdminPost {
  id: string;
  kind: string;
  title: string | null;
  bodyMarkdown: string;
  tags: string[];
  author: Person;
  authorMemberId: string | null;
  audience: 'members' | 'public';
  pinned: boolean;
  publishedAt: string;
  state: 'published' | 'hidden' | 'pending' | 'scheduled';
}
interface Report {
  id: string;
  reason: string;
  reporter: Person;
  target: { type: 'post' | 'comment'; postId: string; commentId: string | null; excerpt: string; author: Person; hidden: boolean };
}

/** `2026-11-22T10:00` in the browser's zone, for a datetime-local input. */
const localInput = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * The feed: company posts (write with a live preview, tags, pin, schedule; the scheduled and
 * published ones, with edit) for posts.manage; the moderation queue (reports: hide, restore,
 * dismiss; first posts awaiting approval; hidden posts) for posts.moderate.
 */
@customElement('alumni-console-feed')
export class ConsoleFeed extends LitElement {
  static override styles = [
    pageStyles,
    css`
      input.check {
        width: auto;
        margin: 0 6px 0 0;
      }
      label.check-label {
        display: inline;
      }
      q {
        overflow-wrap: anywhere;
      }
      nav.actions {
        margin-bottom: calc(var(--_space) * 2);
      }
    `,
  ];
  @property({ attribute: false }) capabilities: string[] = [];
  private locale = new LocaleController(this, feedMessages);
  @state() private tab: 'posts' | 'moderation' = 'posts';
  @state() private editing?: AdminPost | 'new';
  @state() private body = '';
  @state() private notice?: string;
  @state() private problem?: string;
  private company = new Task(this, {
    task: async ([tab], { signal }) => {
      if (tab !== 'posts' || !this.canManage) return undefined;
      const list = (status: string) => consoleApi.get<Page<AdminPost>>('/v1/admin/posts', { auth: 'session', query: { status, limit: 50 }, signal });
      const [scheduled, published] = await Promise.all([list('scheduled'), list('published')]);
      const ours = (p: AdminPost) => p.authorMemberId === null;
      return { scheduled: scheduled.data.filter(ours), published: published.data.filter(ours) };
    },
    args: () => [this.tab] as const,
  });
  private queue = new Task(this, {
    task: async ([tab], { signal }) => {
      if (tab !== 'moderation') return undefined;
      const [reports, pending, hidden] = await Promise.all([
        consoleApi.get<Page<Report>>('/v1/admin/reports', { auth: 'session', query: { limit: 50 }, signal }),
        consoleApi.get<Page<AdminPost>>('/v1/admin/posts', { auth: 'session', query: { status: 'pending', limit: 50 }, signal }),
        consoleApi.get<Page<AdminPost>>('/v1/admin/posts', { auth: 'session', query: { status: 'hidden', limit: 50 }, signal }),
      ]);
      return { reports: reports.data, pending: pending.data, hidden: hidden.data };
    },
    args: () => [this.tab] as const,
  });

  protected override willUpdate(): void {
    if (!this.canManage && this.tab === 'posts') this.tab = 'moderation';
  }

  private t(key: FeedKey, vars?: Record<string, string>) {
    return this.locale.t(key, vars);
  }

  private get canManage() {
    return this.capabilities.includes('posts.manage');
  }

  private name(p: Person) {
    return p.type === 'company' ? '' : (p.name ?? this.t('mod.unknown'));
  }

  private edit(post: AdminPost | 'new') {
    this.editing = post;
    this.body = post === 'new' ? '' : post.bodyMarkdown;
    this.notice = this.problem = undefined;
  }

  private async save(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const at = s('publishAt');
    const body = {
      kind: s('kind'),
      title: s('title') || null,
      body: String(f.get('body') ?? ''),
      tags: s('tags').split(/[,、]/).map((x) => x.trim()).filter(Boolean),
      audience: s('audience'),
      pinned: f.get('pinned') === 'on',
      publishAt: at ? new Date(at).toISOString() : null,
    };
    this.problem = undefined;
    try {
      const post = this.editing === 'new' || !this.editing
        ? await consoleApi.post<AdminPost>('/v1/admin/posts', body, { auth: 'session' })
        : await consoleApi.patch<AdminPost>(`/v1/admin/posts/${this.editing.id}`, body, { auth: 'session' });
      this.notice = post.state === 'scheduled' ? this.t('feed.scheduledSaved', { when: this.locale.dateTime(post.publishedAt) }) : this.t('feed.saved');
      this.editing = undefined;
      void this.company.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private async act(path: string, done: FeedKey, body?: unknown) {
    this.problem = undefined;
    try {
      await consoleApi.post(path, body, { auth: 'session' });
      this.notice = this.t(done);
      void this.queue.run();
    } catch (error) {
      this.problem = this.locale.describeError(error);
    }
  }

  private renderForm(post: AdminPost | undefined) {
    const t = this.t.bind(this);
    return html`<form class="card" @submit=${this.save} aria-labelledby="post-form">
      <h3 id="post-form">${post ? t('feed.formEdit') : t('feed.formNew')}</h3>
      <div class="inline">
        <div><label for="post-kind">${t('feed.kind')}</label>
          <select id="post-kind" name="kind">${kinds.map((k) => html`<option value=${k} ?selected=${post?.kind === k}>${t(`kind.${k}`)}</option>`)}</select></div>
        <div><label for="post-audience">${t('feed.audience')}</label>
          <select id="post-audience" name="audience">${(['members', 'public'] as const).map((k) => html`<option value=${k} ?selected=${(post?.audience ?? 'members') === k}>${t(`audience.${k}`)}</option>`)}</select></div>
      </div>
      <label for="post-title">${t('feed.title')}</label><input id="post-title" name="title" maxlength="200" .value=${post?.title ?? ''} />
      <label for="post-body">${t('feed.body')}</label>
      <textarea id="post-body" name="body" required .value=${this.body} @input=${(e: Event) => (this.body = (e.target as HTMLTextAreaElement).value)}></textarea>
      <h4>${t('feed.preview')}</h4>
      <alumni-console-markdown-preview endpoint="/v1/admin/posts/preview" field="body" .markdown=${this.body} label=${t('feed.preview')} empty=${t('feed.previewEmpty')}></alumni-console-markdown-preview>
      <label for="post-tags">${t('feed.tags')}</label><input id="post-tags" name="tags" .value=${post?.tags.join(', ') ?? ''} />
      <label for="post-publish">${t('feed.publishAt')}</label>
      <input id="post-publish" name="publishAt" type="datetime-local" .value=${post && post.state === 'scheduled' ? localInput(post.publishedAt) : ''} />
      <p><input id="post-pinned" name="pinned" type="checkbox" class="check" ?checked=${post?.pinned ?? false} /> <label for="post-pinned" class="check-label">${t('feed.pinned')}</label></p>
      <p class="actions"><button type="submit">${t('feed.save')}</button><button type="button" class="secondary" @click=${() => (this.editing = undefined)}>${t('feed.cancel')}</button></p>
    </form>`;
  }

  private renderPosts(list: AdminPost[], empty: string, marker: string) {
    const t = this.t.bind(this);
    return list.length
      ? html`<ul class="rows" data-list=${marker}>
          ${list.map(
            (p) => html`<li data-post=${p.id}>
              <div class="grow"><strong>${p.title ?? p.bodyMarkdown.slice(0, 40)}</strong> <span class="badge">${t(`kind.${p.kind as (typeof kinds)[number]}`)}</span> ${p.pinned ? html`<span class="badge">${t('feed.pinnedBadge')}</span>` : nothing}
                <div class="muted">${t(p.state === 'scheduled' ? 'feed.at' : 'feed.publishedAt', { when: this.locale.dateTime(p.publishedAt) })} · ${t(`audience.${p.audience}`)}${p.tags.length ? ` · #${p.tags.join(' #')}` : ''}</div></div>
              <div class="actions"><button type="button" class="secondary" aria-label="${t('feed.edit')}: ${p.title ?? ''}" @click=${() => this.edit(p)}>${t('feed.edit')}</button></div>
            </li>`,
          )}
        </ul>`
      : renderEmpty(this.locale, empty);
  }

  private renderCompany() {
    const t = this.t.bind(this);
    if (this.editing) return this.renderForm(this.editing === 'new' ? undefined : this.editing);
    return html`<p><button type="button" @click=${() => this.edit('new')}>${t('feed.new')}</button></p>
      ${renderTask(this.company, this.locale, (lists) =>
        lists
          ? html`<h3>${t('feed.scheduled')}</h3>${this.renderPosts(lists.scheduled, t('feed.noScheduled'), 'scheduled')}
              <h3>${t('feed.published')}</h3>${this.renderPosts(lists.published, t('feed.noPublished'), 'published')}`
          : nothing,
      )}`;
  }

  private renderModeration() {
    const t = this.t.bind(this);
    return renderTask(this.queue, this.locale, (q) =>
      q
        ? html`<h3>${t('mod.reports')}</h3>
            ${q.reports.length
              ? html`<ul class="rows" data-list="reports">
                  ${q.reports.map((r) => {
                    const target = r.target.type === 'post' ? `/v1/admin/posts/${r.target.postId}` : `/v1/admin/comments/${r.target.commentId}`;
                    return html`<li data-report=${r.id}>
                      <div class="grow"><span class="badge">${t(r.target.type === 'post' ? 'mod.post' : 'mod.comment')}</span> <q>${r.target.excerpt}</q>
                        <div class="muted">${t('mod.author', { author: this.name(r.target.author) })} · ${t('mod.reportedBy', { reporter: this.name(r.reporter), reason: r.reason })}</div></div>
                      <div class="actions">
                        ${r.target.hidden
                          ? html`<button type="button" class="secondary" @click=${() => void this.act(`${target}/restore`, 'mod.restored')}>${t('mod.restore')}</button>`
                          : html`<button type="button" class="danger" aria-label="${t('mod.hide')}: ${r.target.excerpt}" @click=${() => void this.act(`${target}/hide`, 'mod.hidden', { reason: r.reason.slice(0, 500) })}>${t('mod.hide')}</button>`}
                        <button type="button" class="secondary" aria-label="${t('mod.dismiss')}: ${r.target.excerpt}" @click=${() => void this.act(`/v1/admin/reports/${r.id}/dismiss`, 'mod.dismissed')}>${t('mod.dismiss')}</button>
                      </div>
                    </li>`;
                  })}
                </ul>`
              : renderEmpty(this.locale, t('mod.noReports'))}
            <h3>${t('mod.pending')}</h3>
            ${q.pending.length
              ? html`<ul class="rows" data-list="pending">
                  ${q.pending.map(
                    (p) => html`<li data-post=${p.id}>
                      <div class="grow"><strong>${this.name(p.author)}</strong><div>${p.title ?? ''} ${p.bodyMarkdown.slice(0, 140)}</div></div>
                      <div class="actions"><button type="button" aria-label="${t('mod.approve')}: ${this.name(p.author)}" @click=${() => void this.act(`/v1/admin/posts/${p.id}/approve`, 'mod.approved')}>${t('mod.approve')}</button></div>
                    </li>`,
                  )}
                </ul>`
              : renderEmpty(this.locale, t('mod.noPending'))}
            <h3>${t('mod.hiddenPosts')}</h3>
            ${q.hidden.length
              ? html`<ul class="rows" data-list="hidden">
                  ${q.hidden.map(
                    (p) => html`<li data-post=${p.id}>
                      <div class="grow"><strong>${this.name(p.author)}</strong><div>${p.title ?? ''} ${p.bodyMarkdown.slice(0, 140)}</div></div>
                      <div class="actions"><button type="button" class="secondary" @click=${() => void this.act(`/v1/admin/posts/${p.id}/restore`, 'mod.restored')}>${t('mod.restore')}</button></div>
                    </li>`,
                  )}
                </ul>`
              : renderEmpty(this.locale, t('mod.noHidden'))}`
        : nothing,
    );
  }

  override render() {
    const t = this.t.bind(this);
    const tabs = [...(this.canManage ? (['posts'] as const) : []), 'moderation'] as const;
    return html`<h2>${t('feed.heading')}</h2>
      ${tabs.length > 1
        ? html`<nav aria-label=${t('feed.tabs')} class="actions">
            ${tabs.map((id) => html`<button type="button" class=${this.tab === id ? '' : 'secondary'} aria-pressed=${this.tab === id ? 'true' : 'false'} @click=${() => ((this.tab = id), (this.notice = undefined), (this.editing = undefined))}>${t(`feed.tab.${id}`)}</button>`)}
          </nav>`
        : nothing}
      ${this.notice ? html`<p class="notice" role="status">${this.notice}</p>` : nothing}
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      ${this.tab === 'posts' ? this.renderCompany() : this.renderModeration()}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'alumni-console-feed': ConsoleFeed;
  }
}
