import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import {
  CONCEPTS,
  checkEligibility,
  conceptLabel,
  conceptsIn,
  conceptsOfTokens,
  cosine,
  createLocalEmbedder,
  DEFAULT_MATCH_WEIGHTS,
  embedLocal,
  firmDocument,
  fitDimensions,
  inferAreas,
  inferDomains,
  LOCAL_EMBEDDING_MODEL,
  MATCH_FEATURES,
  MATCH_VECTOR_DIMENSIONS,
  MAX_QUERY_TERMS,
  type MatchFirm,
  type MatchPair,
  type MatchRequirement,
  type MatchScenario,
  productDocument,
  rankMatches,
  SECONDARY_DOMAIN_CREDIT,
  scenarioDocument,
} from '../src/matching/index.ts';
import { indexWords } from '../src/matching/words.ts';
import { domainsOf, ScenarioDraftBody, ScenarioPatchBody } from '../src/schemas/scenario.ts';
import { normalizeText } from '../src/text/normalize.ts';
import { APPLICATION_AREAS, SOFTWARE_DOMAINS } from '../src/vocabulary.ts';

const NOW = '2026-06-01T00:00:00.000Z';

// — Factories: a plain approved firm and scenario, overridden per test —
const scenario = (over: Partial<MatchScenario> = {}): MatchScenario => ({
  id: 's1',
  externalId: null,
  kind: 'challenge',
  title: '路口信号灯配时优化',
  domain: 'industry-it',
  area: 'transport',
  district: 'hongshan',
  callId: 'call-2026',
  budgetFen: 50_000_000,
  deadline: null,
  consortiumAllowed: true,
  requirements: [],
  ...over,
});
const firm = (over: Partial<MatchFirm> = {}): MatchFirm => ({
  id: 'f1',
  externalId: null,
  name: '武汉智行交通科技有限公司',
  status: 'approved',
  size: 'small',
  district: 'hongshan',
  localTaxResident: true,
  domains: ['industry-it'],
  certifications: [],
  casesByDomain: {},
  casesByArea: {},
  awards: 0,
  accepted: 0,
  activeLoad: 0,
  leadsInCall: 0,
  partnerOnScenario: false,
  ...over,
});
const pair = (over: Partial<MatchPair> = {}): MatchPair => ({
  scenario: scenario(),
  firm: firm(),
  firmText: { bm25: 5, cosine: 0.35 },
  products: [],
  feedback: { pair: null, useful: 0, notUseful: 0 },
  ...over,
});
const req = (over: Partial<MatchRequirement>): MatchRequirement => ({
  kind: 'certification',
  code: null,
  level: null,
  value: null,
  mandatory: true,
  description: '',
  ...over,
});

describe('concepts', () => {
  test('synonyms written differently map to the same concept', () => {
    expect(conceptsIn('信号灯配时优化')).toEqual(['traffic_signal']);
    expect(conceptsIn('交通信号控制系统')).toEqual(['traffic_signal']);
    expect(conceptsIn('红绿灯自适应控制，干线绿波协调')).toEqual(['traffic_signal']);
    expect(conceptsIn('工业互联网平台')).toEqual(['industrial_internet']);
    expect(conceptsIn('设备联网与SCADA数据采集')).toEqual(['industrial_internet']);
    expect(conceptsIn('一网通办')).toEqual(conceptsIn('政务服务一体化平台'));
    expect(conceptsIn('数据中台')).toEqual(conceptsIn('数据治理'));
  });

  test('traditional and full-width input fold before matching', () => {
    expect(conceptsIn('車路協同與智能網聯')).toEqual(['vehicle_road']);
    expect(conceptsIn('醫院電子病歷系統')).toEqual(['hospital_info']);
    expect(conceptsIn('ＧＩＳ平台')).toEqual(['gis']);
    expect(conceptsIn('ＡＩ識別')).toEqual(['video_analytics']);
    expect(conceptsIn('ＢＩＭ正向設計')).toContain('bim');
  });

  test('Latin forms match whole words only; the longest synonym wins', () => {
    expect(conceptsIn('email to his friend')).toEqual(['hospital_info']); // "his" is a word; "ai" in email is not
    expect(conceptsIn('emails')).toEqual([]);
    expect(conceptsIn('冷链物流')).toEqual(['cold_chain']);
    expect(conceptsIn('工业物联网')).toEqual(['industrial_internet']);
    expect(conceptsIn('农业物联网')).toEqual(['agri_iot']);
    expect(conceptsIn('物联网')).toEqual(['iot']);
  });

  test('mentions come in order of first mention, each once; the empty text has none', () => {
    expect(conceptsIn('大模型智能客服，大模型知识库')).toEqual(['llm', 'intelligent_qa', 'knowledge_graph']);
    expect(conceptsIn('')).toEqual([]);
    expect(conceptsIn('！？。')).toEqual([]);
  });

  test('the vocabulary is well formed and covers every domain and area', () => {
    expect(CONCEPTS.length).toBeGreaterThanOrEqual(80);
    const ids = new Set<string>();
    const synonyms = new Map<string, string>();
    for (const c of CONCEPTS) {
      expect(c.id).toMatch(/^[a-z0-9_]+$/);
      expect(ids.has(c.id), c.id).toBe(false);
      ids.add(c.id);
      expect(c.zh.length).toBeGreaterThan(0);
      for (const s of c.zh) {
        expect([...s].length, s).toBeGreaterThanOrEqual(2);
        expect(synonyms.get(s), `${s} in ${c.id}`).toBeUndefined();
        synonyms.set(s, c.id);
      }
      for (const s of c.latin ?? []) {
        expect(s).toMatch(/^[a-z0-9-]{2,}$/);
        expect(synonyms.get(s), `${s} in ${c.id}`).toBeUndefined();
        synonyms.set(s, c.id);
      }
      // Each synonym finds its own concept (no longer synonym of another concept swallows it).
      for (const s of [...c.zh, ...(c.latin ?? [])]) expect(conceptsIn(s), s).toEqual([c.id]);
    }
    const domains = new Set(CONCEPTS.flatMap((c) => c.domains ?? []));
    const areas = new Set(CONCEPTS.flatMap((c) => c.areas ?? []));
    for (const d of SOFTWARE_DOMAINS) expect(domains.has(d.code), d.code).toBe(true);
    for (const a of APPLICATION_AREAS) expect(areas.has(a.code), a.code).toBe(true);
  });

  test('labels and inferred areas/domains', () => {
    expect(conceptLabel('traffic_signal')).toEqual({ zh: '交通信号', en: 'Traffic signal control' });
    expect(conceptLabel('nope')).toEqual({ zh: 'nope', en: 'nope' });
    expect(inferAreas(conceptsIn('信号灯配时、车路协同、医院信息系统'))[0]).toBe('transport');
    expect(inferDomains(conceptsIn('EDA 芯片设计 版图设计'))).toEqual(['eda']);
    expect(inferAreas([])).toEqual([]);
  });
});

