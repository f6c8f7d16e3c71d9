-- The feed's search index and its counters (the feed module, server/modules/feed/).
--
-- post_search: FTS5 over each post's title, body text and tags, rowid = posts.doc_id. Japanese runs are
-- bigram-expanded by the application (server/core/search/japanese.ts) before they get here, as in the
-- directory; `tenant` holds the tenant as one token, ANDed into every MATCH. The service writes a
-- post's row in the same batch as the post; whatever deletes a post (the author, the company, a
-- tenant's deletion by cascade) removes its row through the trigger below. Visibility (hidden,
-- members only, scheduled) is decided by joining posts, never by the index.
CREATE VIRTUAL TABLE `post_search` USING fts5(
	`tenant`, `title`, `body`, `tags`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `posts_search_ad` AFTER DELETE ON `posts` BEGIN
	DELETE FROM `post_search` WHERE rowid = old.`doc_id`;
END;
--> statement-breakpoint
-- posts.comment_count and posts.reaction_counts are recounted from their tables by these triggers, in
-- the transaction of every write to them: a comment or reaction added or removed by its member, hidden
-- or restored by the company, removed by a member's erasure or by a cascade. A recount reads only the
-- one post's rows (by index), so it costs what that post has, not what the feed has; and it cannot
-- drift the way increments can when a cascade deletes a parent before its replies.
-- A comment counts while it is not hidden and its parent (for a reply) is not hidden either.
CREATE TRIGGER `post_comments_count_ai` AFTER INSERT ON `post_comments` BEGIN
	UPDATE `posts` SET `comment_count` = (
		SELECT count(*) FROM `post_comments` c
		WHERE c.`post_id` = new.`post_id` AND c.`hidden_at` IS NULL
			AND (c.`parent_id` IS NULL OR EXISTS (SELECT 1 FROM `post_comments` p WHERE p.`id` = c.`parent_id` AND p.`hidden_at` IS NULL))
	) WHERE `id` = new.`post_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `post_comments_count_ad` AFTER DELETE ON `post_comments` BEGIN
	UPDATE `posts` SET `comment_count` = (
		SELECT count(*) FROM `post_comments` c
		WHERE c.`post_id` = old.`post_id` AND c.`hidden_at` IS NULL
			AND (c.`parent_id` IS NULL OR EXISTS (SELECT 1 FROM `post_comments` p WHERE p.`id` = c.`parent_id` AND p.`hidden_at` IS NULL))
	) WHERE `id` = old.`post_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `post_comments_count_au` AFTER UPDATE OF `hidden_at` ON `post_comments` BEGIN
	UPDATE `posts` SET `comment_count` = (
		SELECT count(*) FROM `post_comments` c
		WHERE c.`post_id` = new.`post_id` AND c.`hidden_at` IS NULL
			AND (c.`parent_id` IS NULL OR EXISTS (SELECT 1 FROM `post_comments` p WHERE p.`id` = c.`parent_id` AND p.`hidden_at` IS NULL))
	) WHERE `id` = new.`post_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `post_reactions_count_ai` AFTER INSERT ON `post_reactions` BEGIN
	UPDATE `posts` SET `reaction_counts` = (
		SELECT coalesce(json_group_object(`kind`, `n`), '{}') FROM (SELECT `kind`, count(*) AS `n` FROM `post_reactions` WHERE `post_id` = new.`post_id` GROUP BY `kind`)
	) WHERE `id` = new.`post_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `post_reactions_count_ad` AFTER DELETE ON `post_reactions` BEGIN
	UPDATE `posts` SET `reaction_counts` = (
		SELECT coalesce(json_group_object(`kind`, `n`), '{}') FROM (SELECT `kind`, count(*) AS `n` FROM `post_reactions` WHERE `post_id` = old.`post_id` GROUP BY `kind`)
	) WHERE `id` = old.`post_id`;
END;
--> statement-breakpoint
-- post_tags carries each post's place in the feed's order and its kind, for the tag filter's indexes;
-- a post pinned, rescheduled, approved (published_at moves) or given another kind takes its tags along.
CREATE TRIGGER `posts_tags_order_au` AFTER UPDATE OF `pinned`, `published_at`, `kind` ON `posts` BEGIN
	UPDATE `post_tags` SET `kind` = new.`kind`, `pinned` = new.`pinned`, `published_at` = new.`published_at` WHERE `post_id` = new.`id`;
END;
