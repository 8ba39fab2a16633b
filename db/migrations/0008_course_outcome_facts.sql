ALTER TABLE `courses` ADD `outcome_facts_enc` text;--> statement-breakpoint
CREATE INDEX `courses_started_on` ON `courses` (`started_on`);