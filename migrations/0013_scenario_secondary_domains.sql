ALTER TABLE `scenarios` ADD `secondary_domains` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `scenarios_secondary_domains_idx` ON `scenarios` (`status`,`published_at`) WHERE secondary_domains <> '[]';--> statement-breakpoint
-- A scenario's further domains are part of its match document (zd_ tokens): a change re-queues it.
DROP TRIGGER IF EXISTS match_q_scenario_au;--> statement-breakpoint
CREATE TRIGGER match_q_scenario_au AFTER UPDATE OF title, summary, problem, goals, kpis, domain, secondary_domains, area ON scenarios BEGIN
  INSERT OR REPLACE INTO match_queue (kind, ref_id) VALUES ('scenario', NEW.id);
END;
