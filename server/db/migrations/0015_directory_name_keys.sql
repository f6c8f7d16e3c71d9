-- Name keys for the directory's first tier ("the name or reading matches"): the name and kana tokens
-- again, each prefixed with `n`, in a column of their own. A column filter ({name kana} : 営業) does not
-- shrink a doclist — FTS5 walked every profile containing 営業 (40 % of 100k members: tens of ms) to
-- find the few whose name has it; `n営業` occurs only in names, so that tier now intersects a short
-- doclist. The text is copied (the migration cannot re-derive bigrams); reindexing a member rewrites
-- its keys with the application's tokenizer (server/modules/directory/search-index.ts).
CREATE VIRTUAL TABLE `directory_search_next` USING fts5(
	`tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`, `name_keys`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `directory_search_next` (rowid, `tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`, `name_keys`)
SELECT rowid, `tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`,
	trim(
		CASE WHEN trim(`name`) = '' THEN '' ELSE 'n' || replace(trim(`name`), ' ', ' n') END || ' ' ||
		CASE WHEN trim(`kana`) = '' THEN '' ELSE 'n' || replace(trim(`kana`), ' ', ' n') END
	)
FROM `directory_search`;
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
