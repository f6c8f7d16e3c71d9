/** One post as a card: author, kind, date, title, rich text, images (with a fallback), links, tags, relay line, reactions, actions. */
import { html, nothing, type TemplateResult } from 'lit';
import { renderRichText } from '../../core/rich-text.js';
import type { FeedKey } from '../post-feed.messages.js';
import { reactionKinds, type Person, type Post, type ReactionKind } from './types.js';

const nameOf = (p: Person | null | undefined, former: string): string => (!p || p.type === 'former' ? former : (p.name ?? ''));

export const reactionEmoji: Record<ReactionKind, string> = { like: '👍', thanks: '🙏', celebrate: '🎉', support: '💪', insightful: '💡' };

export interface CardView {
  t(key: FeedKey, vars?: Record<string, string | number>): string;
  date(iso: string): string;
  uid: string;
  /** Signed-in approved member: may react, comment, report. */
  member: boolean;
  commentsOpen(id: string): boolean;
  /** What shows under the card: its comments, the relay chain (lazily loaded parts). */
  below(post: Post): unknown;
  /** More items in the card's menu (a group admin's "hide", from the member tools). */
  menu(post: Post): unknown;
  /** A short confirmation for a post (link copied, reported). */
  notice(id: string): string;
  on: {
    react(post: Post, kind: ReactionKind): void;
    comments(post: Post): void;
    tag(tag: string): void;
    edit(post: Post): void;
    remove(post: Post): void;
    report(post: Post): void;
    copy(post: Post): void;
    relay(post: Post): void;
  };
}

const hide = (e: Event) => {
  const img = e.target as HTMLElement;
  img.hidden = true;
  (img.nextElementSibling as HTMLElement | null)?.removeAttribute('hidden');
};

/** Initials with the photo over them; a photo that does not load (or the page's CSP blocks) leaves the initials. */
function avatar(p: Person, v: CardView): TemplateResult {
  const name = nameOf(p, v.t('former')).trim();
  const initial = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(name) ? [...name][0] : name.split(/\s+/).slice(0, 2).map((w) => [...w][0]?.toUpperCase() ?? '').join('');
  const photo = p.photoUrl && /^https:/.test(p.photoUrl) ? p.photoUrl : '';
  return html`<span class="avatar ${p.type}" part="avatar" aria-hidden="true"
    >${initial || '·'}${photo ? html`<img src=${photo} alt="" loading="lazy" referrerpolicy="no-referrer" @error=${(e: Event) => ((e.target as HTMLElement).hidden = true)} />` : nothing}</span
  >`;
}

