// Re-ranks the candidates SQL gathered: explainable features in [0, 1], a weighted score out of 100,
// the reasons behind it, and hard eligibility rules that keep ineligible firms out of the list.
// Scoring is numbers only; breakdowns and reasons are written only for the pairs returned.

import { domainsOf } from '../schemas/scenario.ts';
import { APPLICATION_AREAS, DISTRICTS, labelOf, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import { conceptById, conceptLabel, inferAreas, inferDomains } from './concepts.ts';
import {
  assessRequirement,
  checkEligibility,
  DEFAULT_LEAD_LIMIT,
  describeRequirement,
  isEligible,
  levelsAbove,
  type RequirementAssessment,
  type TimeOf,
  timeParser,
} from './eligibility.ts';
import {
  MATCH_FEATURES,
  type MatchFeature,
  type MatchPair,
  type MatchReason,
  type MatchRequirement,
  type MatchResult,
  type MatchScenario,
  type NearMiss,
  type RankedMatches,
  type RankOptions,
  type ScoreComponent,
} from './types.ts';

/**
 * Weights out of 100. Relevance (text, semantic, domain, area) carries ~70: it is what makes a firm
 * worth a look; the rest orders firms that are about equally relevant.
 */
export const DEFAULT_MATCH_WEIGHTS: Readonly<Record<MatchFeature, number>> = {
  text: 26,
  semantic: 22,
  domain: 12,
  area: 12,
  district: 4,
  certification: 5,
  track_record: 6,
  capacity: 3,
  product: 5,
  feedback: 5,
};

/** Cosines mapped to semantic 0 and 1 for the local embedder (see RankOptions.semanticRange). */
export const DEFAULT_SEMANTIC_RANGE: readonly [number, number] = [0.05, 0.65];
export const DEFAULT_NEAR_MISSES = 5;
export const DEFAULT_NEAR_MISS_MIN_SCORE = 20;

/** Reasons listed first, at most. */
const MAX_POSITIVE_REASONS = 5;
/** Concept labels named in the text reason, at most. */
const MAX_REASON_TERMS = 4;
/** A positive contribution smaller than this is not worth a reason. */
const MIN_REASON_POINTS = 0.5;
/** Feature values an unremarkable firm has anyway; a reason must stand out from these. */
const ORDINARY: Record<MatchFeature, number> = {
  text: 0,
  semantic: 0,
  domain: 0,
  area: 0,
  district: 0.4,
  certification: 0,
  track_record: 0,
  capacity: 0.5,
  product: 0,
  feedback: 0.5,
};
/** A product is proposed when its fit is at least this share of the firm profile's. */
const PRODUCT_COMPARABLE = 0.5;
/** Concepts a focused firm or scenario names; broader documents get less credit per shared concept. */
const FOCUSED_CONCEPTS = 10;
/** Text and concept coverage blend in the text feature when concepts are known. */
const TEXT_BM25_SHARE = 0.55;

const round = (x: number, dp: number) => {
  const f = 10 ** dp;
  return Math.round(x * f) / f;
};
const clamp01 = (x: number) => (x <= 0 || Number.isNaN(x) ? 0 : Math.min(x, 1));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const DOMAIN_CODES = new Set<string>(SOFTWARE_DOMAINS.map((t) => t.code));
const AREA_CODES = new Set<string>(APPLICATION_AREAS.map((t) => t.code));
const WUHAN_DISTRICTS = new Set<string>(DISTRICTS.map((d) => d.code).filter((c) => c !== 'citywide'));

/** Weights merged over the defaults and scaled to sum to 100, so a score is always out of 100. */
export function resolveWeights(
  partial?: Partial<Record<MatchFeature, number>>,
): Record<MatchFeature, number> {
  const merged = { ...DEFAULT_MATCH_WEIGHTS } as Record<MatchFeature, number>;
  for (const f of MATCH_FEATURES) {
    const w = partial?.[f];
    if (typeof w === 'number' && Number.isFinite(w) && w >= 0) merged[f] = w;
  }
  const sum = MATCH_FEATURES.reduce((s, f) => s + merged[f], 0);
  if (sum <= 0) return { ...DEFAULT_MATCH_WEIGHTS };
  for (const f of MATCH_FEATURES) merged[f] = (merged[f] * 100) / sum;
  return merged;
}

/** What every pair of one scenario shares, computed once per call. */
interface ScenarioContext {
  concepts: readonly string[];
  hasConcepts: boolean;
  conceptSet: Set<string>;
  /** The scenario's software domains, primary first (or the one its concepts point to); may be empty. */
  domains: string[];
  area: string | null;
  asksXinchuang: boolean;
  /** Requirements that feed the requirements-fit feature (soft ones, and mandatory certificates). */
  fitRequirements: MatchRequirement[];
}

/**
 * A firm working only in one of the scenario's further domains earns this share of the domain
 * credit: the issuer filed the scenario under its primary domain, so a firm there fits it more
 * closely, but a further domain is declared by the issuer and still counts for most of it.
 */
export const SECONDARY_DOMAIN_CREDIT = 0.8;

/** The valid domain codes of a scenario, primary first; none valid: the one its concepts point to. */
function scenarioDomains(s: MatchScenario, concepts: readonly string[]): string[] {
  const codes = domainsOf(s).filter((d) => DOMAIN_CODES.has(d));
  if (codes.length > 0) return codes;
  const inferred = inferDomains(concepts)[0];
  return inferred ? [inferred] : [];
}

function scenarioContext(s: MatchScenario): ScenarioContext {
  const concepts = s.concepts ?? [];
  return {
    concepts,
    hasConcepts: s.concepts !== undefined,
    conceptSet: new Set(concepts),
    // Imported scenarios may lack codes; their concepts say which domain and area they belong to.
    domains: scenarioDomains(s, concepts),
    area: AREA_CODES.has(s.area) ? s.area : (inferAreas(concepts)[0] ?? null),
    asksXinchuang:
      s.requirements.some((r) => r.kind === 'certification' && r.code?.toUpperCase() === 'XINCHUANG') ||
      concepts.includes('xinchuang'),
    fitRequirements: s.requirements.filter(
      (r) => r.kind !== 'technical' && r.kind !== 'other' && (!r.mandatory || r.kind === 'certification'),
    ),
  };
}

interface Env {
  weights: Record<MatchFeature, number>;
  nowMs: number;
  timeOf: TimeOf;
  scenarioAsks: boolean;
  maxBm25: number;
  semLow: number;
  semSpan: number;
}

/** A scored pair: the feature values and the facts its reasons will cite. */
interface Scored {
  pair: MatchPair;
  ctx: ScenarioContext;
  eligible: boolean;
  score: number;
  values: Record<MatchFeature, number>;
  firmConcepts: Set<string>;
  bestText: number;
  bestSemantic: number;
  domainDeclared: boolean;
  /** The scenario domain the domain credit came from (null when none). */
  domainMatched: string | null;
  areaCases: number;
  areaProduct: string | null;
  fit: { req: MatchRequirement; a: RequirementAssessment; credit: number }[];
  similarCases: number;
  chosen: MatchPair['products'][number] | null;
  demotedPoints: number;
}

/**
 * Ranks the candidate pairs of one query: all pairs share the scenario (firms for a scenario) or the
 * firm (scenarios for a firm). Ineligible pairs never reach `results`; the best of them are near
 * misses with the rules they break. Order is total and independent of input order: score, then
 * text relevance, then firm id, then scenario id. Pairs are expected to be distinct (scenario, firm).
 */
export function rankMatches(pairs: readonly MatchPair[], opts: RankOptions): RankedMatches {
  const [semLow, semHigh] = opts.semanticRange ?? DEFAULT_SEMANTIC_RANGE;
  const timeOf = timeParser();
  let maxBm25 = 0;
  for (const p of pairs) {
    maxBm25 = Math.max(maxBm25, p.firmText.bm25 ?? 0);
    for (const x of p.products) maxBm25 = Math.max(maxBm25, x.text.bm25 ?? 0);
  }
  const first = pairs[0];
  const env: Env = {
    weights: resolveWeights(opts.weights),
    nowMs: timeOf(opts.now),
    timeOf,
    // When one scenario asks, concept coverage is of its concepts; when one firm asks, of the firm's.
    scenarioAsks: !first || pairs.every((p) => p.scenario.id === first.scenario.id),
    maxBm25,
    semLow,
    semSpan: semHigh > semLow ? semHigh - semLow : 1,
  };
  const leadLimit = opts.leadLimit ?? DEFAULT_LEAD_LIMIT;

  const contexts = new Map<string, ScenarioContext>();
  const scored: Scored[] = [];
  for (const pair of pairs) {
    let ctx = contexts.get(pair.scenario.id);
    if (!ctx) {
      ctx = scenarioContext(pair.scenario);
      contexts.set(pair.scenario.id, ctx);
    }
    scored.push(scorePair(pair, ctx, isEligible(pair, env.nowMs, leadLimit, timeOf), env));
  }

  const order = (a: Scored, b: Scored) =>
    b.score - a.score ||
    b.values.text - a.values.text ||
    compareIds(a.pair.firm.id, b.pair.firm.id) ||
    compareIds(a.pair.scenario.id, b.pair.scenario.id);

  const eligible = scored.filter((s) => s.eligible).sort(order);
  const top = opts.top === undefined ? eligible.length : Math.max(0, Math.floor(opts.top));
  const results: MatchResult[] = eligible.slice(0, top).map((s, i) => {
    const { breakdown, reasons } = explain(s, env);
    return {
      scenarioId: s.pair.scenario.id,
      firmId: s.pair.firm.id,
      productId: s.chosen?.product.id ?? null,
      score: s.score,
      rank: i + 1,
      reasons,
      breakdown,
    };
  });

  const minScore = opts.nearMissMinScore ?? DEFAULT_NEAR_MISS_MIN_SCORE;
  const eligibility = { now: opts.now, leadLimit };
  const nearMisses: NearMiss[] = scored
    .filter((s) => !s.eligible && s.score >= minScore)
    .sort(order)
    .slice(0, Math.max(0, Math.floor(opts.nearMisses ?? DEFAULT_NEAR_MISSES)))
    .map((s) => ({
      scenarioId: s.pair.scenario.id,
      firmId: s.pair.firm.id,
      productId: s.chosen?.product.id ?? null,
      score: s.score,
      unmet: checkEligibility(s.pair, eligibility, timeOf),
      reasons: explain(s, env).reasons,
    }));

  return { results, nearMisses };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function scorePair(pair: MatchPair, ctx: ScenarioContext, eligible: boolean, env: Env): Scored {
  const { firm, scenario, products, feedback } = pair;
  const textOf = (bm25: number | null) =>
    bm25 !== null && bm25 > 0 && env.maxBm25 > 0 ? Math.min(1, bm25 / env.maxBm25) : 0;
  const semanticOf = (cos: number | null) => (cos === null ? 0 : clamp01((cos - env.semLow) / env.semSpan));

  // — Text: FTS relevance of the best document, blended with the share of concepts both sides name —
  const firmConcepts = new Set(pair.firmText.concepts ?? []);
  let docsHaveConcepts = pair.firmText.concepts !== undefined;
  for (const p of products) {
    if (p.text.concepts === undefined) continue;
    docsHaveConcepts = true;
    for (const c of p.text.concepts) firmConcepts.add(c);
  }
  const useConcepts = ctx.hasConcepts && docsHaveConcepts;
  const coverageOf = (doc: ReadonlySet<string> | readonly string[] | undefined): number => {
    if (!doc || ctx.conceptSet.size === 0) return 0;
    const docSet = doc instanceof Set ? doc : new Set(doc as readonly string[]);
    let shared = 0;
    for (const c of ctx.conceptSet) if (docSet.has(c)) shared++;
    const [asking, other] = env.scenarioAsks
      ? [ctx.conceptSet.size, docSet.size]
      : [docSet.size, ctx.conceptSet.size];
    if (shared === 0 || asking === 0) return 0;
    // A profile that names everything (智慧城市综合解决方案) covers every scenario a little: past
    // FOCUSED_CONCEPTS concepts, the other side's coverage is damped like BM25's length norm.
    return (shared / asking) * Math.min(1, Math.sqrt(FOCUSED_CONCEPTS / other));
  };

  const firmT = textOf(pair.firmText.bm25);
  const firmS = semanticOf(pair.firmText.cosine);
  let bestText = firmT;
  let bestSemantic = firmS;
  // — Product: the best-fitting one, proposed when it fits about as well as the firm profile —
  const fitOf = (t: number, s: number, concepts: readonly string[] | undefined) =>
    useConcepts ? (t + s + coverageOf(concepts)) / 3 : (t + s) / 2;
  let chosen: MatchPair['products'][number] | null = null;
  let chosenFit = 0;
  for (const p of products) {
    const t = textOf(p.text.bm25);
    const s = semanticOf(p.text.cosine);
    bestText = Math.max(bestText, t);
    bestSemantic = Math.max(bestSemantic, s);
    const fit = fitOf(t, s, p.text.concepts);
    if (fit > chosenFit || (chosen && fit === chosenFit && p.product.id < chosen.product.id)) {
      chosen = p;
      chosenFit = fit;
    }
  }
  if (chosen && chosenFit < PRODUCT_COMPARABLE * fitOf(firmT, firmS, pair.firmText.concepts)) chosen = null;

  const text = useConcepts
    ? TEXT_BM25_SHARE * bestText + (1 - TEXT_BM25_SHARE) * coverageOf(firmConcepts)
    : bestText;
  const semantic = bestSemantic;

  // Domain and area count in full only for a firm whose texts relate to the scenario: a broad domain
  // such as 行业信息化 must not lift every firm in it above a related one from another domain.
  const gate = 0.4 + 0.6 * Math.min(1, Math.max(text, semantic) / 0.5);
  const conceptsWith = (pick: 'domains' | 'areas', code: string) => {
    let n = 0;
    for (const id of firmConcepts)
      if ((conceptById(id)?.[pick] as readonly string[] | undefined)?.includes(code)) n++;
    return n;
  };

  // — Domain: declared by the firm, its products or its cases; else what its concepts cover. Every
  // domain of the scenario counts; a further one earns SECONDARY_DOMAIN_CREDIT of the primary's. —
  let domainDeclared = false;
  let domainMatched: string | null = null;
  let domain = 0;
  ctx.domains.forEach((d, i) => {
    const declared =
      firm.domains.includes(d) ||
      (firm.casesByDomain[d] ?? 0) > 0 ||
      products.some((p) => p.product.domains.includes(d));
    // Concepts are evidence too: a signal-controller maker filed under 嵌入式 does 行业信息化 work.
    const value =
      (declared ? 1 : 0.6 * Math.min(1, conceptsWith('domains', d))) *
      (i === 0 ? 1 : SECONDARY_DOMAIN_CREDIT);
    if (value > domain) {
      domain = value;
      domainDeclared = declared;
      domainMatched = d;
    }
  });

  // — Area: past cases or products there; else what the firm's concepts cover —
  let areaCases = 0;
  let areaProduct: string | null = null;
  let area = 0;
  if (ctx.area) {
    const a = ctx.area;
    areaCases = firm.casesByArea[a] ?? 0;
    let productId = '';
    for (const p of products) {
      if (p.product.areas.includes(a) && (areaProduct === null || p.product.id < productId)) {
        areaProduct = p.product.name;
        productId = p.product.id;
      }
    }
    const declared =
      areaCases > 0 ? 0.85 + 0.15 * Math.min(1, areaCases / 3) : areaProduct !== null ? 0.85 : 0;
    // Two concepts in the area, or a profile mostly about it, count nearly as much as a case there.
    const n = conceptsWith('areas', a);
    const inferred =
      firmConcepts.size > 0 ? 0.8 * Math.min(1, Math.max(n / 2, (2 * n) / firmConcepts.size)) : 0;
    area = Math.max(declared, inferred);
  }

  // — District —
  const localFirm = WUHAN_DISTRICTS.has(firm.district);
  const district =
    !scenario.district || scenario.district === 'citywide'
      ? localFirm
        ? 0.6
        : 0.2
      : firm.district === scenario.district
        ? 1
        : localFirm
          ? 0.4
          : 0;

  // — Requirements fit ("certification"): soft requirements met, certificates above the level asked —
  const fit: Scored['fit'] = [];
  for (const req of ctx.fitRequirements) {
    const a = assessRequirement(req, firm, env.nowMs, env.timeOf);
    if (!a.applicable) continue;
    let credit = a.credit;
    if (a.met && req.kind === 'certification' && req.level !== null) {
      const above = Math.min(2, levelsAbove(req.code ?? '', a.held?.level ?? null, req.level));
      credit = req.mandatory ? 0.8 + 0.1 * above : 0.85 + 0.075 * above;
    }
    fit.push({ req, a, credit: clamp01(credit) });
  }
  const certification = fit.length === 0 ? 0.5 : fit.reduce((s, i) => s + i.credit, 0) / fit.length;

  // — Track record: similar cases, awards and accepted deliveries, log-scaled —
  // A case has one domain, so the sum over the scenario's domains counts each case once.
  const domainCases = ctx.domains.reduce((n, d) => n + (firm.casesByDomain[d] ?? 0), 0);
  const similarCases = Math.max(domainCases, areaCases);
  const record = Math.max(0, similarCases + firm.awards + 1.5 * firm.accepted);
  const trackRecord = clamp01(Math.log1p(record) / Math.log1p(10));

  const capacity = 1 / (1 + Math.max(0, firm.activeLoad) / 3);

  // — Product flags —
  let product = 0;
  if (chosen) {
    const p = chosen.product;
    const deployments = clamp01(Math.log1p(Math.max(0, p.deployments)) / Math.log1p(20));
    const raw =
      0.35 * Number(p.recommendedCatalog) +
      0.25 * Number(p.firstEdition) +
      0.25 * deployments +
      (ctx.asksXinchuang ? 0.15 * Number(p.xinchuang) : 0);
    product = raw / (ctx.asksXinchuang ? 1 : 0.85);
  }

  // — Feedback: the asker's own mark decides; otherwise marks on the firm, with a prior of 2 + 2 —
  const feedbackValue =
    feedback.pair === true
      ? 1
      : feedback.pair === false
        ? 0
        : (Math.max(0, feedback.useful) + 2) /
          (Math.max(0, feedback.useful) + Math.max(0, feedback.notUseful) + 4);

  const values: Record<MatchFeature, number> = {
    text: clamp01(text),
    semantic: clamp01(semantic),
    domain: clamp01(domain * gate),
    area: clamp01(area * gate),
    district,
    certification: clamp01(certification),
    track_record: trackRecord,
    capacity,
    product: clamp01(product),
    feedback: feedbackValue,
  };

  // A pair the asker marked not useful keeps its reasons but sinks: every other feature counts half.
  let demotedPoints = 0;
  if (feedback.pair === false) {
    for (const f of MATCH_FEATURES) {
      if (f === 'feedback') continue;
      demotedPoints += (values[f] * env.weights[f]) / 2;
      values[f] /= 2;
    }
    demotedPoints += 0.5 * env.weights.feedback;
  }

  let sum = 0;
  for (const f of MATCH_FEATURES) sum += round(values[f] * env.weights[f], 4);
  return {
    pair,
    ctx,
    eligible,
    score: Math.min(100, Math.max(0, round(sum, 2))),
    values,
    firmConcepts,
    bestText,
    bestSemantic,
    domainDeclared,
    domainMatched,
    areaCases,
    areaProduct,
    fit,
    similarCases,
    chosen,
    demotedPoints,
  };
}

/** The breakdown and the reasons of a scored pair, in both languages, with concrete facts. */
function explain(s: Scored, env: Env): { breakdown: ScoreComponent[]; reasons: MatchReason[] } {
  const { pair, ctx, values } = s;
  const { firm, scenario, feedback } = pair;
  const breakdown: ScoreComponent[] = MATCH_FEATURES.map((feature) => ({
    feature,
    value: round(values[feature], 4),
    weight: round(env.weights[feature], 4),
    points: round(values[feature] * env.weights[feature], 4),
  }));
  const pointsOf = Object.fromEntries(breakdown.map((c) => [c.feature, c.points])) as Record<
    MatchFeature,
    number
  >;

  // Reasons are ordered by how much they set this firm apart: points above what an unremarkable
  // firm gets (no load, a Wuhan address, no marks), so "当前无在办项目" does not crowd out facts.
  const positive: (MatchReason & { salience: number })[] = [];
  const add = (
    code: MatchFeature,
    zh: string,
    en: string,
    salience = pointsOf[code] - ORDINARY[code] * env.weights[code],
  ) => {
    const points = pointsOf[code];
    if (points >= MIN_REASON_POINTS && salience >= MIN_REASON_POINTS) {
      positive.push({ code, zh, en, points: round(points, 2), salience });
    }
  };

  if (values.text >= 0.1) {
    const terms = ctx.concepts
      .filter((c) => s.firmConcepts.has(c))
      .slice(0, MAX_REASON_TERMS)
      .map(conceptLabel);
    if (terms.length > 0) {
      add(
        'text',
        `关键词命中：${terms.map((t) => t.zh).join('、')}`,
        `Key terms matched: ${terms.map((t) => t.en).join(', ')}`,
      );
    } else if (s.bestText >= 0.5) add('text', '文本高度相关', 'Closely related text');
    else if (s.bestText > 0) add('text', '文本相关', 'Related text');
  }
  if (values.semantic >= 0.15) {
    if (s.bestSemantic >= 0.6) add('semantic', '语义相似度高', 'High semantic similarity');
    else add('semantic', '语义相近', 'Semantically related');
  }
  if (s.domainMatched && values.domain > 0) {
    const zh = labelOf(SOFTWARE_DOMAINS, s.domainMatched);
    const en = labelOf(SOFTWARE_DOMAINS, s.domainMatched, 'en');
    if (s.domainDeclared) add('domain', `领域匹配：${zh}`, `Domain match: ${en}`);
    else add('domain', `业务涉及${zh}`, `Works in ${en}`);
  }
  if (ctx.area && values.area > 0) {
    const zh = labelOf(APPLICATION_AREAS, ctx.area);
    const en = labelOf(APPLICATION_AREAS, ctx.area, 'en');
    if (s.areaCases > 0)
      add('area', `${zh}领域案例 ${s.areaCases} 个`, `${plural(s.areaCases, 'past case')} in ${en}`);
    else if (s.areaProduct !== null)
      add('area', `产品「${s.areaProduct}」适用于${zh}`, `Product “${s.areaProduct}” serves ${en}`);
    else add('area', `业务覆盖${zh}`, `Works in ${en}`);
  }
  if (values.district >= 0.3 && WUHAN_DISTRICTS.has(firm.district)) {
    const zh = labelOf(DISTRICTS, firm.district);
    const en = labelOf(DISTRICTS, firm.district, 'en');
    if (firm.district === scenario.district) add('district', `同在${zh}`, `Same district: ${en}`);
    else add('district', `武汉本地企业（${zh}）`, `Local firm (${en})`);
  }
  const held = s.fit.filter((i) => i.req.kind === 'certification' && i.a.met);
  if (held.length > 0) {
    const texts = held.map((i) => describeRequirement(i.req, firm, i.a));
    const heldPoints =
      (held.reduce((sum, i) => sum + i.credit, 0) * env.weights.certification) / s.fit.length;
    add('certification', texts.map((t) => t.zh).join('、'), texts.map((t) => t.en).join(', '), heldPoints);
  } else if (s.fit.length > 0 && s.fit.every((i) => i.a.met)) {
    add('certification', '满足申报条件', 'Meets the stated requirements');
  }
  {
    const zh: string[] = [];
    const en: string[] = [];
    if (s.similarCases > 0) {
      zh.push(`同类案例 ${s.similarCases} 个`);
      en.push(plural(s.similarCases, 'similar past case'));
    }
    if (firm.awards > 0) {
      zh.push(`平台中标 ${firm.awards} 次`);
      en.push(plural(firm.awards, 'award'));
    }
    if (firm.accepted > 0) {
      zh.push(`验收通过 ${firm.accepted} 项`);
      en.push(plural(firm.accepted, 'accepted delivery', 'accepted deliveries'));
    }
    if (zh.length > 0) add('track_record', zh.join('，'), capitalize(en.join(', ')));
  }
  if (firm.activeLoad <= 0) add('capacity', '当前无在办项目', 'No ongoing workload');
  if (s.chosen && values.product > 0) {
    const p = s.chosen.product;
    const zh: string[] = [];
    const en: string[] = [];
    if (p.recommendedCatalog) {
      zh.push('入选推荐目录');
      en.push('in the recommended catalog');
    }
    if (p.firstEdition) {
      zh.push('首版次软件');
      en.push('first-edition software');
    }
    if (p.xinchuang && ctx.asksXinchuang) {
      zh.push('通过信创适配');
      en.push('Xinchuang-adapted');
    }
    if (p.deployments > 0) {
      zh.push(`已部署 ${p.deployments} 处`);
      en.push(`deployed at ${plural(p.deployments, 'site')}`);
    }
    add('product', `产品「${p.name}」${zh.join('、')}`, `Product “${p.name}”: ${en.join(', ')}`);
  }
  const marks = feedback.useful + feedback.notUseful;
  if (feedback.pair === true) add('feedback', '曾标记为有用', 'Marked useful before');
  else if (feedback.pair === null && feedback.useful > feedback.notUseful && feedback.useful >= 2) {
    add(
      'feedback',
      `反馈多为有用（${feedback.useful}/${marks}）`,
      `Mostly marked useful (${feedback.useful} of ${marks})`,
    );
  }

  const featureIndex = (f: string) => MATCH_FEATURES.indexOf(f as MatchFeature);
  positive.sort((a, b) => b.salience - a.salience || featureIndex(a.code) - featureIndex(b.code));
  const reasons: MatchReason[] = positive
    .slice(0, MAX_POSITIVE_REASONS)
    .map(({ code, zh, en, points }) => ({ code, zh, en, points }));

  // Then what held the pair back: soft requirements not met, and a "not useful" mark.
  for (const i of s.fit) {
    if (i.req.mandatory || i.a.met) continue;
    const text = describeRequirement(i.req, firm, i.a);
    const lost = (env.weights.certification * (1 - i.credit)) / s.fit.length;
    reasons.push({
      code: i.req.kind,
      zh: `${text.zh}（非必须）`,
      en: `${text.en} (optional)`,
      points: -round(lost, 2),
    });
  }
  if (feedback.pair === false) {
    reasons.push({
      code: 'feedback',
      zh: '已标记为没用',
      en: 'Marked not useful',
      points: -round(s.demotedPoints, 2),
    });
  }
  return { breakdown, reasons };
}
