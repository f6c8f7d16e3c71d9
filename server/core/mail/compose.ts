/**
 * One way to write a mail: a greeting by name, paragraphs, an optional button-like link, and a
 * footer that leads somewhere (the company's alumni page) and, for anything a member can turn off,
 * a one-click unsubscribe link (and the List-Unsubscribe headers mail clients show as a button).
 * Text and HTML parts are made from the same words; every value in the HTML part is escaped.
 */
import type { MailMessage } from './transport.js';

export type Locale = 'ja' | 'en';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** A name from a profile is free text: it must not be able to break a header or a line. */
export const oneLine = (value: string) => value.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();

export interface ComposeInput {
  to: string;
  locale: Locale;
  tenantName: string;
  /** Used in the greeting; an empty name greets without one (never 「メンバー 様」). */
  name: string;
  subject: string;
  paragraphs: string[];
  /** Shown big, e.g. a sign-in code. */
  code?: string;
  /** The one thing to do next, as a link. */
  action?: { label: string; url: string };
  /** The company's alumni page: every mail links there when the company has set it. */
  alumniPageUrl?: string | null;
  /** For mail a member can turn off: a one-click unsubscribe URL (RFC 8058). */
  unsubscribeUrl?: string;
  replyTo?: string;
  tag: string;
}

export function greeting(locale: Locale, name: string): string {
  const n = oneLine(name);
  if (locale === 'en') return n ? `Hello ${n},` : 'Hello,';
  return n ? `${n} 様` : 'こんにちは。';
}

function footerLines(input: ComposeInput): string[] {
  const tenant = oneLine(input.tenantName);
  const lines: string[] = [];
  if (input.locale === 'en') {
    lines.push(`— ${tenant} alumni network${input.alumniPageUrl ? `: ${input.alumniPageUrl}` : ''}`);
    if (input.unsubscribeUrl) lines.push(`To stop these emails: ${input.unsubscribeUrl}`);
  } else {
    lines.push(`— ${tenant} アルムナイネットワーク${input.alumniPageUrl ? `: ${input.alumniPageUrl}` : ''}`);
    if (input.unsubscribeUrl) lines.push(`このメールの配信を停止する: ${input.unsubscribeUrl}`);
  }
  return lines;
}

export function composeMail(input: ComposeInput): MailMessage {
  const hello = greeting(input.locale, input.name);
  const action = input.action ? `${input.action.label}: ${input.action.url}` : undefined;
  const text = [hello, ...input.paragraphs.slice(0, 1), ...(input.code ? [`    ${input.code}`] : []), ...input.paragraphs.slice(1), ...(action ? [action] : []), ...footerLines(input)].join('\n\n');
  const p = (s: string) => `<p>${escapeHtml(s)}</p>`;
  const link = (label: string, url: string) => `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
  const htmlParts = [
    p(hello),
    ...input.paragraphs.slice(0, 1).map(p),
    ...(input.code ? [`<p style="font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace">${escapeHtml(input.code)}</p>`] : []),
    ...input.paragraphs.slice(1).map(p),
    ...(input.action ? [`<p>${link(input.action.label, input.action.url)}</p>`] : []),
    `<hr><p style="color:#666;font-size:12px">${footerLines(input).map(escapeHtml).join('<br>')}</p>`,
  ];
  const headers: Record<string, string> = {};
  if (input.unsubscribeUrl) {
    headers['List-Unsubscribe'] = `<${input.unsubscribeUrl}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return {
    to: input.to,
    subject: oneLine(input.subject),
    text: `${text}\n`,
    html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.6">${htmlParts.join('')}</body></html>`,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    ...(Object.keys(headers).length ? { headers } : {}),
    tag: input.tag,
  };
}
