-- Document frequencies of the match index's terms (FTS5's own vocabulary, no copy): the match query
-- keeps the rarest terms of the query document, so FTS5 ranks a few thousand postings, not most of the
-- index (measured: 46 ms → ~5 ms per query at 30,000 documents). See packages/db/src/queries/matching.ts.
CREATE VIRTUAL TABLE supply_vocab USING fts5vocab('supply_fts', 'row');
--> statement-breakpoint
CREATE VIRTUAL TABLE demand_vocab USING fts5vocab('demand_fts', 'row');
