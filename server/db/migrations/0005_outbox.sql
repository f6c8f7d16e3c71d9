CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`topic` text NOT NULL,
	`payload` text NOT NULL,
	`member_id` text,
	`coalesce_key` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`available_at` integer NOT NULL,
	`locked_by` text,
	`locked_until` integer,
	`last_error` text,
	`created_at` text NOT NULL,
	`sent_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`available_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_coalesce_idx` ON `outbox` (`tenant_id`,`coalesce_key`) WHERE status = 'pending' and locked_by is null;--> statement-breakpoint
CREATE INDEX `outbox_member_idx` ON `outbox` (`tenant_id`,`member_id`);