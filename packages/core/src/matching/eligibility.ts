// Hard rules: a firm that breaks one is never recommended, only listed as a near miss with the rule
// named. The same requirement checks give soft (non-mandatory) requirements their partial credit.
// Assessing is numbers only; the bilingual text is built only for what is shown (ranking is hot).

import { CERTIFICATIONS, DISTRICTS, FIRM_SIZES, labelOf, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import type {
  EligibilityRule,
  MatchCertification,
  MatchFirm,
  MatchPair,
  MatchRequirement,
  UnmetRule,
} from './types.ts';

export const DEFAULT_LEAD_LIMIT = 3;

export interface EligibilityOptions {
  /** Time of the query (UTC ISO-8601): certificates expired at this instant do not count. */
  now: string;
  /** Bids a firm may lead per call (default 3). */
  leadLimit?: number;
}

const ZH_NUMBERS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 3 → 三; numbers past ten stay digits. */
export const zhNumber = (n: number): string => ZH_NUMBERS[n] ?? String(n);

/** ITSS grades run the other way: 一级 is the highest, 四级 the entry level. */
const LOWER_LEVEL_IS_BETTER = new Set(['ITSS']);

const CERT_SHORT_ZH: Record<string, string> = {
  ISO27001: 'ISO 27001',
  ISO9001: 'ISO 9001',
  ISO20000: 'ISO 20000',
  XINCHUANG: '信创适配认证',
  ZJTX: '专精特新',
  'ZJTX-GIANT': '专精特新“小巨人”',
  HNTE: '高新技术企业',
  MLPS3: '等保三级测评',
};

/** Remembers a pure string function's results (bounded): ranking asks about the same few codes. */
function memo(f: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let v = seen.get(s);
    if (v === undefined) {
      v = f(s);
      if (seen.size < 512) seen.set(s, v);
    }
    return v;
  };
}

/** "iso 27001" and "ISO27001" are the same certificate. */
const normalizeCertCode = memo((code) => code.toUpperCase().replace(/[\s_]+/g, ''));

/** A certification's short name: "CSMM 三级" / "CSMM level 3", "ISO 27001" when not graded. */
export function certificationName(code: string, level: number | null): { zh: string; en: string } {
  const key = normalizeCertCode(code);
  const known = CERTIFICATIONS.find((c) => c.code === key);
  const zh = CERT_SHORT_ZH[key] ?? known?.code ?? code;
  const en = known?.en ?? code;
  if (level === null) return { zh, en };
  return { zh: `${zh} ${zhNumber(level)}级`, en: `${en} level ${level}` };
}

const grade = (code: string, level: number | null): number =>
  level === null ? Number.NEGATIVE_INFINITY : LOWER_LEVEL_IS_BETTER.has(code) ? -level : level;

/** Levels by which `held` exceeds `required` (0 when it just meets it or either is ungraded). */
export function levelsAbove(code: string, held: number | null, required: number | null): number {
  if (held === null || required === null) return 0;
  return Math.max(0, grade(normalizeCertCode(code), held) - grade(normalizeCertCode(code), required));
}

/** Parses ISO-8601 instants, remembering them: one ranking asks about the same dates many times. */
export type TimeOf = (iso: string) => number;
export function timeParser(): TimeOf {
  const seen = new Map<string, number>();
  return (iso) => {
    let t = seen.get(iso);
    if (t === undefined) {
      t = Date.parse(iso);
      seen.set(iso, t);
    }
    return t;
  };
}

/** How a firm stands against one requirement, without text. */
export interface RequirementAssessment {
  /** False for what matching cannot check (technical, other, an empty value, a citywide district). */
  applicable: boolean;
  met: boolean;
  /** The rule broken when not met. */
  rule: EligibilityRule | null;
  /** Partial credit in [0, 1] (1 when met). */
  credit: number;
  /** Certification: the best valid certificate held of that code (meeting it or not). */
  held: MatchCertification | null;
  /** Certification: an expired certificate that would have met it. */
  expired: MatchCertification | null;
  /** Experience: past cases counted. */
  cases: number;
}

const NOT_APPLICABLE: RequirementAssessment = {
  applicable: false,
  met: true,
  rule: null,
  credit: 1,
  held: null,
  expired: null,
  cases: 0,
};

/**
 * Assesses one requirement (mandatory or not). Kinds that need a person to judge (technical, other)
 * are not applicable: they are for the evaluation panel, not for matching.
 */
