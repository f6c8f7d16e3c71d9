-- Puts the tenant into the search index itself: every MATCH is ANDed with the tenant's token, so
-- FTS5 intersects doclists by rowid instead of walking other tenants' matches (and a query can
-- never return another tenant's row even before the join). The text is copied, not re-derived.
CREATE VIRTUAL TABLE `directory_search_next` USING fts5(
	`tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `directory_search_next` (rowid, `tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`)
SELECT s.rowid, 't' || lower(replace(e.`tenant_id`, '_', '')), s.`name`, s.`kana`, s.`department`, s.`company`, s.`titles`, s.`skills`, s.`interests`, s.`bio`
FROM `directory_search` s JOIN `directory_entries` e ON e.`doc_id` = s.rowid;
--> statement-breakpoint
-- The delete trigger names directory_search; it must go while that table is swapped.
DROP TRIGGER `directory_entries_ad`;
--> statement-breakpoint
DROP TABLE `directory_search`;
--> statement-breakpoint
ALTER TABLE `directory_search_next` RENAME TO `directory_search`;
--> statement-breakpoint
CREATE TRIGGER `directory_entries_ad` AFTER DELETE ON `directory_entries` BEGIN
	DELETE FROM `directory_search` WHERE rowid = old.`doc_id`;
END;
