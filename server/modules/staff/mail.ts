/** The console's mail (invitations, sign-in codes), in the staff member's language, greeting by name. */
import { composeMail, type Locale } from '../../core/mail/compose.js';
import type { MailMessage } from '../../core/mail/transport.js';
import type { StaffRole } from './schema.js';

const roleNames: Record<Locale, Record<StaffRole, string>> = {
  ja: { owner: 'オーナー', admin: '管理者', moderator: 'モデレーター', event_staff: 'イベントスタッフ' },
  en: { owner: 'owner', admin: 'admin', moderator: 'moderator', event_staff: 'event staff' },
};

interface Base {
  to: string;
  locale: Locale;
  name: string;
  tenantName: string;
  alumniPageUrl?: string | null;
}

/** The console's address with the sign-in step open for this address: a deep link from every mail. */
export const consoleUrl = (apiUrl: string, email: string) => `${apiUrl.replace(/\/$/, '')}/console/?email=${encodeURIComponent(email)}`;

export function staffInviteMail(input: Base & { role: StaffRole; invitedBy: string; url: string }): MailMessage {
  const en = input.locale === 'en';
  const role = roleNames[input.locale][input.role];
  return composeMail({
    ...input,
    subject: en ? `[${input.tenantName}] You are invited to the alumni network console` : `[${input.tenantName}] アルムナイネットワーク管理コンソールへの招待`,
    paragraphs: en
      ? [
          `${input.invitedBy} invited you to run the ${input.tenantName} alumni network as ${role}.`,
          'Open the console and sign in with this email address: a one-time code is mailed to you each time you sign in.',
        ]
      : [
          `${input.invitedBy} さんから、${input.tenantName} アルムナイネットワークの${role}として招待されました。`,
          '管理コンソールを開き、このメールアドレスでサインインしてください。サインインのたびに確認コードをメールでお送りします。',
        ],
    action: { label: en ? 'Open the console' : '管理コンソールを開く', url: input.url },
    tag: 'staff-invite',
  });
}

export function staffCodeMail(input: Base & { code: string; minutes: number; url: string }): MailMessage {
  const en = input.locale === 'en';
  return composeMail({
    ...input,
    subject: en ? `[${input.tenantName}] Your console sign-in code` : `[${input.tenantName}] 管理コンソールのサインインコード`,
    paragraphs: en
      ? [
          `Your code for the ${input.tenantName} alumni network console is:`,
          `It expires in ${input.minutes} minutes and works once. If you did not ask for it, you can ignore this email.`,
        ]
      : [
          `${input.tenantName} アルムナイネットワーク管理コンソールのサインインコードです。`,
          `有効期限は${input.minutes}分で、一度だけ使えます。お心当たりのない場合は、このメールを破棄してください。`,
        ],
    code: input.code,
    action: { label: en ? 'Open the console' : '管理コンソールを開く', url: input.url },
    tag: 'staff-sign-in-code',
  });
}
