import { CERTIFICATIONS, type CertificationCode } from '../vocabulary.ts';
import { matchKey, splitList } from './normalize.ts';

export type RequirementKind =
  | 'certification'
  | 'size'
  | 'district'
  | 'local_tax'
  | 'experience'
  | 'technical'
  | 'other';

export interface ImportRequirement {
  kind: RequirementKind;
  code: string | null;
  /** Minimum level for graded certifications (CSMM 三级及以上 → 3). */
  level: number | null;
  value: string | null;
  mandatory: boolean;
  /** The text as the agency wrote it. */
  description: string;
}

export interface CertificationMention {
  code: CertificationCode;
  level: number | null;
}

const CN_DIGITS: Record<string, number> = {
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  壹: 1,
  贰: 2,
  叁: 3,
  肆: 4,
  伍: 5,
};

/** Named maturity levels (CSMM: 项目规范级 …; DCMM: 受管理级 …). */
const NAMED_LEVELS: [RegExp, number][] = [
  [/初始级/, 1],
  [/(项目规范|受管理|已管理)级/, 2],
  [/(组织改进|稳健|已定义)级/, 3],
  [/(量化提升|量化管理)级/, 4],
  [/(创新引领|优化)级/, 5],
];

/** "三级" / "3级" / "Level 3" / "L3" / "ML3" / "3级及以上" / "稳健级" → 3. */
export function parseLevel(text: string): number | null {
  const t = text.normalize('NFKC');
  const m =
    /([一二两三四五壹贰叁肆伍1-5])\s*级/.exec(t) ??
    /(?:level|ml|l)\s*([1-5])\b/i.exec(t) ??
    /(?:等级|级别)\s*[:：]?\s*([1-5一二三四五])/.exec(t);
  if (m?.[1]) return CN_DIGITS[m[1]] ?? Number(m[1]);
  for (const [re, n] of NAMED_LEVELS) if (re.test(t)) return n;
  return null;
}

/** Patterns per certification, most specific first (“小巨人” before 专精特新). */
const CERT_PATTERNS: [CertificationCode, RegExp][] = [
  ['CSMM', /csmm|软件能力成熟度/i],
  ['DCMM', /dcmm|数据管理能力成熟度/i],
  ['CMMI', /cmmi/i],
  ['ISO27001', /(iso|gb[-/]?t)?\s*(\/?iec)?\s*27001|信息安全管理体系|isms/i],
  ['ISO20000', /(iso|gb[-/]?t)?\s*(\/?iec)?\s*20000|it服务管理体系|信息技术服务管理体系/i],
  ['ISO9001', /(iso|gb[-/]?t)?\s*9001|质量管理体系/i],
  ['ITSS', /itss|信息技术服务标准/i],
  ['MLPS3', /等保三级|等级保护三级|等保3级|等级保护3级|mlps/i],
  ['XINCHUANG', /信创/],
  ['ZJTX-GIANT', /小巨人/],
  ['ZJTX', /专精特新/],
  ['HNTE', /高新技术企业|高企/],
];

const GRADED = new Set<string>(CERTIFICATIONS.filter((c) => c.levels > 0).map((c) => c.code));

/** Certifications mentioned in one item ("CSMM三级及以上" → CSMM level 3); several per item allowed. */
export function findCertifications(item: string): CertificationMention[] {
  const out: CertificationMention[] = [];
  const t = item.normalize('NFKC');
  for (const [code, re] of CERT_PATTERNS) {
    if (!re.test(t)) continue;
    if (code === 'ZJTX' && out.some((c) => c.code === 'ZJTX-GIANT')) continue;
    out.push({ code, level: GRADED.has(code) ? parseLevel(t) : null });
  }
  return out;
}

/** "ISO/IEC 27001" and "GB/T 22239" must not split on their slash. */
const protectSlashes = (text: string): string =>
  text.replace(/(iso)\s*\/\s*iec/gi, '$1-IEC').replace(/gb\s*\/\s*t/gi, 'GB-T');

const OPTIONAL = /优先|加分|鼓励|最好|为佳/;
const LOCAL = /(本地|在汉|武汉市?|本市)[^，,。；;]*(注册|纳税|缴税|缴纳社保|设立)/;
const EXPERIENCE = /业绩|案例|经验|项目经历/;

/**
 * Free text of 技术要求 / 资质要求 → requirement rows. Items are split on 、，,；;/ and line breaks;
 * each certification becomes a `certification` requirement (with its minimum level); local
 * registration/tax becomes `local_tax`; track-record items `experience`; everything else is kept,
 * in the agency's words, as one `technical` requirement. Items saying 优先/加分 are not mandatory.
 *
 *   "CSMM三级及以上、ISO27001、信创适配，具备政务云部署经验"
 *   → CSMM≥3, ISO27001, XINCHUANG (certification) + experience "具备政务云部署经验"
 */
export function parseRequirements(text: string): ImportRequirement[] {
  const out: ImportRequirement[] = [];
  const technical: string[] = [];
  const seen = new Set<string>();
  const safe = protectSlashes(text);
  for (const item of splitList(safe)) {
    const mandatory = !OPTIONAL.test(item);
    const certs = findCertifications(item);
    if (certs.length > 0) {
      for (const c of certs) {
        const key = `${c.code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          kind: 'certification',
          code: c.code,
          level: c.level,
          value: null,
          mandatory,
          description: item,
        });
      }
      continue;
    }
    if (LOCAL.test(item)) {
      out.push({ kind: 'local_tax', code: null, level: null, value: null, mandatory, description: item });
    } else if (EXPERIENCE.test(item)) {
      out.push({ kind: 'experience', code: null, level: null, value: null, mandatory, description: item });
    } else if (matchKey(item) !== '') technical.push(item);
  }
  if (technical.length > 0) {
    out.push({
      kind: 'technical',
      code: null,
      level: null,
      value: null,
      mandatory: true,
      description: technical.join('；').slice(0, 500),
    });
  }
  return out;
}

/** A firm's 资质证书 cell → held certifications, and the items that match none. */
export function parseCertificationList(text: string): {
  certifications: CertificationMention[];
  unknown: string[];
} {
  const certifications: CertificationMention[] = [];
  const unknown: string[] = [];
  const safe = protectSlashes(text);
  for (const item of splitList(safe)) {
    const found = findCertifications(item);
    if (found.length === 0) unknown.push(item);
    for (const c of found) {
      const prev = certifications.find((x) => x.code === c.code);
      if (!prev) certifications.push(c);
      else if ((c.level ?? 0) > (prev.level ?? 0)) prev.level = c.level;
    }
  }
  return { certifications, unknown };
}
