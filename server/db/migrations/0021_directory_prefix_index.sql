-- Prefix indexes for the directory's full-text search. A prefix query ("sales"*, a Latin word as
-- typed, or one Japanese character such as 林*) without one makes FTS5 merge the doclist of every
-- matching term in memory before it can return a row: at 100k members "m"* took 11 ms, "sales"* 5 ms,
-- 営* 10 ms (test/bench/directory.ts). With prefix indexes up to 8 characters the query walks one
-- stored doclist and stops after a page: 0.2–0.5 ms. Lengths 1 and 2 also repeat every Japanese bigram
-- (the index grows by about a quarter); 3–8 only hold Latin words and name keys, so they cost little.
CREATE VIRTUAL TABLE `directory_search_next` USING fts5(
	`tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`, `name_keys`,
	tokenize = 'unicode61 remove_diacritics 2',
	prefix = '1 2 3 4 5 6 7 8'
);
--> statement-breakpoint
INSERT INTO `directory_search_next` (rowid, `tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`, `name_keys`)
SELECT rowid, `tenant`, `name`, `kana`, `department`, `company`, `titles`, `skills`, `interests`, `bio`, `name_keys`
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
--> statement-breakpoint
-- Rows copied one by one leave the new index in many segments; merge them into one (search-index.ts compactSearchIndex).
INSERT INTO `directory_search` (`directory_search`) VALUES ('optimize');
