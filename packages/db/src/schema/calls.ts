import { CALL_STATES, type EvaluationRules } from '@scx/core';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, json, timestamp, updatedAt, version } from './columns.ts';
import { organizations } from './organizations.ts';

/** Per-call figures (DESIGN.md rules); each has a default in core and can be overridden here. */
export interface CallRules extends EvaluationRules {
  leadLimit?: number;
}

/** 征集批次: an annual batch of scenarios with a target (e.g. 200 a year). */
export const calls = sqliteTable(
  'calls',
  {
    id: id(),
    organizerId: text('organizer_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    description: text('description').notNull().default(''),
    status: text('status', { enum: CALL_STATES }).notNull().default('draft'),
    opensAt: timestamp('opens_at').notNull(),
    closesAt: timestamp('closes_at').notNull(),
    targetCount: integer('target_count').notNull().default(0),
    domains: json<string[]>('domains').notNull().default([]),
    targets: json<Record<string, number>>('targets').notNull().default({}),
    rules: json<CallRules>('rules').notNull().default({}),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('calls_status_idx').on(t.status, t.year)],
);
