import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  checkEligibility,
  conceptsIn,
  cosine,
  embedLocal,
  firmDocument,
  MATCH_FEATURES,
  type MatchFirm,
  type MatchPair,
  type MatchProduct,
  type MatchRequirement,
  type MatchScenario,
  type RankedMatches,
  type RankOptions,
  rankMatches,
  scenarioDocument,
} from '../src/matching/index.ts';

const NOW = '2026-06-01T00:00:00.000Z';
const DOMAINS = ['industry-it', 'industrial-software', 'eda', 'automotive', 'geospatial'] as const;
const AREAS = ['transport', 'healthcare', 'manufacturing', 'government', ''] as const;
const DISTRICTS = ['hongshan', 'jiangan', 'wuchang', 'citywide', '', 'elsewhere'] as const;
const CERTS = ['CSMM', 'DCMM', 'ISO27001', 'ITSS', 'XINCHUANG'] as const;
const CONCEPT_IDS = [
  'traffic_signal',
  'vehicle_road',
  'hospital_info',
  'industrial_internet',
  'gis',
  'xinchuang',
];

const optionalNumber = (min: number, max: number) =>
  fc.option(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), { nil: null });

const requirementArb: fc.Arbitrary<MatchRequirement> = fc.record({
  kind: fc.constantFrom('certification', 'size', 'district', 'local_tax', 'experience', 'technical', 'other'),
  code: fc.option(fc.constantFrom(...CERTS, ...DOMAINS), { nil: null }),
  level: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  value: fc.option(fc.constantFrom('small,micro', 'medium', 'hongshan', 'citywide', 'jiangan', ''), {
    nil: null,
  }),
  mandatory: fc.boolean(),
  description: fc.constant('要求'),
});

const scenarioArb = (id: string): fc.Arbitrary<MatchScenario> =>
  fc.record({
    id: fc.constant(id),
    externalId: fc.constant(null),
    kind: fc.constantFrom('scenario', 'challenge'),
    title: fc.constant('场景'),
    domain: fc.constantFrom(...DOMAINS, ''),
    area: fc.constantFrom(...AREAS),
    district: fc.constantFrom(...DISTRICTS),
    callId: fc.option(fc.constant('call'), { nil: null }),
    budgetFen: fc.constant(null),
    deadline: fc.constant(null),
    consortiumAllowed: fc.boolean(),
    requirements: fc.array(requirementArb, { maxLength: 4 }),
    concepts: fc.option(fc.subarray(CONCEPT_IDS), { nil: undefined }),
  });

/** Firms of every kind: approved and not, with and without the certificates and cases asked for. */
const firmArb = (id: string): fc.Arbitrary<MatchFirm> =>
  fc.record({
    id: fc.constant(id),
    externalId: fc.constant(null),
    name: fc.constant(`企业${id}`),
    status: fc.constantFrom('approved', 'approved', 'approved', 'pending', 'rejected', 'suspended'),
    size: fc.option(fc.constantFrom('large', 'medium', 'small', 'micro'), { nil: null }),
    district: fc.constantFrom(...DISTRICTS),
    localTaxResident: fc.boolean(),
    domains: fc.subarray([...DOMAINS]),
    certifications: fc.array(
      fc.record({
        code: fc.constantFrom(...CERTS, 'iso 27001'),
        level: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
        expiresAt: fc.option(
          fc.constantFrom('2025-01-01', '2026-06-01T00:00:00.000Z', '2030-12-31T00:00:00Z'),
          {
            nil: null,
          },
        ),
      }),
      { maxLength: 3 },
    ),
    casesByDomain: fc.dictionary(fc.constantFrom(...DOMAINS, ''), fc.integer({ min: 0, max: 12 }), {
      maxKeys: 3,
    }),
    casesByArea: fc.dictionary(fc.constantFrom(...AREAS), fc.integer({ min: 0, max: 12 }), { maxKeys: 3 }),
    awards: fc.integer({ min: 0, max: 6 }),
    accepted: fc.integer({ min: 0, max: 6 }),
    activeLoad: fc.integer({ min: 0, max: 10 }),
    leadsInCall: fc.constantFrom(0, 0, 0, 1, 2, 3, 4),
    partnerOnScenario: fc.constantFrom(false, false, false, false, true),
  });

const productArb = (id: string): fc.Arbitrary<MatchProduct> =>
  fc.record({
    id: fc.constant(id),
    externalId: fc.constant(null),
    name: fc.constant(`产品${id}`),
    domains: fc.subarray([...DOMAINS]),
    areas: fc.subarray(AREAS.filter(Boolean)),
    recommendedCatalog: fc.boolean(),
    firstEdition: fc.boolean(),
    xinchuang: fc.boolean(),
    deployments: fc.integer({ min: 0, max: 50 }),
  });