describe('documents', () => {
  const FTS_SAFE = /^[\p{Script=Han}a-z0-9_]+$/u;

  const signal = scenarioDocument({
    title: '主城区交通信号灯智能配时优化',
    summary: '针对早晚高峰路口拥堵，建设自适应信号控制系统，实现干线绿波协调。',
    problem: '现有信号机多为固定配时，无法根据实时流量调整。',
    goals: '高峰通行效率提升15%',
    kpis: [{ name: '平均延误下降', target: 15, unit: '%' }],
    domain: 'industry-it',
    area: 'transport',
    requirements: [{ description: '具备CSMM三级及以上资质' }],
  });

  test('tokens: FTS5-safe words, two-character words kept, no single characters', () => {
    const tokens = signal.tokens.split(' ');
    for (const t of tokens) expect(t).toMatch(FTS_SAFE);
    expect(tokens).toContain('交通');
    expect(tokens).toContain('路口');
    expect(tokens).toContain('csmm');
    expect(tokens.some((t) => [...t].length < 2)).toBe(false);
    const health = firmDocument({ name: '云医', description: '为医疗机构和产业园区提供服务', domains: [] });
    expect(health.tokens.split(' ')).toEqual(expect.arrayContaining(['医疗', '园区']));
  });

  test('tokens: concept, domain and area tokens; title words count more than body words', () => {
    const tokens = signal.tokens.split(' ');
    expect(tokens).toContain('zc_traffic_signal');
    expect(tokens).toContain('zd_industry_it');
    expect(tokens).toContain('za_transport');
    expect(signal.concepts).toEqual(['traffic_signal', 'traffic_flow']);
    expect(conceptsOfTokens(signal.tokens)).toEqual(['traffic_signal', 'traffic_flow']);
    const count = (w: string) => tokens.filter((t) => t === w).length;
    expect(count('城区')).toBeGreaterThan(count('流量')); // title vs problem
    expect(count('zc_traffic_signal')).toBeGreaterThanOrEqual(2);
  });

  test('a scenario document carries every domain as a zd_ token, primary first', () => {
    const doc = scenarioDocument({
      title: '银行反欺诈风险监测',
      domain: 'industry-it',
      secondaryDomains: ['cybersecurity', 'industry-it'],
      area: 'finance',
    });
    const tokens = doc.tokens.split(' ');
    expect(tokens).toContain('zd_industry_it');
    expect(tokens).toContain('zd_cybersecurity');
    expect(doc.query).toContain('"zd_cybersecurity"');
    expect(doc.text).toContain('行业信息化、网络安全软件');
  });

  test('query: quoted OR of distinct tokens, concepts first, bounded, never empty for content', () => {
    const terms = signal.query.split(' OR ');
    expect(terms.length).toBeGreaterThan(3);
    expect(terms.length).toBeLessThanOrEqual(MAX_QUERY_TERMS);
    for (const t of terms) expect(t).toMatch(/^"[\p{Script=Han}a-z0-9_]+"$/u);
    expect(new Set(terms).size).toBe(terms.length);
    expect(terms[0]).toBe('"zc_traffic_signal"');
    expect(terms).toContain('"zd_industry_it"');
    expect(terms).toContain('"交通"');
    expect(scenarioDocument({ title: '交通' }).query).toContain('"交通"');
  });

  test('a document with nothing to index has no tokens and an empty query (callers skip FTS)', () => {
    const empty = scenarioDocument({ title: '！？' });
    expect(empty).toMatchObject({ tokens: '', query: '', concepts: [] });
    expect(productDocument({ name: '' }).query).toBe('');
  });

  test('firm and product documents: capability, cases and products are indexed; codes become tokens', () => {
    const doc = firmDocument({
      name: '武汉智行交通科技有限公司',
      capability: '城市交通信号控制与车路协同',
      description: '专注交通信控系统研发。',
      domains: ['industry-it', 'automotive', 'not-a-domain'],
      cases: [
        { title: '江岸区智能信控改造', description: '60个路口', domain: 'industry-it', area: 'transport' },
      ],
      products: [{ name: '智行信控平台', summary: '交通信号控制平台' }],
    });
    const tokens = doc.tokens.split(' ');
    expect(tokens).toEqual(
      expect.arrayContaining(['zd_industry_it', 'zd_automotive', 'za_transport', 'zc_vehicle_road']),
    );
    expect(tokens.some((t) => t.startsWith('zd_not'))).toBe(false);
    expect(tokens).not.toContain('有限公司');
    expect(doc.text).toContain('业务领域：行业信息化、汽车软件');
    expect(doc.text).toContain('智行信控平台');
    const product = productDocument({
      name: '智行信控平台',
      summary: '红绿灯自适应控制',
      areas: ['transport'],
      firmName: 'X',
    });
    expect(product.concepts).toEqual(['traffic_signal']);
    expect(product.tokens).toContain('za_transport');
    // Without an explicit area, the concepts' area stands in once.
    expect(scenarioDocument({ title: '医院电子病历升级' }).tokens).toContain('za_healthcare');
  });
});

