CREATE TABLE `feed_readers` (
	`tenant_id` text NOT NULL,
	`member_id` text NOT NULL,
	`last_visit_at` text,
	`last_digest_at` text,
	PRIMARY KEY(`tenant_id`, `member_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `post_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`post_id` text NOT NULL,
	`parent_id` text,
	`author_member_id` text,
	`body_markdown` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`edited_at` text,
	`hidden_at` text,
	`hidden_reason` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `post_comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `post_comments_post_idx` ON `post_comments` (`post_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `post_comments_parent_idx` ON `post_comments` (`parent_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `post_comments_author_idx` ON `post_comments` (`tenant_id`,`author_member_id`);--> statement-breakpoint
CREATE TABLE `post_reactions` (
	`tenant_id` text NOT NULL,
	`post_id` text NOT NULL,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`post_id`, `member_id`, `kind`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_reactions_member_idx` ON `post_reactions` (`tenant_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `post_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`post_id` text NOT NULL,
	`comment_id` text,
	`target_id` text NOT NULL,
	`reporter_member_id` text NOT NULL,
	`reason` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`resolution` text,
	`created_at` text NOT NULL,
	`resolved_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`comment_id`) REFERENCES `post_comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `post_reports_once_uq` ON `post_reports` (`reporter_member_id`,`target_id`);--> statement-breakpoint
CREATE INDEX `post_reports_queue_idx` ON `post_reports` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `post_reports_target_idx` ON `post_reports` (`target_id`,`status`);--> statement-breakpoint
CREATE TABLE `post_tags` (
	`tenant_id` text NOT NULL,
	`post_id` text NOT NULL,
	`tag` text NOT NULL,
	`kind` text NOT NULL,
	`pinned` integer NOT NULL,
	`published_at` text NOT NULL,
	PRIMARY KEY(`post_id`, `tag`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `post_tags_feed_idx` ON `post_tags` (`tenant_id`,`tag`,`pinned`,`published_at`,`post_id`);--> statement-breakpoint
CREATE INDEX `post_tags_kind_idx` ON `post_tags` (`tenant_id`,`tag`,`kind`,`pinned`,`published_at`,`post_id`);--> statement-breakpoint
CREATE TABLE `posts` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`doc_id` integer NOT NULL,
	`kind` text NOT NULL,
	`author_type` text NOT NULL,
	`author_member_id` text,
	`title` text,
	`body_markdown` text NOT NULL,
	`body` text NOT NULL,
	`images` text DEFAULT '[]' NOT NULL,
	`links` text DEFAULT '[]' NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`audience` text DEFAULT 'members' NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`pinned` integer DEFAULT false NOT NULL,
	`published_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`edited_at` text,
	`answered_at` text,
	`hidden_at` text,
	`hidden_reason` text,
	`comment_count` integer DEFAULT 0 NOT NULL,
	`reaction_counts` text DEFAULT '{}' NOT NULL,
	`relay_id` text,
	`relay_depth` integer,
	`baton_id` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`relay_id`) REFERENCES `relays`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `posts_feed_idx` ON `posts` (`tenant_id`,`pinned`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `posts_kind_idx` ON `posts` (`tenant_id`,`kind`,`pinned`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `posts_audience_idx` ON `posts` (`tenant_id`,`audience`,`pinned`,`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `posts_author_idx` ON `posts` (`tenant_id`,`author_member_id`);--> statement-breakpoint
CREATE INDEX `posts_status_idx` ON `posts` (`tenant_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `posts_doc_uq` ON `posts` (`doc_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `posts_baton_uq` ON `posts` (`baton_id`);--> statement-breakpoint
CREATE TABLE `relay_batons` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`relay_id` text NOT NULL,
	`depth` integer NOT NULL,
	`from_member_id` text,
	`from_post_id` text,
	`nominee_member_id` text,
	`created_at` text NOT NULL,
	`passed_post_id` text,
	`passed_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`relay_id`) REFERENCES `relays`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`from_post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`nominee_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`passed_post_id`) REFERENCES `posts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `relay_batons_relay_idx` ON `relay_batons` (`relay_id`,`depth`);--> statement-breakpoint
CREATE INDEX `relay_batons_nominee_idx` ON `relay_batons` (`tenant_id`,`nominee_member_id`);--> statement-breakpoint
CREATE INDEX `relay_batons_from_idx` ON `relay_batons` (`tenant_id`,`from_member_id`);--> statement-breakpoint
CREATE INDEX `relay_batons_from_post_idx` ON `relay_batons` (`from_post_id`);--> statement-breakpoint
CREATE TABLE `relays` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`title` text,
	`started_by` text NOT NULL,
	`started_by_member_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `relays_tenant_idx` ON `relays` (`tenant_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `tenants` ADD `feed_first_post_approval` integer DEFAULT false NOT NULL;