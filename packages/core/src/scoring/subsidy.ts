// 奖补 (award subsidy): a share of the project's total investment, capped — e.g. 湖北's 揭榜挂帅 rule,
// 10 % of the total investment and at most 5,000,000 yuan. Both figures are a scenario's (or call's) rules.

export interface SubsidyRule {
  /** Share of the total investment, 0 < rate ≤ 1 (e.g. 0.1). */
  rate?: number | undefined;
  /** Cap in fen (e.g. 500,000,000 fen = 5,000,000 yuan). */
  capFen?: number | undefined;
}

/** 湖北 figures, used when a scenario's rules ask for the rule without giving figures. */
export const HUBEI_SUBSIDY_RULE = { rate: 0.1, capFen: 5_000_000 * 100 } as const;

/**
 * The largest subsidy (fen) the rule allows for a project of `investmentFen`: floor(rate × investment),
 * never above the cap; null when the rule sets neither figure (no limit but the award amount).
 * Computed in basis points so that 10 % of an odd number of fen rounds down, never up.
 */
export function subsidyLimitFen(investmentFen: number, rule: SubsidyRule): number | null {
  if (rule.rate === undefined && rule.capFen === undefined) return null;
  let limit = Number.MAX_SAFE_INTEGER;
  if (rule.rate !== undefined) {
    const bp = BigInt(Math.round(rule.rate * 10_000));
    limit = Number((BigInt(Math.max(0, Math.floor(investmentFen))) * bp) / 10_000n);
  }
  if (rule.capFen !== undefined) limit = Math.min(limit, rule.capFen);
  return limit;
}
