import { customType, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, id, updatedAt } from './columns.ts';
import { organizations, users } from './organizations.ts';
import { products } from './products.ts';
import { scenarios } from './scenarios.ts';

/** Dimensions of every stored embedding (core's MATCH_VECTOR_DIMENSIONS; models are fitted to it). */
export const MATCH_VECTOR_DIMENSIONS = 256;

/** libSQL's native vector column: little-endian float32 bytes. */
const f32Blob = customType<{ data: Uint8Array; driverData: Uint8Array | ArrayBuffer }>({
  dataType: () => `F32_BLOB(${MATCH_VECTOR_DIMENSIONS})`,
  fromDriver: (v) => (v instanceof Uint8Array ? v : new Uint8Array(v)),
});

/**
 * What the matcher indexes for the supply side: one row per firm and per listed product. `seq` is an
 * INTEGER PRIMARY KEY on purpose: the FTS5 index and the vector index (migrations/0006) key on it, and
 * unlike a plain rowid it survives VACUUM.
 */
export const supplyDocs = sqliteTable(
  'supply_docs',
  {
    seq: integer('seq').primaryKey(),
    kind: text('kind', { enum: ['firm', 'product'] }).notNull(),
    refId: text('ref_id').notNull(),
    firmId: text('firm_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    tokens: text('tokens').notNull(),
    query: text('query').notNull(),
    /** Concept ids (space-separated) core found in the text: shared concepts become reasons. */
    concepts: text('concepts').notNull().default(''),
    embedding: f32Blob('embedding'),
    model: text('model'),
    /** sha256 of the indexed text: unchanged text is not embedded again. */
    sourceHash: text('source_hash').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('supply_docs_ref_uq').on(t.kind, t.refId),
    index('supply_docs_firm_idx').on(t.firmId, t.kind),
  ],
);

/** The demand side: one row per scenario or challenge (drafts included: agencies match while drafting). */
export const demandDocs = sqliteTable('demand_docs', {
  seq: integer('seq').primaryKey(),
  scenarioId: text('scenario_id')
    .notNull()
    .unique('demand_docs_scenario_uq')
    .references(() => scenarios.id, { onDelete: 'cascade' }),
  tokens: text('tokens').notNull(),
  query: text('query').notNull(),
  concepts: text('concepts').notNull().default(''),
  embedding: f32Blob('embedding'),
  model: text('model'),
  sourceHash: text('source_hash').notNull(),
  updatedAt: updatedAt(),
});

/**
 * Entities whose match document must be rebuilt. SQL triggers (migrations/0006) fill it from every
 * write path; the app drains it after each write request, the cron and the CLI drain the rest.
 */
export const matchQueue = sqliteTable(
  'match_queue',
  {
    kind: text('kind', { enum: ['firm', 'product', 'scenario'] }).notNull(),
    refId: text('ref_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('match_queue_uq').on(t.kind, t.refId)],
);

/** 有用 / 没用 marks on a recommendation, by the agency (on a match) or the firm (on a recommendation). */
export const matchFeedback = sqliteTable(
  'match_feedback',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    firmId: text('firm_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    productId: text('product_id').references(() => products.id, { onDelete: 'set null' }),
    side: text('side', { enum: ['agency', 'firm'] }).notNull(),
    /** The organization that marked it (the scenario's issuer, or the firm). */
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id),
    useful: bool('useful').notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('match_feedback_pair_uq').on(t.scenarioId, t.firmId, t.side),
    index('match_feedback_firm_idx').on(t.firmId, t.useful),
  ],
);
