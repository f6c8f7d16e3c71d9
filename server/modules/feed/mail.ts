/**
 * The feed's mail, in the member's language, greeting them by name, leading to the post on the
 * company's alumni page (`#alumni-post=…`, which <alumni-post-feed> opens) and with a one-click
 * unsubscribe for its topic. Written with composeMail; sent through the outbox.
 */
import { composeMail, oneLine, type Locale } from '../../core/mail/compose.js';
import type { MailMessage } from '../../core/mail/transport.js';
import type { Tenant } from '../tenants/service.js';

interface Recipient {
  email: string;
  locale: Locale;
  name: string;
}

/** The alumni page, opened at one post, when the company has set its alumni page. */
export function postLink(tenant: Tenant, postId?: string | null): string | undefined {
  if (!tenant.alumniPageUrl) return undefined;
  return postId ? `${tenant.alumniPageUrl.replace(/#.*$/, '')}#alumni-post=${postId}` : tenant.alumniPageUrl;
}

const excerpt = (text: string, max = 80) => {
  const line = oneLine(text).replace(/\s+/g, ' ');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const named = (name: string | null, locale: Locale) => {
  const n = oneLine(name ?? '');
  if (locale === 'en') return n || 'A former member';
  return n ? `${n} さん` : '退会したメンバー';
};

/** A member was nominated for the relay of self-introductions (by a member, or by the company). */
export function relayMail(input: {
  tenant: Tenant;
  to: Recipient;
  /** The member who passed the baton; null when the company started the relay. */
  fromName: string | null;
  relayTitle: string | null;
  postId: string | null;
  unsubscribeUrl: string;
}): MailMessage {
  const { tenant, to } = input;
  const en = to.locale === 'en';
  const tenantName = oneLine(tenant.name);
  const from = input.fromName === null ? tenantName : named(input.fromName, to.locale);
  const title = input.relayTitle ? (en ? ` "${oneLine(input.relayTitle)}"` : `「${oneLine(input.relayTitle)}」`) : '';
  const link = postLink(tenant, input.postId);
  return composeMail({
    to: to.email,
    locale: to.locale,
    tenantName: tenant.name,
    name: to.name,
    subject: en ? `[${tenantName}] ${from} passed you the relay baton` : `[${tenantName}] ${from}からリレー自己紹介のバトンが届きました`,
    paragraphs: en
      ? [
          `${from} nominated you for the relay of self-introductions${title} in the ${tenantName} alumni network.`,
          'Write a short self-introduction in the feed — what you do now, what you are open to — and pass the baton to someone you would like to hear from.',
        ]
      : [
          `${tenantName} アルムナイネットワークのリレー自己紹介${title}で、${from}があなたを次の走者に指名しました。`,
          'フィードで近況や今の仕事、つながりたいことを短く紹介して、次に話を聞いてみたい方へバトンを渡してください。',
        ],
    action: link ? { label: en ? 'Open the feed' : 'フィードを開く', url: link } : undefined,
    alumniPageUrl: tenant.alumniPageUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    tag: 'feed-relay',
  });
}

export interface ReplyLine {
  authorName: string | null;
  text: string;
}

/** New comments on a member's post, or replies to their comment, gathered over a few minutes. */
export function repliesMail(input: { tenant: Tenant; to: Recipient; postTitle: string; onOwnPost: boolean; replies: ReplyLine[]; postId: string; unsubscribeUrl: string }): MailMessage {
  const { tenant, to, replies } = input;
  const en = to.locale === 'en';
  const tenantName = oneLine(tenant.name);
  const title = excerpt(input.postTitle, 40);
  const lines = replies.slice(0, 5).map((r) => `${named(r.authorName, to.locale).replace(/ さん$/, '')}: ${excerpt(r.text)}`);
  const more = replies.length > 5 ? [en ? `…and ${replies.length - 5} more.` : `ほか ${replies.length - 5} 件`] : [];
  const link = postLink(tenant, input.postId);
  return composeMail({
    to: to.email,
    locale: to.locale,
    tenantName: tenant.name,
    name: to.name,
    subject: en
      ? `[${tenantName}] ${replies.length === 1 ? 'A new reply' : `${replies.length} new replies`} on “${title}”`
      : `[${tenantName}] 「${title}」に${replies.length === 1 ? '返信' : `${replies.length} 件の返信`}がありました`,
    paragraphs: [
      en
        ? input.onOwnPost ? `There are new comments on your post “${title}”:` : `Someone replied to your comment on “${title}”:`
        : input.onOwnPost ? `あなたの投稿「${title}」にコメントがありました。` : `「${title}」でのあなたのコメントに返信がありました。`,
      ...lines,
      ...more,
    ],
    action: link ? { label: en ? 'Read and reply' : '読んで返信する', url: link } : undefined,
    alumniPageUrl: tenant.alumniPageUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    tag: 'feed-replies',
  });
}

export interface DigestLine {
  title: string;
  authorName: string | null;
  company: boolean;
}

/** New posts since the member's last visit, for a member away for a while. */
export function digestMail(input: { tenant: Tenant; to: Recipient; posts: DigestLine[]; total: number; unsubscribeUrl: string }): MailMessage {
  const { tenant, to } = input;
  const en = to.locale === 'en';
  const tenantName = oneLine(tenant.name);
  const lines = input.posts.map((p) => `・${excerpt(p.title, 60)}（${p.company ? tenantName : named(p.authorName, to.locale)}）`);
  const more = input.total > input.posts.length ? [en ? `…and ${input.total - input.posts.length} more.` : `ほか ${input.total - input.posts.length} 件`] : [];
  const link = postLink(tenant);
  return composeMail({
    to: to.email,
    locale: to.locale,
    tenantName: tenant.name,
    name: to.name,
    subject: en ? `[${tenantName}] ${input.total} new ${input.total === 1 ? 'post' : 'posts'} in the alumni feed` : `[${tenantName}] アルムナイ通信に新しい投稿が ${input.total} 件あります`,
    paragraphs: [
      en ? `Here is what was posted in the ${tenantName} alumni network since your last visit:` : `前回のご訪問以降、${tenantName} アルムナイネットワークに次の投稿がありました。`,
      ...(en ? lines.map((l) => l.replace('（', ' (').replace(/）$/, ')')) : lines),
      ...more,
      en ? 'You get this weekly summary while you are away; you can turn it off below.' : 'しばらくご覧になっていない方に、週に一度お送りしています。配信は下のリンクから停止できます。',
    ],
    action: link ? { label: en ? 'Open the feed' : 'フィードを開く', url: link } : undefined,
    alumniPageUrl: tenant.alumniPageUrl,
    unsubscribeUrl: input.unsubscribeUrl,
    tag: 'feed-digest',
  });
}
