/**
 * The job board's mail, in Japanese and English, written with composeMail (greeting by name, the
 * company's alumni page in the footer). The company's contact mail is in the tenant's default
 * language; a member's mail in the member's.
 */
import { composeMail, oneLine, type Locale } from '../../core/mail/compose.js';
import type { MailMessage } from '../../core/mail/transport.js';
import { profileFor, type MemberRow } from '../members/profile.js';
import type { EmploymentType, OfferKind, ResponseKind } from './schema.js';
import type { JobRow } from './service.js';
import type { ResponseRow, TenantLike } from './views.js';

const words = {
  ja: {
    type: { rehire: '正社員（再入社）', contract: '契約社員', side_job: '副業', freelance: '業務委託', project: 'プロジェクト' },
    kind: { interest: '興味あり（カジュアル面談の希望）', application: '応募', referral: '知人の紹介' },
    offer: { rehire: '再入社', side_job: '副業', freelance: '業務委託', referrals: '知人のご紹介' },
    team: (tenant: string) => `${tenant} 採用ご担当者`,
    profile: 'プロフィール（ご本人が会社に公開している項目）',
    fields: {
      nameKana: 'ふりがな', joinedYear: '入社年', leftYear: '退職年', lastDepartment: '最終所属部署', lastTitle: '最終役職', career: '社内での経歴',
      currentCompany: '現在の会社', currentTitle: '現在の役職', location: '所在地', skills: 'スキル', qualifications: '資格', interests: '興味・関心',
      bio: '自己紹介', links: 'リンク', openTo: '歓迎すること',
    } as Record<string, string>,
  },
  en: {
    type: { rehire: 'Full-time (rehire)', contract: 'Contract', side_job: 'Side job', freelance: 'Freelance', project: 'Project' },
    kind: { interest: 'Interest (a casual meeting)', application: 'Application', referral: 'Referral' },
    offer: { rehire: 'rehire', side_job: 'a side job', freelance: 'freelance work', referrals: 'referring people' },
    team: (tenant: string) => `${tenant} hiring team`,
    profile: 'Profile (the fields the member shows the company)',
    fields: {
      nameKana: 'Reading', joinedYear: 'Joined', leftYear: 'Left', lastDepartment: 'Last department', lastTitle: 'Last title', career: 'Career at the company',
      currentCompany: 'Current company', currentTitle: 'Current title', location: 'Location', skills: 'Skills', qualifications: 'Qualifications',
      interests: 'Interests', bio: 'About', links: 'Links', openTo: 'Open to',
    } as Record<string, string>,
  },
} as const;

export const typeLabel = (locale: Locale, t: EmploymentType) => words[locale].type[t];

/** A job's title in `locale`, falling back to the original. */
export const jobTitleIn = (job: Pick<JobRow, 'title' | 'translations'>, locale: Locale) => job.translations[locale]?.title || job.title;

/** A link that opens the job on the company's page, when the company has told us where that is. */
export const jobLink = (tenant: TenantLike, jobId: string | null) => (tenant.alumniPageUrl && jobId ? `${tenant.alumniPageUrl}#alumni-job=${jobId}` : undefined);

function profileLines(locale: Locale, member: MemberRow): string[] {
  const shown = profileFor(member, 'company') as Record<string, unknown>;
  const lines: string[] = [];
  for (const [field, label] of Object.entries(words[locale].fields)) {
    const v = shown[field];
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    const text = Array.isArray(v)
      ? v.map((x) => (typeof x === 'object' && x ? Object.values(x as Record<string, unknown>).filter(Boolean).join(' ') : String(x))).join(', ')
      : String(v);
    lines.push(`${label}: ${oneLine(text)}`);
  }
  return lines;
}

