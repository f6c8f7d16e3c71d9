-- The job board's search index (see server/modules/jobs/search-index.ts). One doc row per job with
-- its filter values pre-normalised (NFKC, lower case, hiragana as katakana), and FTS5 text with runs
-- of Japanese script expanded to bigrams by the application (unicode61 does not split Japanese).
-- The tenant is a token in the text itself, so every MATCH is ANDed with it. Drizzle does not model
-- FTS5, so both live in this custom migration; the service writes them in the job's own batch.
CREATE TABLE `job_search_docs` (
	`doc_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job_id` text NOT NULL REFERENCES `jobs`(`id`) ON DELETE CASCADE,
	`tenant_id` text NOT NULL REFERENCES `tenants`(`id`) ON DELETE CASCADE,
	`department_key` text NOT NULL DEFAULT '',
	`location_key` text NOT NULL DEFAULT ''
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_search_docs_job_uq` ON `job_search_docs` (`job_id`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `job_search` USING fts5(
	`tenant`, `title`, `department`, `location`, `body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Whatever removes a doc row (re-indexing, deleting the job, deleting the tenant) removes its text too.
CREATE TRIGGER `job_search_docs_ad` AFTER DELETE ON `job_search_docs` BEGIN
	DELETE FROM `job_search` WHERE rowid = old.`doc_id`;
END;
