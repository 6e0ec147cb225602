/** Criteria templates for 综合评分法 and 揭榜挂帅, with per-criterion guidance in Chinese and English. */

export interface LocalizedText {
  zh: string;
  en: string;
}

/** goods 货物 · services 服务 · challenge 揭榜挂帅 (no statutory price-weight floor). */
export type TenderCategory = 'goods' | 'services' | 'challenge';

/** Statutory lower bounds of the price weight: goods ≥ 30, services ≥ 10. */
export const MIN_PRICE_WEIGHT: Record<TenderCategory, number> = { goods: 30, services: 10, challenge: 0 };

export interface TemplateCriterion {
  id: string;
  name: LocalizedText;
  /** Points available; an expert scores 0…weight. */
  weight: number;
  guidance: LocalizedText;
}

export interface CriteriaTemplate {
  id: string;
  category: TenderCategory;
  name: LocalizedText;
  /** Weight of the price score (0 when price is not scored, as in most 揭榜挂帅 reviews). */
  priceWeight: number;
  /** Non-price criteria; their weights plus `priceWeight` sum to 100. */
  criteria: TemplateCriterion[];
  /** 揭榜挂帅: minimum total to be considered for award. */
  passThreshold?: number;
  /** 揭榜挂帅 赛马制: how many winners may be chosen (default 1). */
  maxWinners?: number;
}

export interface ScoringProblem {
  /** A stable name, e.g. `weights_must_sum_to_100`. */
  code: string;
  /** JSON path of the offending value, e.g. `$.criteria[2].weight`. */
  path: string;
  message: string;
}

const WEIGHT_EPSILON = 1e-9;

/** Checks a template; an empty list means it is usable. */
export function validateTemplate(t: CriteriaTemplate): ScoringProblem[] {
  const problems: ScoringProblem[] = [];
  const add = (code: string, path: string, message: string) => problems.push({ code, path, message });
  if (!Number.isFinite(t.priceWeight) || t.priceWeight < 0 || t.priceWeight > 100)
    add('price_weight_out_of_range', '$.priceWeight', 'must be between 0 and 100');
  else if (t.priceWeight < MIN_PRICE_WEIGHT[t.category])
    add(
      'price_weight_below_minimum',
      '$.priceWeight',
      `${t.category} requires a price weight of at least ${MIN_PRICE_WEIGHT[t.category]}`,
    );
  if (t.criteria.length === 0)
    add('no_criteria', '$.criteria', 'at least one non-price criterion is required');
  const seen = new Set<string>();
  t.criteria.forEach((c, i) => {
    const p = `$.criteria[${i}]`;
    if (!c.id) add('criterion_id_missing', `${p}.id`, 'is required');
    else if (seen.has(c.id)) add('duplicate_criterion_id', `${p}.id`, `"${c.id}" appears more than once`);
    seen.add(c.id);
    if (!Number.isFinite(c.weight) || c.weight <= 0)
      add('criterion_weight_invalid', `${p}.weight`, 'must be > 0');
    for (const lang of ['zh', 'en'] as const) {
      if (!c.name?.[lang]?.trim()) add('criterion_name_missing', `${p}.name.${lang}`, 'is required');
      if (!c.guidance?.[lang]?.trim())
        add('criterion_guidance_missing', `${p}.guidance.${lang}`, 'is required');
    }
  });
  const sum = t.priceWeight + t.criteria.reduce((s, c) => s + c.weight, 0);
  if (Math.abs(sum - 100) > WEIGHT_EPSILON)
    add('weights_must_sum_to_100', '$.criteria', `price weight plus criteria weights is ${sum}, not 100`);
  if (
    t.passThreshold !== undefined &&
    (!Number.isFinite(t.passThreshold) || t.passThreshold < 0 || t.passThreshold > 100)
  )
    add('pass_threshold_out_of_range', '$.passThreshold', 'must be between 0 and 100');
  if (t.maxWinners !== undefined && (!Number.isInteger(t.maxWinners) || t.maxWinners < 1))
    add('max_winners_invalid', '$.maxWinners', 'must be a whole number ≥ 1');
  if (t.category !== 'challenge' && t.maxWinners !== undefined && t.maxWinners !== 1)
    add(
      'several_winners_only_for_challenges',
      '$.maxWinners',
      'only 揭榜挂帅 challenges may have several winners',
    );
  return problems;
}

