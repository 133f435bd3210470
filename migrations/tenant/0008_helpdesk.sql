-- Help-desk sync (issue 13). One connection per workspace (id = 1); the API token and the webhook
-- signing secret are sealed (auth/secret-box.ts), never stored in clear. Disconnecting clears the token
-- and sets enabled = 0 but keeps the row's settings and every link.
CREATE TABLE `helpdesk_connection` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`provider` text NOT NULL,
	`base_url` text NOT NULL,
	`api_token_sealed` text,
	`queue` text NOT NULL,
	`reference_field` text NOT NULL,
	`status_map` text NOT NULL,
	`webhook_secret_sealed` text NOT NULL,
	`public_origin` text NOT NULL,
	`enabled` integer DEFAULT 1 NOT NULL,
	`cursor` text,
	`integration_user` text,
	`last_sync_at` integer,
	`last_sync_error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Which ticket a request or a problem report is (the requester never sees this; admins do). `source`
-- is the help desk's address: ticket numbers are only unique within one help desk, so connecting
-- another one starts new links and leaves the old ones as they were.
CREATE TABLE `helpdesk_links` (
	`source` text NOT NULL,
	`entity_type` text NOT NULL CHECK (`entity_type` IN ('request', 'maintenance')),
	`entity_id` text NOT NULL,
	`ticket_id` text NOT NULL,
	`ticket_url` text NOT NULL,
	`helpdesk_status` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`source`, `entity_type`, `entity_id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `helpdesk_links_ticket_uq` ON `helpdesk_links` (`source`, `ticket_id`);
--> statement-breakpoint
-- Every help-desk change id that is settled: written by OnTrackio itself (origin 'ours', so it never
-- comes back as news) or already applied (origin 'theirs', so it is applied once). Claimed with
-- INSERT OR IGNORE in the same batch as its effect.
CREATE TABLE `helpdesk_changes` (
	`change_id` text PRIMARY KEY NOT NULL,
	`origin` text NOT NULL CHECK (`origin` IN ('ours', 'theirs')),
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `helpdesk_changes_created_idx` ON `helpdesk_changes` (`created_at`);
--> statement-breakpoint
-- Inbound webhook event ids, each accepted once (kept a day: the signature window is 5 minutes).
CREATE TABLE `helpdesk_webhook_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `helpdesk_webhook_events_received_idx` ON `helpdesk_webhook_events` (`received_at`);
--> statement-breakpoint
-- Help-desk statuses that no mapping covers: logged and shown on the settings page, never dropped.
CREATE TABLE `helpdesk_unmapped_statuses` (
	`status` text PRIMARY KEY NOT NULL,
	`ticket_id` text NOT NULL,
	`seen` integer DEFAULT 1 NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL
);
--> statement-breakpoint
-- A reply written in the help desk becomes a request message without an OnTrackio author: author_id
-- becomes nullable, author_label names the agent, external_id is the help desk's change id. SQLite
-- cannot drop NOT NULL in place, so the table is rebuilt (nothing references request_messages).
CREATE TABLE `request_messages_new` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`author_id` text,
	`author_label` text,
	`external_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CHECK (`author_id` IS NOT NULL OR `author_label` IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `request_messages_new` (`id`, `request_id`, `author_id`, `author_label`, `external_id`, `body`, `created_at`)
	SELECT `id`, `request_id`, `author_id`, NULL, NULL, `body`, `created_at` FROM `request_messages` ORDER BY `rowid`;
--> statement-breakpoint
DROP TABLE `request_messages`;
--> statement-breakpoint
ALTER TABLE `request_messages_new` RENAME TO `request_messages`;
--> statement-breakpoint
CREATE INDEX `request_messages_request_idx` ON `request_messages` (`request_id`);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_messages_external_uq` ON `request_messages` (`external_id`);
