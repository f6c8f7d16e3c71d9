import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { ServiceContext } from '../../core/context.js';
import { AppError, type FieldError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { recordJob } from '../../core/outbox/record.js';
import { cursorKeys, decodeCursor, paginate } from '../../core/pagination.js';
import { parseMarkdown, RichTextError, type RichText } from '../../core/rich-text/index.js';
import { ftsTerms, tenantToken } from '../../core/search/japanese.js';
import { containsKey, indexStatements } from './search-index.js';
import {
  jobs,
  type EmploymentType,
  type JobStatus,
  type JobTranslations,
  type JobVisibility,
  type RemotePolicy,
  type SalaryUnit,
} from './schema.js';

export type JobRow = typeof jobs.$inferSelect;

type TranslationInput = { title?: string; department?: string; location?: string; description?: string; requirements?: string };

/** A job as the admin API takes it: markdown for the two rich-text fields. */
export interface JobInput {
  title: string;
  department?: string;
  location?: string;
  remotePolicy?: RemotePolicy;
  employmentType: EmploymentType;
  description?: string;
  requirements?: string;
  salaryMin?: number | null;
  salaryMax?: number | null;
  salaryCurrency?: string;
  salaryUnit?: SalaryUnit | null;
  visibility?: JobVisibility;
  status?: JobStatus;
  closesAt?: string | null;
  applyUrl?: string | null;
  translations?: Partial<Record<'ja' | 'en', TranslationInput>>;
}

/** How long after a job opens its alert mail waits, so jobs opened together go out in one mail. */
export const JOB_ALERT_DELAY_MS = 15 * 60 * 1000;

/** Markdown → tree; a text past the parser's budgets is invalid input on its own field. */
export function richText(field: string, md: string | undefined): RichText {
  try {
    return parseMarkdown(md ?? '');
  } catch (err) {
    if (err instanceof RichTextError) throw AppError.field(field, err.message);
    throw err;
  }
}

function translationsOf(input: JobInput['translations']): JobTranslations {
  const out: JobTranslations = {};
  for (const lang of ['ja', 'en'] as const) {
    const t = input?.[lang];
    if (!t) continue;
    out[lang] = {
      ...(t.title ? { title: t.title } : {}),
      ...(t.department ? { department: t.department } : {}),
      ...(t.location ? { location: t.location } : {}),
      ...(t.description ? { descriptionMd: t.description, description: richText(`translations.${lang}.description`, t.description) } : {}),
      ...(t.requirements ? { requirementsMd: t.requirements, requirements: richText(`translations.${lang}.requirements`, t.requirements) } : {}),
    };
  }
  return out;
}

/** The markdown a stored translation was written in, as the admin API shows and takes it back. */
export function translationInputs(t: JobTranslations): Partial<Record<'ja' | 'en', TranslationInput>> {
  const out: Partial<Record<'ja' | 'en', TranslationInput>> = {};
  for (const lang of ['ja', 'en'] as const) {
    const v = t[lang];
    if (!v) continue;
    out[lang] = {
      ...(v.title ? { title: v.title } : {}),
      ...(v.department ? { department: v.department } : {}),
      ...(v.location ? { location: v.location } : {}),
      ...(v.descriptionMd ? { description: v.descriptionMd } : {}),
      ...(v.requirementsMd ? { requirements: v.requirementsMd } : {}),
    };
  }
  return out;
}

/** Rules that span fields, checked on the merged record so a PATCH cannot break them either. */
function checkJob(j: JobInput): void {
  const errors: FieldError[] = [];
  if (j.salaryMin != null && j.salaryMax != null && j.salaryMax < j.salaryMin) errors.push({ field: 'salaryMax', message: 'must not be below salaryMin' });
  if ((j.salaryMin != null || j.salaryMax != null) && !j.salaryUnit) errors.push({ field: 'salaryUnit', message: 'is required with a salary (year, month, day, hour or project)' });
  if (errors.length) throw AppError.invalid(errors);
}

/** The row values for an input (markdown parsed, instants normalised). */
function rowValues(j: JobInput) {
  return {
    title: j.title,
    department: j.department ?? '',
    location: j.location ?? '',
    remotePolicy: j.remotePolicy ?? 'onsite',
    employmentType: j.employmentType,
    descriptionMd: j.description ?? '',
    description: richText('description', j.description),
    requirementsMd: j.requirements ?? '',
    requirements: richText('requirements', j.requirements),
    salaryMin: j.salaryMin ?? null,
    salaryMax: j.salaryMax ?? null,
    salaryCurrency: j.salaryCurrency ?? 'JPY',
    salaryUnit: j.salaryUnit ?? null,
    visibility: j.visibility ?? 'public',
    status: j.status ?? 'draft',
    closesAt: j.closesAt ? new Date(j.closesAt).toISOString() : null,
    applyUrl: j.applyUrl ?? null,
    translations: translationsOf(j.translations),
  };
}

/** A job past its closing date takes no more responses, whatever its status says. */
export const isOpen = (job: Pick<JobRow, 'status' | 'closesAt'>, now: Date) =>
  job.status === 'open' && (job.closesAt === null || Date.parse(job.closesAt) > now.getTime());

/** Opening a job never announced before queues the (batched, delayed) alert run of its tenant. */
function alertStatements(ctx: ServiceContext, job: JobRow) {
  if (job.status !== 'open' || job.alertedAt) return [];
  return [
    recordJob(ctx.db, {
      tenantId: ctx.tenant.id,
      topic: 'jobs.alerts',
      now: ctx.now,
      notBefore: new Date(ctx.now.getTime() + JOB_ALERT_DELAY_MS),
      coalesceKey: 'jobs.alerts',
      payload: { publicApiUrl: ctx.config.PUBLIC_API_URL },
    }),
  ];
}

async function write(ctx: ServiceContext, job: JobRow, statement: BatchItem<'sqlite'>): Promise<JobRow> {
  const [[row]] = (await ctx.db.batch([statement, ...indexStatements(ctx.db, job), ...alertStatements(ctx, job)])) as unknown as [JobRow[]];
  if (!row) throw new AppError('not_found', `No job ${job.id}.`);
  return row;
}

export async function createJob(ctx: ServiceContext, input: JobInput): Promise<JobRow> {
  checkJob(input);
  const ts = ctx.now.toISOString();
  const values = rowValues(input);
  const job: JobRow = { ...values, id: newId('job'), tenantId: ctx.tenant.id, openedAt: values.status === 'open' ? ts : null, alertedAt: null, createdAt: ts, updatedAt: ts };
  return write(ctx, job, ctx.scoped.insert(jobs, job).returning());
}

export async function getJob(ctx: ServiceContext, id: string): Promise<JobRow> {
  const [row] = await ctx.scoped.select(jobs, eq(jobs.id, id)).limit(1);
  if (!row) throw new AppError('not_found', `No job ${id}.`);
  return row;
}

export async function updateJob(ctx: ServiceContext, id: string, patch: Partial<JobInput>): Promise<JobRow> {
  const current = await getJob(ctx, id);
  const merged: JobInput = {
    ...current,
    description: current.descriptionMd,
    requirements: current.requirementsMd,
    translations: translationInputs(current.translations),
    ...patch,
  } as JobInput;
  checkJob(merged);
  const values = rowValues(merged);
  const ts = ctx.now.toISOString();
  const job: JobRow = { ...current, ...values, openedAt: current.openedAt ?? (values.status === 'open' ? ts : null), updatedAt: ts };
  const { id: _id, tenantId: _t, createdAt: _c, alertedAt: _a, ...set } = job;
  return write(ctx, job, ctx.scoped.update(jobs, set, eq(jobs.id, id)).returning());
}

/** Deletes the job; its responses stay in the company's pipeline (and its hires in the counts), job unlinked. */
export async function deleteJob(ctx: ServiceContext, id: string): Promise<void> {
  const deleted = await ctx.scoped.delete(jobs, eq(jobs.id, id)).returning({ id: jobs.id });
  if (!deleted.length) throw new AppError('not_found', `No job ${id}.`);
}

/** Who is reading: the public read path decides with it which jobs exist at all. */
export interface JobAudience {
  /** Members-only jobs too (an approved member's session). */
  members: boolean;
}

/**
 * A job as the public read path may show it: drafts, and members-only jobs to anyone but an approved
 * member, are as good as absent (404, the same answer as for no job at all). Closed jobs stay readable
 * (a member's response, a mail's link), marked closed.
 */
export async function getVisibleJob(ctx: ServiceContext, id: string, audience: JobAudience): Promise<JobRow> {
  const [row] = await ctx.scoped.select(jobs, eq(jobs.id, id)).limit(1);
  if (!row || row.status === 'draft' || (row.visibility === 'members' && !audience.members)) throw new AppError('not_found', `No job ${id}.`);
  return row;
}

export interface JobListQuery {
  limit: number;
  cursor?: string;
  /** Free text; never FTS syntax (see ftsTerms). */
  q?: string;
  type?: EmploymentType;
  /** Contained in the department (any language; case-, width- and kana-insensitive). */
  department?: string;
  location?: string;
  remote?: RemotePolicy;
  /** Admin only: any status. */
  status?: JobStatus;
  visibility?: JobVisibility;
}

/** The WHERE of a list over `jobs j join job_search_docs d`: the audience's jobs, then the filters. */
function listConditions(ctx: ServiceContext, q: JobListQuery, audience: JobAudience | 'admin'): SQL[] {
  const where: (SQL | undefined)[] = [sql`j.tenant_id = ${ctx.tenant.id}`];
  if (audience === 'admin') {
    if (q.status) where.push(sql`j.status = ${q.status}`);
    if (q.visibility) where.push(sql`j.visibility = ${q.visibility}`);
  } else {
    where.push(sql`j.status = 'open' and (j.closes_at is null or j.closes_at > ${ctx.now.toISOString()})`);
    if (!audience.members) where.push(sql`j.visibility = 'public'`);
  }
  if (q.type) where.push(sql`j.employment_type = ${q.type}`);
  if (q.remote) where.push(sql`j.remote_policy = ${q.remote}`);
  where.push(containsKey('department_key', q.department), containsKey('location_key', q.location));
  return where.filter((w): w is SQL => w !== undefined);
}

/**
 * One page of job ids. With `q`: jobs whose title matches come first (tier 0), then the other matches
 * (tier 1), each most recently changed first — the directory's ordering, for the same reason: walking
 * the doclist by rowid stops after one page where bm25 would score every match. Without `q`: the
 * public list by when each job opened, newest first; the admin list by creation, newest first.
 */
async function searchIds(ctx: ServiceContext, query: JobListQuery, audience: JobAudience | 'admin'): Promise<{ ids: string[]; nextCursor: string | null }> {
  const where = listConditions(ctx, query, audience);
  const q = query.q?.trim();
  if (q) {
    const terms = ftsTerms(q);
    if (terms.length === 0) return { ids: [], nextCursor: null };
    const all = terms.join(' AND ');
    const inTitle = `{title} : (${terms.join(' OR ')})`;
    const tenant = `tenant : "${tenantToken(ctx.tenant.id)}"`;
    const tiers = [`${tenant} AND ((${all}) AND (${inTitle}))`, `${tenant} AND ((${all}) NOT (${inTitle}))`];
    const after = decodeCursor(cursorKeys.tierThenRow, query.cursor);
    const rows: { id: string; doc: number; tier: number }[] = [];
    for (let tier = after ? after[0] : 0; tier < tiers.length && rows.length <= query.limit; tier++) {
      const before = after && tier === after[0] ? sql`and s.rowid < ${after[1]}` : sql``;
      const found = await ctx.db.all<{ id: string; doc: number }>(sql`
        select j.id as id, s.rowid as doc
        from job_search s join job_search_docs d on d.doc_id = s.rowid join jobs j on j.id = d.job_id
        where job_search match ${tiers[tier]} ${before} and ${sql.join(where, sql` and `)}
        order by s.rowid desc limit ${query.limit + 1 - rows.length}`);
      rows.push(...found.map((r) => ({ id: r.id, doc: Number(r.doc), tier })));
    }
    const page = paginate(rows, query.limit, (r) => [r.tier, r.doc]);
    return { ids: page.data.map((r) => r.id), nextCursor: page.nextCursor };
  }
  const sortColumn = audience === 'admin' ? sql`j.created_at` : sql`j.opened_at`;
  const after = decodeCursor(cursorKeys.instantThenId, query.cursor);
  if (after) where.push(sql`(${sortColumn} < ${after[0]} or (${sortColumn} = ${after[0]} and j.id < ${after[1]}))`);
  const rows = await ctx.db.all<{ id: string; at: string }>(sql`
    select j.id as id, ${sortColumn} as at from jobs j join job_search_docs d on d.job_id = j.id
    where ${sql.join(where, sql` and `)}
    order by ${sortColumn} desc, j.id desc limit ${query.limit + 1}`);
  const page = paginate(rows, query.limit, (r) => [r.at, r.id]);
  return { ids: page.data.map((r) => r.id), nextCursor: page.nextCursor };
}

/** A page of jobs for `audience`, rows in the order the search gave. */
export async function listJobs(ctx: ServiceContext, query: JobListQuery, audience: JobAudience | 'admin') {
  const { ids, nextCursor } = await searchIds(ctx, query, audience);
  const rows = ids.length ? await ctx.scoped.select(jobs, inArray(jobs.id, ids)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { data: ids.flatMap((id) => byId.get(id) ?? []), nextCursor };
}

/**
 * The departments and locations of the jobs `audience` can see open now, for the filter menus, in
 * `lang` where a job has a translation (the filters match every language of a job).
 */
export async function jobFilters(ctx: ServiceContext, audience: JobAudience, lang?: 'ja' | 'en') {
  const rows = await ctx.db.all<{ department: string; location: string; translations: string }>(sql`
    select distinct j.department as department, j.location as location, j.translations as translations from jobs j join job_search_docs d on d.job_id = j.id
    where ${sql.join(listConditions(ctx, { limit: 0 }, audience), sql` and `)} limit 500`);
  const shown = rows.map((r) => {
    const t = lang ? (JSON.parse(r.translations) as JobTranslations)[lang] : undefined;
    return { department: t?.department || r.department, location: t?.location || r.location };
  });
  const sorted = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b, lang ?? 'ja'));
  return { departments: sorted(shown.map((r) => r.department)), locations: sorted(shown.map((r) => r.location)) };
}
