ALTER TABLE `two_factor` ADD `last_used_step` integer;--> statement-breakpoint
-- Trusted devices no longer exist (issue 12): forget any that an earlier version recorded.
DELETE FROM `verification` WHERE `identifier` LIKE 'trust-device-%';
