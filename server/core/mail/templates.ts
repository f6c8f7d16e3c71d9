import { composeMail, type Locale } from './compose.js';
import type { MailMessage } from './transport.js';

export type { Locale };

interface Base {
  to: string;
  locale: Locale;
  tenantName: string;
  /** The company's alumni page, linked from every mail when set. */
  alumniPageUrl?: string | null;
}

/** The one-time sign-in code, in the member's language. */
export function signInCodeMail(input: Base & { code: string; minutes: number; name?: string }): MailMessage {
  const en = input.locale === 'en';
  return composeMail({
    ...input,
    name: input.name ?? '',
    subject: en ? `[${input.tenantName}] Your sign-in code` : `[${input.tenantName}] サインインコード`,
    paragraphs: en
      ? [
          `Your sign-in code for the ${input.tenantName} alumni network is:`,
          `It expires in ${input.minutes} minutes and works once. If you did not ask for it, you can ignore this email.`,
        ]
      : [
          `${input.tenantName} アルムナイネットワークのサインインコードです。`,
          `このコードの有効期限は${input.minutes}分で、一度だけ使えます。お心当たりのない場合は、このメールを破棄してください。`,
        ],
    code: input.code,
    tag: 'sign-in-code',
  });
}

/** Tells a member who waited in the approval queue that they are in (roster upload or the company's decision). */
export function approvedMail(input: Base & { name: string }): MailMessage {
  const en = input.locale === 'en';
  const page = input.alumniPageUrl;
  return composeMail({
    ...input,
    subject: en ? `[${input.tenantName}] Your membership is approved` : `[${input.tenantName}] 参加が承認されました`,
    paragraphs: en
      ? [`Your membership of the ${input.tenantName} alumni network has been approved. Sign in again to find other members, events and news.`]
      : [`${input.tenantName} アルムナイネットワークへの参加が承認されました。改めてサインインすると、ほかのメンバーやイベント、お知らせを見られます。`],
    ...(page ? { action: { label: en ? 'Open the alumni page' : 'アルムナイページを開く', url: page } } : {}),
    tag: 'member-approved',
  });
}

/** Tells a member the company did not approve their membership, with its reason when given. */
export function rejectedMail(input: Base & { name: string; reason?: string | null }): MailMessage {
  const en = input.locale === 'en';
  const paragraphs = en ? [`${input.tenantName} could not approve your membership of its alumni network.`] : [`${input.tenantName} アルムナイネットワークへの参加申請は承認されませんでした。`];
  if (input.reason) paragraphs.push(en ? `Reason: ${input.reason}` : `理由: ${input.reason}`);
  paragraphs.push(en ? `If you think this is a mistake, please contact ${input.tenantName}.` : `お心当たりのない場合は、${input.tenantName} までお問い合わせください。`);
  return composeMail({
    ...input,
    subject: en ? `[${input.tenantName}] About your membership request` : `[${input.tenantName}] 参加申請について`,
    paragraphs,
    tag: 'member-rejected',
  });
}
