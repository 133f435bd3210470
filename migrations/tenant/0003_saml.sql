-- SAML 2.0 sign-in (issue 8). The identity provider POSTs its response back cross-site, so a
-- SameSite=Lax cookie does not come along: the AuthnRequest id is kept here, server-side, and used
-- once. Each accepted assertion id is remembered until it expires (replay defence).
CREATE TABLE `saml_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`next` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`connection_id`) REFERENCES `sso_connections`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `saml_requests_expires_idx` ON `saml_requests` (`expires_at`);
--> statement-breakpoint
CREATE TABLE `saml_assertion_ids` (
	`assertion_id` text PRIMARY KEY NOT NULL,
	`connection_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `saml_assertion_ids_expires_idx` ON `saml_assertion_ids` (`expires_at`);
