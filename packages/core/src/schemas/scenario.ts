import * as v from 'valibot';
import { PUBLIC_SCENARIO_STATUSES } from '../lifecycle.ts';
import { APPLICATION_AREAS, codesOf, DISTRICTS, SCENARIO_KINDS, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import { picklistOf, queryDate, queryInt } from './common.ts';

export const SCENARIO_SORTS = [
  '-published',
  'published',
  'deadline',
  '-deadline',
  'budget',
  '-budget',
] as const;
export type ScenarioSort = (typeof SCENARIO_SORTS)[number];

/** GET /api/v1/scenarios — the public hall. Money filters in fen. */
export const ScenarioListQuery = v.object({
  kind: v.optional(picklistOf(codesOf(SCENARIO_KINDS), 'scenario kinds')),
  domain: v.optional(picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains')),
  area: v.optional(picklistOf(codesOf(APPLICATION_AREAS), 'application areas')),
  district: v.optional(picklistOf(codesOf(DISTRICTS), 'districts')),
  status: v.optional(picklistOf(PUBLIC_SCENARIO_STATUSES, 'public statuses')),
  budgetMin: v.optional(queryInt(0, Number.MAX_SAFE_INTEGER)),
  budgetMax: v.optional(queryInt(0, Number.MAX_SAFE_INTEGER)),
  deadlineFrom: v.optional(queryDate),
  deadlineTo: v.optional(queryDate),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'must have at most 100 characters'))),
  sort: v.optional(picklistOf(SCENARIO_SORTS, 'sort orders'), '-published'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(queryInt(1, 100), '20'),
});
export type ScenarioListQuery = v.InferOutput<typeof ScenarioListQuery>;

const nullableString = v.nullable(v.string());
const nullableInt = v.nullable(v.pipe(v.number(), v.integer()));

/** One row of the public hall. Money in fen, times as UTC ISO-8601. */
export const ScenarioSummary = v.object({
  id: v.string(),
  kind: v.picklist(codesOf(SCENARIO_KINDS)),
  status: v.string(),
  title: v.string(),
  summary: v.string(),
  issuer: v.object({ id: v.string(), name: v.string() }),
  domain: v.string(),
  area: v.string(),
  district: v.string(),
  budgetFen: nullableInt,
  rewardFen: nullableInt,
  deadline: nullableString,
  publishedAt: nullableString,
});
export type ScenarioSummary = v.InferOutput<typeof ScenarioSummary>;

export const ScenarioPage = v.object({
  items: v.array(ScenarioSummary),
  nextCursor: nullableString,
});
export type ScenarioPage = v.InferOutput<typeof ScenarioPage>;

export const ScenarioRequirement = v.object({
  kind: v.string(),
  code: nullableString,
  level: nullableInt,
  value: nullableString,
  mandatory: v.boolean(),
  description: v.string(),
});

export const ScenarioDetail = v.object({
  ...ScenarioSummary.entries,
  problem: v.string(),
  goals: v.string(),
  kpis: v.array(v.object({ name: v.string(), target: v.string(), unit: v.optional(v.string()) })),
  procurementType: v.picklist(['goods', 'services']),
  subsidyFen: nullableInt,
  winnersMax: v.number(),
  consortiumAllowed: v.boolean(),
  consortiumMaxPartners: v.number(),
  deliveryMonths: nullableInt,
  contactName: nullableString,
  requirements: v.array(ScenarioRequirement),
  version: v.number(),
});
export type ScenarioDetail = v.InferOutput<typeof ScenarioDetail>;
