ALTER TABLE `meetings` ADD `a_confirmed_at` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `b_confirmed_at` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `absent_id` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `outcome_by` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `outcome_at` text;