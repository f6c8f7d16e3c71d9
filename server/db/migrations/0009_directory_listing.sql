-- Who is listed now also depends on the tenant's privacy-policy version (a member appears once they
-- have accepted the current one): a change of version re-indexes the tenant's members.
CREATE TRIGGER `tenants_policy_reindex_au` AFTER UPDATE OF `privacy_policy_version` ON `tenants`
WHEN coalesce(old.`privacy_policy_version`, '') <> coalesce(new.`privacy_policy_version`, '') BEGIN
	INSERT OR IGNORE INTO `outbox` (`id`, `tenant_id`, `kind`, `topic`, `payload`, `member_id`, `coalesce_key`, `status`, `attempts`, `available_at`, `created_at`)
	VALUES ('obx_' || lower(hex(randomblob(10))), new.`id`, 'job', 'directory.reindex-tenant', json_object('tenantId', new.`id`), NULL,
		'directory.reindex-tenant', 'pending', 0, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;
--> statement-breakpoint
-- Existing indexes are rebuilt once: names are now also indexed without their spaces (田中花子 finds
-- 田中 花子), and nameless or not-yet-consented members leave the directory.
INSERT OR IGNORE INTO `outbox` (`id`, `tenant_id`, `kind`, `topic`, `payload`, `member_id`, `coalesce_key`, `status`, `attempts`, `available_at`, `created_at`)
SELECT 'obx_' || lower(hex(randomblob(10))), `id`, 'job', 'directory.reindex-tenant', json_object('tenantId', `id`), NULL,
	'directory.reindex-tenant', 'pending', 0, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM `tenants`;