/** Tells the company's contact addresses of an interest, application or referral (Reply-To: the member). */
export function responseMail(tenant: TenantLike, r: ResponseRow, member: MemberRow): MailMessage {
  const locale = tenant.defaultLocale;
  const w = words[locale];
  const who = oneLine(member.name) || member.email;
  const what = w.kind[r.kind as ResponseKind];
  const ja = locale === 'ja';
  const job = ja ? `求人「${r.jobTitle}」（${w.type[r.employmentType]}）` : `“${r.jobTitle}” (${w.type[r.employmentType]})`;
  const intro = {
    interest: ja ? `${who} さんが${job}に興味を持ち、カジュアル面談を希望しています。` : `${who} is interested in ${job} and would like a casual meeting.`,
    application: ja ? `${who} さんが${job}に応募しました。` : `${who} applied for ${job}.`,
    referral: ja ? `${who} さんが${job}に知人を紹介しました。` : `${who} referred someone for ${job}.`,
  };
  const paragraphs = [intro[r.kind]];
  if (r.kind === 'referral') {
    paragraphs.push(
      ja
        ? `紹介された方: ${r.candidateName}（${r.candidateEmail}）、${who} さんとの関係: ${r.candidateRelation}。ご本人が紹介に同意していることを ${who} さんが確認しています。`
        : `Referred: ${r.candidateName} (${r.candidateEmail}), ${who}'s ${r.candidateRelation}. ${who} confirmed that they agreed to be referred.`,
    );
  }
  if (r.note) paragraphs.push(`${ja ? 'メッセージ' : 'Note'}: ${r.note}`);
  if (r.message) paragraphs.push(`${ja ? '応募メッセージ' : 'Message'}: ${r.message}`);
  if (r.resumeUrl) paragraphs.push(`${ja ? '職務経歴書' : 'Résumé'}: ${r.resumeUrl}`);
  if (r.kind !== 'referral') paragraphs.push(`${w.profile}:`, ...profileLines(locale, member));
  paragraphs.push(
    ja
      ? `${who} さんの連絡先: ${member.email}（このメールへの返信は ${who} さんに届きます）。受付番号: ${r.id}（管理 API の /v1/admin/job-responses/${r.id} で状況を更新できます）`
      : `Contact: ${member.email} (replying to this email reaches ${who}). Reference: ${r.id} (update its status at /v1/admin/job-responses/${r.id} in the admin API).`,
  );
  return composeMail({
    to: tenant.contactEmails.join(', '),
    locale,
    tenantName: tenant.name,
    name: w.team(tenant.name),
    subject: ja ? `[${tenant.name}] ${what}: ${r.jobTitle}（${who} さん）` : `[${tenant.name}] ${what}: ${r.jobTitle} (${who})`,
    paragraphs,
    alumniPageUrl: tenant.alumniPageUrl,
    replyTo: member.email,
    tag: `job-${r.kind}`,
  });
}

/** Tells the company that a member withdrew a response (the company may already have written to them). */
export function withdrawnMail(tenant: TenantLike, r: ResponseRow, member: MemberRow): MailMessage {
  const locale = tenant.defaultLocale;
  const who = oneLine(member.name) || member.email;
  const what = words[locale].kind[r.kind as ResponseKind];
  const ja = locale === 'ja';
  return composeMail({
    to: tenant.contactEmails.join(', '),
    locale,
    tenantName: tenant.name,
    name: words[locale].team(tenant.name),
    subject: ja ? `[${tenant.name}] 取り下げ: ${r.jobTitle}（${who} さん）` : `[${tenant.name}] Withdrawn: ${r.jobTitle} (${who})`,
    paragraphs: [
      ja ? `${who} さんが、求人「${r.jobTitle}」への${what}を取り下げました（受付番号 ${r.id}）。` : `${who} withdrew their ${r.kind} for “${r.jobTitle}” (reference ${r.id}).`,
    ],
    alumniPageUrl: tenant.alumniPageUrl,
    replyTo: member.email,
    tag: 'job-withdrawn',
  });
}

