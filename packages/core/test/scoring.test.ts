import { describe, expect, test } from 'vitest';
import { digestOf } from '../src/digest.ts';
import {
  applyDeductions,
  type BidInput,
  BUILTIN_TEMPLATES,
  buildScoringReport,
  CHALLENGE_TEMPLATE,
  criterionScore,
  GOODS_TEMPLATE,
  HUBEI_SUBSIDY_RULE,
  isAbnormallyLow,
  priceScore,
  rankingRows,
  renderScoringReport,
  roundScore,
  type ScoringResult,
  SERVICES_TEMPLATE,
  scoreTender,
  selectWinners,
  subsidyLimitFen,
  type TemplateCriterion,
  type TenderInput,
  validateTemplate,
  validateTenderInput,
} from '../src/scoring/index.ts';

const T0 = '2026-05-01T02:00:00Z';
const bid = (id: string, priceFen: number, over: Partial<BidInput> = {}): BidInput => ({
  id,
  priceFen,
  size: 'large',
  submittedAt: T0,
  scores: { tech: [40, 40, 40] },
  ...over,
});
const tender = (bids: BidInput[], over: Partial<TenderInput> = {}): TenderInput => ({
  priceWeight: 30,
  criteria: [{ id: 'tech', weight: 70 }],
  bids,
  ...over,
});
function score(input: TenderInput): ScoringResult {
  const r = scoreTender(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}
const codes = (input: TenderInput) => validateTenderInput(input).map((p) => p.code);
const evaluated = (b: BidInput, over: Partial<TenderInput> = {}) => {
  const r = score(tender([b], over));
  return (r.ranking[0] ?? r.excluded[0])?.evaluatedPriceFen;
};
const order = (r: ScoringResult) => r.ranking.map((b) => b.bid);

describe('evaluated price', () => {
  test('SME deduction 10 % (default) and 20 %, exact fen, half up', () => {
    expect(evaluated(bid('s', 1_234_567, { size: 'small' }))).toBe(1_111_110); // 1 111 110.3
    expect(evaluated(bid('s', 1_234_567, { size: 'micro' }), { smeDeduction: 0.2 })).toBe(987_654); // 987 653.6
    expect(evaluated(bid('s', 15, { size: 'small' }))).toBe(14); // 13.5 rounds up
    expect(evaluated(bid('s', 10, { size: 'small' }), { smeDeduction: 0.15 })).toBe(9); // 8.5 rounds up
    expect(evaluated(bid('m', 1_234_567, { size: 'medium' }))).toBe(1_234_567); // medium firms get nothing
    expect(applyDeductions(9_007_199_254_740_991, [1000])).toBe(8_106_479_329_266_892); // exact beyond 2^53 products
  });

  test('SME deduction outside 10–20 % or finer than 0.01 % is rejected', () => {
    const one = [bid('s', 100, { size: 'small' })];
    expect(codes(tender(one, { smeDeduction: 0.09 }))).toEqual(['sme_deduction_out_of_range']);
    expect(codes(tender(one, { smeDeduction: 0.21 }))).toEqual(['sme_deduction_out_of_range']);
    expect(codes(tender(one, { smeDeduction: 0.12345 }))).toEqual(['rate_too_precise']);
    expect(codes(tender(one, { smeDeduction: 0.1 }))).toEqual([]);
    expect(codes(tender(one, { smeDeduction: 0.2 }))).toEqual([]);
  });

  test('consortium: small/micro share 29.9 % gets nothing, 30 % gets 5 % (4–6 % allowed)', () => {
    expect(evaluated(bid('c', 1_000_000, { consortiumSmallShare: 0.299 }))).toBe(1_000_000);
    expect(evaluated(bid('c', 1_000_000, { consortiumSmallShare: 0.3 }))).toBe(950_000);
    expect(evaluated(bid('c', 1_000_000, { consortiumSmallShare: 0.3 }), { consortiumDeduction: 0.04 })).toBe(
      960_000,
    );
    expect(evaluated(bid('c', 1_000_000, { consortiumSmallShare: 1 }), { consortiumDeduction: 0.06 })).toBe(
      940_000,
    );
    const one = [bid('c', 100)];
    expect(codes(tender(one, { consortiumDeduction: 0.03 }))).toEqual(['consortium_deduction_out_of_range']);
    expect(codes(tender(one, { consortiumDeduction: 0.07 }))).toEqual(['consortium_deduction_out_of_range']);
    expect(codes(tender([bid('c', 100, { consortiumSmallShare: 1.2 })]))).toEqual([
      'consortium_share_out_of_range',
    ]);
  });

  test('SME and consortium deductions do not stack', () => {
    expect(evaluated(bid('c', 1_000_000, { size: 'small', consortiumSmallShare: 0.5 }))).toBe(900_000);
  });

  test('domestic-product preference is off by default, 20 % when on, and composes with SME', () => {
    expect(evaluated(bid('d', 1_000_000, { domesticProduct: true }))).toBe(1_000_000);
    expect(evaluated(bid('d', 1_000_000, { domesticProduct: true }), { domesticPreference: true })).toBe(
      800_000,
    );
    expect(evaluated(bid('d', 1_000_000), { domesticPreference: true })).toBe(1_000_000);
    expect(
      evaluated(bid('d', 1_000_000, { domesticProduct: true, size: 'small' }), { domesticPreference: true }),
    ).toBe(720_000);
  });

  test('推荐目录 preference: off by default, only for small/micro bidders with a catalogued product', () => {
    const inCat = { inRecommendedCatalog: true };
    expect(evaluated(bid('k', 1_000_000, { ...inCat, size: 'small' }))).toBe(900_000);
    expect(evaluated(bid('k', 1_000_000, { ...inCat, size: 'small' }), { catalogPreference: 0.05 })).toBe(
      855_000,
    );
    expect(evaluated(bid('k', 1_000_000, inCat), { catalogPreference: 0.05 })).toBe(1_000_000);
    expect(codes(tender([bid('k', 1)], { catalogPreference: 0.25 }))).toEqual([
      'catalog_preference_out_of_range',
    ]);
  });

  test('price must be a positive whole number of fen', () => {
    expect(codes(tender([bid('a', 0)]))).toEqual(['price_not_positive_integer']);
    expect(codes(tender([bid('a', 10.5)]))).toEqual(['price_not_positive_integer']);
  });
});

describe('price score', () => {
  test('lowest evaluated / evaluated × price weight', () => {
    expect(priceScore(800_000, 800_000, 30)).toBe(30);
    expect(priceScore(800_000, 1_000_000, 30)).toBe(24);
    expect(priceScore(900_000, 1_200_000, 30)).toBe(22.5);
    const r = score(
      tender([bid('a', 1_000_000, { size: 'small' }), bid('b', 1_000_000), bid('c', 1_125_000)]),
    );
    expect(r.benchmarkFen).toBe(900_000);
    const ps = Object.fromEntries(r.ranking.map((b) => [b.bid, b.priceScore]));
    expect(ps).toEqual({ a: 30, b: 27, c: 24 });
  });
});

describe('criterion score', () => {
  test('mean of the panel; trimmed mean only with ≥ 5 members', () => {
    expect(criterionScore('t', 10, [8, 9, 10], false).score).toBe(9);
    expect(criterionScore('t', 10, [8, 9, 10], true)).toMatchObject({ score: 9, trimmed: false });
    expect(criterionScore('t', 10, [2, 8, 9, 10, 10], false).score).toBeCloseTo(7.8, 12);
    expect(criterionScore('t', 10, [2, 8, 9, 10, 10], true)).toMatchObject({
      score: 9,
      trimmed: true,
      used: [8, 9, 10],
    });
    expect(criterionScore('t', 10, [1, 2, 3, 4], true)).toMatchObject({ score: 2.5, trimmed: false });
  });

  test('each point is range-checked against the criterion weight', () => {
    const bad = tender([bid('a', 100, { scores: { tech: [70.5, -1, 20] } })]);
    expect(validateTenderInput(bad)).toEqual([
      expect.objectContaining({ code: 'point_out_of_range', path: '$.bids[0].scores.tech[0]' }),
      expect.objectContaining({ code: 'point_out_of_range', path: '$.bids[0].scores.tech[1]' }),
    ]);
    expect(codes(tender([bid('a', 100, { scores: { tech: [1], other: [1] } })]))).toEqual([
      'unknown_criterion',
    ]);
    expect(codes(tender([bid('a', 100, { scores: {} })]))).toEqual(['missing_scores']);
    expect(codes(tender([bid('a', 100, { scores: { tech: [] } })]))).toEqual(['missing_scores']);
  });

  test('deviation flag when an expert is more than 20 % of the max from the panel mean', () => {
    const input = tender([bid('a', 100, { scores: { tech: [4, 8, 9] } })], {
      priceWeight: 90,
      criteria: [{ id: 'tech', weight: 10 }],
    });
    const r = score(input); // mean 7, limit 2: |4−7| = 3 flagged, |9−7| = 2 not
    expect(r.deviations).toEqual([
      { bid: 'a', criterion: 'tech', expert: 0, points: 4, panelMean: 7, limit: 2 },
    ]);
    expect(r.ranking[0]?.flags).toEqual(['expert_deviation:tech:1']);
    expect(score({ ...input, deviationThreshold: 0.3 }).deviations).toEqual([]);
  });
});

describe('ranking and the tie-break chain', () => {
  const two = (id: string, priceFen: number, tech: number[], submittedAt = T0) =>
    bid(id, priceFen, { submittedAt, scores: { tech } });

  test('1. higher total wins even at a higher price', () => {
    const r = score(tender([two('cheap', 1_000_000, [30, 30, 30]), two('good', 1_100_000, [60, 60, 60])]));
    expect(order(r)).toEqual(['good', 'cheap']);
    expect(r.ranking.map((b) => b.rank)).toEqual([1, 2]);
  });

  test('2. equal totals: lower evaluated price wins (before technical score and submission time)', () => {
    // A: 30 + 40 = 70; B: 1 000 000 / 1 200 000 × 30 = 25, + 45 = 70; B has more technical points and is earlier.
    const r = score(
      tender([two('B', 1_200_000, [45, 45, 45], '2026-05-01T00:00:00Z'), two('A', 1_000_000, [40, 40, 40])]),
    );
    expect(r.ranking.map((b) => b.total)).toEqual([70, 70]);
    expect(order(r)).toEqual(['A', 'B']);
  });

  test('3. equal published totals and prices: higher technical score wins (before submission time)', () => {
    // Totals 70.00333… and 70 are both published as 70.00.
    const r = score(
      tender([
        two('early', 1_000_000, [40, 40, 40], '2026-05-01T00:00:00Z'),
        two('late', 1_000_000, [40, 40, 40.01]),
      ]),
    );
    expect(r.ranking.map((b) => roundScore(b.total ?? 0))).toEqual([70, 70]);
    expect(order(r)).toEqual(['late', 'early']);
  });

  test('4. all else equal: earlier submission wins; then bid id keeps it deterministic', () => {
    const r = score(
      tender([two('x', 1_000_000, [40, 40, 40], '2026-05-01T02:00:01Z'), two('y', 1_000_000, [40, 40, 40])]),
    );
    expect(order(r)).toEqual(['y', 'x']);
    const same = score(tender([two('b', 1_000_000, [40]), two('a', 1_000_000, [40])]));
    expect(order(same)).toEqual(['a', 'b']);
  });
});

describe('abnormally low price', () => {
  const others = [bid('o1', 1_000_000), bid('o2', 1_000_000)];

  test('exactly 20 % below the mean of the others is not flagged; one fen lower is', () => {
    expect(isAbnormallyLow(800_000, [1_000_000, 1_000_000], 0.2)).toBe(false);
    expect(isAbnormallyLow(799_999, [1_000_000, 1_000_000], 0.2)).toBe(true);
    expect(isAbnormallyLow(1, [], 0.2)).toBe(false);
    const edge = score(tender([bid('x', 800_000), ...others]));
    expect(edge.ranking).toHaveLength(3);
    expect(edge.ranking.find((b) => b.bid === 'x')?.flags).toEqual([]);
  });

  test('an unaccepted flagged bid is reported and excluded; it does not set the benchmark', () => {
    const r = score(tender([bid('x', 799_999), ...others]));
    expect(order(r)).toEqual(['o1', 'o2']);
    expect(r.benchmarkFen).toBe(1_000_000);
    expect(r.excluded).toEqual([
      expect.objectContaining({
        bid: 'x',
        status: 'abnormally_low_unexplained',
        flags: ['abnormally_low'],
        rank: null,
      }),
    ]);
    expect(r.excluded[0]?.othersMeanFen).toBe(1_000_000);
  });

  test('an accepted explanation puts it back in the ranking, still flagged', () => {
    const r = score(tender([bid('x', 799_999, { lowPriceAccepted: true }), ...others]));
    expect(r.ranking[0]).toMatchObject({
      bid: 'x',
      priceScore: 30,
      flags: ['abnormally_low', 'low_price_accepted'],
    });
  });

  test('the threshold is configurable and compares evaluated prices', () => {
    expect(
      score(tender([bid('x', 850_000), ...others], { lowPriceThreshold: 0.1 })).excluded.map((b) => b.bid),
    ).toEqual(['x']);
    expect(score(tender([bid('x', 850_000), ...others])).excluded).toEqual([]);
    // 1 000 000 small → 900 000 evaluated: 10 % below, not flagged at 20 %, flagged at 5 %.
    expect(score(tender([bid('s', 1_000_000, { size: 'small' }), ...others])).excluded).toEqual([]);
    expect(codes(tender(others, { lowPriceThreshold: 0 }))).toEqual(['low_price_threshold_out_of_range']);
  });
});

describe('qualification', () => {
  test('unqualified bids are excluded with the reason, set no benchmark and do not count for abnormally low', () => {
    const r = score(
      tender([
        bid('u', 100_000, { qualified: false, disqualificationReason: '未提供社保缴纳证明', scores: {} }),
        bid('a', 1_000_000),
        bid('b', 1_250_000),
      ]),
    );
    expect(order(r)).toEqual(['a', 'b']);
    expect(r.benchmarkFen).toBe(1_000_000);
    expect(r.excluded).toEqual([
      expect.objectContaining({
        bid: 'u',
        status: 'unqualified',
        exclusionReason: '未提供社保缴纳证明',
        flags: ['unqualified'],
      }),
    ]);
    expect(r.ranking.find((b) => b.bid === 'a')?.othersMeanFen).toBe(1_250_000);
  });
});

describe('weights and templates', () => {
  test('price weight bounds: goods ≥ 30, services ≥ 10; weights must sum to 100', () => {
    const one = [bid('a', 100, { scores: { tech: [1] } })];
    const w = (priceWeight: number, category: 'goods' | 'services') =>
      codes(tender(one, { priceWeight, category, criteria: [{ id: 'tech', weight: 100 - priceWeight }] }));
    expect(w(29, 'goods')).toEqual(['price_weight_below_minimum']);
    expect(w(30, 'goods')).toEqual([]);
    expect(w(9, 'services')).toEqual(['price_weight_below_minimum']);
    expect(w(10, 'services')).toEqual([]);
    expect(codes(tender(one, { priceWeight: 29 }))).toEqual(['weights_must_sum_to_100']);
    expect(
      codes(
        tender(one, {
          criteria: [
            { id: 'tech', weight: 70 },
            { id: 'tech', weight: 0 },
          ],
        }),
      ),
    ).toEqual(['duplicate_criterion_id', 'criterion_weight_invalid']);
  });

  test('built-in templates are valid; the 揭榜挂帅 template has a pass mark and several winners', () => {
    for (const t of BUILTIN_TEMPLATES) expect(validateTemplate(t)).toEqual([]);
    expect(CHALLENGE_TEMPLATE.criteria.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'industry_impact',
        'research_base',
        'technical_indicators',
        'financial_soundness',
      ]),
    );
    expect(CHALLENGE_TEMPLATE).toMatchObject({ passThreshold: 60, maxWinners: 3 });
  });

  test('the template validator names each problem', () => {
    expect(validateTemplate({ ...GOODS_TEMPLATE, priceWeight: 20 }).map((p) => p.code)).toEqual([
      'price_weight_below_minimum',
      'weights_must_sum_to_100',
    ]);
    const [first, ...rest] = SERVICES_TEMPLATE.criteria as [TemplateCriterion, ...TemplateCriterion[]];
    const broken = {
      ...SERVICES_TEMPLATE,
      maxWinners: 2,
      criteria: [{ ...first, guidance: { zh: '', en: 'x' } }, ...rest],
    };
    expect(validateTemplate(broken).map((p) => p.code)).toEqual([
      'criterion_guidance_missing',
      'several_winners_only_for_challenges',
    ]);
    expect(
      validateTemplate({ ...CHALLENGE_TEMPLATE, passThreshold: 101, maxWinners: 0 }).map((p) => p.code),
    ).toEqual(['pass_threshold_out_of_range', 'max_winners_invalid']);
  });

  test('揭榜挂帅: winners are the ranked bids at or above the pass mark, at most maxWinners', () => {
    const criteria = CHALLENGE_TEMPLATE.criteria.map(({ id, weight }) => ({ id, weight }));
    const at = (id: string, fraction: number) =>
      bid(id, 1_000_000, { scores: Object.fromEntries(criteria.map((c) => [c.id, [c.weight * fraction]])) });
    const r = score({
      priceWeight: 0,
      category: 'challenge',
      criteria,
      bids: [at('a', 0.9), at('b', 0.6), at('c', 0.59), at('d', 0.8), at('e', 0.7)],
    });
    expect(r.ranking.find((b) => b.bid === 'b')?.priceScore).toBe(0);
    expect(selectWinners(r, CHALLENGE_TEMPLATE).map((b) => b.bid)).toEqual(['a', 'd', 'e']);
    expect(selectWinners(r, { passThreshold: 60, maxWinners: 10 }).map((b) => b.bid)).toEqual([
      'a',
      'd',
      'e',
      'b',
    ]);
  });
});

