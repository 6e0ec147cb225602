/**
 * 综合评分法 computation: evaluated prices, abnormally-low flags, criterion means, totals and ranking.
 * Pure and synchronous; everything is computed at full precision and only `roundScore` (used by
 * reports and the CLI) rounds to 2 decimals.
 */
import type { Result } from '../result.ts';
import { err, ok } from '../result.ts';
import type { FirmSize } from '../vocabulary.ts';
import {
  CATALOG_PREFERENCE_MAX,
  CONSORTIUM_DEDUCTION_DEFAULT,
  CONSORTIUM_DEDUCTION_MAX,
  CONSORTIUM_DEDUCTION_MIN,
  deductionsFor,
  evaluatedPriceFen,
  isAbnormallyLow,
  type PriceDeduction,
  type PricePolicy,
  priceScore,
  rateToBasisPoints,
  SME_DEDUCTION_DEFAULT,
  SME_DEDUCTION_MAX,
  SME_DEDUCTION_MIN,
} from './price.ts';
import {
  type CriteriaTemplate,
  MIN_PRICE_WEIGHT,
  type ScoringProblem,
  type TenderCategory,
} from './templates.ts';

export const LOW_PRICE_THRESHOLD_DEFAULT = 0.2;
export const DEVIATION_THRESHOLD_DEFAULT = 0.2;
/** Trimmed mean drops one highest and one lowest point only when the panel has at least this many. */
export const TRIMMED_MEAN_MIN_PANEL = 5;

export interface ScoringCriterionInput {
  id: string;
  /** Points available for this criterion (an expert scores 0…weight). */
  weight: number;
}

export interface BidInput {
  id: string;
  priceFen: number;
  size: FirmSize;
  /** Share (0–1) of the contract held by small/micro consortium partners. */
  consortiumSmallShare?: number | undefined;
  /** ISO-8601 timestamp; the last tie-break. */
  submittedAt: string;
  /** 资格/符合性审查 result; default true. */
  qualified?: boolean | undefined;
  disqualificationReason?: string | undefined;
  /** The firm's written explanation of an abnormally low price was accepted. */
  lowPriceAccepted?: boolean | undefined;
  domesticProduct?: boolean | undefined;
  inRecommendedCatalog?: boolean | undefined;
  /** Per criterion id: each panel member's points, in panel order (专家1…n). */
  scores: Record<string, number[]>;
}

export interface TenderInput {
  priceWeight: number;
  /** When given, the statutory price-weight floor applies (goods ≥ 30, services ≥ 10). */
  category?: TenderCategory | undefined;
  smeDeduction?: number | undefined;
  consortiumDeduction?: number | undefined;
  domesticPreference?: boolean | undefined;
  catalogPreference?: number | undefined;
  lowPriceThreshold?: number | undefined;
  deviationThreshold?: number | undefined;
  trimmedMean?: boolean | undefined;
  criteria: ScoringCriterionInput[];
  bids: BidInput[];
}

export interface ResolvedOptions extends PricePolicy {
  priceWeight: number;
  category: TenderCategory | null;
  lowPriceThreshold: number;
  deviationThreshold: number;
  trimmedMean: boolean;
}

export interface CriterionResult {
  criterion: string;
  max: number;
  points: number[];
  /** Points that entered the mean (all of them unless trimmed). */
  used: number[];
  trimmed: boolean;
  /** Plain mean of all points; deviations are measured against it. */
  panelMean: number;
  /** The criterion score (mean of `used`). */
  score: number;
  /** 0-based indexes of panel members flagged as deviating. */
  deviatingExperts: number[];
}

export type ScoredBidStatus = 'ranked' | 'unqualified' | 'abnormally_low_unexplained';

export interface BidResult {
  bid: string;
  status: ScoredBidStatus;
  exclusionReason: string | null;
  priceFen: number;
  deductions: PriceDeduction[];
  evaluatedPriceFen: number;
  /** Mean of the other qualified bids' evaluated prices (null when there are none or the bid is unqualified). */
  othersMeanFen: number | null;
  abnormallyLow: boolean;
  lowPriceAccepted: boolean;
  /** Null unless ranked. */
  priceScore: number | null;
  /** Computed for qualified bids. */
  criteria: Record<string, CriterionResult>;
  /** Sum of the non-price criterion scores (qualified bids). */
  technicalScore: number | null;
  /** Null unless ranked. */
  total: number | null;
  rank: number | null;
  submittedAt: string;
  flags: string[];
}

