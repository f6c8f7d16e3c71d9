/**
 * Job commands of the widget tests' API child (test/helpers/widget-api.ts hands every `jobs.*`
 * command to jobCommand): what the company does through its admin API, done with the same services.
 *
 *   jobs.seed                          → the fixture jobs (widget-job-fixtures.ts) → { ids: {key: id} }
 *   jobs.create {job}                  → one job from admin-API input (e.g. hostile markdown) → { id }
 *   jobs.contact {emails}              → the tenant's contact addresses
 *   jobs.responses                     → the admin API's view of every response → { data }
 *   jobs.status {id, status}           → moves a response along the pipeline
 *   jobs.offer {memberId, kind, message} → an offer to a member → { id }
 *   jobs.hires                         → the comeback-hire counts
 */
import { operatorContext } from '../../server/core/context.js';
import { sendOffer } from '../../server/modules/jobs/offers.js';
import { hireCounts, listAdminResponses, setResponseStatus } from '../../server/modules/jobs/pipeline.js';
import { createJob, type JobInput } from '../../server/modules/jobs/service.js';
import { getTenant, updateTenant } from '../../server/modules/tenants/service.js';
import { fixtureJobs } from './widget-job-fixtures.js';
import type { MemberCommandContext } from './widget-members.js';

type Message = Record<string, unknown> & { cmd: string };

async function context(ctx: MemberCommandContext) {
  const tenant = await getTenant(ctx.deps.db, ctx.tenantId);
  if (!tenant) throw new Error('tenant gone');
  return operatorContext(ctx.deps.db, tenant, { now: ctx.deps.clock.now(), config: ctx.deps.config });
}

export async function jobCommand(ctx: MemberCommandContext, message: Message): Promise<unknown> {
  let service = await context(ctx);
  switch (message.cmd) {
    case 'jobs.seed': {
      const ids: Record<string, string> = {};
      for (const j of fixtureJobs) {
        const job = await createJob(service, {
          title: j.title,
          department: j.department,
          location: j.location,
          remotePolicy: j.remotePolicy,
          employmentType: j.employmentType,
          description: j.description,
          requirements: j.requirements,
          salaryMin: j.salary?.[0],
          salaryMax: j.salary?.[1],
          salaryUnit: j.salary?.[2],
          visibility: j.visibility ?? 'public',
          status: j.status ?? 'open',
          applyUrl: j.applyUrl,
          translations: j.en ? { en: j.en } : undefined,
        });
        ids[j.key] = job.id;
        // Apart in time, so the newest-first order is the fixtures' order reversed.
        await new Promise((r) => setTimeout(r, 5));
        service = await context(ctx);
      }
      return { ids };
    }
    case 'jobs.create':
      return { id: (await createJob(service, message.job as JobInput)).id };
    case 'jobs.contact':
      await updateTenant(service, { contactEmails: message.emails as string[] });
      return { ok: true };
    case 'jobs.responses':
      return listAdminResponses(service, { limit: 100 });
    case 'jobs.status':
      return setResponseStatus(service, String(message.id), message.status as 'hired');
    case 'jobs.offer':
      return sendOffer(service, { memberId: String(message.memberId), kind: message.kind as 'rehire', message: String(message.message) });
    case 'jobs.hires': {
      const now = ctx.deps.clock.now();
      return hireCounts(service, { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000), period: 'year', timeZone: 'Asia/Tokyo' });
    }
    default:
      throw new Error(`unknown command ${message.cmd}`);
  }
}
