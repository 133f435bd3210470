-- SCIM 2.0 provisioning (issue 15). A provisioned person is an ordinary `users` row plus the identity
-- provider's view of them here: userName (unique ignoring case, RFC 7643 caseExact=false), externalId,
-- the name parts and the enterprise manager. `sso_connection_id` / `sso_subject` remember the
-- (connection, subject) identity that provisioning pre-linked in sso_identities, so a changed
-- userName / externalId moves that link instead of leaving a stale one. `deprovisioned_at`: the
-- provider DELETEd the person; they stay in OnTrackio, suspended, and SCIM no longer returns them.
CREATE TABLE `scim_users` (
	`user_id` text PRIMARY KEY NOT NULL,
	`user_name` text NOT NULL,
	`external_id` text,
	`given_name` text,
	`family_name` text,
	`manager_id` text,
	`sso_connection_id` text,
	`sso_subject` text,
	`deprovisioned_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scim_users_user_name_uq` ON `scim_users` (lower(`user_name`));
--> statement-breakpoint
CREATE INDEX `scim_users_external_id_idx` ON `scim_users` (`external_id`);
--> statement-breakpoint
-- Groups pushed by the identity provider. `role` is the admin's mapping (Settings › Provisioning):
-- NULL = membership only, 'admin' = members are administrators.
CREATE TABLE `scim_groups` (
	`id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`external_id` text,
	`role` text CHECK (`role` IS NULL OR `role` IN ('admin')),
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scim_groups_display_name_uq` ON `scim_groups` (lower(`display_name`));
--> statement-breakpoint
CREATE TABLE `scim_group_members` (
	`group_id` text NOT NULL,
	`user_id` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`group_id`, `user_id`),
	FOREIGN KEY (`group_id`) REFERENCES `scim_groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scim_group_members_user_idx` ON `scim_group_members` (`user_id`);
--> statement-breakpoint
-- The last provisioning calls and their results, for Settings › Provisioning (kept to the newest 200).
CREATE TABLE `scim_calls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`method` text NOT NULL,
	`path` text NOT NULL,
	`status` integer NOT NULL,
	`outcome` text NOT NULL,
	`created_at` integer NOT NULL
);
