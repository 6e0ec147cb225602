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

export interface ScenarioSummary {
  id: string;
  kind: 'scenario' | 'challenge';
  status: string;
  title: string;
  summary: string;
  issuer: { id: string; name: string };
  domain: string;
  area: string;
  district: string;
  budgetFen: number | null;
  rewardFen: number | null;
  deadline: string | null;
  publishedAt: string | null;
}

export interface ScenarioPage {
  items: ScenarioSummary[];
  nextCursor: string | null;
}
