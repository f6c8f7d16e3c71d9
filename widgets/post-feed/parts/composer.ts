/**
 * The composer (loaded when a member first writes): kind, optional title, markdown with a preview
 * rendered by the API's own parser, images with descriptions, links, tags; for a self-introduction the
 * baton it answers and the member it passes to (picked from the directory). Also edits one's own post.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { describeError, HomecomingError } from '../../core/index.js';
import { renderRichText, type RichText } from '../../core/rich-text.js';
import { tr, who, type PartKey } from './parts.messages.js';
import { partStyles } from './part-styles.js';
import type { NomineePicker } from './picker.js';
import type { Baton, FeedHost, Post } from './types.js';

const memberKinds = ['self_intro', 'help', 'promotion', 'general'] as const;

type Row = { url: string; label: string };

export class Composer {
  private kind: string;
  private title: string;
  private body: string;
  private tags: string;
  private images: Row[];
  private links: Row[];
  private answered: boolean;
  private batonId: string;
  private nominee?: { id: string; name: string };
  private picker?: NomineePicker;
  private tab: 'write' | 'preview' = 'write';
  private preview?: RichText;
  private busy = false;
  private error?: unknown;
  private readonly id = `cmp-${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly host: FeedHost,
    private readonly options: { post?: Post; baton?: Baton; batons: Baton[]; close: () => void; created: () => void },
  ) {
    host.adopt(partStyles);
    const p = options.post;
    this.kind = p?.kind ?? (options.baton ? 'self_intro' : 'general');
    this.title = p?.title ?? '';
    this.body = p?.bodyMarkdown ?? '';
    this.tags = p?.tags.join(', ') ?? '';
    this.images = p?.images.map((i) => ({ url: i.url, label: i.alt })) ?? [];
    this.links = p?.links.map((l) => ({ ...l })) ?? [];
    this.answered = Boolean(p?.answeredAt);
    this.batonId = options.baton?.id ?? '';
  }

  private t(key: PartKey, vars?: Record<string, string | number>) {
    return tr(this.host.lang, key, vars);
  }

  /** The API's message for one input (`title`, `images.0.url`), if it refused it. */
  private problem(field: string): string {
    return this.error instanceof HomecomingError ? (this.error.fieldError(field) ?? '') : '';
  }

  private payload() {
    const rows = (list: Row[], key: 'alt' | 'label') => list.filter((r) => r.url.trim()).map((r) => ({ url: r.url.trim(), [key]: r.label.trim() }));
    const content = {
      title: this.title.trim() || null,
      body: this.body,
      images: rows(this.images, 'alt'),
      links: rows(this.links, 'label'),
      tags: this.tags.split(/[,、，]/).map((s) => s.trim()).filter(Boolean),
    };
    if (this.options.post) return { ...content, ...(this.options.post.kind === 'help' ? { answered: this.answered } : {}) };
    // In a group: the post is for its members; relays stay in the tenant-wide feed.
    const group = this.host.group;
    const relay = this.kind === 'self_intro' && !group ? { batonId: this.batonId || null, nomineeMemberId: this.nominee?.id ?? null } : {};
    return { kind: this.kind, ...content, ...relay, ...(group ? { groupId: group } : {}) };
  }

  private async submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    this.busy = true;
    this.error = undefined;
    this.host.update();
    try {
      const post = this.options.post;
      const saved = post
        ? await this.host.client.patch<Post>(`/v1/posts/${post.id}`, this.payload(), { auth: 'session' })
        : await this.host.client.post<Post>('/v1/posts', this.payload(), { auth: 'session' });
      if (post) {
        this.host.changed(saved);
        this.options.close();
      } else {
        this.options.created();
        this.host.created(saved);
      }
    } catch (error) {
      this.error = error;
      this.host.focus('[part~="composer"] [aria-invalid="true"], [part~="composer"] .error[role="alert"]');
    }
    this.busy = false;
    this.host.update();
  }

  private async showPreview(): Promise<void> {
    this.tab = 'preview';
    this.preview = undefined;
    this.host.update();
    if (!this.body.trim()) return;
    try {
      this.preview = (await this.host.client.post<{ body: RichText }>('/v1/posts/preview', { body: this.body }, { auth: 'session' })).body;
    } catch (error) {
      this.error = error;
    }
    this.host.update();
  }

  private async pick(): Promise<void> {
    const { NomineePicker } = await import('./picker.js');
    this.picker = new NomineePicker(this.host, (m) => {
      this.nominee = m;
      this.picker = undefined;
      this.host.update();
      this.host.focus(`#${this.id}-nominee`);
    });
    this.host.update();
    this.host.focus('[part~="picker"] input');
  }

  private input(field: 'title' | 'body' | 'tags') {
    return (e: Event) => (this[field] = (e.target as HTMLInputElement).value);
  }

  private text(field: 'title' | 'tags', label: PartKey) {
    const id = `${this.id}-${field}`;
    const problem = this.problem(field === 'tags' ? 'tags' : 'title');
    return html`<label for=${id}>${this.t(label)}</label>
      <input id=${id} class="field" .value=${this[field]} @input=${this.input(field)} aria-invalid=${problem ? 'true' : 'false'} aria-describedby="${id}-e" />
      <span class="error" id="${id}-e">${problem}</span>`;
  }

  private rows(which: 'images' | 'links') {
    const list = this[which];
    const [legend, url, label, add, max] = which === 'images' ? (['images', 'imageUrl', 'imageAlt', 'addImage', 4] as const) : (['links', 'linkUrl', 'linkLabel', 'addLink', 5] as const);
    const set = (i: number, key: keyof Row) => (e: Event) => (list[i]![key] = (e.target as HTMLInputElement).value);
    return html`<div class="group">
      <span>${this.t(legend)}</span>
      ${list.map((row, i) => {
        const problem = this.problem(`${which}.${i}.url`);
        return html`<div class="pair">
            <input class="field" type="url" inputmode="url" aria-label=${this.t(url, { n: i + 1 })} .value=${row.url} @input=${set(i, 'url')} aria-invalid=${problem ? 'true' : 'false'} />
            <input class="field" aria-label=${this.t(label, { n: i + 1 })} .value=${row.label} @input=${set(i, 'label')} />
            <button type="button" class="button secondary small" part="button" @click=${() => (list.splice(i, 1), this.host.update())}>${this.t('removeRow')}</button>
          </div>
          <span class="error">${problem}</span>`;
      })}
      ${list.length < max ? html`<button type="button" class="link-button" @click=${() => (list.push({ url: '', label: '' }), this.host.update())}>+ ${this.t(add)}</button>` : nothing}
    </div>`;
  }

  private renderBody() {
    const id = `${this.id}-body`;
    const problem = this.problem('body');
    const tab = (which: 'write' | 'preview') =>
      html`<button type="button" role="tab" aria-selected=${this.tab === which ? 'true' : 'false'} @click=${() => (which === 'preview' ? this.showPreview() : ((this.tab = 'write'), this.host.update()))}>${this.t(which)}</button>`;
    return html`<div class="group">
      <label for=${id}>${this.t('body')}</label>
      <div role="tablist">${tab('write')}${tab('preview')}</div>
      <textarea id=${id} class="field" rows="6" maxlength="20000" ?hidden=${this.tab !== 'write'} .value=${this.body} @input=${this.input('body')}
        aria-invalid=${problem ? 'true' : 'false'} aria-describedby="${id}-h ${id}-e"></textarea>
      ${this.tab === 'preview' ? html`<div class="preview" part="preview" aria-live="polite">${this.preview ? renderRichText(this.preview) : html`<p class="hint">${this.t(this.body.trim() ? 'sending' : 'previewEmpty')}</p>`}</div>` : nothing}
      <span class="hint" id="${id}-h">${this.t('bodyHint')}</span>
      <span class="error" id="${id}-e">${problem}</span>
    </div>`;
  }

  private renderRelay() {
    const batons = this.options.batons;
    const batonSelect = batons.length
      ? html`<label>${this.t('baton')}<select class="field" .value=${this.batonId} @change=${(e: Event) => (this.batonId = (e.target as HTMLSelectElement).value)}>
          <option value="">${this.t('noBaton')}</option>
          ${batons.map((b) => html`<option value=${b.id} ?selected=${b.id === this.batonId}>${this.t('batonFrom', { name: b.from.type === 'company' ? (b.from.name ?? '') : who(b.from, this.host.lang) })}</option>`)}
        </select></label>`
      : nothing;
    const chosen = this.nominee
      ? html`<span id="${this.id}-nominee" tabindex="-1"><strong>${this.nominee.name}</strong></span>
          <button type="button" class="link-button" @click=${() => this.pick()}>${this.t('change')}</button>
          <button type="button" class="link-button" @click=${() => ((this.nominee = undefined), this.host.update())}>${this.t('unpick')}</button>`
      : html`<button type="button" class="button secondary small" part="button pick-nominee" @click=${() => this.pick()}>${this.t('pick')}</button>`;
    const problem = this.problem('nomineeMemberId') || this.problem('batonId');
    return html`${batonSelect}<div class="group"><span>${this.t('nominee')}</span><div class="row">${chosen}</div>
      ${this.picker?.render() ?? nothing}<span class="error">${problem}</span></div>`;
  }

  render(): TemplateResult {
    const post = this.options.post;
    const general = this.error && !(this.error instanceof HomecomingError && this.error.fieldErrors.length) ? describeError(this.error, this.host.lang) : '';
    return html`<form class="composer" part="composer" aria-labelledby="${this.id}-h" @submit=${(e: SubmitEvent) => void this.submit(e)}>
      <h3 id="${this.id}-h">${this.t(post ? 'editPost' : 'compose')}</h3>
      ${post
        ? nothing
        : html`<fieldset><legend>${this.t('kind')}</legend>
            ${memberKinds.map(
              (k) => html`<label class="kind"><input type="radio" name="kind" value=${k} .checked=${this.kind === k} @change=${() => ((this.kind = k), this.host.update())} />
                <span><strong>${tr(this.host.lang, `k.${k}` as PartKey)}</strong><br /><span class="hint">${this.t(`kh.${k}`)}</span></span></label>`,
            )}</fieldset>`}
      ${this.text('title', 'title')} ${this.renderBody()} ${this.rows('images')} ${this.rows('links')} ${this.text('tags', 'tags')}
      ${!post && this.kind === 'self_intro' ? this.renderRelay() : nothing}
      ${post?.kind === 'help' ? html`<label class="row"><input type="checkbox" .checked=${this.answered} @change=${(e: Event) => (this.answered = (e.target as HTMLInputElement).checked)} />${this.t('answered')}</label>` : nothing}
      <p class="error" role="alert">${general}</p>
      <div class="row">
        <button class="button" part="button submit-post" ?disabled=${this.busy}>${this.t(this.busy ? 'sending' : post ? 'save' : 'submit')}</button>
        <button type="button" class="button secondary" part="button" @click=${() => this.options.close()}>${this.t('cancel')}</button>
      </div>
    </form>`;
  }
}
