CREATE TABLE `account` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`provider_id` text NOT NULL,
	`user_id` text NOT NULL,
	`access_token` text,
	`refresh_token` text,
	`id_token` text,
	`access_token_expires_at` integer,
	`refresh_token_expires_at` integer,
	`scope` text,
	`password` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_user` ON `account` (`user_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`actor_email` text,
	`action` text NOT NULL,
	`intake_id` text,
	`ip_address` text,
	`detail` text,
	`prev_hmac` text NOT NULL,
	`hmac` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `audit_events_action` ON `audit_events` (`action`,`seq`);--> statement-breakpoint
CREATE INDEX `audit_events_intake` ON `audit_events` (`intake_id`,`seq`);--> statement-breakpoint
CREATE TABLE `intake_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`intake_id` text NOT NULL,
	`author_user_id` text NOT NULL,
	`at` text NOT NULL,
	`body_enc` text NOT NULL,
	FOREIGN KEY (`intake_id`) REFERENCES `intakes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `intake_notes_intake` ON `intake_notes` (`intake_id`,`at`);--> statement-breakpoint
CREATE TABLE `intake_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`intake_id` text NOT NULL,
	`from_status` text NOT NULL,
	`to_status` text NOT NULL,
	`by_user_id` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`intake_id`) REFERENCES `intakes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `intake_status_history_intake` ON `intake_status_history` (`intake_id`,`id`);--> statement-breakpoint
CREATE TABLE `rate_limit` (
	`id` text PRIMARY KEY NOT NULL,
	`key` text NOT NULL,
	`count` integer NOT NULL,
	`last_request` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `rate_limit_key_unique` ON `rate_limit` (`key`);--> statement-breakpoint
CREATE TABLE `session` (
	`id` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL,
	`token` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`ip_address` text,
	`user_agent` text,
	`user_id` text NOT NULL,
	`two_factor_verified_at` integer,
	`last_active_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `session_token_unique` ON `session` (`token`);--> statement-breakpoint
CREATE INDEX `session_user` ON `session` (`user_id`);--> statement-breakpoint
CREATE TABLE `two_factor` (
	`id` text PRIMARY KEY NOT NULL,
	`secret` text NOT NULL,
	`backup_codes` text NOT NULL,
	`user_id` text NOT NULL,
	`verified` integer DEFAULT true,
	`failed_verification_count` integer DEFAULT 0,
	`locked_until` integer,
	FOREIGN KEY (`user_id`) REFERENCES `user`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `two_factor_user` ON `two_factor` (`user_id`);--> statement-breakpoint
CREATE INDEX `two_factor_secret` ON `two_factor` (`secret`);--> statement-breakpoint
CREATE TABLE `user` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_verified` integer DEFAULT false NOT NULL,
	`image` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`two_factor_enabled` integer DEFAULT false,
	`disabled` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `user_email_unique` ON `user` (`email`);--> statement-breakpoint
CREATE TABLE `verification` (
	`id` text PRIMARY KEY NOT NULL,
	`identifier` text NOT NULL,
	`value` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `verification_identifier` ON `verification` (`identifier`);--> statement-breakpoint
-- Rebuilding intakes (new status values in its CHECK) drops the old table, which cascades to the
-- name tokens while foreign keys are on (migrations run in a transaction, where the pragma cannot
-- change): keep a copy and put it back.
CREATE TABLE `__name_tokens_copy` AS SELECT * FROM `intake_name_tokens`;--> statement-breakpoint
CREATE TABLE `__new_intakes` (
	`id` text PRIMARY KEY NOT NULL,
	`reference_index` text NOT NULL,
	`reference_enc` text NOT NULL,
	`questionnaire_id` text NOT NULL,
	`questionnaire_version` text NOT NULL,
	`received_at` text NOT NULL,
	`submitted_at` text NOT NULL,
	`reference_date` text NOT NULL,
	`status` text DEFAULT 'new' NOT NULL,
	`contact_enc` text NOT NULL,
	`answers_enc` text NOT NULL,
	`email_index` text NOT NULL,
	`idempotency_index` text,
	`request_index` text,
	`assessment_enc` text,
	`rule_set_version` text,
	`triage` text,
	`highest_severity` text,
	`urgent` integer,
	`phq9_total` integer,
	`privacy_notice_version` text,
	`consented_at` text,
	`needs_acknowledgement` integer DEFAULT false NOT NULL,
	`triage_rank` integer DEFAULT 0 NOT NULL,
	`acknowledged_at` text,
	`acknowledged_by` text,
	CONSTRAINT "intakes_status_check" CHECK("__new_intakes"."status" in ('new', 'in_review', 'consult_booked', 'not_suitable', 'referred_out', 'archived'))
);
--> statement-breakpoint
INSERT INTO `__new_intakes`("id", "reference_index", "reference_enc", "questionnaire_id", "questionnaire_version", "received_at", "submitted_at", "reference_date", "status", "contact_enc", "answers_enc", "email_index", "idempotency_index", "request_index", "assessment_enc", "rule_set_version", "triage", "highest_severity", "urgent", "phq9_total", "privacy_notice_version", "consented_at", "needs_acknowledgement", "triage_rank") SELECT "id", "reference_index", "reference_enc", "questionnaire_id", "questionnaire_version", "received_at", "submitted_at", "reference_date", CASE "status" WHEN 'declined' THEN 'not_suitable' WHEN 'closed' THEN 'archived' ELSE "status" END, "contact_enc", "answers_enc", "email_index", "idempotency_index", "request_index", "assessment_enc", "rule_set_version", "triage", "highest_severity", "urgent", "phq9_total", "privacy_notice_version", "consented_at", coalesce("urgent", 0), CASE "triage" WHEN 'urgent' THEN 4 WHEN 'not_suitable_now' THEN 3 WHEN 'needs_clearance' THEN 2 WHEN 'proceed_with_cautions' THEN 1 ELSE 0 END FROM `intakes`;--> statement-breakpoint
DROP TABLE `intakes`;--> statement-breakpoint
ALTER TABLE `__new_intakes` RENAME TO `intakes`;--> statement-breakpoint
INSERT INTO `intake_name_tokens` SELECT * FROM `__name_tokens_copy`;--> statement-breakpoint
DROP TABLE `__name_tokens_copy`;--> statement-breakpoint
CREATE UNIQUE INDEX `intakes_reference_index_unique` ON `intakes` (`reference_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `intakes_idempotency_index_unique` ON `intakes` (`idempotency_index`);--> statement-breakpoint
CREATE INDEX `intakes_email_index` ON `intakes` (`email_index`);--> statement-breakpoint
CREATE INDEX `intakes_status_received` ON `intakes` (`status`,`received_at`);--> statement-breakpoint
CREATE INDEX `intakes_review_queue` ON `intakes` (`needs_acknowledgement`,`triage_rank`,`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `intakes_status_queue` ON `intakes` (`status`,`needs_acknowledgement`,`triage_rank`,`received_at`,`id`);--> statement-breakpoint
CREATE INDEX `intakes_triage_queue` ON `intakes` (`triage`,`needs_acknowledgement`,`triage_rank`,`received_at`,`id`);