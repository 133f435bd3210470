-- Single sign-on (issue 8): connections set by an administrator, identities keyed by
-- (connection, subject) - never by email alone - and the approved company domains.
CREATE TABLE `sso_connections` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL CHECK (`kind` IN ('google', 'microsoft', 'saml')),
	`name` text NOT NULL,
	`client_id` text,
	`client_secret_sealed` text,
	`entra_tenant` text,
	`saml_idp_entity_id` text,
	`saml_sso_url` text,
	`saml_certificate` text,
	`dev_issuer_url` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sso_connections_name_unique` ON `sso_connections` (`name`);
--> statement-breakpoint
CREATE UNIQUE INDEX `sso_connections_one_per_oauth_kind` ON `sso_connections` (`kind`) WHERE `kind` IN ('google', 'microsoft');
--> statement-breakpoint
CREATE TABLE `sso_identities` (
	`connection_id` text NOT NULL,
	`subject` text NOT NULL,
	`user_id` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	PRIMARY KEY(`connection_id`, `subject`),
	FOREIGN KEY (`connection_id`) REFERENCES `sso_connections`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sso_identities_user_idx` ON `sso_identities` (`user_id`);
--> statement-breakpoint
CREATE TABLE `sso_approved_domains` (
	`domain` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
