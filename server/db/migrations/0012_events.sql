CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`member_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token_hash_unique` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_member_uq` ON `calendar_feeds` (`tenant_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `event_registrations` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`event_id` text NOT NULL,
	`member_id` text NOT NULL,
	`status` text NOT NULL,
	`guests` integer DEFAULT 0 NOT NULL,
	`answers` text DEFAULT '[]' NOT NULL,
	`position` integer NOT NULL,
	`check_in_code` text NOT NULL,
	`checked_in_at` text,
	`change_token` text,
	`ical_sequence` integer DEFAULT 0 NOT NULL,
	`cancelled_from` text,
	`reminded_for` text,
	`registered_at` text NOT NULL,
	`promoted_at` text,
	`cancelled_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_event_member_uq` ON `event_registrations` (`event_id`,`member_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_registrations_code_uq` ON `event_registrations` (`tenant_id`,`check_in_code`);--> statement-breakpoint
CREATE INDEX `event_registrations_event_status_idx` ON `event_registrations` (`event_id`,`status`,`position`);--> statement-breakpoint
CREATE INDEX `event_registrations_member_idx` ON `event_registrations` (`tenant_id`,`member_id`);--> statement-breakpoint
ALTER TABLE `events` ADD `venue_address_private` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `private_details` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `max_guests` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `questions` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `sequence` integer DEFAULT 0 NOT NULL;