import type { MailMessage } from './transport.js';

export type Locale = 'ja' | 'en';

/** Escapes text for the HTML part; every value put into a template goes through it. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

function html(paragraphs: string[], code?: string): string {
  const body = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`);
  if (code) {
    body.splice(
      1,
      0,
      `<p style="font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace">${escapeHtml(code)}</p>`,
    );
  }
  return `<!doctype html><html><body style="font-family:sans-serif;line-height:1.6">${body.join('')}</body></html>`;
}

/** The one-time sign-in code, in the member's language. */
export function signInCodeMail(input: {
  to: string;
  locale: Locale;
  tenantName: string;
  code: string;
  minutes: number;
}): MailMessage {
  const { to, locale, tenantName, code, minutes } = input;
  if (locale === 'en') {
    const lines = [
      `Your sign-in code for the ${tenantName} alumni network is:`,
      `It expires in ${minutes} minutes and works once. If you did not ask for it, you can ignore this email.`,
    ];
    return {
      to,
      subject: `[${tenantName}] Your sign-in code`,
      text: `${lines[0]}\n\n    ${code}\n\n${lines[1]}\n`,
      html: html(lines, code),
      tag: 'sign-in-code',
    };
  }
  const lines = [
    `${tenantName} アルムナイネットワークのサインインコードです。`,
    `このコードの有効期限は${minutes}分で、一度だけ使えます。お心当たりのない場合は、このメールを破棄してください。`,
  ];
  return {
    to,
    subject: `[${tenantName}] サインインコード`,
    text: `${lines[0]}\n\n    ${code}\n\n${lines[1]}\n`,
    html: html(lines, code),
    tag: 'sign-in-code',
  };
}

/** Tells a member who waited in the approval queue that they are in (roster upload or the company's decision). */
export function approvedMail(input: { to: string; locale: Locale; tenantName: string; name: string }): MailMessage {
  const { to, locale, tenantName, name } = input;
  if (locale === 'en') {
    const lines = [
      `Hello ${name || 'there'},`,
      `Your membership of the ${tenantName} alumni network has been approved. Sign in again on the careers site to find other members.`,
    ];
    return { to, subject: `[${tenantName}] Your membership is approved`, text: `${lines.join('\n\n')}\n`, html: html(lines), tag: 'member-approved' };
  }
  const lines = [
    `${name || 'メンバー'} 様`,
    `${tenantName} アルムナイネットワークへの参加が承認されました。採用サイトから改めてサインインすると、ほかのメンバーを探せます。`,
  ];
  return { to, subject: `[${tenantName}] 参加が承認されました`, text: `${lines.join('\n\n')}\n`, html: html(lines), tag: 'member-approved' };
}

/** Tells a member the company did not approve their membership, with its reason when given. */
export function rejectedMail(input: { to: string; locale: Locale; tenantName: string; name: string; reason?: string | null }): MailMessage {
  const { to, locale, tenantName, name, reason } = input;
  if (locale === 'en') {
    const lines = [`Hello ${name || 'there'},`, `${tenantName} could not approve your membership of its alumni network.`];
    if (reason) lines.push(`Reason: ${reason}`);
    lines.push(`If you think this is a mistake, please contact ${tenantName}.`);
    return { to, subject: `[${tenantName}] About your membership request`, text: `${lines.join('\n\n')}\n`, html: html(lines), tag: 'member-rejected' };
  }
  const lines = [`${name || 'メンバー'} 様`, `${tenantName} アルムナイネットワークへの参加申請は承認されませんでした。`];
  if (reason) lines.push(`理由: ${reason}`);
  lines.push(`お心当たりのない場合は、${tenantName} までお問い合わせください。`);
  return { to, subject: `[${tenantName}] 参加申請について`, text: `${lines.join('\n\n')}\n`, html: html(lines), tag: 'member-rejected' };
}
