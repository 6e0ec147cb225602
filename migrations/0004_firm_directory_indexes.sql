CREATE INDEX `certifications_org_code_idx` ON `certifications` (`org_id`,`code`,`level`);--> statement-breakpoint
CREATE INDEX `organizations_directory_name_idx` ON `organizations` (`kind`,`status`,`name`,`id`);--> statement-breakpoint
CREATE INDEX `organizations_directory_created_idx` ON `organizations` (`kind`,`status`,`created_at`,`id`);