ALTER TABLE `tenants` ADD `alumni_page_url` text;--> statement-breakpoint
ALTER TABLE `tenants` ADD `contact_emails` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `tenants` ADD `event_reminder_hours` integer DEFAULT 24 NOT NULL;