CREATE TABLE `intake_name_tokens` (
	`intake_id` text NOT NULL,
	`token` text NOT NULL,
	PRIMARY KEY(`intake_id`, `token`),
	FOREIGN KEY (`intake_id`) REFERENCES `intakes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `intake_name_tokens_token` ON `intake_name_tokens` (`token`);--> statement-breakpoint
CREATE TABLE `intakes` (
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
	CONSTRAINT "intakes_status_check" CHECK("intakes"."status" in ('new', 'in_review', 'consult_booked', 'declined', 'closed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `intakes_reference_index_unique` ON `intakes` (`reference_index`);--> statement-breakpoint
CREATE UNIQUE INDEX `intakes_idempotency_index_unique` ON `intakes` (`idempotency_index`);--> statement-breakpoint
CREATE INDEX `intakes_email_index` ON `intakes` (`email_index`);--> statement-breakpoint
CREATE INDEX `intakes_status_received` ON `intakes` (`status`,`received_at`);