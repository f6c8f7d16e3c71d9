CREATE TABLE `sso_token_uses` (
	`tenant_id` text NOT NULL,
	`token_id` text NOT NULL,
	`expires_at` text NOT NULL,
	PRIMARY KEY(`tenant_id`, `token_id`),
	FOREIGN KEY (`tenant_id`) REFERENCES `tenants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sso_token_uses_expiry_idx` ON `sso_token_uses` (`tenant_id`,`expires_at`);--> statement-breakpoint
CREATE TABLE `email_code_tries` (
	`code_id` text NOT NULL,
	`client` text NOT NULL,
	`tries` integer NOT NULL,
	PRIMARY KEY(`code_id`, `client`),
	FOREIGN KEY (`code_id`) REFERENCES `email_codes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `email_codes` ADD `mailed_at` text;