const signalArb = fc.record({
  bm25: optionalNumber(0, 30),
  cosine: optionalNumber(-1, 1),
  concepts: fc.option(fc.subarray(CONCEPT_IDS), { nil: undefined }),
});

const feedbackArb = fc.record({
  pair: fc.constantFrom(null, null, true, false),
  useful: fc.integer({ min: 0, max: 20 }),
  notUseful: fc.integer({ min: 0, max: 20 }),
});

const pairRest = (firmId: string) =>
  fc.record({
    firmText: signalArb,
    products: fc
      .integer({ min: 0, max: 3 })
      .chain((n) =>
        fc.tuple(
          ...Array.from({ length: n }, (_, k) =>
            fc.record({ product: productArb(`${firmId}p${k}`), text: signalArb }),
          ),
        ),
      ),
    feedback: feedbackArb,
  });

/** One query's candidates: one scenario and many firms, or one firm and many scenarios. */
const pairsArb: fc.Arbitrary<MatchPair[]> = fc.oneof(
  fc
    .integer({ min: 0, max: 12 })
    .chain((n) =>
      fc
        .tuple(
          scenarioArb('s'),
          fc.tuple(...Array.from({ length: n }, (_, i) => fc.tuple(firmArb(`f${i}`), pairRest(`f${i}`)))),
        )
        .map(([scenario, rows]) => rows.map(([firm, rest]) => ({ scenario, firm, ...rest }))),
    ),
  fc
    .integer({ min: 1, max: 8 })
    .chain((n) =>
      fc
        .tuple(
          firmArb('f'),
          fc.tuple(...Array.from({ length: n }, (_, i) => fc.tuple(scenarioArb(`s${i}`), pairRest('f')))),
        )
        .map(([firm, rows]) => rows.map(([scenario, rest]) => ({ scenario, firm, ...rest }))),
    ),
);

