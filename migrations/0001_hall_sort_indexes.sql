-- Sort keys of the public hall, exactly as packages/db/src/queries/scenarios.ts orders by them
-- (NULL deadline = never, NULL budget = 面议 sort as fixed sentinels), so keyset pages use the index.
CREATE INDEX `scenarios_deadline_key_idx` ON `scenarios` (coalesce(`deadline`, '9999-12-31T23:59:59.999Z'), `id`);--> statement-breakpoint
CREATE INDEX `scenarios_budget_key_idx` ON `scenarios` (coalesce(`budget_fen`, -1), `id`);