describe('embedder', () => {
  test('deterministic, unit length, fixed dimensions, model name', async () => {
    const e = createLocalEmbedder();
    expect(e.model).toBe(LOCAL_EMBEDDING_MODEL);
    expect(e.dimensions).toBe(MATCH_VECTOR_DIMENSIONS);
    const [a, b] = await e.embed(['城市交通信号控制', '城市交通信号控制']);
    expect(a).toEqual(b);
    expect(a).toHaveLength(256);
    expect(Math.hypot(...(a as Float32Array))).toBeCloseTo(1, 5);
  });

  test('texts saying the same thing with different words are closer than unrelated texts', () => {
    const signal = embedLocal('路口信号灯配时优化，缓解早晚高峰拥堵');
    const synonym = embedLocal('提供交通信号控制系统，支持绿波协调与自适应控制');
    const related = embedLocal('城市智慧停车诱导与泊位共享平台');
    const unrelated = embedLocal('医院电子病历系统与互联网医院建设');
    expect(cosine(signal, synonym)).toBeGreaterThan(cosine(signal, related));
    expect(cosine(signal, related)).toBeGreaterThan(cosine(signal, unrelated));
    expect(cosine(signal, synonym)).toBeGreaterThan(0.3);
    expect(cosine(signal, unrelated)).toBeLessThan(0.15);
    // Traditional and full-width input embed like their normal form.
    expect(cosine(embedLocal('車路協同'), embedLocal('车路协同'))).toBeCloseTo(1, 5);
  });

  test('the empty text is the zero vector (store NULL for it)', () => {
    expect(embedLocal('').every((x) => x === 0)).toBe(true);
    expect(embedLocal('。，！').every((x) => x === 0)).toBe(true);
    expect(cosine(embedLocal(''), embedLocal('交通'))).toBe(0);
  });

  test('fitDimensions truncates or pads, then normalises; cosine', () => {
    expect(Array.from(fitDimensions([3, 4, 12], 2))).toEqual([0.6000000238418579, 0.800000011920929]);
    const padded = fitDimensions([0, 2], 4);
    expect(Array.from(padded)).toEqual([0, 1, 0, 0]);
    expect(Array.from(fitDimensions([0, 0], 3))).toEqual([0, 0, 0]);
    expect(cosine([1, 0], [0, 1])).toBe(0);
    expect(cosine([1, 1], [2, 2])).toBeCloseTo(1, 10);
    expect(cosine([1, 0], [-1, 0])).toBe(-1);
  });
});