export interface DeviationFlag {
  bid: string;
  criterion: string;
  /** 0-based panel position (shown as 专家{expert + 1}). */
  expert: number;
  points: number;
  panelMean: number;
  limit: number;
}

export interface ScoringResult {
  options: ResolvedOptions;
  /** Lowest evaluated price among ranked bids (null when none is ranked). */
  benchmarkFen: number | null;
  /** Ranked bids, rank 1 first. */
  ranking: BidResult[];
  /** Unqualified bids and abnormally-low bids whose explanation was not accepted, in input order. */
  excluded: BidResult[];
  deviations: DeviationFlag[];
}

const WEIGHT_EPSILON = 1e-9;

function resolveOptions(input: TenderInput): ResolvedOptions {
  return {
    priceWeight: input.priceWeight,
    category: input.category ?? null,
    smeDeduction: input.smeDeduction ?? SME_DEDUCTION_DEFAULT,
    consortiumDeduction: input.consortiumDeduction ?? CONSORTIUM_DEDUCTION_DEFAULT,
    domesticPreference: input.domesticPreference ?? false,
    catalogPreference: input.catalogPreference ?? 0,
    lowPriceThreshold: input.lowPriceThreshold ?? LOW_PRICE_THRESHOLD_DEFAULT,
    deviationThreshold: input.deviationThreshold ?? DEVIATION_THRESHOLD_DEFAULT,
    trimmedMean: input.trimmedMean ?? false,
  };
}

