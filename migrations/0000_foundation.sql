CREATE TABLE `audit_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`at` text NOT NULL,
	`actor_user_id` text,
	`actor_org_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`before_digest` text,
	`after_digest` text,
	`data` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_log_id_uq` ON `audit_log` (`id`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text NOT NULL,
	`scope` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`headers` text DEFAULT '{}' NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idempotency_keys_uq` ON `idempotency_keys` (`scope`,`key`);--> statement-breakpoint
CREATE TABLE `bid_members` (
	`bid_id` text NOT NULL,
	`firm_id` text NOT NULL,
	`role` text NOT NULL,
	`share_bp` integer DEFAULT 0 NOT NULL,
	`responsibility` text DEFAULT '' NOT NULL,
	`confirmed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`bid_id`, `firm_id`),
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`firm_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bid_members_firm_idx` ON `bid_members` (`firm_id`);--> statement-breakpoint
CREATE TABLE `bids` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`lead_firm_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`price_fen` integer,
	`content` text DEFAULT '{}' NOT NULL,
	`small_partner_share_bp` integer,
	`domestic_product` integer DEFAULT false NOT NULL,
	`submitted_at` text,
	`amended_at` text,
	`withdrawn_at` text,
	`opened_at` text,
	`qualification_reason` text,
	`low_price_flag` integer DEFAULT false NOT NULL,
	`low_price_explanation` text,
	`low_price_accepted_at` text,
	`created_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lead_firm_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bids_scenario_idx` ON `bids` (`scenario_id`,`status`);--> statement-breakpoint
CREATE INDEX `bids_lead_idx` ON `bids` (`lead_firm_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `bids_scenario_lead_uq` ON `bids` (`scenario_id`,`lead_firm_id`);--> statement-breakpoint
CREATE TABLE `calls` (
	`id` text PRIMARY KEY NOT NULL,
	`organizer_id` text NOT NULL,
	`title` text NOT NULL,
	`year` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`target_count` integer DEFAULT 0 NOT NULL,
	`domains` text DEFAULT '[]' NOT NULL,
	`targets` text DEFAULT '{}' NOT NULL,
	`rules` text DEFAULT '{}' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organizer_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `calls_status_idx` ON `calls` (`status`,`year`);--> statement-breakpoint
CREATE TABLE `awards` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`bid_id` text NOT NULL,
	`rank` integer NOT NULL,
	`amount_fen` integer NOT NULL,
	`subsidy_fen` integer,
	`status` text DEFAULT 'awarded' NOT NULL,
	`awarded_at` text NOT NULL,
	`accepted_at` text,
	`acceptance_note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `awards_bid_uq` ON `awards` (`bid_id`);--> statement-breakpoint
CREATE INDEX `awards_scenario_idx` ON `awards` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `criteria` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`weight` real NOT NULL,
	`guidance` text DEFAULT '' NOT NULL,
	`ordinal` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `criteria_scenario_code_uq` ON `criteria` (`scenario_id`,`code`);--> statement-breakpoint
CREATE TABLE `expert_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`expert_id` text NOT NULL,
	`org_id` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `expert_conflicts_uq` ON `expert_conflicts` (`expert_id`,`org_id`);--> statement-breakpoint
CREATE TABLE `experts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`name` text NOT NULL,
	`employer_org_id` text,
	`employer_name` text DEFAULT '' NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`domains` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `experts_active_idx` ON `experts` (`active`);--> statement-breakpoint
CREATE TABLE `kpi_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`award_id` text NOT NULL,
	`kpi` text NOT NULL,
	`value` text NOT NULL,
	`met` integer,
	`note` text DEFAULT '' NOT NULL,
	`reported_at` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `kpi_reports_award_idx` ON `kpi_reports` (`award_id`);--> statement-breakpoint
CREATE TABLE `milestones` (
	`id` text PRIMARY KEY NOT NULL,
	`award_id` text NOT NULL,
	`title` text NOT NULL,
	`due_at` text NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`done_at` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`award_id`) REFERENCES `awards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `milestones_award_idx` ON `milestones` (`award_id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`published_at` text NOT NULL,
	`objections_until` text,
	`finalized_at` text,
	`payload` text NOT NULL,
	`inputs_digest` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notices_scenario_idx` ON `notices` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `objections` (
	`id` text PRIMARY KEY NOT NULL,
	`notice_id` text NOT NULL,
	`bid_id` text,
	`org_id` text NOT NULL,
	`text` text NOT NULL,
	`status` text DEFAULT 'filed' NOT NULL,
	`answer` text,
	`answered_by` text,
	`answered_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `objections_notice_idx` ON `objections` (`notice_id`);--> statement-breakpoint
CREATE TABLE `panel_members` (
	`id` text PRIMARY KEY NOT NULL,
	`panel_id` text NOT NULL,
	`expert_id` text NOT NULL,
	`seat` integer NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`recusal_reason` text,
	`signed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`panel_id`) REFERENCES `panels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`expert_id`) REFERENCES `experts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `panel_members_uq` ON `panel_members` (`panel_id`,`expert_id`);--> statement-breakpoint
CREATE INDEX `panel_members_expert_idx` ON `panel_members` (`expert_id`);--> statement-breakpoint
CREATE TABLE `panels` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`size` integer NOT NULL,
	`seed` text NOT NULL,
	`status` text DEFAULT 'forming' NOT NULL,
	`formed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `panels_scenario_idx` ON `panels` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `scores` (
	`id` text PRIMARY KEY NOT NULL,
	`panel_member_id` text NOT NULL,
	`bid_id` text NOT NULL,
	`criterion_id` text NOT NULL,
	`points` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`panel_member_id`) REFERENCES `panel_members`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bid_id`) REFERENCES `bids`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`criterion_id`) REFERENCES `criteria`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scores_uq` ON `scores` (`panel_member_id`,`bid_id`,`criterion_id`);--> statement-breakpoint
CREATE INDEX `scores_bid_idx` ON `scores` (`bid_id`);--> statement-breakpoint
CREATE TABLE `event_participants` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`status` text DEFAULT 'registered' NOT NULL,
	`needs` text DEFAULT '' NOT NULL,
	`offers` text DEFAULT '' NOT NULL,
	`scenario_ids` text DEFAULT '[]' NOT NULL,
	`product_ids` text DEFAULT '[]' NOT NULL,
	`availability` text DEFAULT '[]' NOT NULL,
	`host_table` integer,
	`checked_in_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_participants_uq` ON `event_participants` (`event_id`,`org_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`organizer_id` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`venue` text DEFAULT '' NOT NULL,
	`district` text,
	`starts_at` text NOT NULL,
	`slot_minutes` integer DEFAULT 20 NOT NULL,
	`slot_count` integer DEFAULT 12 NOT NULL,
	`breaks` text DEFAULT '[]' NOT NULL,
	`tables` integer DEFAULT 10 NOT NULL,
	`online` integer DEFAULT false NOT NULL,
	`hosted_buyer` integer DEFAULT false NOT NULL,
	`request_quota` integer DEFAULT 10 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`organizer_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `events_status_idx` ON `events` (`status`,`starts_at`);--> statement-breakpoint
CREATE TABLE `meeting_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`preference` text NOT NULL,
	`status` text DEFAULT 'requested' NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`responded_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`from_id`) REFERENCES `event_participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_id`) REFERENCES `event_participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_requests_pair_uq` ON `meeting_requests` (`event_id`,`from_id`,`to_id`);--> statement-breakpoint
CREATE INDEX `meeting_requests_to_idx` ON `meeting_requests` (`to_id`,`status`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`request_id` text,
	`a_id` text NOT NULL,
	`b_id` text NOT NULL,
	`slot` integer NOT NULL,
	`table_no` integer NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`outcome` text,
	`amount_fen` integer,
	`notes` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `meeting_requests`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`a_id`) REFERENCES `event_participants`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`b_id`) REFERENCES `event_participants`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_slot_table_uq` ON `meetings` (`event_id`,`slot`,`table_no`);--> statement-breakpoint
CREATE INDEX `meetings_a_idx` ON `meetings` (`a_id`,`slot`);--> statement-breakpoint
CREATE INDEX `meetings_b_idx` ON `meetings` (`b_id`,`slot`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`prefix` text NOT NULL,
	`token_hash` text NOT NULL,
	`scopes` text DEFAULT '[]' NOT NULL,
	`expires_at` text,
	`last_used_at` text,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_org_idx` ON `api_tokens` (`org_id`);--> statement-breakpoint
CREATE TABLE `certifications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`code` text NOT NULL,
	`level` integer,
	`issuer` text,
	`certificate_no` text,
	`issued_at` text,
	`expires_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `certifications_org_idx` ON `certifications` (`org_id`);--> statement-breakpoint
CREATE INDEX `certifications_code_idx` ON `certifications` (`code`,`level`);--> statement-breakpoint
CREATE TABLE `firm_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`title` text NOT NULL,
	`client` text NOT NULL,
	`year` integer NOT NULL,
	`amount_fen` integer,
	`domain` text,
	`area` text,
	`description` text DEFAULT '' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `firm_cases_org_idx` ON `firm_cases` (`org_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`key` text PRIMARY KEY NOT NULL,
	`window_start` text NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`user_id` text NOT NULL,
	`org_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	PRIMARY KEY(`user_id`, `org_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_org_idx` ON `memberships` (`org_id`);--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text,
	`kind` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`name` text NOT NULL,
	`name_en` text,
	`uscc` text NOT NULL,
	`district` text NOT NULL,
	`size` text,
	`local_tax_resident` integer DEFAULT true NOT NULL,
	`domains` text DEFAULT '[]' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`capability` text DEFAULT '' NOT NULL,
	`employees` integer,
	`founded_year` integer,
	`website` text,
	`contact_name` text,
	`contact_phone` text,
	`contact_email` text,
	`approved_at` text,
	`approved_by` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_uscc_uq` ON `organizations` (`uscc`);--> statement-breakpoint
CREATE UNIQUE INDEX `organizations_external_id_uq` ON `organizations` (`external_id`);--> statement-breakpoint
CREATE INDEX `organizations_kind_status_idx` ON `organizations` (`kind`,`status`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`org_id` text,
	`csrf_token` text NOT NULL,
	`user_agent` text,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_uq` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`platform_role` text DEFAULT 'none' NOT NULL,
	`disabled_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_uq` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text,
	`firm_id` text NOT NULL,
	`name` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`domains` text DEFAULT '[]' NOT NULL,
	`areas` text DEFAULT '[]' NOT NULL,
	`recommended_catalog` integer DEFAULT false NOT NULL,
	`first_edition` integer DEFAULT false NOT NULL,
	`xinchuang` integer DEFAULT false NOT NULL,
	`price_from_fen` integer,
	`deployments` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'listed' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`firm_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `products_firm_idx` ON `products` (`firm_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_external_id_uq` ON `products` (`external_id`);--> statement-breakpoint
CREATE TABLE `questions` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`asker_org_id` text NOT NULL,
	`asker_user_id` text,
	`question` text NOT NULL,
	`answer` text,
	`answered_by` text,
	`answered_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`asker_org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`asker_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`answered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `questions_scenario_idx` ON `questions` (`scenario_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `scenario_attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`name` text NOT NULL,
	`media_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`sha256` text,
	`url` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scenario_attachments_scenario_idx` ON `scenario_attachments` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `scenario_requirements` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`kind` text NOT NULL,
	`code` text,
	`level` integer,
	`value` text,
	`mandatory` integer DEFAULT true NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`ordinal` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scenario_requirements_scenario_idx` ON `scenario_requirements` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `scenario_reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text NOT NULL,
	`action` text NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`actor_id` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scenario_reviews_scenario_idx` ON `scenario_reviews` (`scenario_id`);--> statement-breakpoint
CREATE TABLE `scenario_stats` (
	`scenario_id` text PRIMARY KEY NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`questions` integer DEFAULT 0 NOT NULL,
	`popularity` real DEFAULT 0 NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `scenarios`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `scenarios` (
	`id` text PRIMARY KEY NOT NULL,
	`external_id` text,
	`kind` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`call_id` text,
	`issuer_id` text NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`problem` text DEFAULT '' NOT NULL,
	`goals` text DEFAULT '' NOT NULL,
	`kpis` text DEFAULT '[]' NOT NULL,
	`domain` text NOT NULL,
	`area` text NOT NULL,
	`district` text NOT NULL,
	`procurement_type` text DEFAULT 'services' NOT NULL,
	`budget_fen` integer,
	`reward_fen` integer,
	`subsidy_fen` integer,
	`deadline` text,
	`delivery_months` integer,
	`winners_max` integer DEFAULT 1 NOT NULL,
	`consortium_allowed` integer DEFAULT false NOT NULL,
	`consortium_max_partners` integer DEFAULT 4 NOT NULL,
	`rules` text DEFAULT '{}' NOT NULL,
	`contact_name` text,
	`contact_phone` text,
	`contact_email` text,
	`created_by` text,
	`submitted_at` text,
	`published_at` text,
	`closed_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	FOREIGN KEY (`call_id`) REFERENCES `calls`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`issuer_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scenarios_external_id_uq` ON `scenarios` (`external_id`);--> statement-breakpoint
CREATE INDEX `scenarios_published_idx` ON `scenarios` (`published_at`,`id`);--> statement-breakpoint
CREATE INDEX `scenarios_status_idx` ON `scenarios` (`status`);--> statement-breakpoint
CREATE INDEX `scenarios_issuer_idx` ON `scenarios` (`issuer_id`,`status`);--> statement-breakpoint
CREATE INDEX `scenarios_call_idx` ON `scenarios` (`call_id`,`status`);--> statement-breakpoint
CREATE INDEX `scenarios_domain_idx` ON `scenarios` (`domain`,`status`);--> statement-breakpoint
CREATE INDEX `scenarios_district_idx` ON `scenarios` (`district`,`status`);