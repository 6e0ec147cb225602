import { type EvaluationRules, SCENARIO_STATES } from '@scx/core';
import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { calls } from './calls.ts';
import { bool, createdAt, fen, id, json, timestamp, updatedAt, version } from './columns.ts';
import { organizations, users } from './organizations.ts';

/** Sort sentinels for NULL deadlines (never) and budgets (面议), shared by the indexes and the queries. */
export const NULL_DEADLINE = '9999-12-31T23:59:59.999Z';
export const NULL_BUDGET = -1;

export interface Kpi {
  name: string;
  target: string;
  unit?: string;
}

/** Figures that a scenario or challenge may set for itself (defaults in core). */
export interface ScenarioRules extends EvaluationRules {
  priceWeight?: number;
  passThreshold?: number;
}

/** 应用场景 and 揭榜挂帅 challenges share one table; `kind` tells them apart. */
export const scenarios = sqliteTable(
  'scenarios',
  {
    id: id(),
    externalId: text('external_id'),
    kind: text('kind', { enum: ['scenario', 'challenge'] }).notNull(),
    status: text('status', { enum: SCENARIO_STATES }).notNull().default('draft'),
    callId: text('call_id').references(() => calls.id),
    issuerId: text('issuer_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    problem: text('problem').notNull().default(''),
    goals: text('goals').notNull().default(''),
    kpis: json<Kpi[]>('kpis').notNull().default([]),
    /** The primary software domain: the hall's filter and indexes use it. */
    domain: text('domain').notNull(),
    /** Further software domains (codes, at most 3, never the primary); `domainsOf` in core lists all. */
    secondaryDomains: json<string[]>('secondary_domains').notNull().default([]),
    area: text('area').notNull(),
    district: text('district').notNull(),
    /** goods (货物) or services (服务): decides the price-weight floor. */
    procurementType: text('procurement_type', { enum: ['goods', 'services'] })
      .notNull()
      .default('services'),
    budgetFen: fen('budget_fen'),
    rewardFen: fen('reward_fen'),
    subsidyFen: fen('subsidy_fen'),
    /** Bids are sealed until this instant (server clock). */
    deadline: timestamp('deadline'),
    deliveryMonths: integer('delivery_months'),
    winnersMax: integer('winners_max').notNull().default(1),
    consortiumAllowed: bool('consortium_allowed').notNull().default(false),
    consortiumMaxPartners: integer('consortium_max_partners').notNull().default(4),
    rules: json<ScenarioRules>('rules').notNull().default({}),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    createdBy: text('created_by').references(() => users.id),
    submittedAt: timestamp('submitted_at'),
    publishedAt: timestamp('published_at'),
    closedAt: timestamp('closed_at'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('scenarios_external_id_uq').on(t.externalId),
    // The public hall is "published_at IS NOT NULL" (set once on publish, never cleared), so a page
    // is an index range scan, never a sort of the table. The deadline and budget sort keys are
    // expression indexes in migrations/0001_hall_sort_indexes.sql (drizzle-kit mangles those).
    index('scenarios_published_idx').on(t.publishedAt, t.id),
    index('scenarios_status_idx').on(t.status),
    index('scenarios_issuer_idx').on(t.issuerId, t.status),
    index('scenarios_call_idx').on(t.callId, t.status),
    index('scenarios_domain_idx').on(t.domain, t.status),
    // Only scenarios with further domains: recommendations find them by those without a table scan.
    index('scenarios_secondary_domains_idx')
      .on(t.status, t.publishedAt)
      .where(sql`secondary_domains <> '[]'`),
    index('scenarios_district_idx').on(t.district, t.status),
  ],
);

/** Requirements and eligibility rules; `mandatory` ones are hard rules in matching. */
export const scenarioRequirements = sqliteTable(
  'scenario_requirements',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: ['certification', 'size', 'district', 'local_tax', 'experience', 'technical', 'other'],
    }).notNull(),
    code: text('code'),
    level: integer('level'),
    value: text('value'),
    mandatory: bool('mandatory').notNull().default(true),
    description: text('description').notNull().default(''),
    ordinal: integer('ordinal').notNull().default(0),
  },
  (t) => [index('scenario_requirements_scenario_idx').on(t.scenarioId)],
);

/** Attachments as metadata only; files live in object storage. */
export const scenarioAttachments = sqliteTable(
  'scenario_attachments',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256'),
    url: text('url'),
    createdAt: createdAt(),
  },
  (t) => [index('scenario_attachments_scenario_idx').on(t.scenarioId)],
);

/** Review trail: returns with comments, approvals. */
export const scenarioReviews = sqliteTable(
  'scenario_reviews',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    comment: text('comment').notNull().default(''),
    actorId: text('actor_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('scenario_reviews_scenario_idx').on(t.scenarioId)],
);

/** 答疑: firms ask, the agency answers publicly. */
export const questions = sqliteTable(
  'questions',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    askerOrgId: text('asker_org_id')
      .notNull()
      .references(() => organizations.id),
    askerUserId: text('asker_user_id').references(() => users.id),
    question: text('question').notNull(),
    answer: text('answer'),
    answeredBy: text('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('questions_scenario_idx').on(t.scenarioId, t.createdAt)],
);

/** Public counters per scenario, kept apart so hall reads never contend with bid writes. */
export const scenarioStats = sqliteTable('scenario_stats', {
  scenarioId: text('scenario_id')
    .primaryKey()
    .references(() => scenarios.id, { onDelete: 'cascade' }),
  views: integer('views').notNull().default(0),
  questions: integer('questions').notNull().default(0),
  popularity: real('popularity').notNull().default(0),
});
