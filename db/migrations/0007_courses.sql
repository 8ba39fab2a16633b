CREATE TABLE `checkin_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`request_id` text NOT NULL,
	`session_hash` text NOT NULL,
	`state_enc` text NOT NULL,
	`crisis_shown` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `checkin_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_drafts_request_id_unique` ON `checkin_drafts` (`request_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_drafts_session_hash_unique` ON `checkin_drafts` (`session_hash`);--> statement-breakpoint
CREATE INDEX `checkin_drafts_expires_at` ON `checkin_drafts` (`expires_at`);--> statement-breakpoint
CREATE TABLE `checkin_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`emailed_at` text,
	`used_at` text,
	`wrong_dob_tries` integer DEFAULT 0 NOT NULL,
	`ended_at` text,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkin_requests_token_hash_unique` ON `checkin_requests` (`token_hash`);--> statement-breakpoint
CREATE INDEX `checkin_requests_course` ON `checkin_requests` (`course_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `checkins` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`request_id` text NOT NULL,
	`checkin_version` text NOT NULL,
	`answers_enc` text NOT NULL,
	`flags_enc` text NOT NULL,
	`rule_set_version` text NOT NULL,
	`submitted_at` text NOT NULL,
	`highest_severity` text,
	`needs_acknowledgement` integer DEFAULT false NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by` text,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `checkin_requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkins_request_id_unique` ON `checkins` (`request_id`);--> statement-breakpoint
CREATE INDEX `checkins_course` ON `checkins` (`course_id`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `checkins_acknowledgement` ON `checkins` (`needs_acknowledgement`,`submitted_at`);--> statement-breakpoint
CREATE TABLE `course_phase_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` text NOT NULL,
	`from_phase` text NOT NULL,
	`to_phase` text NOT NULL,
	`reason` text,
	`by_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `course_phase_changes_course` ON `course_phase_changes` (`course_id`,`id`);--> statement-breakpoint
CREATE TABLE `course_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`course_id` text NOT NULL,
	`session_id` text NOT NULL,
	`version` integer NOT NULL,
	`record_enc` text NOT NULL,
	`flags_enc` text NOT NULL,
	`rule_set_version` text NOT NULL,
	`recorded_at` text NOT NULL,
	`recorded_by` text NOT NULL,
	`correction_reason_enc` text,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `course_sessions_version` ON `course_sessions` (`session_id`,`version`);--> statement-breakpoint
CREATE INDEX `course_sessions_course` ON `course_sessions` (`course_id`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `courses` (
	`id` text PRIMARY KEY NOT NULL,
	`intake_id` text NOT NULL,
	`client_index` text NOT NULL,
	`started_on` text NOT NULL,
	`phase` text DEFAULT 'acute' NOT NULL,
	`planned_acute_sessions` integer NOT NULL,
	`baseline_phq9` integer NOT NULL,
	`end_reason` text,
	`opened_at` text NOT NULL,
	`opened_by` text NOT NULL,
	`closed_at` text,
	FOREIGN KEY (`intake_id`) REFERENCES `intakes`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "courses_phase_check" CHECK("courses"."phase" in ('acute', 'maintenance', 'ended')),
	CONSTRAINT "courses_planned_check" CHECK("courses"."planned_acute_sessions" between 1 and 12),
	CONSTRAINT "courses_baseline_check" CHECK("courses"."baseline_phq9" between 0 and 27),
	CONSTRAINT "courses_ended_check" CHECK(("courses"."phase" = 'ended') = ("courses"."end_reason" is not null and "courses"."closed_at" is not null))
);
--> statement-breakpoint
CREATE INDEX `courses_intake` ON `courses` (`intake_id`,`opened_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `courses_one_open_per_client` ON `courses` (`client_index`) WHERE "courses"."closed_at" is null;