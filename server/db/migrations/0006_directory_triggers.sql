-- Every write to a member row queues the member's re-indexing in the outbox, in the same
-- transaction, so no write path has to remember it (the directory module's `directory.reindex` topic
-- does the work). Coalesced: while one re-index of the member waits unclaimed, another is not added.
-- Due at once (available_at 0). Deleting a member needs no trigger: directory_entries cascades from members.
CREATE TRIGGER `members_reindex_ai` AFTER INSERT ON `members` BEGIN
	INSERT OR IGNORE INTO `outbox` (`id`, `tenant_id`, `kind`, `topic`, `payload`, `member_id`, `coalesce_key`, `status`, `attempts`, `available_at`, `created_at`)
	VALUES ('obx_' || lower(hex(randomblob(10))), new.`tenant_id`, 'job', 'directory.reindex', json_object('memberId', new.`id`), new.`id`,
		'directory.reindex:' || new.`id`, 'pending', 0, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
CREATE TRIGGER `members_reindex_au` AFTER UPDATE ON `members` BEGIN
	INSERT OR IGNORE INTO `outbox` (`id`, `tenant_id`, `kind`, `topic`, `payload`, `member_id`, `coalesce_key`, `status`, `attempts`, `available_at`, `created_at`)
	VALUES ('obx_' || lower(hex(randomblob(10))), new.`tenant_id`, 'job', 'directory.reindex', json_object('memberId', new.`id`), new.`id`,
		'directory.reindex:' || new.`id`, 'pending', 0, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
