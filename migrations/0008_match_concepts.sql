ALTER TABLE `demand_docs` ADD `concepts` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `supply_docs` ADD `concepts` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Documents written before this column existed are rebuilt (their text hash is forgotten).
UPDATE supply_docs SET source_hash = '';
--> statement-breakpoint
UPDATE demand_docs SET source_hash = '';
--> statement-breakpoint
INSERT OR REPLACE INTO match_queue (kind, ref_id) SELECT kind, ref_id FROM supply_docs;
--> statement-breakpoint
INSERT OR REPLACE INTO match_queue (kind, ref_id) SELECT 'scenario', scenario_id FROM demand_docs;