describe('eligibility', () => {
  const unmet = (p: MatchPair, leadLimit?: number) =>
    checkEligibility(p, { now: NOW, ...(leadLimit === undefined ? {} : { leadLimit }) });

  test('an approved firm with no requirements is eligible', () => {
    expect(unmet(pair())).toEqual([]);
  });

  test('status', () => {
    expect(unmet(pair({ firm: firm({ status: 'pending' }) }))).toEqual([
      { rule: 'status', zh: '企业状态为待审核，需审核通过', en: 'Firm status is pending; must be approved' },
    ]);
  });

  test('certification: level, lower level held, expired, any level, ungraded', () => {
    const csmm3 = scenario({ requirements: [req({ code: 'CSMM', level: 3 })] });
    const withCerts = (certifications: MatchFirm['certifications']) =>
      unmet(pair({ scenario: csmm3, firm: firm({ certifications }) }));
    expect(withCerts([{ code: 'CSMM', level: 2, expiresAt: null }])).toEqual([
      { rule: 'certification', zh: '缺少 CSMM 三级（持有二级）', en: 'Missing CSMM level 3 (holds level 2)' },
    ]);
    expect(withCerts([])).toEqual([
      { rule: 'certification', zh: '缺少 CSMM 三级', en: 'Missing CSMM level 3' },
    ]);
    expect(withCerts([{ code: 'CSMM', level: 3, expiresAt: '2026-03-31' }])).toEqual([
      {
        rule: 'certification',
        zh: 'CSMM 三级 证书已于 2026-03-31 过期',
        en: 'CSMM level 3 certificate expired on 2026-03-31',
      },
    ]);
    expect(withCerts([{ code: 'CSMM', level: 3, expiresAt: '2027-03-31' }])).toEqual([]);
    expect(withCerts([{ code: 'CSMM', level: 5, expiresAt: null }])).toEqual([]);
    // Expiring exactly now no longer counts.
    expect(withCerts([{ code: 'CSMM', level: 3, expiresAt: NOW }])).toHaveLength(1);

    const anyLevel = scenario({ requirements: [req({ code: 'ISO27001' })] });
    expect(unmet(pair({ scenario: anyLevel }))).toEqual([
      { rule: 'certification', zh: '缺少 ISO 27001', en: 'Missing ISO 27001' },
    ]);
    expect(
      unmet(
        pair({
          scenario: anyLevel,
          firm: firm({ certifications: [{ code: 'iso 27001', level: null, expiresAt: null }] }),
        }),
      ),
    ).toEqual([]);
  });

  test('certification: ITSS grades run the other way (一级 is the highest)', () => {
    const itss2 = scenario({ requirements: [req({ code: 'ITSS', level: 2 })] });
    const holds = (level: number) =>
      unmet(
        pair({ scenario: itss2, firm: firm({ certifications: [{ code: 'ITSS', level, expiresAt: null }] }) }),
      );
    expect(holds(1)).toEqual([]);
    expect(holds(2)).toEqual([]);
    expect(holds(3)).toEqual([
      { rule: 'certification', zh: '缺少 ITSS 二级（持有三级）', en: 'Missing ITSS level 2 (holds level 3)' },
    ]);
  });

  test('size, district, local tax, experience', () => {
    const small = scenario({ requirements: [req({ kind: 'size', value: 'small,micro' })] });
    expect(unmet(pair({ scenario: small, firm: firm({ size: 'medium' }) }))).toEqual([
      {
        rule: 'size',
        zh: '企业规模为中型，需为小型或微型企业',
        en: 'Firm size is medium; must be small or micro',
      },
    ]);
    expect(unmet(pair({ scenario: small, firm: firm({ size: null }) }))[0]?.zh).toBe(
      '企业规模未填报，需为小型或微型企业',
    );
    expect(unmet(pair({ scenario: small, firm: firm({ size: 'micro' }) }))).toEqual([]);

    const hongshan = scenario({ requirements: [req({ kind: 'district', value: 'hongshan' })] });
    expect(unmet(pair({ scenario: hongshan, firm: firm({ district: 'jiangan' }) }))).toEqual([
      {
        rule: 'district',
        zh: '需在洪山区注册（注册地：江岸区）',
        en: "Must be registered in Hongshan District (registered in Jiang'an District)",
      },
    ]);
    const citywide = scenario({ requirements: [req({ kind: 'district', value: 'citywide' })] });
    expect(unmet(pair({ scenario: citywide, firm: firm({ district: 'jiangan' }) }))).toEqual([]);

    const tax = scenario({ requirements: [req({ kind: 'local_tax' })] });
    expect(unmet(pair({ scenario: tax, firm: firm({ localTaxResident: false }) }))).toEqual([
      { rule: 'local_tax', zh: '需在武汉市注册并纳税', en: 'Must be registered and pay tax in Wuhan' },
    ]);

    const experience = scenario({
      requirements: [req({ kind: 'experience', code: 'industrial-software', level: 2 })],
    });
    expect(
      unmet(pair({ scenario: experience, firm: firm({ casesByDomain: { 'industrial-software': 1 } }) })),
    ).toEqual([
      {
        rule: 'experience',
        zh: '需有工业软件领域同类案例 2 个（现有 1 个）',
        en: 'Needs 2 past cases in Industrial software (has 1)',
      },
    ]);
    const anyExperience = scenario({ requirements: [req({ kind: 'experience', level: 3 })] });
    expect(
      unmet(pair({ scenario: anyExperience, firm: firm({ casesByDomain: { eda: 1, '': 2 } }) })),
    ).toEqual([]);
  });

  test('lead limit and consortium partner', () => {
    expect(unmet(pair({ firm: firm({ leadsInCall: 3 }) }))).toEqual([
      {
        rule: 'lead_limit',
        zh: '本批次已牵头 3 个申报（上限 3）',
        en: 'Already leads 3 applications in this call (limit 3)',
      },
    ]);
    expect(unmet(pair({ firm: firm({ leadsInCall: 3 }) }), 5)).toEqual([]);
    expect(unmet(pair({ firm: firm({ partnerOnScenario: true }) }))).toEqual([
      {
        rule: 'consortium',
        zh: '已作为联合体成员参与本场景，不得另行申报',
        en: 'Already a consortium partner on this scenario; may not apply separately',
      },
    ]);
  });

  test('soft requirements and panel-only kinds never make a firm ineligible; rules come in a fixed order', () => {
    const soft = scenario({
      requirements: [
        req({ code: 'CSMM', level: 5, mandatory: false }),
        req({ kind: 'technical', description: '支持国产数据库', mandatory: true }),
        req({ kind: 'local_tax', mandatory: false }),
      ],
    });
    expect(unmet(pair({ scenario: soft, firm: firm({ localTaxResident: false }) }))).toEqual([]);
    const many = unmet(
      pair({
        scenario: scenario({ requirements: [req({ kind: 'local_tax' })] }),
        firm: firm({ status: 'suspended', localTaxResident: false, leadsInCall: 4, partnerOnScenario: true }),
      }),
    );
    expect(many.map((u) => u.rule)).toEqual(['status', 'local_tax', 'lead_limit', 'consortium']);
  });
});

