ALTER TABLE `intakes` ADD `assessment_enc` text;--> statement-breakpoint
ALTER TABLE `intakes` ADD `rule_set_version` text;--> statement-breakpoint
ALTER TABLE `intakes` ADD `triage` text;--> statement-breakpoint
ALTER TABLE `intakes` ADD `highest_severity` text;--> statement-breakpoint
ALTER TABLE `intakes` ADD `urgent` integer;--> statement-breakpoint
ALTER TABLE `intakes` ADD `phq9_total` integer;--> statement-breakpoint
CREATE INDEX `intakes_review_queue` ON `intakes` (`urgent`,`received_at`);