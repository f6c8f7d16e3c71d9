import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { plainText } from '../../core/rich-text/index.js';
import { indexText, normalizeText, tenantToken } from '../../core/search/japanese.js';
import type { jobs } from './schema.js';

/*
 * The job board's search index: two tables from the jobs_search migration (not modelled by drizzle).
 *   job_search_docs — one row per job: the department and location filter values, pre-normalised
 *                     (the original and its translations, one per line), so filters match 営業 in
 *                     えいぎょう-free text the way the directory's do (width, case, kana folded).
 *   job_search      — FTS5 (unicode61), rowid = doc_id: the tenant token, then the job's text in every
 *                     language it has, Japanese runs expanded to overlapping bigrams.
 * Written in the same batch as the job itself (jobs are only written by this module), so a reader
 * never sees a job without its index or an index without its job.
 */

type JobRow = typeof jobs.$inferSelect;

/** Every version of a field: the job's own, then each translation's. */
function versions(job: JobRow, field: 'title' | 'department' | 'location'): string[] {
  return [job[field], ...Object.values(job.translations).map((t) => t?.[field] ?? '')].filter((v) => v.trim() !== '');
}

function bodyText(job: JobRow): string {
  const trees = [job.description, job.requirements, ...Object.values(job.translations).flatMap((t) => [t?.description, t?.requirements])];
  return trees.flatMap((rt) => (rt ? [plainText(rt)] : [])).join('\n');
}

const key = (values: string[]) => values.map((v) => normalizeText(v.trim())).join('\n');

/** The statements that bring one job's index rows in step with the job row (in the caller's batch). */
export function indexStatements(db: Db, job: JobRow) {
  return [
    // The delete trigger on job_search_docs removes the text with it; the new doc id sorts it as recently changed.
    db.run(sql`delete from job_search_docs where job_id = ${job.id}`),
    db.run(sql`insert into job_search_docs (job_id, tenant_id, department_key, location_key)
      values (${job.id}, ${job.tenantId}, ${key(versions(job, 'department'))}, ${key(versions(job, 'location'))})`),
    db.run(sql`insert into job_search (rowid, tenant, title, department, location, body)
      select doc_id, ${tenantToken(job.tenantId)}, ${indexText(versions(job, 'title').join('\n'))}, ${indexText(versions(job, 'department').join('\n'))},
             ${indexText(versions(job, 'location').join('\n'))}, ${indexText(bodyText(job))}
      from job_search_docs where job_id = ${job.id}`),
  ];
}

/** "Contains" on a pre-normalised key, with the person's text normalised the same way. */
export function containsKey(column: 'department_key' | 'location_key', value: string | undefined): SQL | undefined {
  const v = value === undefined ? '' : normalizeText(value.trim());
  return v ? sql`instr(d.${sql.raw(column)}, ${v}) > 0` : undefined;
}