describe('ranking', () => {
  test('a worked example, checked by hand', () => {
    // A: the best text (bm25 10 = max → 1), cosine 0.65 → semantic 1, declared domain, 3 transport
    //    cases (area 1), same district, no requirements (0.5), record 3 + 1 award + 1.5×2 accepted = 7
    //    → ln 8 / ln 11, no load, no product, no marks (0.5).
    const a = pair({
      firm: firm({
        id: 'fa',
        casesByDomain: { 'industry-it': 3 },
        casesByArea: { transport: 3 },
        awards: 1,
        accepted: 2,
      }),
      firmText: { bm25: 10, cosine: 0.65 },
    });
    // B: half the text (0.5), cosine 0.35 → 0.5, another domain, no cases, another Wuhan district (0.4),
    //    load 3 (capacity 0.5), 6 useful marks → (6 + 2) / (6 + 4) = 0.8.
    const b = pair({
      firm: firm({ id: 'fb', domains: ['eda'], district: 'jiangan', activeLoad: 3 }),
      firmText: { bm25: 5, cosine: 0.35 },
      feedback: { pair: null, useful: 6, notUseful: 0 },
    });
    // C: as good as A but not a Wuhan taxpayer where the scenario requires it → a near miss.
    const c = pair({ ...a, firm: firm({ ...a.firm, id: 'fc', localTaxResident: false }) });
    const s = scenario({ requirements: [req({ kind: 'local_tax' })] });
    const ranked = rankMatches(
      [b, c, a].map((p) => ({ ...p, scenario: s })),
      { now: NOW },
    );

    const trackA = Math.log(8) / Math.log(11);
    const scoreA = 26 + 22 + 12 + 12 + 4 + 0.5 * 5 + trackA * 6 + 3 + 0 + 0.5 * 5;
    const scoreB = 0.5 * 26 + 0.5 * 22 + 0 + 0 + 0.4 * 4 + 0.5 * 5 + 0 + 0.5 * 3 + 0 + 0.8 * 5;
    expect(ranked.results.map((r) => [r.firmId, r.rank])).toEqual([
      ['fa', 1],
      ['fb', 2],
    ]);
    expect(ranked.results[0]?.score).toBeCloseTo(scoreA, 2);
    expect(ranked.results[1]?.score).toBeCloseTo(scoreB, 2);
    expect(scoreB).toBeCloseTo(33.6, 10);

    expect(ranked.nearMisses).toHaveLength(1);
    expect(ranked.nearMisses[0]).toMatchObject({
      firmId: 'fc',
      unmet: [
        { rule: 'local_tax', zh: '需在武汉市注册并纳税', en: 'Must be registered and pay tax in Wuhan' },
      ],
    });
    expect(ranked.nearMisses[0]?.score).toBeCloseTo(scoreA, 2);

    const top = ranked.results[0];
    expect(top?.breakdown.map((c) => c.feature)).toEqual([...MATCH_FEATURES]);
    expect(top?.breakdown.find((c) => c.feature === 'track_record')?.value).toBeCloseTo(trackA, 4);
    expect(top?.reasons.map((r) => r.zh)).toEqual([
      '文本高度相关',
      '语义相似度高',
      '领域匹配：行业信息化',
      '智慧交通领域案例 3 个',
      '同类案例 3 个，平台中标 1 次，验收通过 2 项',
    ]);
    expect(top?.reasons[4]?.en).toBe('3 similar past cases, 1 award, 2 accepted deliveries');
    for (const r of [...(top?.reasons ?? []), ...(ranked.results[1]?.reasons ?? [])]) {
      expect(r.zh).not.toBe('');
      expect(r.en).not.toBe('');
      expect(r.en).not.toMatch(/\p{Script=Han}/u);
    }
  });

  test('default weights sum to 100; custom weights are rescaled to 100', () => {
    expect(Object.values(DEFAULT_MATCH_WEIGHTS).reduce((s, w) => s + w, 0)).toBe(100);
    const only = rankMatches([pair({ firmText: { bm25: 1, cosine: null } })], {
      now: NOW,
      weights: {
        text: 1,
        semantic: 0,
        domain: 0,
        area: 0,
        district: 0,
        certification: 0,
        track_record: 0,
        capacity: 0,
        product: 0,
        feedback: 0,
      },
    });
    expect(only.results[0]?.score).toBe(100);
  });

  test('concepts: matched terms are named, and coverage lifts the firm that names the scenario’s concepts', () => {
    const concepts = conceptsIn('信号灯配时优化 车路协同试点');
    const s = scenario({ concepts });
    const named = pair({
      scenario: s,
      firm: firm({ id: 'named' }),
      firmText: { bm25: 4, cosine: 0.3, concepts: ['traffic_signal', 'vehicle_road'] },
    });
    const other = pair({
      scenario: s,
      firm: firm({ id: 'other' }),
      firmText: { bm25: 4, cosine: 0.3, concepts: ['hospital_info'] },
    });
    const ranked = rankMatches([other, named], { now: NOW });
    expect(ranked.results.map((r) => r.firmId)).toEqual(['named', 'other']);
    expect(ranked.results[0]?.reasons[0]).toMatchObject({
      code: 'text',
      zh: '关键词命中：交通信号、车路协同',
      en: 'Key terms matched: Traffic signal control, Vehicle–road cooperation (V2X)',
    });
  });

  test('a firm outside the declared domain earns domain and area from its concepts', () => {
    const s = scenario({ concepts: ['traffic_signal'] });
    const ranked = rankMatches(
      [
        pair({
          scenario: s,
          firm: firm({ domains: ['eda'] }),
          firmText: { bm25: 3, cosine: 0.5, concepts: ['traffic_signal', 'smart_transport', 'vehicle_road'] },
        }),
      ],
      { now: NOW },
    );
    const value = (f: string) => ranked.results[0]?.breakdown.find((c) => c.feature === f)?.value;
    expect(value('domain')).toBeCloseTo(0.6, 4);
    expect(value('area')).toBeCloseTo(0.8, 4);
    expect(ranked.results[0]?.reasons.map((r) => r.zh)).toContain('业务覆盖智慧交通');
  });

  test('several domains: a firm in a further domain earns partial domain credit, named in the reason', () => {
    const s = scenario({ domain: 'industry-it', secondaryDomains: ['cybersecurity'] });
    const ranked = rankMatches(
      [
        pair({ scenario: s, firm: firm({ id: 'f-primary', domains: ['industry-it'] }) }),
        pair({ scenario: s, firm: firm({ id: 'f-secondary', domains: ['cybersecurity'] }) }),
        pair({ scenario: s, firm: firm({ id: 'f-neither', domains: ['eda'] }) }),
        pair({
          scenario: s,
          firm: firm({ id: 'f-both', domains: ['cybersecurity', 'industry-it'] }),
        }),
      ],
      { now: NOW },
    );
    const of = (id: string) => ranked.results.find((r) => r.firmId === id);
    const domain = (id: string) => of(id)?.breakdown.find((c) => c.feature === 'domain')?.value;
    expect(domain('f-primary')).toBe(1);
    expect(domain('f-both')).toBe(1);
    expect(domain('f-secondary')).toBeCloseTo(SECONDARY_DOMAIN_CREDIT, 4);
    expect(domain('f-neither')).toBe(0);
    expect(of('f-secondary')?.reasons.find((r) => r.code === 'domain')).toMatchObject({
      zh: '领域匹配：网络安全软件',
      en: 'Domain match: Cybersecurity software',
    });
    expect(of('f-both')?.reasons.find((r) => r.code === 'domain')?.zh).toBe('领域匹配：行业信息化');
    // Without the further domain, the cybersecurity firm had no domain credit at all.
    const alone = rankMatches([pair({ firm: firm({ id: 'f-secondary', domains: ['cybersecurity'] }) })], {
      now: NOW,
    });
    expect(alone.results[0]?.breakdown.find((c) => c.feature === 'domain')?.value).toBe(0);
  });

  test('several domains: similar cases count over all of the scenario’s domains', () => {
    const cases = { cybersecurity: 2, 'industry-it': 1, eda: 5 };
    const record = (secondaryDomains: string[]) =>
      rankMatches(
        [pair({ scenario: scenario({ secondaryDomains }), firm: firm({ casesByDomain: cases }) })],
        { now: NOW },
      ).results[0]?.breakdown.find((c) => c.feature === 'track_record')?.value ?? 0;
    expect(record(['cybersecurity'])).toBeCloseTo(Math.log1p(3) / Math.log1p(10), 4);
    expect(record([])).toBeCloseTo(Math.log1p(1) / Math.log1p(10), 4);
  });

  test('soft requirements: credit for levels above, negative reasons for what is missing', () => {
    const s = scenario({
      requirements: [
        req({ code: 'CSMM', level: 3, mandatory: true }),
        req({ code: 'ISO27001', mandatory: false }),
        req({ kind: 'size', value: 'small,micro', mandatory: false }),
      ],
    });
    const f = firm({ size: 'large', certifications: [{ code: 'CSMM', level: 4, expiresAt: null }] });
    const ranked = rankMatches([pair({ scenario: s, firm: f })], { now: NOW });
    const r = ranked.results[0];
    // CSMM 四级 for 三级 (mandatory): 0.8 + 0.1; ISO missing: 0; size unmet: 0 → 0.9 / 3.
    expect(r?.breakdown.find((c) => c.feature === 'certification')?.value).toBeCloseTo(0.3, 4);
    expect(r?.reasons.map((x) => x.zh)).toEqual(
      expect.arrayContaining([
        '持有 CSMM 四级',
        '缺少 ISO 27001（非必须）',
        '企业规模为大型，需为小型或微型企业（非必须）',
      ]),
    );
    const negative = r?.reasons.filter((x) => x.points < 0) ?? [];
    expect(negative.map((x) => x.en)).toEqual([
      'Missing ISO 27001 (optional)',
      'Firm size is large; must be small or micro (optional)',
    ]);
    expect(negative[0]?.points).toBeCloseTo(-5 / 3, 2);
  });

  test('products: the best-fitting product is proposed and its flags count', () => {
    const product = (id: string, bm25: number, cosine: number, over = {}) => ({
      product: {
        id,
        externalId: null,
        name: `产品${id}`,
        domains: ['industry-it'],
        areas: ['transport'],
        recommendedCatalog: false,
        firstEdition: false,
        xinchuang: false,
        deployments: 0,
        ...over,
      },
      text: { bm25, cosine },
    });
    const ranked = rankMatches(
      [
        pair({
          firmText: { bm25: 5, cosine: 0.3 },
          products: [
            product('p2', 2, 0.1),
            product('p1', 6, 0.4, { recommendedCatalog: true, deployments: 12 }),
          ],
        }),
      ],
      { now: NOW },
    );
    expect(ranked.results[0]?.productId).toBe('p1');
    expect(ranked.results[0]?.reasons.map((r) => r.zh)).toContain('产品「产品p1」入选推荐目录、已部署 12 处');
    const weak = rankMatches(
      [pair({ firmText: { bm25: 5, cosine: 0.5 }, products: [product('p3', 0.5, 0.06)] })],
      {
        now: NOW,
      },
    );
    expect(weak.results[0]?.productId).toBeNull();
  });

  test('feedback: a pair marked not useful sinks below an equal one, and says why', () => {
    const ranked = rankMatches(
      [
        pair({ firm: firm({ id: 'a' }), feedback: { pair: false, useful: 0, notUseful: 0 } }),
        pair({ firm: firm({ id: 'b' }) }),
        pair({ firm: firm({ id: 'c' }), feedback: { pair: true, useful: 0, notUseful: 0 } }),
      ],
      { now: NOW },
    );
    expect(ranked.results.map((r) => r.firmId)).toEqual(['c', 'b', 'a']);
    expect(ranked.results[2]?.reasons.at(-1)).toMatchObject({
      code: 'feedback',
      zh: '已标记为没用',
      en: 'Marked not useful',
    });
    expect(ranked.results[0]?.reasons.map((r) => r.zh)).toContain('曾标记为有用');
    expect((ranked.results[0]?.score ?? 0) - (ranked.results[2]?.score ?? 0)).toBeGreaterThan(20);
  });

  test('top, near-miss limits, ties broken by text then id', () => {
    const pairs = ['f3', 'f1', 'f2', 'f4'].map((id) => pair({ firm: firm({ id }) }));
    const ranked = rankMatches(pairs, { now: NOW, top: 2 });
    expect(ranked.results.map((r) => r.firmId)).toEqual(['f1', 'f2']);
    const blocked = ['n1', 'n2', 'n3'].map((id) => pair({ firm: firm({ id, status: 'pending' }) }));
    expect(rankMatches(blocked, { now: NOW, nearMisses: 2 }).nearMisses.map((n) => n.firmId)).toEqual([
      'n1',
      'n2',
    ]);
    expect(rankMatches(blocked, { now: NOW, nearMissMinScore: 99 }).nearMisses).toEqual([]);
    expect(rankMatches([], { now: NOW })).toEqual({ results: [], nearMisses: [] });
  });

  test('the other direction: scenarios ranked for one firm', () => {
    const f = firm({ id: 'me', domains: ['industrial-software'], casesByArea: { manufacturing: 2 } });
    const ranked = rankMatches(
      [
        pair({
          scenario: scenario({ id: 'far', domain: 'eda', area: 'healthcare' }),
          firm: f,
          firmText: { bm25: 1, cosine: 0.1 },
        }),
        pair({
          scenario: scenario({ id: 'near', domain: 'industrial-software', area: 'manufacturing' }),
          firm: f,
          firmText: { bm25: 8, cosine: 0.5 },
        }),
      ],
      { now: NOW },
    );
    expect(ranked.results.map((r) => r.scenarioId)).toEqual(['near', 'far']);
    expect(ranked.results[0]?.reasons.map((r) => r.zh)).toContain('领域匹配：工业软件');
  });

  test('end to end: documents, embeddings and ranking prefer the firm that does the job', () => {
    const sDoc = scenarioDocument({
      title: '汛期城市积水点实时监测预警',
      summary: '在易涝点部署水位传感器，联动应急调度。',
      domain: 'industry-it',
      area: 'emergency',
    });
    const firms = [
      {
        id: 'flood',
        capability: '城市内涝监测',
        description: '积水点水位监测、排水管网监测与防汛调度。',
        domains: ['industry-it'],
      },
      {
        id: 'school',
        capability: '智慧校园',
        description: '平安校园、校园一卡通与数字校园管理平台。',
        domains: ['industry-it'],
      },
      {
        id: 'chip',
        capability: '芯片设计EDA工具',
        description: '模拟电路仿真、版图设计与时序分析工具。',
        domains: ['eda'],
      },
    ].map((f) => ({ f, doc: firmDocument({ name: f.id, ...f }) }));
    const sVec = embedLocal(sDoc.text);
    const ranked = rankMatches(
      firms.map(({ f, doc }) =>
        pair({
          scenario: scenario({ domain: 'industry-it', area: 'emergency', concepts: sDoc.concepts ?? [] }),
          firm: firm({ id: f.id, domains: f.domains }),
          firmText: {
            bm25: f.id === 'flood' ? 6 : 0.5,
            cosine: cosine(sVec, embedLocal(doc.text)),
            concepts: doc.concepts ?? [],
          },
        }),
      ),
      { now: NOW },
    );
    expect(ranked.results.map((r) => r.firmId)).toEqual(['flood', 'school', 'chip']);
    expect(ranked.results[0]?.reasons[0]?.zh).toMatch(/^关键词命中：/);
  });
});

