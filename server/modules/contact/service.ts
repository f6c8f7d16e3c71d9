import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { MailMessage } from '../../core/mail/transport.js';
import { recordMail } from '../../core/outbox/record.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import { getListedMember } from '../directory/service.js';
import type { MemberRow } from '../members/profile.js';
import { requireApprovedMember } from '../members/service.js';
import { contactMessages } from './schema.js';

const HOUR = 60 * 60 * 1000;
/** Enough to reach out to a handful of people in an evening; not enough to spam a directory. */
export const CONTACT_LIMITS = {
  perSenderPerHour: 10,
  perPairPerDay: 3,
} as const;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
// A name is free text from a profile; it must not be able to break a mail header line.
const oneLine = (value: string) => value.replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ').trim();

/** The message as the recipient reads it, in the recipient's language. Their address stays theirs. */
export function contactMail(input: {
  to: string;
  locale: 'ja' | 'en';
  tenantName: string;
  senderName: string;
  message: string;
  replyTo?: string;
}): MailMessage {
  const { to, locale, message, replyTo } = input;
  const tenantName = oneLine(input.tenantName);
  const senderName = oneLine(input.senderName) || (locale === 'en' ? 'A member' : 'メンバー');
  const quoted = message.split('\n').map((l) => `> ${l}`).join('\n');
  const t =
    locale === 'en'
      ? {
          subject: `[${tenantName}] Message from ${senderName}`,
          intro: `${senderName} sent you a message through the ${tenantName} alumni network:`,
          reply: replyTo
            ? `To answer, simply reply to this email: it goes to ${senderName}.`
            : `${senderName} has not shared an address for replies, so replying to this email does not reach them. To answer, find ${senderName} in the member directory and send a message there.`,
          footer: 'Your email address has not been shown to the sender.',
        }
      : {
          subject: `[${tenantName}] ${senderName} さんからのメッセージ`,
          intro: `${tenantName} アルムナイネットワークで、${senderName} さんからメッセージが届きました。`,
          reply: replyTo
            ? `このメールに返信すると、${senderName} さんに届きます。`
            : `${senderName} さんは返信先のアドレスを公開していないため、このメールに返信しても届きません。お返事はメンバー名簿から ${senderName} さんを探して、メッセージを送ってください。`,
          footer: 'あなたのメールアドレスは送信者には知らされていません。',
        };
  const text = `${t.intro}\n\n${quoted}\n\n${t.reply}\n${t.footer}\n`;
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.6">` +
    `<p>${escapeHtml(t.intro)}</p>` +
    `<blockquote style="white-space:pre-wrap;border-left:3px solid #ccc;margin:0;padding-left:12px">${escapeHtml(message)}</blockquote>` +
    `<p>${escapeHtml(t.reply)}</p><p>${escapeHtml(t.footer)}</p></body></html>`;
  return { to, subject: t.subject, text, html, ...(replyTo ? { replyTo } : {}), tag: 'member-contact' };
}

/**
 * Sends `message` from `sender` to another listed, approved member of the same tenant by email.
 * The recipient's address is never returned; the sender's is the Reply-To only if they allow replies.
 * Rate-limited per sender and per sender→recipient pair; the message and its mail are recorded
 * together (the outbox delivers the mail).
 */
export async function sendContactMessage(ctx: ServiceContext, sender: MemberRow, recipientId: string, message: string) {
  const { db, tenant, now } = ctx;
  requireApprovedMember(sender, tenant);
  if (recipientId === sender.id) throw new AppError('bad_request', 'You cannot send a message to yourself.');
  const recipient = await getListedMember(ctx, recipientId);
  await enforceRateLimit(
    db,
    { key: `contact:${tenant.id}:${sender.id}`, limit: CONTACT_LIMITS.perSenderPerHour, windowMs: HOUR },
    now,
    `You can send up to ${CONTACT_LIMITS.perSenderPerHour} messages an hour.`,
  );
  await enforceRateLimit(
    db,
    { key: `contact-pair:${tenant.id}:${sender.id}:${recipient.id}`, limit: CONTACT_LIMITS.perPairPerDay, windowMs: 24 * HOUR },
    now,
    `You can send the same member up to ${CONTACT_LIMITS.perPairPerDay} messages a day.`,
  );
  const repliesAllowed = sender.allowReplies;
  const row = { id: newId('msg'), fromMemberId: sender.id, toMemberId: recipient.id, body: message, repliesAllowed, createdAt: now.toISOString() };
  const mail = contactMail({
    to: recipient.email,
    locale: recipient.locale,
    tenantName: tenant.name,
    senderName: sender.name,
    message,
    replyTo: repliesAllowed ? sender.email : undefined,
  });
  await db.batch([ctx.scoped.insert(contactMessages, row), recordMail(db, { tenantId: tenant.id, topic: 'member-contact', now, memberId: recipient.id, message: mail })]);
  return { id: row.id, repliesAllowed, createdAt: row.createdAt };
}
