CREATE TABLE `member_kinds` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`key` text NOT NULL,
	`label_ja` text NOT NULL,
	`label_en` text NOT NULL,
	`features` text NOT NULL,
	`built_in` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `member_kinds_tenant_key_uq` ON `member_kinds` (`tenant_id`,`key`);--> statement-breakpoint
CREATE INDEX `member_kinds_tenant_position_idx` ON `member_kinds` (`tenant_id`,`position`);