-- API tokens (issue 14 part 1): personal tokens act as their owner, service tokens belong to the
-- workspace (created_by is kept for display only). Only the SHA-256 of the secret is stored. The kind
-- and the owner agree (a personal token has an owner, a service token none); scopes and allowed
-- addresses are JSON arrays validated by the service. last_used_at is coarse (written at most every
-- few minutes). The workspace's maximum lifetime lives in workspace_settings
-- (`api_tokens.max_lifetime_days`, default 365).
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL CHECK (`kind` IN ('personal', 'service')),
	`owner_user_id` text,
	`name` text NOT NULL CHECK (length(`name`) BETWEEN 1 AND 100),
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`allowed_addresses` text,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	`last_used_at` integer,
	`revoked_at` integer,
	`revoked_by` text,
	`revoked_by_label` text,
	CHECK ((`kind` = 'personal') = (`owner_user_id` IS NOT NULL)),
	CHECK (`expires_at` > `created_at`),
	FOREIGN KEY (`owner_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_secret_hash_unique` ON `api_tokens` (`secret_hash`);
--> statement-breakpoint
CREATE INDEX `api_tokens_owner_idx` ON `api_tokens` (`owner_user_id`);