describe('rounding and the report', () => {
  test('2 decimals, half up, only at the output', () => {
    expect(roundScore(2.675)).toBe(2.68);
    expect(roundScore(1.005)).toBe(1.01);
    expect(roundScore(10 / 3)).toBe(3.33);
    // two criteria of 10.004 each: published 10.00 and 10.00, but the total 80.008 is published as 80.01
    const r = score({
      priceWeight: 60,
      criteria: [
        { id: 'a', weight: 20 },
        { id: 'b', weight: 20 },
      ],
      bids: [bid('x', 100, { scores: { a: [10.012, 10, 10], b: [10, 10.012, 10] } })],
    });
    expect(r.ranking[0]?.total).toBeCloseTo(80.008, 9);
    expect(rankingRows(r)).toEqual([
      {
        bid: 'x',
        evaluatedPriceFen: 100,
        priceScore: 60,
        criteria: { a: 10, b: 10 },
        total: 80.01,
        rank: 1,
        flags: [],
      },
    ]);
  });

  test('report: inputs, steps and digest; the digest ignores key order', async () => {
    const input = tender([
      bid('a', 1_000_000, { size: 'small' }),
      bid('b', 1_080_000),
      bid('u', 1, { qualified: false, scores: {} }),
    ]);
    const rep = await buildScoringReport(input);
    if (!rep.ok) throw new Error('expected a report');
    expect(rep.value.inputDigest).toBe(await digestOf(input));
    expect(rep.value.inputDigest).toMatch(/^[0-9a-f]{64}$/);
    const reordered = JSON.parse(JSON.stringify(input, Object.keys(input).reverse())) as TenderInput;
    const rep2 = await buildScoringReport({ ...reordered, bids: input.bids, criteria: input.criteria });
    expect(rep2.ok && rep2.value.inputDigest).toBe(rep.value.inputDigest);
    expect(rep.value.input).toBe(input);
    const steps = rep.value.steps;
    expect(steps.find((s) => s.kind === 'evaluated_price' && s.bid === 'a')?.formula).toBe(
      '1000000 × (1 − 10% sme) = 900000 fen (round half up)',
    );
    expect(steps.find((s) => s.kind === 'price_score' && s.bid === 'b')?.value).toBe(25);
    expect(steps.find((s) => s.kind === 'excluded')?.bid).toBe('u');
    expect(steps.map((s) => s.n)).toEqual(steps.map((_, i) => i + 1));
    expect(rep.value.ranking).toEqual([
      {
        bid: 'a',
        evaluatedPriceFen: 900_000,
        priceScore: 30,
        criteria: { tech: 40 },
        total: 70,
        rank: 1,
        flags: [],
      },
      {
        bid: 'b',
        evaluatedPriceFen: 1_080_000,
        priceScore: 25,
        criteria: { tech: 40 },
        total: 65,
        rank: 2,
        flags: [],
      },
    ]);
    expect(rep.value.excluded).toEqual([
      { bid: 'u', evaluatedPriceFen: 1, reason: 'failed qualification review', flags: ['unqualified'] },
    ]);
    const text = renderScoringReport(rep.value);
    expect(text).toContain(rep.value.inputDigest);
    expect(text).toContain('1  a  900000  30.00  70.00');
    const bad = await buildScoringReport(tender([bid('a', -1)]));
    expect(bad.ok).toBe(false);
  });
});

describe('奖补 subsidy limit', () => {
  test('湖北: 10 % of the total investment, at most 5,000,000 yuan', () => {
    const rule = { rate: HUBEI_SUBSIDY_RULE.rate, capFen: HUBEI_SUBSIDY_RULE.capFen };
    expect(subsidyLimitFen(20_000_000_00, rule)).toBe(2_000_000_00);
    expect(subsidyLimitFen(50_000_000_00, rule)).toBe(5_000_000_00);
    expect(subsidyLimitFen(80_000_000_00, rule)).toBe(5_000_000_00);
  });
  test('rounds down to the fen, never up', () => {
    expect(subsidyLimitFen(19, { rate: 0.1 })).toBe(1);
    expect(subsidyLimitFen(Number.MAX_SAFE_INTEGER, { rate: 0.1 })).toBe(900_719_925_474_099);
  });
  test('a cap alone, a rate alone, or no rule at all', () => {
    expect(subsidyLimitFen(1_000, { capFen: 300 })).toBe(300);
    expect(subsidyLimitFen(1_000, { rate: 0.15 })).toBe(150);
    expect(subsidyLimitFen(1_000, {})).toBeNull();
  });
});
