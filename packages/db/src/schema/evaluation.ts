import { NOTICE_STATES } from '@scx/core';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bids } from './bids.ts';
import { bool, createdAt, fen, id, json, timestamp, updatedAt } from './columns.ts';
import { organizations, users } from './organizations.ts';
import { scenarios } from './scenarios.ts';

/** 专家库: experts with their domains and employer (for recusal). */
export const experts = sqliteTable(
  'experts',
  {
    id: id(),
    userId: text('user_id').references(() => users.id),
    name: text('name').notNull(),
    employerOrgId: text('employer_org_id').references(() => organizations.id),
    employerName: text('employer_name').notNull().default(''),
    title: text('title').notNull().default(''),
    domains: json<string[]>('domains').notNull().default([]),
    active: bool('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index('experts_active_idx').on(t.active)],
);

/** Declared conflicts of interest (回避申报). */
export const expertConflicts = sqliteTable(
  'expert_conflicts',
  {
    id: id(),
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('expert_conflicts_uq').on(t.expertId, t.orgId)],
);

export const panels = sqliteTable(
  'panels',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id),
    size: integer('size').notNull(),
    /** The random draw's seed, recorded so the draw can be reproduced. */
    seed: text('seed').notNull(),
    status: text('status', { enum: ['forming', 'formed', 'scoring', 'signed'] })
      .notNull()
      .default('forming'),
    formedAt: timestamp('formed_at'),
    createdAt: createdAt(),
  },
  (t) => [index('panels_scenario_idx').on(t.scenarioId)],
);

export const panelMembers = sqliteTable(
  'panel_members',
  {
    id: id(),
    panelId: text('panel_id')
      .notNull()
      .references(() => panels.id, { onDelete: 'cascade' }),
    expertId: text('expert_id')
      .notNull()
      .references(() => experts.id),
    /** Public alias 专家1…n. */
    seat: integer('seat').notNull(),
    status: text('status', { enum: ['active', 'recused', 'replaced'] })
      .notNull()
      .default('active'),
    recusalReason: text('recusal_reason'),
    signedAt: timestamp('signed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('panel_members_uq').on(t.panelId, t.expertId),
    index('panel_members_expert_idx').on(t.expertId),
  ],
);

/** Weighted criteria of a scenario (综合评分法), summing to 100. */
export const criteria = sqliteTable(
  'criteria',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['price', 'technical', 'commercial', 'challenge'] }).notNull(),
    weight: real('weight').notNull(),
    guidance: text('guidance').notNull().default(''),
    ordinal: integer('ordinal').notNull().default(0),
  },
  (t) => [uniqueIndex('criteria_scenario_code_uq').on(t.scenarioId, t.code)],
);

/** One expert's points for one bid on one criterion. */
export const scores = sqliteTable(
  'scores',
  {
    id: id(),
    panelMemberId: text('panel_member_id')
      .notNull()
      .references(() => panelMembers.id),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    criterionId: text('criterion_id')
      .notNull()
      .references(() => criteria.id),
    points: real('points').notNull(),
    comment: text('comment').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('scores_uq').on(t.panelMemberId, t.bidId, t.criterionId),
    index('scores_bid_idx').on(t.bidId),
  ],
);

/** 公示: the result notice with its objection window. */
export const notices = sqliteTable(
  'notices',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id),
    status: text('status', { enum: NOTICE_STATES }).notNull().default('published'),
    publishedAt: timestamp('published_at').notNull(),
    objectionsUntil: timestamp('objections_until'),
    finalizedAt: timestamp('finalized_at'),
    /** The ranking and scores as published (experts as 专家1…n). */
    payload: json<unknown>('payload').notNull(),
    inputsDigest: text('inputs_digest').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('notices_scenario_idx').on(t.scenarioId)],
);

export const objections = sqliteTable(
  'objections',
  {
    id: id(),
    noticeId: text('notice_id')
      .notNull()
      .references(() => notices.id),
    bidId: text('bid_id').references(() => bids.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    text: text('text').notNull(),
    status: text('status', { enum: ['filed', 'upheld', 'rejected'] })
      .notNull()
      .default('filed'),
    answer: text('answer'),
    answeredBy: text('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at'),
    createdAt: createdAt(),
  },
  (t) => [index('objections_notice_idx').on(t.noticeId)],
);

export const awards = sqliteTable(
  'awards',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id),
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id),
    rank: integer('rank').notNull(),
    amountFen: fen('amount_fen').notNull(),
    subsidyFen: fen('subsidy_fen'),
    /** The project's total investment (the base of a rate-based subsidy); null when not declared. */
    investmentFen: fen('investment_fen'),
    status: text('status', { enum: ['awarded', 'in_delivery', 'accepted', 'rejected', 'terminated'] })
      .notNull()
      .default('awarded'),
    awardedAt: timestamp('awarded_at').notNull(),
    acceptedAt: timestamp('accepted_at'),
    acceptanceNote: text('acceptance_note'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('awards_bid_uq').on(t.bidId), index('awards_scenario_idx').on(t.scenarioId)],
);

export const milestones = sqliteTable(
  'milestones',
  {
    id: id(),
    awardId: text('award_id')
      .notNull()
      .references(() => awards.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    dueAt: timestamp('due_at').notNull(),
    status: text('status', { enum: ['planned', 'done', 'late', 'waived'] })
      .notNull()
      .default('planned'),
    doneAt: timestamp('done_at'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('milestones_award_idx').on(t.awardId)],
);

/** KPI reports against the challenge's KPIs during delivery. */
export const kpiReports = sqliteTable(
  'kpi_reports',
  {
    id: id(),
    awardId: text('award_id')
      .notNull()
      .references(() => awards.id, { onDelete: 'cascade' }),
    kpi: text('kpi').notNull(),
    value: text('value').notNull(),
    met: bool('met'),
    note: text('note').notNull().default(''),
    reportedAt: timestamp('reported_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('kpi_reports_award_idx').on(t.awardId)],
);