export function assessRequirement(
  req: MatchRequirement,
  firm: MatchFirm,
  nowMs: number,
  timeOf: TimeOf = Date.parse,
): RequirementAssessment {
  const result = (met: boolean, rule: EligibilityRule, credit = met ? 1 : 0): RequirementAssessment => ({
    ...NOT_APPLICABLE,
    applicable: true,
    met,
    rule: met ? null : rule,
    credit,
  });
  switch (req.kind) {
    case 'certification': {
      if (!req.code) return NOT_APPLICABLE;
      const code = normalizeCertCode(req.code);
      let held: MatchCertification | null = null;
      let expired: MatchCertification | null = null;
      for (const c of firm.certifications) {
        if (c.code !== code && normalizeCertCode(c.code) !== code) continue;
        const valid = c.expiresAt === null || !(timeOf(c.expiresAt) <= nowMs);
        if (valid) {
          if (!held || grade(code, c.level) > grade(code, held.level)) held = c;
        } else if (!expired || grade(code, c.level) > grade(code, expired.level)) expired = c;
      }
      const meets = (c: MatchCertification | null) =>
        c !== null && (req.level === null || grade(code, c.level) >= grade(code, req.level));
      if (meets(held)) return { ...result(true, 'certification'), held };
      // A lower level earns half credit in proportion: CSMM 二级 for 三级 asked is 1/3.
      const credit =
        held && held.level !== null && req.level !== null && held.level > 0
          ? 0.5 * (LOWER_LEVEL_IS_BETTER.has(code) ? req.level / held.level : held.level / req.level)
          : 0;
      return {
        ...result(false, 'certification', Math.min(0.5, credit)),
        held,
        expired: meets(expired) ? expired : null,
      };
    }
    case 'size': {
      const allowed = splitList(req.value);
      if (allowed.length === 0) return NOT_APPLICABLE;
      return result(firm.size !== null && allowed.includes(firm.size), 'size');
    }
    case 'district':
      if (!req.value || req.value === 'citywide') return NOT_APPLICABLE;
      return result(firm.district === req.value, 'district');
    case 'local_tax':
      return result(firm.localTaxResident, 'local_tax');
    case 'experience': {
      const needed = Math.max(1, req.level ?? 1);
      let cases = 0;
      if (req.code) cases = firm.casesByDomain[req.code] ?? 0;
      else for (const n of Object.values(firm.casesByDomain)) cases += n;
      return { ...result(cases >= needed, 'experience', Math.min(1, Math.max(0, cases / needed))), cases };
    }
    default:
      return NOT_APPLICABLE;
  }
}

const normalizeList = memo((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .join(','),
);
const splitList = (v: string | null): string[] => {
  const list = normalizeList(v ?? '');
  return list ? list.split(',') : [];
};

const sizeZh = (s: string) => labelOf(FIRM_SIZES, s);
const sizeEn = (s: string) => labelOf(FIRM_SIZES, s, 'en').toLowerCase();
const districtZh = (d: string) => labelOf(DISTRICTS, d);
const districtEn = (d: string) => labelOf(DISTRICTS, d, 'en');
const orZh = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join('、')}或${xs.at(-1)}`;
const orEn = (xs: string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} or ${xs.at(-1)}`;
const pastCases = (n: number) => `${n} past case${n === 1 ? '' : 's'}`;

/**
 * The bilingual text of an assessment, naming the requirement precisely: what is missing and what
 * the firm has ("缺少 CSMM 三级（持有二级）"), or, when met, what the firm holds.
 */