const optsArb: fc.Arbitrary<RankOptions> = fc.record(
  {
    now: fc.constant(NOW),
    top: fc.integer({ min: 0, max: 15 }),
    nearMisses: fc.integer({ min: 0, max: 6 }),
    nearMissMinScore: fc.integer({ min: 0, max: 60 }),
    leadLimit: fc.integer({ min: 1, max: 4 }),
    weights: fc.record(
      Object.fromEntries(MATCH_FEATURES.map((f) => [f, fc.integer({ min: 0, max: 30 })])) as Record<
        (typeof MATCH_FEATURES)[number],
        fc.Arbitrary<number>
      >,
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['now'] },
);

const key = (x: { scenarioId: string; firmId: string }) => `${x.scenarioId}/${x.firmId}`;

test('no pair that breaks a hard rule is ever ranked; near misses all break one', () => {
  const seen = { eligible: 0, ineligible: 0 };
  fc.assert(
    fc.property(pairsArb, optsArb, (pairs, opts) => {
      const ranked = rankMatches(pairs, opts);
      const eligibility = {
        now: opts.now,
        ...(opts.leadLimit === undefined ? {} : { leadLimit: opts.leadLimit }),
      };
      const byKey = new Map(pairs.map((p) => [`${p.scenario.id}/${p.firm.id}`, p]));
      for (const r of ranked.results) {
        const p = byKey.get(key(r));
        expect(p).toBeDefined();
        expect(checkEligibility(p as MatchPair, eligibility)).toEqual([]);
        expect((p as MatchPair).firm.status).toBe('approved');
      }
      for (const n of ranked.nearMisses) {
        expect(n.unmet.length).toBeGreaterThan(0);
        expect(n.unmet).toEqual(checkEligibility(byKey.get(key(n)) as MatchPair, eligibility));
        expect(n.score).toBeGreaterThanOrEqual(opts.nearMissMinScore ?? 20);
      }
      const eligibleCount = pairs.filter((p) => checkEligibility(p, eligibility).length === 0).length;
      expect(ranked.results.length).toBe(Math.min(eligibleCount, opts.top ?? eligibleCount));
      seen.eligible += eligibleCount;
      seen.ineligible += pairs.length - eligibleCount;
    }),
    { numRuns: 300 },
  );
  // The generators must exercise both sides of the rules.
  expect(seen.eligible).toBeGreaterThan(100);
  expect(seen.ineligible).toBeGreaterThan(100);
});

test('scores are within [0, 100] and are the sum of their breakdown; ranks 1..n, scores non-increasing', () => {
  fc.assert(
    fc.property(pairsArb, optsArb, (pairs, opts) => {
      const ranked = rankMatches(pairs, opts);
      ranked.results.forEach((r, i) => {
        expect(r.rank).toBe(i + 1);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        const sum = r.breakdown.reduce((s, c) => s + c.points, 0);
        expect(Math.abs(r.score - sum)).toBeLessThanOrEqual(0.01);
        expect(r.breakdown.map((c) => c.feature)).toEqual([...MATCH_FEATURES]);
        for (const c of r.breakdown) {
          expect(c.value).toBeGreaterThanOrEqual(0);
          expect(c.value).toBeLessThanOrEqual(1);
        }
        expect(r.reasons.filter((x) => x.points > 0).length).toBeLessThanOrEqual(5);
        for (const x of r.reasons) {
          expect(x.zh.length).toBeGreaterThan(0);
          expect(x.en.length).toBeGreaterThan(0);
        }
        if (i > 0) expect(r.score).toBeLessThanOrEqual(ranked.results[i - 1]?.score as number);
        const product = r.productId;
        if (product !== null) {
          const p = pairs.find((x) => x.firm.id === r.firmId && x.scenario.id === r.scenarioId);
          expect(p?.products.map((x) => x.product.id)).toContain(product);
        }
      });
      const weightSum = ranked.results[0]?.breakdown.reduce((s, c) => s + c.weight, 0);
      if (weightSum !== undefined) expect(weightSum).toBeCloseTo(100, 2);
      for (let i = 1; i < ranked.nearMisses.length; i++) {
        expect(ranked.nearMisses[i]?.score).toBeLessThanOrEqual(ranked.nearMisses[i - 1]?.score as number);
      }
    }),
    { numRuns: 300 },
  );
});

test('deterministic: the same input, or the same input shuffled, ranks the same', () => {
  fc.assert(
    fc.property(
      pairsArb.chain((pairs) =>
        fc.tuple(fc.constant(pairs), fc.shuffledSubarray(pairs, { minLength: pairs.length })),
      ),
      optsArb,
      ([pairs, shuffled], opts) => {
        const a: RankedMatches = rankMatches(pairs, opts);
        expect(rankMatches(pairs, opts)).toEqual(a);
        expect(rankMatches(shuffled, opts)).toEqual(a);
      },
    ),
    { numRuns: 200 },
  );
});

test('a firm that names more of the scenario’s concepts never ranks lower, all else equal', () => {
  fc.assert(
    fc.property(scenarioArb('s'), firmArb('a'), fc.subarray(CONCEPT_IDS, { minLength: 1 }), (s, f, extra) => {
      const scenario = { ...s, concepts: CONCEPT_IDS, requirements: [] };
      const firm = { ...f, status: 'approved' as const, leadsInCall: 0, partnerOnScenario: false };
      const base = { scenario, products: [], feedback: { pair: null, useful: 0, notUseful: 0 } };
      const ranked = rankMatches(
        [
          { ...base, firm: { ...firm, id: 'more' }, firmText: { bm25: 3, cosine: 0.3, concepts: extra } },
          { ...base, firm: { ...firm, id: 'less' }, firmText: { bm25: 3, cosine: 0.3, concepts: [] } },
        ],
        { now: NOW },
      );
      expect(ranked.results[0]?.firmId).toBe('more');
    }),
    { numRuns: 100 },
  );
});

test('documents and embeddings: tokens are FTS5-safe, queries well formed, vectors unit or zero', () => {
  const text = fc.string({
    unit: fc.constantFrom(...'交通信号灯配时医院電子病歷工业互联网车路协同ＡＩ GIS，。！"*()_-5g'.split('')),
    maxLength: 60,
  });
  fc.assert(
    fc.property(text, text, (title, body) => {
      const doc = scenarioDocument({ title, summary: body });
      for (const t of doc.tokens.split(' ').filter(Boolean)) expect(t).toMatch(/^[\p{Script=Han}a-z0-9_]+$/u);
      if (doc.tokens === '') expect(doc.query).toBe('');
      else expect(doc.query).toMatch(/^"[\p{Script=Han}a-z0-9_]+"( OR "[\p{Script=Han}a-z0-9_]+")*$/u);
      expect(doc.concepts).toEqual(conceptsIn(`${title}\n${body}`).filter((c) => doc.concepts?.includes(c)));
      const v = embedLocal(doc.text);
      const norm = Math.hypot(...v);
      expect(norm === 0 || Math.abs(norm - 1) < 1e-5).toBe(true);
      expect(embedLocal(doc.text)).toEqual(v);
      const f = firmDocument({ name: title, description: body });
      expect(cosine(v, embedLocal(f.text))).toBeLessThanOrEqual(1 + 1e-6);
    }),
    { numRuns: 200 },
  );
});
