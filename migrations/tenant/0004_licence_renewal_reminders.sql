-- Renewal reminders (issue 6, item 10): one row per licence, renewal date and threshold (30, 7, 1 days)
-- that the daily Cron Trigger has sent. The primary key makes the cron idempotent: a second run
-- inserts nothing (INSERT OR IGNORE) and so notifies no one; a changed renewal date is a new key, so
-- it re-arms every threshold. run_id marks which run claimed the row: only that run writes the
-- notifications (INSERT … SELECT … WHERE EXISTS the row with its run_id), even if two runs overlap.
CREATE TABLE `licence_reminders_sent` (
	`licence_id` text NOT NULL,
	`renewal_date` text NOT NULL,
	`threshold` integer NOT NULL CHECK (`threshold` > 0),
	`run_id` text NOT NULL,
	`sent_at` integer NOT NULL,
	PRIMARY KEY(`licence_id`, `renewal_date`, `threshold`),
	FOREIGN KEY (`licence_id`) REFERENCES `licences`(`id`) ON UPDATE no action ON DELETE cascade
);
