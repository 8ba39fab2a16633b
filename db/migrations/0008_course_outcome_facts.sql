ALTER TABLE `courses` ADD `outcome_facts_enc` text;--> statement-breakpoint
CREATE INDEX `courses_started_on` ON `courses` (`started_on`);--> statement-breakpoint
CREATE INDEX `course_sessions_per_course` ON `course_sessions` (`course_id`,`session_id`);