/** The casual-meeting invitation, to the member, with one-click unsubscribe from offers. */
export function offerMail(tenant: TenantLike, member: MemberRow, offer: { kind: OfferKind; message: string; jobId: string | null }, job: JobRow | undefined, unsubscribeUrl: string): MailMessage {
  const locale = member.locale;
  const ja = locale === 'ja';
  const kind = words[locale].offer[offer.kind];
  const title = job ? jobTitleIn(job, locale) : undefined;
  const link = jobLink(tenant, offer.jobId) ?? tenant.alumniPageUrl ?? undefined;
  return composeMail({
    to: member.email,
    locale,
    tenantName: tenant.name,
    name: member.name,
    subject: ja ? `[${tenant.name}] ${kind}についてお話ししませんか` : `[${tenant.name}] Would you like to talk about ${kind}?`,
    paragraphs: [
      ja
        ? `${tenant.name} から、${kind}についてのカジュアル面談のお誘いです${title ? `（求人「${title}」）` : ''}。プロフィールで「${kind}」を歓迎するとされていたため、お送りしています。`
        : `${tenant.name} invites you to a casual meeting about ${kind}${title ? ` (the job “${title}”)` : ''}. You are getting this because your profile says you are open to ${kind}.`,
      offer.message,
      ja
        ? 'アルムナイのページでサインインすると、「話を聞きたい」と返事をするか、ワンクリックでお断りできます。お断りしても会社に理由は伝わりません。'
        : 'Sign in on the alumni page to say you would like to talk, or decline with one click. Declining tells the company no reason.',
    ],
    ...(link ? { action: { label: ja ? 'お誘いを見る' : 'See the invitation', url: link } } : {}),
    alumniPageUrl: tenant.alumniPageUrl,
    unsubscribeUrl,
    tag: 'job-offer',
  });
}

/** Tells the company a member would like to talk about its offer (Reply-To: the member). */
export function offerAcceptedMail(tenant: TenantLike, member: MemberRow, offer: { id: string; kind: OfferKind }): MailMessage {
  const locale = tenant.defaultLocale;
  const ja = locale === 'ja';
  const who = oneLine(member.name) || member.email;
  const kind = words[locale].offer[offer.kind];
  return composeMail({
    to: tenant.contactEmails.join(', '),
    locale,
    tenantName: tenant.name,
    name: words[locale].team(tenant.name),
    subject: ja ? `[${tenant.name}] ${who} さんが${kind}のお誘いに返事をしました` : `[${tenant.name}] ${who} answered your invitation (${kind})`,
    paragraphs: [
      ja ? `${who} さんが、${kind}についてのお誘い（${offer.id}）に「話を聞きたい」と返事をしました。` : `${who} would like to talk about ${kind} (invitation ${offer.id}).`,
      `${words[locale].profile}:`,
      ...profileLines(locale, member),
      ja ? `連絡先: ${member.email}（このメールへの返信は ${who} さんに届きます）` : `Contact: ${member.email} (replying to this email reaches ${who}).`,
    ],
    alumniPageUrl: tenant.alumniPageUrl,
    replyTo: member.email,
    tag: 'job-offer-accepted',
  });
}

/** New jobs of the types a member asked about, in one mail, with one-click unsubscribe from alerts. */
export function alertMail(tenant: TenantLike, member: Pick<MemberRow, 'email' | 'name' | 'locale'>, list: JobRow[], unsubscribeUrl: string): MailMessage {
  const locale = member.locale;
  const ja = locale === 'ja';
  const shown = list.slice(0, 20);
  const lines = shown.map((job) => {
    const where = job.translations[locale]?.location || job.location;
    const link = jobLink(tenant, job.id);
    return `・${jobTitleIn(job, locale)}（${typeLabel(locale, job.employmentType)}${where ? `・${where}` : ''}）${link ? ` ${link}` : ''}`;
  });
  if (list.length > shown.length) lines.push(ja ? `ほか ${list.length - shown.length} 件` : `and ${list.length - shown.length} more`);
  return composeMail({
    to: member.email,
    locale,
    tenantName: tenant.name,
    name: member.name,
    subject: ja ? `[${tenant.name}] 新しい求人が ${list.length} 件あります` : `[${tenant.name}] ${list.length} new job${list.length === 1 ? '' : 's'} for you`,
    paragraphs: [
      ja ? 'お知らせを希望された種類の求人が公開されました。' : 'Jobs of the kinds you asked to hear about have opened:',
      ...lines,
    ],
    ...(tenant.alumniPageUrl ? { action: { label: ja ? '求人を見る' : 'See the jobs', url: tenant.alumniPageUrl } } : {}),
    alumniPageUrl: tenant.alumniPageUrl,
    unsubscribeUrl,
    tag: 'job-alert',
  });
}