const safe = (url: string, pattern: RegExp) => {
  try {
    const u = new URL(url);
    return pattern.test(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
};

function media(post: Post, v: CardView) {
  const images = post.images.filter((i) => safe(i.url, /^https:$/));
  const links = post.links.filter((l) => safe(l.url, /^https?:$/));
  return html`${images.length
    ? html`<div class="images" part="images">
        ${images.map(
          (i) => html`<figure class="image"><img src=${i.url} alt=${i.alt} loading="lazy" referrerpolicy="no-referrer" @error=${hide} /><span class="fallback" hidden
              >${i.alt ? v.t('image', { alt: i.alt }) : v.t('imageFailed')}</span
            ></figure>`,
        )}
      </div>`
    : nothing}${links.length
    ? html`<ul class="links" aria-label=${v.t('links')}>
        ${links.map((l) => html`<li><a href=${safe(l.url, /^https?:$/)!} rel="noopener noreferrer ugc" target="_blank" part="link">${l.label || new URL(l.url).host}</a></li>`)}
      </ul>`
    : nothing}`;
}

function relayLine(post: Post, v: CardView) {
  const r = post.relay;
  if (!r) return nothing;
  const who = (p: Person | null) => nameOf(p, v.t('former'));
  const from = r.from ? v.t('relayFrom', { name: who(r.from) }) : v.t('relayStart');
  const to = r.nominee ? ` → ${v.t('relayTo', { name: who(r.nominee) })}${r.nomineePosted ? v.t('relayDone') : ''}` : '';
  return html`<p class="relay" part="relay"><span aria-hidden="true">🏃</span> ${from}${to}
    <button type="button" class="link-button" @click=${() => v.on.relay(post)}>${v.t('relayView')}</button></p>`;
}

function reactions(post: Post, v: CardView) {
  return html`<div class="reactions" role="group" aria-label=${v.t('reactions')}>
    ${reactionKinds.map((kind) => {
      const n = post.reactions[kind] ?? 0;
      const label = `${v.t(`r.${kind}`)} ${n}`;
      if (!v.member) return n ? html`<span class="reaction" title=${label}><span aria-hidden="true">${reactionEmoji[kind]}</span> ${n}<span class="visually-hidden">${v.t(`r.${kind}`)}</span></span>` : nothing;
      const on = post.myReactions.includes(kind);
      return html`<button type="button" class="reaction" part="reaction" data-kind=${kind} aria-pressed=${on ? 'true' : 'false'} aria-label=${label} title=${v.t(`r.${kind}`)}
        ?disabled=${post.state !== 'published'} @click=${() => v.on.react(post, kind)}><span aria-hidden="true">${reactionEmoji[kind]}</span>${n ? ` ${n}` : ''}</button>`;
    })}
  </div>`;
}

function actions(post: Post, v: CardView) {
  const open = v.commentsOpen(post.id);
  const comments = v.member
    ? html`<button type="button" class="button secondary small" part="button comments-button" aria-expanded=${open ? 'true' : 'false'} @click=${() => v.on.comments(post)}
        >${open ? v.t('hideComments') : v.t('comments', { count: post.commentCount })}</button>`
    : html`<span class="muted small">${v.t('comments', { count: post.commentCount })}</span>`;
  const item = (label: FeedKey, fn: (p: Post) => void) => html`<button type="button" class="link-button" data-action=${label} @click=${() => fn(post)}>${v.t(label)}</button>`;
  return html`<div class="actions">
    ${reactions(post, v)} ${comments}
    <details class="menu" part="menu">
      <summary aria-label=${v.t('more')} title=${v.t('more')}>⋯</summary>
      <div class="menu-items">
        ${item('copyLink', v.on.copy)}
        ${post.mine ? html`${item('edit', v.on.edit)}${item('delete', v.on.remove)}` : v.member && post.author.type !== 'company' ? item('report', v.on.report) : nothing}${v.menu(post)}
      </div>
    </details>
    <span class="notice" role="status">${v.notice(post.id)}</span>
  </div>`;
}

export function renderPost(post: Post, v: CardView): TemplateResult {
  const name = post.author.type === 'former' ? v.t('former') : (post.author.name ?? '');
  const titleId = `${v.uid}-${post.id}`;
  const state = post.state === 'hidden' ? v.t('hidden') : post.state === 'pending' ? v.t('pending') : post.state === 'scheduled' ? v.t('scheduled') : '';
  return html`<article class="post ${post.author.type}" part="post" data-id=${post.id} aria-labelledby=${titleId}>
    <header class="head">
      ${avatar(post.author, v)}
      <div class="who">
        <span class="name">${name}</span>
        <span class="meta"
          ><span class="badge" part="badge">${v.t(`k.${post.kind}`)}</span> <a href="#alumni-post=${post.id}" part="permalink">${v.date(post.publishedAt)}</a>${post.editedAt
            ? html` · <span>${v.t('edited')}</span>`
            : nothing}</span
        >
      </div>
      ${post.pinned ? html`<span class="badge pin" part="badge">${v.t('pinned')}</span>` : nothing}
      ${post.answeredAt ? html`<span class="badge done" part="badge">${v.t('answered')}</span>` : nothing}
    </header>
    ${state ? html`<p class="state-note" part="state-note">${state}</p>` : nothing}
    <h3 id=${titleId} class=${post.title ? 'title' : 'visually-hidden'}>${post.title ?? v.t('by', { name })}</h3>
    ${renderRichText(post.body)} ${media(post, v)}
    ${post.tags.length
      ? html`<ul class="tags">${post.tags.map((tag) => html`<li><button type="button" class="tag" part="tag" @click=${() => v.on.tag(tag)}>#${tag}</button></li>`)}</ul>`
      : nothing}
    ${relayLine(post, v)} ${actions(post, v)} ${v.below(post)}
  </article>`;
}
