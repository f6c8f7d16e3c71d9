/** Rows as each reader may see them: anyone (public), the company (admin), the member who responded. */
import type { Tenant } from '../tenants/service.js';
import { profileFor, type MemberRow } from '../members/profile.js';
import { isOpen, translationInputs, type JobRow } from './service.js';
import type { JobTranslations, ResponseStatus, jobOffers, jobResponses } from './schema.js';

export type ResponseRow = typeof jobResponses.$inferSelect;
export type OfferRow = typeof jobOffers.$inferSelect;

/** What a member is told of a response: under review, hired, not hired, or withdrawn (the pipeline's steps stay the company's). */
export const stages = ['under_review', 'hired', 'not_hired', 'withdrawn'] as const;
export type Stage = (typeof stages)[number];

export function stageOf(status: ResponseStatus): Stage {
  if (status === 'hired' || status === 'withdrawn') return status;
  return status === 'closed' ? 'not_hired' : 'under_review';
}

/** Translations as readers get them: text and trees, never the markdown. */
function publicTranslations(t: JobTranslations) {
  const out: Record<string, unknown> = {};
  for (const [lang, v] of Object.entries(t)) {
    if (!v) continue;
    const { descriptionMd: _d, requirementsMd: _r, ...rest } = v;
    out[lang] = rest;
  }
  return out;
}

const salaryOf = (job: JobRow) =>
  job.salaryMin === null && job.salaryMax === null ? null : { min: job.salaryMin, max: job.salaryMax, currency: job.salaryCurrency, unit: job.salaryUnit };

/** A job as the careers page shows it; `viewer` (a member's own responses to it) only for a session. */
export function toPublicJob(job: JobRow, now: Date, viewer?: { interest: ViewerResponse | null; application: ViewerResponse | null }) {
  return {
    id: job.id,
    title: job.title,
    department: job.department,
    location: job.location,
    remotePolicy: job.remotePolicy,
    employmentType: job.employmentType,
    description: job.description,
    requirements: job.requirements,
    salary: salaryOf(job),
    visibility: job.visibility,
    status: isOpen(job, now) ? ('open' as const) : ('closed' as const),
    closesAt: job.closesAt,
    applyUrl: job.applyUrl,
    translations: publicTranslations(job.translations),
    openedAt: job.openedAt,
    ...(viewer ? { viewer } : {}),
  };
}

export interface ViewerResponse {
  id: string;
  stage: Stage;
}

/** A job as the company edits it: the markdown beside the trees, every status and date. */
export function toAdminJob(job: JobRow, counts?: { total: number; new: number }) {
  return {
    ...toPublicJob(job, new Date(0)),
    status: job.status,
    descriptionMarkdown: job.descriptionMd,
    requirementsMarkdown: job.requirementsMd,
    salaryMin: job.salaryMin,
    salaryMax: job.salaryMax,
    salaryCurrency: job.salaryCurrency,
    salaryUnit: job.salaryUnit,
    translationsMarkdown: translationInputs(job.translations),
    alertedAt: job.alertedAt,
    responses: counts ?? { total: 0, new: 0 },
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

const jobRef = (r: ResponseRow) => ({ id: r.jobId, title: r.jobTitle, employmentType: r.employmentType });

/**
 * A response as the company sees it: the member as they chose to show themselves to the company
 * (read now, so a field hidden since is hidden here too), their address (the company's own record, as
 * in the admin member list), and a referral's candidate in full.
 */
export function toAdminResponse(r: ResponseRow, member: MemberRow | undefined) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    job: jobRef(r),
    member: member ? { id: member.id, email: member.email, profile: profileFor(member, 'company') } : null,
    note: r.note,
    message: r.message,
    resumeUrl: r.resumeUrl,
    referral: r.kind === 'referral' ? { name: r.candidateName ?? '', email: r.candidateEmail, relation: r.candidateRelation ?? '', agreed: r.candidateAgreed } : null,
    statusChangedAt: r.statusChangedAt,
    hiredAt: r.hiredAt,
    createdAt: r.createdAt,
  };
}

/** A response as the member who made it sees it. A referral's address is never shown back (only the company sees it). */
export function toOwnResponse(r: ResponseRow, job: JobRow | undefined, now: Date) {
  return {
    id: r.id,
    kind: r.kind,
    stage: stageOf(r.status),
    job: { ...jobRef(r), open: job ? isOpen(job, now) : false, translations: job ? publicTranslations(job.translations) : {} },
    note: r.note,
    message: r.message,
    resumeUrl: r.resumeUrl,
    referral: r.kind === 'referral' ? { name: r.candidateName ?? '', relation: r.candidateRelation ?? '' } : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toOffer(o: OfferRow, job: JobRow | undefined) {
  return {
    id: o.id,
    kind: o.kind,
    message: o.message,
    status: o.status,
    job: o.jobId && job ? { id: job.id, title: job.title, translations: publicTranslations(job.translations) } : null,
    createdAt: o.createdAt,
    respondedAt: o.respondedAt,
  };
}

export function toAdminOffer(o: OfferRow) {
  return { id: o.id, memberId: o.memberId, jobId: o.jobId, kind: o.kind, message: o.message, status: o.status, createdAt: o.createdAt, respondedAt: o.respondedAt };
}

export type TenantLike = Pick<Tenant, 'name' | 'defaultLocale' | 'alumniPageUrl' | 'contactEmails'>;
