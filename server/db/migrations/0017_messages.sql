CREATE TABLE `conversation_participants` (
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`member_id` text NOT NULL,
	`joined_at` text NOT NULL,
	`left_at` text,
	`last_read_seq` integer DEFAULT 0 NOT NULL,
	`notified_seq` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`conversation_id`, `member_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_participants_member_idx` ON `conversation_participants` (`tenant_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`direct_key` text,
	`group_id` text,
	`last_seq` integer DEFAULT 0 NOT NULL,
	`last_message_at` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_direct_uq` ON `conversations` (`tenant_id`,`direct_key`);--> statement-breakpoint
CREATE INDEX `conversations_tenant_last_idx` ON `conversations` (`tenant_id`,`last_message_at`);--> statement-breakpoint
CREATE TABLE `member_blocks` (
	`tenant_id` text NOT NULL,
	`blocker_member_id` text NOT NULL,
	`blocked_member_id` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `blocker_member_id`, `blocked_member_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_blocks_blocked_idx` ON `member_blocks` (`tenant_id`,`blocked_member_id`);--> statement-breakpoint
CREATE TABLE `message_presence` (
	`tenant_id` text NOT NULL,
	`member_id` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`tenant_id`, `member_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `message_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`message_id` text NOT NULL,
	`reporter_member_id` text,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` text NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `message_reports_once_uq` ON `message_reports` (`tenant_id`,`message_id`,`reporter_member_id`);--> statement-breakpoint
CREATE INDEX `message_reports_status_idx` ON `message_reports` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `messages` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`conversation_id` text NOT NULL,
	`sender_member_id` text,
	`sender_name` text NOT NULL,
	`sender_erased` integer DEFAULT false NOT NULL,
	`body` text NOT NULL,
	`removed_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `messages_id_uq` ON `messages` (`id`);--> statement-breakpoint
CREATE INDEX `messages_conversation_idx` ON `messages` (`conversation_id`,`seq`);--> statement-breakpoint
CREATE INDEX `messages_sender_idx` ON `messages` (`tenant_id`,`sender_member_id`);