-- Document frequencies of the match index's terms, kept by triggers (replaces the fts5vocab tables of
-- 0009): fts5vocab counts a term's documents by reading its whole posting list, ~0.2–1.7 ms per common
-- term and ~2.5 ms for the 20 terms a match query looks up at 30,000 documents; here it is a key lookup.
-- Tokens are space-separated words of [a-z0-9_] or Han characters (core's document builder), the same
-- terms FTS5's unicode61 tokenizer makes of them, so `docs` equals fts5vocab's `doc` (checked by a test).
-- A term whose count falls to 0 stays with docs = 0; the query skips those.
CREATE TABLE supply_terms (term TEXT PRIMARY KEY NOT NULL, docs INTEGER NOT NULL) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO supply_terms (term, docs) SELECT term, doc FROM supply_vocab;
--> statement-breakpoint
CREATE TRIGGER supply_docs_terms_ai AFTER INSERT ON supply_docs BEGIN
  INSERT INTO supply_terms (term, docs) SELECT DISTINCT value, 1 FROM json_each('["' || replace(NEW.tokens, ' ', '","') || '"]') WHERE value <> ''
    ON CONFLICT (term) DO UPDATE SET docs = docs + 1;
END;
--> statement-breakpoint
CREATE TRIGGER supply_docs_terms_ad AFTER DELETE ON supply_docs BEGIN
  UPDATE supply_terms SET docs = docs - 1 WHERE term IN (SELECT value FROM json_each('["' || replace(OLD.tokens, ' ', '","') || '"]'));
END;
--> statement-breakpoint
CREATE TRIGGER supply_docs_terms_au AFTER UPDATE OF tokens ON supply_docs WHEN OLD.tokens IS NOT NEW.tokens BEGIN
  UPDATE supply_terms SET docs = docs - 1 WHERE term IN (SELECT value FROM json_each('["' || replace(OLD.tokens, ' ', '","') || '"]'));
  INSERT INTO supply_terms (term, docs) SELECT DISTINCT value, 1 FROM json_each('["' || replace(NEW.tokens, ' ', '","') || '"]') WHERE value <> ''
    ON CONFLICT (term) DO UPDATE SET docs = docs + 1;
END;
--> statement-breakpoint
DROP TABLE supply_vocab;
--> statement-breakpoint
CREATE TABLE demand_terms (term TEXT PRIMARY KEY NOT NULL, docs INTEGER NOT NULL) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO demand_terms (term, docs) SELECT term, doc FROM demand_vocab;
--> statement-breakpoint
CREATE TRIGGER demand_docs_terms_ai AFTER INSERT ON demand_docs BEGIN
  INSERT INTO demand_terms (term, docs) SELECT DISTINCT value, 1 FROM json_each('["' || replace(NEW.tokens, ' ', '","') || '"]') WHERE value <> ''
    ON CONFLICT (term) DO UPDATE SET docs = docs + 1;
END;
--> statement-breakpoint
CREATE TRIGGER demand_docs_terms_ad AFTER DELETE ON demand_docs BEGIN
  UPDATE demand_terms SET docs = docs - 1 WHERE term IN (SELECT value FROM json_each('["' || replace(OLD.tokens, ' ', '","') || '"]'));
END;
--> statement-breakpoint
CREATE TRIGGER demand_docs_terms_au AFTER UPDATE OF tokens ON demand_docs WHEN OLD.tokens IS NOT NEW.tokens BEGIN
  UPDATE demand_terms SET docs = docs - 1 WHERE term IN (SELECT value FROM json_each('["' || replace(OLD.tokens, ' ', '","') || '"]'));
  INSERT INTO demand_terms (term, docs) SELECT DISTINCT value, 1 FROM json_each('["' || replace(NEW.tokens, ' ', '","') || '"]') WHERE value <> ''
    ON CONFLICT (term) DO UPDATE SET docs = docs + 1;
END;
--> statement-breakpoint
DROP TABLE demand_vocab;