describe('segmentation', () => {
  test('a character the segmenter leaves after a word is joined to it (自行车, 数据库)', () => {
    expect(indexWords(normalizeText('电动自行车交通违法治理'))).toContain('自行车');
    expect(indexWords(normalizeText('政务系统国产数据库迁移'))).toContain('数据库');
    // Grammatical characters never join: 与 in 巡查与变化.
    expect(indexWords(normalizeText('巡查与变化发现')).some((w) => w.includes('与'))).toBe(false);
  });
});

describe('scenario domains', () => {
  test('domainsOf lists the primary domain first, each domain once', () => {
    expect(
      domainsOf({ domain: 'industry-it', secondaryDomains: ['cybersecurity', 'industry-it', 'eda'] }),
    ).toEqual(['industry-it', 'cybersecurity', 'eda']);
    expect(domainsOf({ domain: 'eda' })).toEqual(['eda']);
    expect(domainsOf({ domain: null, secondaryDomains: ['eda'] })).toEqual(['eda']);
  });

  const draft = {
    kind: 'scenario',
    title: '银行反欺诈',
    domain: 'industry-it',
    area: 'finance',
    district: 'jiangan',
  };
  const paths = (schema: v.GenericSchema, value: unknown) => {
    const r = v.safeParse(schema, value);
    return r.success ? [] : r.issues.map((i) => v.getDotPath(i));
  };

  test('further domains: codes, each once, not the primary one, at most three — each named by index', () => {
    expect(v.parse(ScenarioDraftBody, draft).secondaryDomains).toEqual([]);
    expect(paths(ScenarioDraftBody, { ...draft, secondaryDomains: ['cybersecurity', 'eda'] })).toEqual([]);
    expect(paths(ScenarioDraftBody, { ...draft, secondaryDomains: ['cybersecurity', 'quantum'] })).toEqual([
      'secondaryDomains.1',
    ]);
    expect(paths(ScenarioDraftBody, { ...draft, secondaryDomains: ['eda', 'industry-it'] })).toEqual([
      'secondaryDomains.1',
    ]);
    expect(paths(ScenarioDraftBody, { ...draft, secondaryDomains: ['eda', 'cybersecurity', 'eda'] })).toEqual(
      ['secondaryDomains.2'],
    );
    expect(
      paths(ScenarioDraftBody, {
        ...draft,
        secondaryDomains: ['eda', 'cybersecurity', 'embedded', 'geospatial'],
      }),
    ).toEqual(['secondaryDomains']);
    expect(paths(ScenarioPatchBody, { domain: 'eda', secondaryDomains: ['eda'] })).toEqual([
      'secondaryDomains.0',
    ]);
    expect(paths(ScenarioPatchBody, { secondaryDomains: ['eda'] })).toEqual([]);
  });
});
