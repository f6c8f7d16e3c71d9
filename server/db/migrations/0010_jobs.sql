CREATE TABLE `job_alerts` (
	`tenant_id` text NOT NULL,
	`member_id` text NOT NULL,
	`types` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `member_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `job_hires` (
	`response_id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text,
	`employment_type` text NOT NULL,
	`kind` text NOT NULL,
	`hired_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `job_hires_tenant_hired_idx` ON `job_hires` (`tenant_id`,`hired_at`);--> statement-breakpoint
CREATE TABLE `job_offers` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`member_id` text NOT NULL,
	`job_id` text,
	`kind` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'sent' NOT NULL,
	`created_at` text NOT NULL,
	`responded_at` text,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `job_offers_member_idx` ON `job_offers` (`tenant_id`,`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `job_offers_tenant_idx` ON `job_offers` (`tenant_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `job_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`job_id` text,
	`member_id` text NOT NULL,
	`kind` text NOT NULL,
	`job_title` text NOT NULL,
	`employment_type` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`resume_url` text,
	`candidate_name` text,
	`candidate_email` text,
	`candidate_relation` text,
	`candidate_agreed` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`status_changed_at` text NOT NULL,
	`hired_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_responses_member_uq` ON `job_responses` (`tenant_id`,`job_id`,`member_id`,`kind`) WHERE kind in ('interest', 'application') and status <> 'withdrawn';--> statement-breakpoint
CREATE UNIQUE INDEX `job_responses_candidate_uq` ON `job_responses` (`tenant_id`,`job_id`,`candidate_email`) WHERE kind = 'referral' and status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX `job_responses_member_idx` ON `job_responses` (`tenant_id`,`member_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `job_responses_job_idx` ON `job_responses` (`tenant_id`,`job_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `job_responses_status_idx` ON `job_responses` (`tenant_id`,`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`title` text NOT NULL,
	`department` text DEFAULT '' NOT NULL,
	`location` text DEFAULT '' NOT NULL,
	`remote_policy` text DEFAULT 'onsite' NOT NULL,
	`employment_type` text NOT NULL,
	`description_md` text DEFAULT '' NOT NULL,
	`description` text NOT NULL,
	`requirements_md` text DEFAULT '' NOT NULL,
	`requirements` text NOT NULL,
	`salary_min` integer,
	`salary_max` integer,
	`salary_currency` text DEFAULT 'JPY' NOT NULL,
	`salary_unit` text,
	`visibility` text DEFAULT 'public' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`closes_at` text,
	`apply_url` text,
	`translations` text DEFAULT '{}' NOT NULL,
	`opened_at` text,
	`alerted_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `jobs_tenant_status_opened_idx` ON `jobs` (`tenant_id`,`status`,`opened_at`,`id`);--> statement-breakpoint
CREATE INDEX `jobs_tenant_created_idx` ON `jobs` (`tenant_id`,`created_at`,`id`);