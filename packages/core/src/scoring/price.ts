/**
 * Evaluated price (价格扣除 / 价格评审优惠) and the price score, in exact integer arithmetic.
 *
 * Rates are held in basis points (1 bp = 0.01 %) so that `price × (1 − d)` is a rational number we can
 * round exactly: evaluated = round_half_up(price × Π(10000 − bpᵢ) / 10000ᵏ), computed with BigInt, once,
 * after all factors are applied. Money is integer fen throughout.
 */

import type { FirmSize } from '../vocabulary.ts';

/** 政府采购促进中小企业发展管理办法: small/micro price deduction, default 10 %, allowed 10–20 %. */
export const SME_DEDUCTION_DEFAULT = 0.1;
export const SME_DEDUCTION_MIN = 0.1;
export const SME_DEDUCTION_MAX = 0.2;
/** Consortium whose small/micro partners hold ≥ 30 % of the contract share: 4–6 %, default 5 %. */
export const CONSORTIUM_DEDUCTION_DEFAULT = 0.05;
export const CONSORTIUM_DEDUCTION_MIN = 0.04;
export const CONSORTIUM_DEDUCTION_MAX = 0.06;
export const CONSORTIUM_MIN_SMALL_SHARE = 0.3;
/** Domestic-product price-evaluation preference (from 2026), off unless asked for. */
export const DOMESTIC_PREFERENCE_RATE = 0.2;
/** 推荐目录 SME preference: a local-policy rate, off (0) by default, at most 20 %. */
export const CATALOG_PREFERENCE_MAX = 0.2;

export const BASIS_POINTS = 10_000;

/** A rate in [0, 1] as whole basis points, or undefined when it is finer than 0.01 % or out of range. */
export function rateToBasisPoints(rate: number): number | undefined {
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) return undefined;
  const bp = Math.round(rate * BASIS_POINTS);
  return Math.abs(rate * BASIS_POINTS - bp) < 1e-6 ? bp : undefined;
}

/** Integer division of non-negative BigInts, rounding half up. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** `priceFen × Π(1 − rateᵢ)` rounded half up to whole fen, exactly. Rates are given in basis points. */
export function applyDeductions(priceFen: number, ratesBp: readonly number[]): number {
  let num = BigInt(priceFen);
  let den = 1n;
  for (const bp of ratesBp) {
    num *= BigInt(BASIS_POINTS - bp);
    den *= BigInt(BASIS_POINTS);
  }
  return Number(divRoundHalfUp(num, den));
}

export type DeductionKind = 'sme' | 'consortium' | 'domestic' | 'catalog';
export interface PriceDeduction {
  kind: DeductionKind;
  /** The rate as a fraction, e.g. 0.1. */
  rate: number;
}

export interface PricePolicy {
  smeDeduction: number;
  consortiumDeduction: number;
  domesticPreference: boolean;
  catalogPreference: number;
}

export interface PricedBid {
  priceFen: number;
  size: FirmSize;
  consortiumSmallShare?: number | undefined;
  domesticProduct?: boolean | undefined;
  inRecommendedCatalog?: boolean | undefined;
}

export const isSmallOrMicro = (size: FirmSize): boolean => size === 'small' || size === 'micro';

/**
 * Which deductions a bid earns. SME and consortium deductions never stack: a small/micro bidder gets the
 * SME deduction (a consortium made only of small/micro firms is reported as `small`); otherwise a
 * consortium whose small/micro partners hold ≥ 30 % gets the consortium deduction. The domestic-product
 * preference and the 推荐目录 preference (small/micro bidders with a catalogued product) compose
 * multiplicatively on top.
 */
export function deductionsFor(bid: PricedBid, policy: PricePolicy): PriceDeduction[] {
  const out: PriceDeduction[] = [];
  if (isSmallOrMicro(bid.size)) out.push({ kind: 'sme', rate: policy.smeDeduction });
  else if ((bid.consortiumSmallShare ?? 0) >= CONSORTIUM_MIN_SMALL_SHARE)
    out.push({ kind: 'consortium', rate: policy.consortiumDeduction });
  if (policy.domesticPreference && bid.domesticProduct)
    out.push({ kind: 'domestic', rate: DOMESTIC_PREFERENCE_RATE });
  if (policy.catalogPreference > 0 && bid.inRecommendedCatalog && isSmallOrMicro(bid.size))
    out.push({ kind: 'catalog', rate: policy.catalogPreference });
  return out;
}

/** Evaluated price in fen; never above the bid price. Rates must be whole basis points (validated upstream). */
export function evaluatedPriceFen(priceFen: number, deductions: readonly PriceDeduction[]): number {
  return applyDeductions(
    priceFen,
    deductions.map((d) => rateToBasisPoints(d.rate) ?? 0),
  );
}

/**
 * 异常低价: more than `threshold` below the mean of the other qualified bids' evaluated prices, i.e.
 * evaluated < mean(others) × (1 − threshold), decided exactly (exactly at the threshold is not flagged).
 * Needs at least one other bid.
 */
export function isAbnormallyLow(
  evaluatedFen: number,
  othersFen: readonly number[],
  threshold: number,
): boolean {
  if (othersFen.length === 0) return false;
  const bp = BigInt(rateToBasisPoints(threshold) ?? 0);
  const sumOthers = othersFen.reduce((s, x) => s + BigInt(x), 0n);
  return (
    BigInt(evaluatedFen) * BigInt(othersFen.length) * BigInt(BASIS_POINTS) <
    sumOthers * (BigInt(BASIS_POINTS) - bp)
  );
}

/** 价格分 = benchmark / evaluated × price weight, benchmark = the lowest evaluated price among ranked bids. */
export function priceScore(benchmarkFen: number, evaluatedFen: number, priceWeight: number): number {
  if (evaluatedFen === benchmarkFen) return priceWeight;
  return (benchmarkFen / evaluatedFen) * priceWeight;
}
