import { and, eq } from 'drizzle-orm';
import { personalData } from '../../core/personal-data.js';
import { jobAlerts, jobOffers, jobResponses } from './schema.js';
import { stageOf } from './views.js';

/**
 * The job board's member data. Erasing a member deletes their interests, applications and referrals,
 * the offers they received and their alert choice. A referral holds the referred person's name and
 * address — someone who is not a member: they are kept only for the company's pipeline, shown to no one
 * but the company, forgotten when the referral is withdrawn, erased with the referring member, and the
 * company can erase one on request (DELETE /v1/admin/job-responses/{id}). Comeback hires are counted in
 * job_hires, which holds no personal data, so the counts stay.
 */
export const jobsPersonalData = [
  personalData({
    table: jobResponses,
    rows: (s) => and(eq(jobResponses.tenantId, s.tenantId), eq(jobResponses.memberId, s.id))!,
    erase: 'delete',
    export: {
      key: 'jobResponses',
      // The referred person's address is theirs, not the member's: it stays with the company.
      view: (r) => ({
        id: r.id,
        kind: r.kind,
        jobId: r.jobId,
        jobTitle: r.jobTitle,
        stage: stageOf(r.status),
        note: r.note,
        message: r.message,
        resumeUrl: r.resumeUrl,
        referral: r.kind === 'referral' ? { name: r.candidateName, relation: r.candidateRelation } : null,
        createdAt: r.createdAt,
      }),
    },
  }),
  personalData({
    table: jobOffers,
    rows: (s) => and(eq(jobOffers.tenantId, s.tenantId), eq(jobOffers.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'jobOffers', view: (o) => ({ id: o.id, kind: o.kind, jobId: o.jobId, message: o.message, status: o.status, createdAt: o.createdAt, respondedAt: o.respondedAt }) },
  }),
  personalData({
    table: jobAlerts,
    rows: (s) => and(eq(jobAlerts.tenantId, s.tenantId), eq(jobAlerts.memberId, s.id))!,
    erase: 'delete',
    export: { key: 'jobAlerts', single: true, view: (a) => ({ types: a.types, updatedAt: a.updatedAt }) },
  }),
];
