CREATE TABLE `sso_secrets` (
	`tenant_id` text PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `consents` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`member_id` text NOT NULL,
	`version` text NOT NULL,
	`accepted_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `consents_member_idx` ON `consents` (`member_id`);--> statement-breakpoint
CREATE TABLE `contact_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`from_member_id` text NOT NULL,
	`to_member_id` text NOT NULL,
	`body` text NOT NULL,
	`replies_allowed` integer NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_messages_from_idx` ON `contact_messages` (`tenant_id`,`from_member_id`);--> statement-breakpoint
CREATE TABLE `email_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`consumed_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `email_codes_tenant_email_idx` ON `email_codes` (`tenant_id`,`email`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`external_id` text,
	`kind` text DEFAULT 'alumni' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`status_reason` text,
	`roster_entry_id` text,
	`locale` text DEFAULT 'ja' NOT NULL,
	`consent_version` text,
	`consent_at` text,
	`name` text DEFAULT '' NOT NULL,
	`name_kana` text DEFAULT '' NOT NULL,
	`photo_url` text,
	`joined_year` integer,
	`left_year` integer,
	`last_department` text DEFAULT '' NOT NULL,
	`last_title` text DEFAULT '' NOT NULL,
	`career` text DEFAULT '[]' NOT NULL,
	`current_company` text DEFAULT '' NOT NULL,
	`current_title` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`skills` text DEFAULT '[]' NOT NULL,
	`qualifications` text DEFAULT '[]' NOT NULL,
	`interests` text DEFAULT '[]' NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`links` text DEFAULT '[]' NOT NULL,
	`open_to` text DEFAULT '[]' NOT NULL,
	`visibility` text DEFAULT '{}' NOT NULL,
	`unlisted` integer DEFAULT false NOT NULL,
	`allow_replies` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`approved_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_tenant_email_uq` ON `members` (`tenant_id`,`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_tenant_external_uq` ON `members` (`tenant_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `members_tenant_status_idx` ON `members` (`tenant_id`,`status`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `roster_emails` (
	`tenant_id` text NOT NULL,
	`email` text NOT NULL,
	`roster_entry_id` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`roster_entry_id`) REFERENCES `roster_entries`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_emails_uq` ON `roster_emails` (`tenant_id`,`email`);--> statement-breakpoint
CREATE TABLE `roster_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`emails` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`employee_number` text,
	`department` text DEFAULT '' NOT NULL,
	`joined_on` text,
	`left_on` text,
	`kind` text DEFAULT 'alumni' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_tenant_employee_uq` ON `roster_entries` (`tenant_id`,`employee_number`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`member_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_member_idx` ON `sessions` (`member_id`);