export function describeRequirement(
  req: MatchRequirement,
  firm: MatchFirm,
  a: RequirementAssessment,
): { zh: string; en: string } {
  switch (req.kind) {
    case 'certification': {
      const code = req.code ?? '';
      if (a.met) {
        const h = certificationName(code, a.held?.level ?? null);
        return { zh: `持有 ${h.zh}`, en: `Holds ${h.en}` };
      }
      const wanted = certificationName(code, req.level);
      if (a.held && a.held.level !== null && req.level !== null) {
        return {
          zh: `缺少 ${wanted.zh}（持有${zhNumber(a.held.level)}级）`,
          en: `Missing ${wanted.en} (holds level ${a.held.level})`,
        };
      }
      if (a.expired?.expiresAt) {
        const day = a.expired.expiresAt.slice(0, 10);
        return { zh: `${wanted.zh} 证书已于 ${day} 过期`, en: `${wanted.en} certificate expired on ${day}` };
      }
      return { zh: `缺少 ${wanted.zh}`, en: `Missing ${wanted.en}` };
    }
    case 'size': {
      const allowed = splitList(req.value);
      const want = { zh: orZh(allowed.map(sizeZh)), en: orEn(allowed.map(sizeEn)) };
      if (a.met && firm.size)
        return { zh: `${sizeZh(firm.size)}企业`, en: `${labelOf(FIRM_SIZES, firm.size, 'en')} firm` };
      if (firm.size === null)
        return { zh: `企业规模未填报，需为${want.zh}企业`, en: `Firm size unknown; must be ${want.en}` };
      return {
        zh: `企业规模为${sizeZh(firm.size)}，需为${want.zh}企业`,
        en: `Firm size is ${sizeEn(firm.size)}; must be ${want.en}`,
      };
    }
    case 'district': {
      const d = req.value ?? '';
      if (a.met) return { zh: `注册于${districtZh(d)}`, en: `Registered in ${districtEn(d)}` };
      const where = firm.district
        ? { zh: `注册地：${districtZh(firm.district)}`, en: `registered in ${districtEn(firm.district)}` }
        : { zh: '注册地未填报', en: 'registered district unknown' };
      return {
        zh: `需在${districtZh(d)}注册（${where.zh}）`,
        en: `Must be registered in ${districtEn(d)} (${where.en})`,
      };
    }
    case 'local_tax':
      return a.met
        ? { zh: '在武汉市注册并纳税', en: 'Registered and pays tax in Wuhan' }
        : { zh: '需在武汉市注册并纳税', en: 'Must be registered and pay tax in Wuhan' };
    case 'experience': {
      const needed = Math.max(1, req.level ?? 1);
      const where = req.code
        ? {
            zh: `${labelOf(SOFTWARE_DOMAINS, req.code)}领域`,
            en: ` in ${labelOf(SOFTWARE_DOMAINS, req.code, 'en')}`,
          }
        : { zh: '', en: '' };
      if (a.met) return { zh: `${where.zh}同类案例 ${a.cases} 个`, en: `${pastCases(a.cases)}${where.en}` };
      return {
        zh: `需有${where.zh}同类案例 ${needed} 个（现有 ${a.cases} 个）`,
        en: `Needs ${pastCases(needed)}${where.en} (has ${a.cases})`,
      };
    }
    default:
      return { zh: req.description, en: req.description };
  }
}

const STATUS_ZH: Record<MatchFirm['status'], string> = {
  pending: '待审核',
  approved: '已通过审核',
  rejected: '审核未通过',
  suspended: '已暂停',
};

/** True when the pair breaks no hard rule; the fast path of checkEligibility (no text). */
export function isEligible(
  pair: MatchPair,
  nowMs: number,
  leadLimit: number,
  timeOf: TimeOf = Date.parse,
): boolean {
  const { firm } = pair;
  const limit = pair.scenario.leadLimit ?? leadLimit;
  if (firm.status !== 'approved' || firm.leadsInCall >= limit || firm.partnerOnScenario) return false;
  for (const req of pair.scenario.requirements) {
    if (req.mandatory && !assessRequirement(req, firm, nowMs, timeOf).met) return false;
  }
  return true;
}

/**
 * The hard rules a pair breaks, in a fixed order; [] when the firm may be recommended. Only mandatory
 * requirements count here; soft ones lower the score instead (see rankMatches).
 */
export function checkEligibility(
  pair: MatchPair,
  opts: EligibilityOptions,
  timeOf: TimeOf = Date.parse,
): UnmetRule[] {
  const { firm, scenario } = pair;
  const unmet: UnmetRule[] = [];
  if (firm.status !== 'approved') {
    unmet.push({
      rule: 'status',
      zh: `企业状态为${STATUS_ZH[firm.status]}，需审核通过`,
      en: `Firm status is ${firm.status}; must be approved`,
    });
  }
  const nowMs = timeOf(opts.now);
  for (const req of scenario.requirements) {
    if (!req.mandatory) continue;
    const a = assessRequirement(req, firm, nowMs, timeOf);
    if (a.met || !a.rule) continue;
    unmet.push({ rule: a.rule, ...describeRequirement(req, firm, a) });
  }
  const limit = scenario.leadLimit ?? opts.leadLimit ?? DEFAULT_LEAD_LIMIT;
  if (firm.leadsInCall >= limit) {
    const n = firm.leadsInCall;
    unmet.push({
      rule: 'lead_limit',
      zh: `本批次已牵头 ${n} 个申报（上限 ${limit}）`,
      en: `Already leads ${n} application${n === 1 ? '' : 's'} in this call (limit ${limit})`,
    });
  }
  if (firm.partnerOnScenario) {
    unmet.push({
      rule: 'consortium',
      zh: '已作为联合体成员参与本场景，不得另行申报',
      en: 'Already a consortium partner on this scenario; may not apply separately',
    });
  }
  return unmet;
}