const c = (
  id: string,
  weight: number,
  zh: string,
  en: string,
  gZh: string,
  gEn: string,
): TemplateCriterion => ({
  id,
  name: { zh, en },
  weight,
  guidance: { zh: gZh, en: gEn },
});

/** 货物类 综合评分法: price 30 (the floor). */
export const GOODS_TEMPLATE: CriteriaTemplate = {
  id: 'goods-standard',
  category: 'goods',
  name: { zh: '货物类综合评分', en: 'Goods — weighted scoring' },
  priceWeight: 30,
  criteria: [
    c(
      'technical',
      40,
      '技术参数响应',
      'Technical compliance',
      '逐项对照技术参数，完全满足得满分，每项负偏离扣分。',
      'Check each specified parameter; full marks when all are met, deduct per negative deviation.',
    ),
    c(
      'quality',
      15,
      '产品质量与认证',
      'Quality and certification',
      '依据检测报告、质量认证、信创适配证明评分。',
      'Score on test reports, quality certifications and domestic-stack adaptation evidence.',
    ),
    c(
      'after_sales',
      10,
      '售后服务',
      'After-sales service',
      '响应时间、本地服务网点、质保期限。',
      'Response time, local service presence, warranty period.',
    ),
    c(
      'delivery',
      5,
      '供货方案',
      'Delivery plan',
      '供货周期与进度保障措施的可行性。',
      'Feasibility of the delivery schedule and safeguards.',
    ),
  ],
};

/** 服务类 综合评分法: price 10 (the floor). */
export const SERVICES_TEMPLATE: CriteriaTemplate = {
  id: 'services-standard',
  category: 'services',
  name: { zh: '服务类综合评分', en: 'Services — weighted scoring' },
  priceWeight: 10,
  criteria: [
    c(
      'solution',
      40,
      '服务方案',
      'Service approach',
      '对需求理解的准确性、方案的完整性与可实施性。',
      'Understanding of the need, completeness and practicality of the approach.',
    ),
    c(
      'team',
      25,
      '项目团队',
      'Project team',
      '核心人员资历、同类项目经验、人员稳定性。',
      'Qualifications of key staff, similar-project experience, staffing continuity.',
    ),
    c(
      'track_record',
      15,
      '类似业绩',
      'Track record',
      '近三年同类项目合同及验收证明。',
      'Similar contracts and acceptance certificates in the past three years.',
    ),
    c(
      'assurance',
      10,
      '质量保障与应急',
      'Quality assurance and contingency',
      '质量管理体系、风险识别与应急预案。',
      'Quality management, risk identification and contingency plans.',
    ),
  ],
};

/** 揭榜挂帅: merit review without a price score, pass mark 60, up to three winners (赛马制). */
export const CHALLENGE_TEMPLATE: CriteriaTemplate = {
  id: 'challenge-standard',
  category: 'challenge',
  name: { zh: '揭榜挂帅评审', en: 'Open challenge (揭榜挂帅) review' },
  priceWeight: 0,
  passThreshold: 60,
  maxWinners: 3,
  criteria: [
    c(
      'industry_impact',
      25,
      '产业带动作用',
      'Industry impact',
      '对产业链关键环节的突破作用、应用推广前景与带动效应。',
      'Contribution to key links of the industrial chain, prospects for adoption and spill-over.',
    ),
    c(
      'research_base',
      20,
      '研发基础',
      'Research base',
      '研发团队、既有成果、知识产权与研发平台。',
      'R&D team, prior results, intellectual property and research facilities.',
    ),
    c(
      'technical_indicators',
      30,
      '技术指标',
      'Technical indicators',
      '承诺指标与榜单指标的对比，先进性与可考核性。',
      'Committed indicators against the brief: how advanced and how verifiable.',
    ),
    c(
      'implementation_plan',
      10,
      '实施方案',
      'Implementation plan',
      '进度安排、里程碑、风险应对的可行性。',
      'Feasibility of schedule, milestones and risk handling.',
    ),
    c(
      'financial_soundness',
      15,
      '财务状况',
      'Financial soundness',
      '近三年财务报表、自筹资金落实情况与投入强度。',
      'Last three years of accounts, secured co-funding and investment intensity.',
    ),
  ],
};

export const BUILTIN_TEMPLATES: readonly CriteriaTemplate[] = [
  GOODS_TEMPLATE,
  SERVICES_TEMPLATE,
  CHALLENGE_TEMPLATE,
];
