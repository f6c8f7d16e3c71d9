CREATE TABLE `group_members` (
	`tenant_id` text NOT NULL,
	`group_id` text NOT NULL,
	`member_id` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`status` text NOT NULL,
	`joined_at` text,
	`created_at` text NOT NULL,
	`show_in_directory` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`group_id`, `member_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `group_members_member_idx` ON `group_members` (`tenant_id`,`member_id`,`status`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`join_rule` text NOT NULL,
	`visibility` text NOT NULL,
	`created_by_member_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`archived_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `groups_name_idx` ON `groups` (`tenant_id`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `groups_creator_idx` ON `groups` (`tenant_id`,`created_by_member_id`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `members_create_groups` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `posts` ADD `group_id` text REFERENCES groups(id) ON DELETE cascade;--> statement-breakpoint
CREATE INDEX `posts_group_idx` ON `posts` (`tenant_id`,`group_id`,`pinned`,`published_at`,`id`);