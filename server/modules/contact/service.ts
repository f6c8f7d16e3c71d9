import type { ServiceContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { composeMail, oneLine } from '../../core/mail/compose.js';
import type { MailMessage } from '../../core/mail/transport.js';
import { enforceRateLimit } from '../../core/rate-limit.js';
import { getListedMember } from '../directory/service.js';
import type { MemberRow } from '../members/profile.js';
import { requireApprovedMember } from '../members/service.js';
import { startConversation } from '../messages/service.js';

const HOUR = 60 * 60 * 1000;
/** Enough to reach out to a handful of people in an evening; not enough to spam a directory. */
export const CONTACT_LIMITS = {
  perSenderPerHour: 10,
  perPairPerDay: 3,
} as const;

/**
 * The message as the recipient reads it, in the recipient's language, greeting them by name. Their
 * address stays theirs; they answer by replying (only if the sender shares an address for replies) or
 * through the alumni page's directory, which hides both addresses.
 */
export function contactMail(input: {
  to: string;
  locale: 'ja' | 'en';
  tenantName: string;
  recipientName: string;
  senderName: string;
  message: string;
  replyTo?: string;
  alumniPageUrl?: string | null;
  /** Where the recipient answers: the conversation on the alumni page. */
  answerUrl?: string | null;
}): MailMessage {
  const { locale, message, replyTo, alumniPageUrl } = input;
  const en = locale === 'en';
  const senderName = oneLine(input.senderName) || (en ? 'Another member' : '別のメンバー');
  const quoted = message.split('\n').map((l) => `> ${l}`).join('\n');
  const reply = replyTo
    ? en
      ? `To answer, simply reply to this email: it goes to ${senderName}.`
      : `このメールに返信すると、${senderName} さんに届きます。`
    : en
      ? `${senderName} has not shared an address for replies, so replying to this email does not reach them. To answer, answer in your messages${alumniPageUrl ? ' on the alumni page' : ''} (or find ${senderName} in the member directory): neither of you sees the other's address.`
      : `${senderName} さんは返信先のアドレスを公開していないため、このメールに返信しても届きません。お返事は${alumniPageUrl ? 'アルムナイページの' : ''}メッセージから送ってください（メンバー名簿から ${senderName} さんを探しても送れます。お互いのアドレスは表示されません）。`;
  return composeMail({
    to: input.to,
    locale,
    tenantName: input.tenantName,
    name: input.recipientName,
    alumniPageUrl,
    subject: en ? `[${oneLine(input.tenantName)}] Message from ${senderName}` : `[${oneLine(input.tenantName)}] ${senderName} さんからのメッセージ`,
    paragraphs: [
      en ? `${senderName} sent you a message through the ${oneLine(input.tenantName)} alumni network:` : `${oneLine(input.tenantName)} アルムナイネットワークで、${senderName} さんからメッセージが届きました。`,
      quoted,
      reply,
      en ? 'Your email address has not been shown to the sender.' : 'あなたのメールアドレスは送信者には知らされていません。',
    ],
    ...(alumniPageUrl && !replyTo ? { action: { label: en ? 'Answer on the alumni page' : 'アルムナイページで返信する', url: input.answerUrl ?? alumniPageUrl } } : {}),
    ...(replyTo ? { replyTo } : {}),
    tag: 'member-contact',
  });
}

/**
 * Sends `message` from `sender` to another listed, approved member of the same tenant: the first (or
 * next) message of their conversation (see the messages module), and — as before conversations
 * existed — an email to the recipient at once, in their language, with a link to answer on the alumni
 * page. The recipient's address is never returned; the sender's is the Reply-To only if they allow
 * replies. Rate-limited per sender and per sender→recipient pair; the message and its mail are
 * recorded together (the outbox delivers the mail).
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
  const { conversationId, message: sent } = await startConversation(ctx, sender, [recipient.id], message, {
    limited: true,
    mailFor: (to, conversation) =>
      contactMail({
        to: to.email,
        locale: to.locale,
        tenantName: tenant.name,
        alumniPageUrl: tenant.alumniPageUrl,
        answerUrl: tenant.alumniPageUrl ? `${tenant.alumniPageUrl}#alumni-conversation=${conversation}` : null,
        recipientName: to.name,
        senderName: sender.name,
        message,
        replyTo: repliesAllowed ? sender.email : undefined,
      }),
  });
  return { id: sent.id, conversationId, repliesAllowed, createdAt: sent.createdAt };
}