/** Every problem with the input, each named and located by JSON path; empty when it can be scored. */
export function validateTenderInput(input: TenderInput): ScoringProblem[] {
  const problems: ScoringProblem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  const o = resolveOptions(input);

  if (!Number.isFinite(o.priceWeight) || o.priceWeight < 0 || o.priceWeight > 100)
    add('price_weight_out_of_range', '$.priceWeight', 'must be between 0 and 100');
  else if (o.category && o.priceWeight < MIN_PRICE_WEIGHT[o.category])
    add(
      'price_weight_below_minimum',
      '$.priceWeight',
      `${o.category} requires a price weight of at least ${MIN_PRICE_WEIGHT[o.category]}`,
    );
  const rate = (code: string, path: string, value: number, min: number, max: number, label: string) => {
    if (!(Number.isFinite(value) && value >= min - 1e-12 && value <= max + 1e-12)) add(code, path, label);
    else if (rateToBasisPoints(value) === undefined)
      add('rate_too_precise', path, 'use at most 0.01 % precision');
  };
  rate(
    'sme_deduction_out_of_range',
    '$.smeDeduction',
    o.smeDeduction,
    SME_DEDUCTION_MIN,
    SME_DEDUCTION_MAX,
    'must be between 0.10 and 0.20',
  );
  rate(
    'consortium_deduction_out_of_range',
    '$.consortiumDeduction',
    o.consortiumDeduction,
    CONSORTIUM_DEDUCTION_MIN,
    CONSORTIUM_DEDUCTION_MAX,
    'must be between 0.04 and 0.06',
  );
  rate(
    'catalog_preference_out_of_range',
    '$.catalogPreference',
    o.catalogPreference,
    0,
    CATALOG_PREFERENCE_MAX,
    'must be between 0 and 0.20',
  );
  if (!(o.lowPriceThreshold > 0 && o.lowPriceThreshold < 1))
    add('low_price_threshold_out_of_range', '$.lowPriceThreshold', 'must be greater than 0 and less than 1');
  else if (rateToBasisPoints(o.lowPriceThreshold) === undefined)
    add('rate_too_precise', '$.lowPriceThreshold', 'use at most 0.01 % precision');
  if (!(o.deviationThreshold > 0 && o.deviationThreshold <= 1))
    add('deviation_threshold_out_of_range', '$.deviationThreshold', 'must be greater than 0 and at most 1');

  const weights = new Map<string, number>();
  input.criteria.forEach((c, i) => {
    if (!c.id) add('criterion_id_missing', `$.criteria[${i}].id`, 'is required');
    else if (weights.has(c.id))
      add('duplicate_criterion_id', `$.criteria[${i}].id`, `"${c.id}" appears more than once`);
    if (!Number.isFinite(c.weight) || c.weight <= 0)
      add('criterion_weight_invalid', `$.criteria[${i}].weight`, 'must be > 0');
    if (!weights.has(c.id)) weights.set(c.id, c.weight);
  });
  const sum = o.priceWeight + input.criteria.reduce((s, c) => s + c.weight, 0);
  if (Number.isFinite(sum) && Math.abs(sum - 100) > WEIGHT_EPSILON)
    add('weights_must_sum_to_100', '$.criteria', `priceWeight plus the criteria weights is ${sum}, not 100`);

  const ids = new Set<string>();
  input.bids.forEach((b, i) => {
    const p = `$.bids[${i}]`;
    if (!b.id) add('bid_id_missing', `${p}.id`, 'is required');
    else if (ids.has(b.id)) add('duplicate_bid_id', `${p}.id`, `"${b.id}" appears more than once`);
    ids.add(b.id);
    if (!Number.isSafeInteger(b.priceFen) || b.priceFen <= 0)
      add('price_not_positive_integer', `${p}.priceFen`, 'must be a positive whole number of fen');
    if (!['large', 'medium', 'small', 'micro'].includes(b.size))
      add('size_invalid', `${p}.size`, 'must be large, medium, small or micro');
    const share = b.consortiumSmallShare;
    if (share !== undefined && !(Number.isFinite(share) && share >= 0 && share <= 1))
      add('consortium_share_out_of_range', `${p}.consortiumSmallShare`, 'must be between 0 and 1');
    if (typeof b.submittedAt !== 'string' || Number.isNaN(Date.parse(b.submittedAt)))
      add('submitted_at_invalid', `${p}.submittedAt`, 'must be an ISO-8601 timestamp');
    const scores = b.scores ?? {};
    for (const [cid, points] of Object.entries(scores)) {
      const max = weights.get(cid);
      if (max === undefined) {
        add('unknown_criterion', `${p}.scores.${cid}`, `"${cid}" is not one of the criteria`);
        continue;
      }
      points.forEach((pt, k) => {
        if (!(Number.isFinite(pt) && pt >= 0 && pt <= max))
          add('point_out_of_range', `${p}.scores.${cid}[${k}]`, `must be between 0 and ${max}`);
      });
    }
    if (b.qualified !== false)
      for (const cid of weights.keys())
        if (!scores[cid] || scores[cid].length === 0)
          add(
            'missing_scores',
            `${p}.scores.${cid}`,
            'a qualified bid needs at least one panel member’s points',
          );
  });
  return problems;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The criterion score of one panel: mean, or trimmed mean (drop one max and one min) for panels ≥ 5. */
export function criterionScore(
  criterion: string,
  max: number,
  points: readonly number[],
  trimmedMean: boolean,
  deviationThreshold = DEVIATION_THRESHOLD_DEFAULT,
): CriterionResult {
  const trimmed = trimmedMean && points.length >= TRIMMED_MEAN_MIN_PANEL;
  const used = trimmed ? [...points].sort((a, b) => a - b).slice(1, -1) : [...points];
  const panelMean = mean(points);
  const limit = deviationThreshold * max;
  const deviatingExperts = points.flatMap((p, i) => (Math.abs(p - panelMean) > limit + 1e-9 ? [i] : []));
  return {
    criterion,
    max,
    points: [...points],
    used,
    trimmed,
    panelMean,
    score: mean(used),
    deviatingExperts,
  };
}

/** Totals are compared as published (2 decimals, half up), so a visible tie goes down the chain. */
const publishedKey = (x: number): number => Math.round(x * 100 + 1e-9);
/** Technical scores are compared at full precision, up to 1e-6 so float noise in sums never decides. */
const preciseKey = (x: number): number => Math.round(x * 1e6);

/**
 * The tie-break chain: higher total (at the published 2 decimals), then lower evaluated price, then higher
 * technical (non-price) score, then earlier submission; finally bid id, so the order is total and
 * deterministic.
 */
export function compareForRanking(a: BidResult, b: BidResult): number {
  return (
    publishedKey(b.total ?? 0) - publishedKey(a.total ?? 0) ||
    a.evaluatedPriceFen - b.evaluatedPriceFen ||
    preciseKey(b.technicalScore ?? 0) - preciseKey(a.technicalScore ?? 0) ||
    Date.parse(a.submittedAt) - Date.parse(b.submittedAt) ||
    (a.bid < b.bid ? -1 : a.bid > b.bid ? 1 : 0)
  );
}

/** Scores and ranks a tender; problems (see `validateTenderInput`) instead of a result when the input is bad. */
export function scoreTender(input: TenderInput): Result<ScoringResult, ScoringProblem[]> {
  const problems = validateTenderInput(input);
  if (problems.length > 0) return err(problems);
  const o = resolveOptions(input);

  const results: BidResult[] = input.bids.map((b) => {
    const qualified = b.qualified !== false;
    const deductions = deductionsFor(b, o);
    return {
      bid: b.id,
      status: qualified ? 'ranked' : 'unqualified',
      exclusionReason: qualified ? null : b.disqualificationReason?.trim() || 'failed qualification review',
      priceFen: b.priceFen,
      deductions,
      evaluatedPriceFen: evaluatedPriceFen(b.priceFen, deductions),
      othersMeanFen: null,
      abnormallyLow: false,
      lowPriceAccepted: b.lowPriceAccepted === true,
      priceScore: null,
      criteria: {},
      technicalScore: null,
      total: null,
      rank: null,
      submittedAt: b.submittedAt,
      flags: qualified ? [] : ['unqualified'],
    };
  });

  // Abnormally low: compared with the mean of the OTHER qualified bids (flagged ones included).
  const qualified = results.filter((r) => r.status !== 'unqualified');
  for (const r of qualified) {
    const others = qualified.filter((q) => q !== r).map((q) => q.evaluatedPriceFen);
    if (others.length > 0) r.othersMeanFen = mean(others);
    r.abnormallyLow = isAbnormallyLow(r.evaluatedPriceFen, others, o.lowPriceThreshold);
    if (r.abnormallyLow) {
      r.flags.push('abnormally_low');
      if (r.lowPriceAccepted) r.flags.push('low_price_accepted');
      else {
        r.status = 'abnormally_low_unexplained';
        r.exclusionReason = 'abnormally low price; the written explanation has not been accepted';
      }
    }
  }

  const deviations: DeviationFlag[] = [];
  input.bids.forEach((b, i) => {
    const r = results[i] as BidResult;
    if (r.status === 'unqualified') return;
    let technical = 0;
    for (const c of input.criteria) {
      const cr = criterionScore(c.id, c.weight, b.scores[c.id] ?? [], o.trimmedMean, o.deviationThreshold);
      r.criteria[c.id] = cr;
      technical += cr.score;
      for (const e of cr.deviatingExperts) {
        deviations.push({
          bid: b.id,
          criterion: c.id,
          expert: e,
          points: cr.points[e] as number,
          panelMean: cr.panelMean,
          limit: o.deviationThreshold * c.weight,
        });
        r.flags.push(`expert_deviation:${c.id}:${e + 1}`);
      }
    }
    r.technicalScore = technical;
  });

  const ranked = results.filter((r) => r.status === 'ranked');
  const benchmarkFen = ranked.length > 0 ? Math.min(...ranked.map((r) => r.evaluatedPriceFen)) : null;
  for (const r of ranked) {
    r.priceScore = priceScore(benchmarkFen as number, r.evaluatedPriceFen, o.priceWeight);
    r.total = r.priceScore + (r.technicalScore ?? 0);
  }
  ranked.sort(compareForRanking);
  ranked.forEach((r, i) => {
    r.rank = i + 1;
  });

  return ok({
    options: o,
    benchmarkFen,
    ranking: ranked,
    excluded: results.filter((r) => r.status !== 'ranked'),
    deviations,
  });
}

/**
 * Output rounding: half up to 2 decimals, applied only when presenting. A nudge of 1e-9 keeps values
 * that are mathematically on a half (e.g. 2.675 computed as 2.67499999…) rounding up.
 */
export function roundScore(x: number): number {
  return Math.round(x * 100 + 1e-9) / 100;
}

/** 揭榜挂帅 赛马制: ranked bids at or above the pass threshold, best first, at most `maxWinners`. */
export function selectWinners(
  result: ScoringResult,
  template: Pick<CriteriaTemplate, 'passThreshold' | 'maxWinners'>,
) {
  const threshold = template.passThreshold ?? 0;
  return result.ranking.filter((r) => (r.total ?? 0) >= threshold - 1e-9).slice(0, template.maxWinners ?? 1);
}
