import { BID_STATES } from '@scx/core';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, fen, id, json, timestamp, updatedAt, version } from './columns.ts';
import { organizations, users } from './organizations.ts';
import { scenarios } from './scenarios.ts';

export interface BidContent {
  approach?: string;
  team?: string;
  schedule?: string;
  kpiCommitments?: { kpi: string; commitment: string }[];
  attachments?: { name: string; sha256?: string }[];
}

/** A sealed bid (揭榜申报 / 投标). Readable by its own firms only until the deadline. */
export const bids = sqliteTable(
  'bids',
  {
    id: id(),
    scenarioId: text('scenario_id')
      .notNull()
      .references(() => scenarios.id),
    leadFirmId: text('lead_firm_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status', { enum: BID_STATES }).notNull().default('draft'),
    priceFen: fen('price_fen'),
    content: json<BidContent>('content').notNull().default({}),
    /** Share of the consortium's work held by small/micro partners, in basis points. */
    smallPartnerShareBp: integer('small_partner_share_bp'),
    domesticProduct: integer('domestic_product', { mode: 'boolean' }).notNull().default(false),
    submittedAt: timestamp('submitted_at'),
    amendedAt: timestamp('amended_at'),
    withdrawnAt: timestamp('withdrawn_at'),
    openedAt: timestamp('opened_at'),
    qualificationReason: text('qualification_reason'),
    lowPriceFlag: integer('low_price_flag', { mode: 'boolean' }).notNull().default(false),
    lowPriceExplanation: text('low_price_explanation'),
    lowPriceAcceptedAt: timestamp('low_price_accepted_at'),
    createdBy: text('created_by').references(() => users.id),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('bids_scenario_idx').on(t.scenarioId, t.status),
    index('bids_lead_idx').on(t.leadFirmId, t.status),
    uniqueIndex('bids_scenario_lead_uq').on(t.scenarioId, t.leadFirmId),
  ],
);

/** 联合体: the lead plus at most four partners, each confirming its part. */
export const bidMembers = sqliteTable(
  'bid_members',
  {
    bidId: text('bid_id')
      .notNull()
      .references(() => bids.id, { onDelete: 'cascade' }),
    firmId: text('firm_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role', { enum: ['lead', 'partner'] }).notNull(),
    shareBp: integer('share_bp').notNull().default(0),
    responsibility: text('responsibility').notNull().default(''),
    confirmedAt: timestamp('confirmed_at'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.bidId, t.firmId] }), index('bid_members_firm_idx').on(t.firmId)],
);
