import * as v from 'valibot';
import { CALL_STATES } from '../lifecycle.ts';
import { codesOf, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import { isoDateTime, nonEmpty, picklistOf, queryInt } from './common.ts';
import { EvaluationRules } from './evaluation.ts';

/** An ISO-8601 instant with any offset, stored as UTC `…Z` so stored times compare as strings. */
const instant = v.pipe(
  isoDateTime,
  v.transform((s) => new Date(s).toISOString()),
);

const DOMAIN_CODES = codesOf(SOFTWARE_DOMAINS);

const callFields = {
  title: nonEmpty(120),
  year: v.pipe(
    v.number('must be a number'),
    v.integer('must be a year such as 2026'),
    v.minValue(2000, 'must be 2000 or later'),
    v.maxValue(2100, 'must be 2100 or earlier'),
  ),
  description: v.pipe(v.string('must be a string'), v.maxLength(10000, 'must have at most 10000 characters')),
  opensAt: instant,
  closesAt: instant,
  /** How many scenarios the call aims to publish (Wuhan: 200 a year). */
  targetCount: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(100_000, 'must be at most 100000'),
  ),
  domains: v.pipe(
    v.array(picklistOf(DOMAIN_CODES, 'software domains'), 'must be a list of software domains'),
    v.maxLength(DOMAIN_CODES.length, `must list at most ${DOMAIN_CODES.length} domains`),
    v.check((xs) => new Set(xs).size === xs.length, 'must not list the same domain twice'),
  ),
  /** Per-domain targets, e.g. {"industry-it": 80}; they add up to at most targetCount. */
  targets: v.record(
    picklistOf(DOMAIN_CODES, 'software domains'),
    v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number'),
      v.minValue(0, 'must not be negative'),
      v.maxValue(100_000, 'must be at most 100000'),
    ),
    'must be an object of domain code → target count',
  ),
  /** Figures for every scenario of the call (a scenario's own rules win): the lead limit and evaluation rules. */
  rules: v.object({
    ...EvaluationRules.entries,
    /** How many applications a firm may lead in this call (default 3). */
    leadLimit: v.optional(
      v.pipe(
        v.number('must be a number'),
        v.integer('must be a whole number'),
        v.minValue(1, 'must be at least 1'),
        v.maxValue(50, 'must be at most 50'),
      ),
    ),
  }),
};

export interface CallShape {
  opensAt: string;
  closesAt: string;
  targetCount: number;
  domains: string[];
  targets: Record<string, number>;
}

/** closesAt comes after opensAt (both UTC `…Z`, so they compare as strings). */
export const closesAfterOpens = (c: Pick<CallShape, 'opensAt' | 'closesAt'>) => c.closesAt > c.opensAt;

/** Targets add up to at most targetCount. */
export const targetsSum = (targets: Record<string, number>) =>
  Object.values(targets).reduce((a, b) => a + b, 0);

/** Target domains the call does not list (when it lists any). */
export const unlistedTargetDomains = (c: Pick<CallShape, 'domains' | 'targets'>) =>
  c.domains.length ? Object.keys(c.targets).filter((d) => !c.domains.includes(d)) : [];

/**
 * The rules across fields of a whole call, as named problems (paths without the `body.` prefix):
 * the create schema checks them, and an edit checks them on the merged row.
 */
export function callProblems(c: CallShape): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!closesAfterOpens(c)) out.push({ path: 'closesAt', message: 'must be after opensAt' });
  const unlisted = unlistedTargetDomains(c);
  if (unlisted.length) {
    out.push({ path: 'targets', message: `has domains the call does not list: ${unlisted.join(', ')}` });
  }
  const sum = targetsSum(c.targets);
  if (sum > c.targetCount) {
    out.push({ path: 'targets', message: `add up to ${sum}, more than targetCount ${c.targetCount}` });
  }
  return out;
}

