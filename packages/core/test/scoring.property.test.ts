import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  applyDeductions,
  type BidInput,
  roundScore,
  type ScoringResult,
  scoreTender,
  type TenderInput,
} from '../src/scoring/index.ts';

const SIZES = ['large', 'medium', 'small', 'micro'] as const;

/** A valid tender: integer weights summing to 100, 1–8 bids, panels of 1–7, points within each weight. */
const tenderArb = (priceUnit = 1) =>
  fc
    .record({
      priceWeight: fc.integer({ min: 0, max: 60 }),
      split: fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 5 }),
      panel: fc.integer({ min: 1, max: 7 }),
      trimmedMean: fc.boolean(),
      smeDeduction: fc.integer({ min: 10, max: 20 }).map((n) => n / 100),
      lowPriceThreshold: fc.integer({ min: 1, max: 50 }).map((n) => n / 100),
      nBids: fc.integer({ min: 1, max: 8 }),
    })
    .chain(({ priceWeight, split, panel, nBids, ...opts }) => {
      const total = split.reduce((s, x) => s + x, 0);
      const rest = 100 - priceWeight;
      const weights = split.map((x) => Math.floor((x / total) * rest));
      weights[0] = (weights[0] ?? 0) + rest - weights.reduce((s, x) => s + x, 0);
      const criteria = weights.map((weight, i) => ({ id: `c${i}`, weight })).filter((c) => c.weight > 0);
      const bidArb = (i: number) =>
        fc.record({
          id: fc.constant(`b${i}`),
          priceFen: fc.integer({ min: 1, max: 100_000_000 }).map((p) => p * priceUnit),
          size: fc.constantFrom(...SIZES),
          consortiumSmallShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
          submittedAt: fc
            .integer({ min: 0, max: 10 })
            .map((m) => new Date(Date.UTC(2026, 4, 1, 0, m)).toISOString()),
          qualified: fc.boolean(),
          lowPriceAccepted: fc.boolean(),
          scores: fc
            .tuple(
              ...criteria.map((c) =>
                fc.array(fc.double({ min: 0, max: c.weight, noNaN: true }), {
                  minLength: panel,
                  maxLength: panel,
                }),
              ),
            )
            .map((lists) => Object.fromEntries(criteria.map((c, k) => [c.id, lists[k] as number[]]))),
        });
      return fc
        .tuple(...Array.from({ length: nBids }, (_, i) => bidArb(i)))
        .map((bids): TenderInput => ({ priceWeight, criteria, bids: bids as BidInput[], ...opts }));
    });

function score(input: TenderInput): ScoringResult {
  const r = scoreTender(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

test('scores stay within bounds; totals within [0, 100]; deductions never raise a price', () => {
  fc.assert(
    fc.property(tenderArb(), (input) => {
      const r = score(input);
      for (const b of [...r.ranking, ...r.excluded]) {
        expect(b.evaluatedPriceFen).toBeLessThanOrEqual(b.priceFen);
        expect(b.evaluatedPriceFen).toBeGreaterThanOrEqual(1);
        for (const c of input.criteria) {
          const s = b.criteria[c.id]?.score;
          if (s === undefined) continue;
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(c.weight);
        }
      }
      for (const b of r.ranking) {
        expect(b.priceScore).toBeGreaterThanOrEqual(0);
        expect(b.priceScore).toBeLessThanOrEqual(input.priceWeight);
        expect(b.total).toBeGreaterThanOrEqual(0);
        expect(b.total).toBeLessThanOrEqual(100 + 1e-9);
        expect(roundScore(b.total ?? 0)).toBeLessThanOrEqual(100);
      }
    }),
  );
});

test('ranks are a permutation 1..n of the ranked bids, ordered by published total; every bid is accounted for', () => {
  fc.assert(
    fc.property(tenderArb(), (input) => {
      const r = score(input);
      expect(r.ranking.map((b) => b.rank)).toEqual(r.ranking.map((_, i) => i + 1));
      for (let i = 1; i < r.ranking.length; i++)
        expect(roundScore(r.ranking[i - 1]?.total ?? 0)).toBeGreaterThanOrEqual(
          roundScore(r.ranking[i]?.total ?? 0),
        );
      const all = [...r.ranking, ...r.excluded].map((b) => b.bid).sort();
      expect(all).toEqual(input.bids.map((b) => b.id).sort());
      for (const b of r.excluded) {
        expect(b.rank).toBeNull();
        const inp = input.bids.find((x) => x.id === b.bid);
        expect(inp?.qualified === false || (b.abnormallyLow && !inp?.lowPriceAccepted)).toBe(true);
      }
      // the same input, bids shuffled, gives the same ranking
      const reversed = score({ ...input, bids: [...input.bids].reverse() });
      expect(reversed.ranking.map((b) => b.bid)).toEqual(r.ranking.map((b) => b.bid));
    }),
  );
});

test('the lowest evaluated price among ranked bids gets the full price weight', () => {
  fc.assert(
    fc.property(tenderArb(), (input) => {
      const r = score(input);
      if (r.ranking.length === 0) return;
      const lowest = Math.min(...r.ranking.map((b) => b.evaluatedPriceFen));
      expect(r.benchmarkFen).toBe(lowest);
      for (const b of r.ranking.filter((x) => x.evaluatedPriceFen === lowest))
        expect(b.priceScore).toBe(input.priceWeight);
    }),
  );
});

test('scaling every price by a constant leaves price scores, flags and ranking unchanged', () => {
  // Prices in whole 100 yuan (10 000 fen), so every single deduction is exact in fen before and after scaling.
  fc.assert(
    fc.property(tenderArb(10_000), fc.integer({ min: 2, max: 1000 }), (input, k) => {
      const a = score(input);
      const b = score({ ...input, bids: input.bids.map((x) => ({ ...x, priceFen: x.priceFen * k })) });
      expect(b.ranking.map((x) => [x.bid, x.priceScore, x.flags])).toEqual(
        a.ranking.map((x) => [x.bid, x.priceScore, x.flags]),
      );
      expect(b.excluded.map((x) => x.bid)).toEqual(a.excluded.map((x) => x.bid));
    }),
  );
});

test('exact deductions: half-up rounding of price × Π(1 − rate) matches a BigInt reference', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 3 }),
      (price, bps) => {
        const got = applyDeductions(price, bps);
        const num = bps.reduce((n, bp) => n * BigInt(10_000 - bp), BigInt(price)) * 2n;
        const den = 10_000n ** BigInt(bps.length);
        // got − ½ ≤ exact < got + ½
        expect(BigInt(got) * 2n * den - den <= num).toBe(true);
        expect(num < BigInt(got) * 2n * den + den).toBe(true);
        expect(got).toBeLessThanOrEqual(price);
      },
    ),
  );
});
