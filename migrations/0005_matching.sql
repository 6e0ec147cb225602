CREATE TABLE `demand_docs` (
	`seq` integer PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`tokens` text NOT NULL,
	`query` text NOT NULL,
	`embedding` F32_BLOB(256),
	`model` text,
	`source_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `demand_docs_scenario_uq` ON `demand_docs` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `match_feedback` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`firm_id` text NOT NULL,
	`product_id` text,
	`side` text NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text,
	`useful` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`firm_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `match_feedback_pair_uq` ON `match_feedback` (`scenario_id`,`firm_id`,`side`);--> statement-breakpoint
CREATE INDEX `match_feedback_firm_idx` ON `match_feedback` (`firm_id`,`useful`);--> statement-breakpoint
CREATE TABLE `match_queue` (
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `match_queue_uq` ON `match_queue` (`kind`,`ref_id`);--> statement-breakpoint
CREATE TABLE `supply_docs` (
	`seq` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text NOT NULL,
	`firm_id` text NOT NULL,
	`tokens` text NOT NULL,
	`query` text NOT NULL,
	`embedding` F32_BLOB(256),
	`model` text,
	`source_hash` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`firm_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supply_docs_ref_uq` ON `supply_docs` (`kind`,`ref_id`);--> statement-breakpoint
CREATE INDEX `supply_docs_firm_idx` ON `supply_docs` (`firm_id`,`kind`);