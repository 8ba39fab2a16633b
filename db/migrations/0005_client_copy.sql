ALTER TABLE `drafts` ADD `copy_token_hash` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `copy_expires_at` text;--> statement-breakpoint
ALTER TABLE `drafts` ADD `copy_downloads` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `drafts_copy_token_hash_unique` ON `drafts` (`copy_token_hash`);