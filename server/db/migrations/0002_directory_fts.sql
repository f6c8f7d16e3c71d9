-- The member directory's search index (see server/services/directory-index.ts).
-- Rows hold only what a member shows to other members, pre-normalised; a member appears here only
-- while approved and listed. Drizzle does not model FTS5, so both tables live in this custom migration.
CREATE TABLE `directory_entries` (
	`doc_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`member_id` text NOT NULL REFERENCES `members`(`id`) ON DELETE CASCADE,
	`tenant_id` text NOT NULL REFERENCES `tenants`(`id`) ON DELETE CASCADE,
	`kind` text NOT NULL,
	`sort_key` text NOT NULL,
	`department` text,
	`left_year` integer,
	`company` text,
	`location` text,
	`skills` text NOT NULL DEFAULT '[]',
	`open_to` text NOT NULL DEFAULT '[]',
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `directory_entries_member_uq` ON `directory_entries` (`member_id`);
--> statement-breakpoint
CREATE INDEX `directory_entries_sort_idx` ON `directory_entries` (`tenant_id`, `sort_key`, `member_id`);
--> statement-breakpoint
CREATE INDEX `directory_entries_left_idx` ON `directory_entries` (`tenant_id`, `left_year`);
--> statement-breakpoint
-- Text is bigram-expanded by the application before it gets here (unicode61 does not split Japanese).
CREATE VIRTUAL TABLE `directory_search` USING fts5(
	`name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Whatever removes an entry (reindex, member erasure, tenant deletion by cascade) removes its text too.
CREATE TRIGGER `directory_entries_ad` AFTER DELETE ON `directory_entries` BEGIN
	DELETE FROM `directory_search` WHERE rowid = old.`doc_id`;
END;
