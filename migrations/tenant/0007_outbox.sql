-- The outbox (issue 13): every change that must leave OnTrackio (help-desk sync now, outgoing webhooks
-- later) is written here in the same db.batch() as the change itself, so a change is either saved
-- together with its delivery or not at all. A per-workspace delivery loop (the OutboxDelivery Durable
-- Object) sends each (channel, ordering_key)'s rows in id order: the autoincrement id is the sequence.
-- status: pending (waiting or retrying) → delivered | failed (after the last attempt; an admin can
-- retry it) | skipped (the channel was switched off before it could be sent). A failed row blocks the
-- later rows of its key, so nothing is ever delivered out of order.
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`ordering_key` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL CHECK (`status` IN ('pending', 'delivered', 'failed', 'skipped')),
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_key_idx` ON `outbox` (`channel`, `ordering_key`, `status`, `id`);
--> statement-breakpoint
CREATE INDEX `outbox_status_idx` ON `outbox` (`status`, `next_attempt_at`);