/** POST /api/v1/calls — a draft call (征集批次). Times in UTC ISO-8601. */
export const CallBody = v.pipe(
  v.object({
    title: callFields.title,
    year: callFields.year,
    description: v.optional(callFields.description, ''),
    opensAt: callFields.opensAt,
    closesAt: callFields.closesAt,
    targetCount: callFields.targetCount,
    domains: v.optional(callFields.domains, []),
    targets: v.optional(callFields.targets, {}),
    rules: v.optional(callFields.rules, {}),
  }),
  v.forward(v.partialCheck([['opensAt'], ['closesAt']], closesAfterOpens, 'must be after opensAt'), [
    'closesAt',
  ]),
  v.forward(
    v.partialCheck(
      [['domains'], ['targets']],
      (c) => unlistedTargetDomains(c).length === 0,
      (issue) => `has domains the call does not list: ${unlistedTargetDomains(issue.input).join(', ')}`,
    ),
    ['targets'],
  ),
  v.forward(
    v.partialCheck(
      [['targetCount'], ['targets']],
      (c) => targetsSum(c.targets) <= c.targetCount,
      (issue) =>
        `add up to ${targetsSum(issue.input.targets)}, more than targetCount ${issue.input.targetCount}`,
    ),
    ['targets'],
  ),
);
export type CallBody = v.InferOutput<typeof CallBody>;

/** PATCH /api/v1/calls/{id} — any subset while the call is a draft; rules are checked on the merged call. */
export const CallPatchBody = v.pipe(
  v.partial(v.object(callFields)),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type CallPatchBody = v.InferOutput<typeof CallPatchBody>;

export const CALL_ACTIONS = ['open', 'close', 'publish', 'reopen'] as const;
export type CallAction = (typeof CALL_ACTIONS)[number];

export const CallTransitionBody = v.object({
  action: picklistOf(CALL_ACTIONS, 'call actions'),
  comment: v.optional(v.pipe(v.string(), v.maxLength(2000, 'must have at most 2000 characters')), ''),
});
export type CallTransitionBody = v.InferOutput<typeof CallTransitionBody>;

/** GET /api/v1/calls — calls newest first; drafts only for organizers. */
export const CallListQuery = v.object({
  status: v.optional(picklistOf(CALL_STATES, 'call statuses')),
  year: v.optional(queryInt(2000, 2100)),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200, 'must have at most 200 characters'))),
  limit: v.optional(queryInt(1, 100), '20'),
});
export type CallListQuery = v.InferOutput<typeof CallListQuery>;

const nullableNumber = v.nullable(v.number());

export const CallView = v.object({
  id: v.string(),
  title: v.string(),
  year: v.number(),
  description: v.string(),
  status: v.picklist(CALL_STATES),
  opensAt: v.string(),
  closesAt: v.string(),
  targetCount: v.number(),
  domains: v.array(v.string()),
  targets: v.record(v.string(), v.number()),
  rules: callFields.rules,
  organizerId: v.string(),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type CallView = v.InferOutput<typeof CallView>;

export const CallPage = v.object({ items: v.array(CallView), nextCursor: v.nullable(v.string()) });
export type CallPage = v.InferOutput<typeof CallPage>;

/** Scenario counts of one slice of a call, by status group. */
export const ProgressCounts = v.object({
  /** Every scenario attached to the call, in any status. */
  total: v.number(),
  /** Drafts not yet submitted. */
  draft: v.number(),
  /** Submitted or returned for changes: with the organizer, not yet public. */
  inReview: v.number(),
  /** Published at some point (publishedAt set), whatever happened after. */
  published: v.number(),
  /** Withdrawn before publication. */
  withdrawn: v.number(),
});
export type ProgressCounts = v.InferOutput<typeof ProgressCounts>;

export const CallProgress = v.object({
  call: v.object({
    id: v.string(),
    title: v.string(),
    year: v.number(),
    status: v.picklist(CALL_STATES),
    targetCount: v.number(),
  }),
  overall: v.object({
    ...ProgressCounts.entries,
    target: v.number(),
    /** published ÷ target × 100, one decimal; null without a target. */
    percentOfTarget: nullableNumber,
  }),
  byDomain: v.array(
    v.object({
      domain: v.string(),
      ...ProgressCounts.entries,
      target: nullableNumber,
      percentOfTarget: nullableNumber,
    }),
  ),
  byDistrict: v.array(v.object({ district: v.string(), ...ProgressCounts.entries })),
});
export type CallProgress = v.InferOutput<typeof CallProgress>;

/** published ÷ target as a percentage with one decimal; null when there is no target. */
export const percentOfTarget = (n: number, target: number | null | undefined): number | null =>
  target ? Math.round((n / target) * 1000) / 10 : null;
