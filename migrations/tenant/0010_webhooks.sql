-- Outgoing webhooks (issue 14 part 3). Endpoints with their own signing secret, sealed at rest
-- (auth/secret-box.ts; signing needs the secret itself) and, during a rotation, the previous secret
-- until it expires. Delivery goes through the outbox (0007): one outbox row per event and endpoint,
-- written in the change's own batch. webhook_messages is the delivery log (kept 30 days): one row per
-- event and endpoint, whose id is never sent; the event id is the `webhook-id` header, the same on
-- every attempt and redelivery. webhook_attempts records each attempt with the answer's status and the
-- first 2 KB of its body. webhook_event_once makes the daily events (loan overdue, device not seen,
-- licence renewing) fire once per subject.
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL CHECK (length(`url`) BETWEEN 1 AND 2000),
	`description` text DEFAULT '' NOT NULL,
	`event_types` text NOT NULL,
	`secret_sealed` text NOT NULL,
	`previous_secret_sealed` text,
	`previous_secret_expires_at` integer,
	`status` text DEFAULT 'enabled' NOT NULL CHECK (`status` IN ('enabled', 'disabled')),
	`disabled_reason` text CHECK (`disabled_reason` IN ('admin', 'failing', 'gone')),
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	`created_by` text,
	`updated_at` integer NOT NULL,
	CHECK ((`status` = 'disabled') = (`disabled_reason` IS NOT NULL)),
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `webhook_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`endpoint_id` text NOT NULL,
	`event_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL CHECK (`status` IN ('pending', 'delivered', 'failed', 'skipped')),
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` integer,
	`last_response_status` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`endpoint_id`) REFERENCES `webhook_endpoints`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_messages_event_endpoint_unique` ON `webhook_messages` (`event_id`, `endpoint_id`);
--> statement-breakpoint
CREATE INDEX `webhook_messages_endpoint_idx` ON `webhook_messages` (`endpoint_id`, `created_at`);
--> statement-breakpoint
CREATE INDEX `webhook_messages_created_idx` ON `webhook_messages` (`created_at`);
--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`attempted_at` integer NOT NULL,
	`duration_ms` integer,
	`response_status` integer,
	`response_body` text,
	`error` text,
	FOREIGN KEY (`message_id`) REFERENCES `webhook_messages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_message_idx` ON `webhook_attempts` (`message_id`, `id`);
--> statement-breakpoint
CREATE TABLE `webhook_event_once` (
	`key` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL
);
