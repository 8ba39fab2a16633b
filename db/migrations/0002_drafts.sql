CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`session_hash` text NOT NULL,
	`resume_hash` text,
	`resume_expires_at` text,
	`state_enc` text NOT NULL,
	`privacy_notice_version` text NOT NULL,
	`consented_at` text NOT NULL,
	`crisis_shown` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`intake_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `drafts_session_hash_unique` ON `drafts` (`session_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `drafts_resume_hash_unique` ON `drafts` (`resume_hash`);--> statement-breakpoint
CREATE INDEX `drafts_expires_at` ON `drafts` (`expires_at`);--> statement-breakpoint
ALTER TABLE `intakes` ADD `privacy_notice_version` text;--> statement-breakpoint
ALTER TABLE `intakes` ADD `consented_at` text;