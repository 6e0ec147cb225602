import {
  APPLICATION_AREAS,
  type ApplicationArea,
  DISTRICTS,
  type District,
  FIRM_SIZES,
  type FirmSize,
  SCENARIO_KINDS,
  type ScenarioKind,
  SOFTWARE_DOMAINS,
  type SoftwareDomain,
  type Term,
} from '../vocabulary.ts';
import { excelSerialToUtcMs } from './xlsx.ts';

/** NFKC (full-width → half-width, （）→ ()), no whitespace, lower case: the key used for matching. */
export function matchKey(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u00a0\u3000]+/g, '')
    .toLowerCase();
}

/** A header as written → its match key and any unit in brackets: "预算（万元）*" → { key: "预算", unit: "万元" }. */
export function headerKey(header: string): { key: string; unit: string | null } {
  let k = matchKey(header).replace(/[*＊]/g, '');
  k = k.replace(/[:：]+$/, '');
  let unit: string | null = null;
  k = k.replace(/[([【[]([^)\]】]*)[)\]】]/g, (_, inner: string) => {
    if (/^(万元|万|元|亿元|千元|月|个月|人|年)$/.test(inner)) unit = inner;
    return '';
  });
  // "预算万元" / "预算/万元" without brackets
  if (!unit) {
    const m = /^(.+?)[/_-]?(万元|亿元|千元)$/.exec(k);
    if (m?.[1]) {
      k = m[1];
      unit = m[2] as string;
    }
  }
  return { key: k.replace(/^\d+[.、]/, ''), unit };
}

/** Splits a list cell: "基础软件、工业软件，EDA; 汽车软件/地球空间信息". */
export const splitList = (s: string): string[] =>
  s
    .split(/[、，,；;/|\n\r]+/)
    .map((x) => x.trim())
    .filter((x) => x !== '');

const EMPTY_VALUES = new Set(['', '-', '—', '——', '/', '无', '暂无', 'n/a', 'na', 'null', '空']);
export const isEmptyValue = (s: string): boolean => EMPTY_VALUES.has(matchKey(s));

// ---------------------------------------------------------------------------------------------
// Numbers and money

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; messageEn: string };
const bad = <T>(message: string, messageEn: string): Parsed<T> => ({ ok: false, message, messageEn });
const good = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Fen per unit, as a power of ten. */
const UNIT_EXP: Record<string, number> = { 元: 2, 千元: 5, 万元: 6, 万: 6, 亿元: 10, 亿: 10 };

/**
 * An amount typed by a person → integer fen, exactly (decimal string arithmetic, no float drift):
 * "1,200" / "１２００" / "1200万" / "1200万元" / "¥35.5" / "0.5亿". `defaultUnit` comes from the header
 * ("预算(万元)" → 万元); a unit written in the cell wins. "面议" / "" / "-" → null.
 */
export function parseMoneyFen(raw: string, defaultUnit: '万元' | '元' = '万元'): Parsed<number | null> {
  let t = raw.normalize('NFKC').replace(/[\s,，]+/g, '');
  if (isEmptyValue(t) || /^(面议|待定|不限|另行商定)$/.test(t)) return good(null);
  t = t.replace(/^(约|人民币|rmb|¥|￥)+/i, '').replace(/^(约|人民币|rmb|¥|￥)+/i, '');
  let unit: string = defaultUnit;
  const u = /(亿元|千元|万元|亿|万|元)$/.exec(t);
  if (u) {
    unit = u[1] as string;
    t = t.slice(0, -unit.length);
  }
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m)
    return bad(`“${raw.trim()}”不是金额，请填写数字，如 120 或 1,200.5`, `"${raw.trim()}" is not an amount`);
  if (m[1]) return bad('金额不能为负数', 'must not be negative');
  const exp = UNIT_EXP[unit] ?? 6;
  const intPart = m[2] as string;
  const frac = m[3] ?? '';
  let fen: bigint;
  if (frac.length <= exp) fen = BigInt(intPart + frac.padEnd(exp, '0'));
  else {
    fen = BigInt(intPart + frac.slice(0, exp));
    if ((frac[exp] ?? '0') >= '5') fen += 1n;
  }
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return bad('金额过大', 'the amount is too large');
  return good(Number(fen));
}

/** A whole number: "1,200" / "１２００" / "约120人" / "120名". */
export function parseInteger(raw: string, min: number, max: number): Parsed<number | null> {
  let t = raw.normalize('NFKC').replace(/[\s,，]+/g, '');
  if (isEmptyValue(t)) return good(null);
  t = t.replace(/^(约|大约)/, '').replace(/(人|名|个月|月|年|个)$/, '');
  if (/^\d+\.0+$/.test(t)) t = t.replace(/\.0+$/, '');
  if (!/^\d+$/.test(t)) return bad(`“${raw.trim()}”不是整数`, `"${raw.trim()}" is not a whole number`);
  const n = Number(t);
  if (n < min || n > max) return bad(`应在 ${min} 到 ${max} 之间`, `must be between ${min} and ${max}`);
  return good(n);
}

// ---------------------------------------------------------------------------------------------
// Dates: a date typed in China means that day in Asia/Shanghai (UTC+8, no DST).

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function wallClockToUtc(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) {
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms) - SHANGHAI_OFFSET_MS).toISOString();
}

/**
 * A deadline as typed → UTC ISO-8601. A date alone is the end of that day in Shanghai:
 * "2026-12-31" / "2026/12/31" / "2026.12.31" / "2026年12月31日" / "20261231" / Excel serial 46387 →
 * "2026-12-31T15:59:59.999Z". With a time ("2026-12-31 17:00", serial 46387.5) it is that time in
 * Shanghai; an ISO timestamp with an offset is taken as is.
 */
export function parseDeadline(raw: string): Parsed<string | null> {
  const t = raw
    .normalize('NFKC')
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[（(].*[)）]$/, '')
    .trim();
  if (isEmptyValue(t) || /^(长期|长期有效|不限|待定)$/.test(t)) return good(null);
  const invalid = bad<string | null>(
    `“${raw.trim()}”不是有效日期，请写成 2026-12-31、2026/12/31 或 2026年12月31日`,
    `"${raw.trim()}" is not a valid date; write it as 2026-12-31`,
  );
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? invalid : good(new Date(ms).toISOString());
  }
  // Excel serial day number (1900 system): 1 = 1900-01-01 … 2958465 = 9999-12-31.
  const serial = /^(\d{1,7})(\.\d+)?$/.exec(t);
  if (serial && !/^\d{8}$/.test(t)) {
    const n = Number(t);
    if (n < 1 || n > 2_958_465) return invalid;
    const wall = new Date(excelSerialToUtcMs(Math.floor(n)));
    const y = wall.getUTCFullYear();
    const mo = wall.getUTCMonth() + 1;
    const d = wall.getUTCDate();
    if (!serial[2] || Number(serial[2]) === 0) return good(wallClockToUtc(y, mo, d, 23, 59, 59, 999));
    const ms = excelSerialToUtcMs(n) - SHANGHAI_OFFSET_MS;
    return good(new Date(Math.round(ms / 1000) * 1000).toISOString());
  }
  const m =
    /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:[ T]?(\d{1,2})[:：时](\d{2})?(?:[:：分](\d{2}))?秒?)?$/.exec(
      t,
    );
  if (!m) return invalid;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5]);
  if (y < 1900 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return invalid;
  if (m[6] === undefined) return good(wallClockToUtc(y, mo, d, 23, 59, 59, 999));
  const h = Number(m[6]);
  const mi = Number(m[7] ?? 0);
  const s = Number(m[8] ?? 0);
  if (h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0))) return invalid;
  if (h === 24) return good(wallClockToUtc(y, mo, d, 23, 59, 59, 999));
  return good(wallClockToUtc(y, mo, d, h, mi, s, 0));
}

/** A year: "2015", "2015年", "2015-03-01", "2015年3月", or an Excel serial date. */
export function parseYear(raw: string, maxYear: number): Parsed<number | null> {
  const t = raw.normalize('NFKC').trim();
  if (isEmptyValue(t)) return good(null);
  const y4 = /^(\d{4})(?:年|[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?|年\d{1,2}月(?:\d{1,2}日)?)?$/.exec(t);
  let year: number | null = y4 ? Number(y4[1]) : null;
  if (year === null && /^\d{5}(\.\d+)?$/.test(t))
    year = new Date(excelSerialToUtcMs(Number(t))).getUTCFullYear();
  if (year === null)
    return bad(`“${raw.trim()}”不是年份，如 2015`, `"${raw.trim()}" is not a year, e.g. 2015`);
  if (year < 1900 || year > maxYear)
    return bad(`年份应在 1900 到 ${maxYear} 之间`, `must be 1900–${maxYear}`);
  return good(year);
}

// ---------------------------------------------------------------------------------------------
// Vocabularies: codes, zh and en labels, plus the aliases agencies actually write.

function matcher<C extends string>(
  list: readonly Term<C>[],
  aliases: Record<string, C>,
  strip: RegExp[] = [],
) {
  const index = new Map<string, C>();
  for (const t of list) {
    index.set(matchKey(t.code), t.code);
    index.set(matchKey(t.zh), t.code);
    index.set(matchKey(t.en), t.code);
  }
  for (const [k, c] of Object.entries(aliases)) index.set(matchKey(k), c);
  return (raw: string): C | null => {
    let k = matchKey(raw).replace(/[“”"'()（）]/g, '');
    const hit = index.get(k);
    if (hit) return hit;
    for (const re of strip) {
      k = k.replace(re, '');
      const h = index.get(k);
      if (h) return h;
    }
    return null;
  };
}

export const DOMAIN_ALIASES: Record<string, SoftwareDomain> = {
  基础: 'basic-software',
  操作系统: 'basic-software',
  数据库: 'basic-software',
  中间件: 'basic-software',
  工业: 'industrial-software',
  工业互联网: 'industrial-software',
  工业app: 'industrial-software',
  网络安全: 'cybersecurity',
  信息安全: 'cybersecurity',
  数据安全: 'cybersecurity',
  网安: 'cybersecurity',
  安全: 'cybersecurity',
  地理信息: 'geospatial',
  空间信息: 'geospatial',
  时空信息: 'geospatial',
  北斗: 'geospatial',
  遥感: 'geospatial',
  gis: 'geospatial',
  测绘: 'geospatial',
  互联网: 'internet-services',
  互联网服务: 'internet-services',
  电子商务: 'internet-services',
  信息化: 'industry-it',
  行业应用: 'industry-it',
  行业: 'industry-it',
  智慧城市: 'industry-it',
  数字化转型: 'industry-it',
  嵌入式: 'embedded',
  嵌入式系统: 'embedded',
  物联网: 'embedded',
  新兴平台: 'emerging-platforms',
  人工智能: 'emerging-platforms',
  ai: 'emerging-platforms',
  大数据: 'emerging-platforms',
  云计算: 'emerging-platforms',
  区块链: 'emerging-platforms',
  大模型: 'emerging-platforms',
  元宇宙: 'emerging-platforms',
  数字孪生: 'emerging-platforms',
  芯片设计: 'eda',
  集成电路设计: 'eda',
  电子设计自动化: 'eda',
  汽车: 'automotive',
  智能网联汽车: 'automotive',
  车联网: 'automotive',
  自动驾驶: 'automotive',
  智能汽车: 'automotive',
  车载软件: 'automotive',
};

export const AREA_ALIASES: Record<string, ApplicationArea> = {
  政务: 'government',
  数字政府: 'government',
  电子政务: 'government',
  交通: 'transport',
  交通运输: 'transport',
  医疗: 'healthcare',
  卫生健康: 'healthcare',
  医疗卫生: 'healthcare',
  健康: 'healthcare',
  智慧医疗: 'healthcare',
  教育: 'education',
  制造: 'manufacturing',
  制造业: 'manufacturing',
  工业: 'manufacturing',
  工业制造: 'manufacturing',
  文旅: 'culture-tourism',
  文化: 'culture-tourism',
  旅游: 'culture-tourism',
  应急: 'emergency',
  安全生产: 'emergency',
  城市管理: 'urban-governance',
  智慧城市: 'urban-governance',
  城管: 'urban-governance',
  社会治理: 'urban-governance',
  基层治理: 'urban-governance',
  金融: 'finance',
  能源: 'energy',
  环保: 'energy',
  生态环境: 'energy',
  双碳: 'energy',
  农业: 'agriculture',
  物流: 'logistics',
  商贸: 'logistics',
  商贸流通: 'logistics',
  社区: 'community',
  养老: 'community',
  智慧社区: 'community',
};

export const DISTRICT_ALIASES: Record<string, District> = {
  东湖高新区: 'east-lake-hightech',
  东湖高新: 'east-lake-hightech',
  东湖高新技术开发区: 'east-lake-hightech',
  东湖开发区: 'east-lake-hightech',
  武汉东湖新技术开发区: 'east-lake-hightech',
  光谷: 'east-lake-hightech',
  中国光谷: 'east-lake-hightech',
  经开区: 'wuhan-econ-dev',
  武汉经开区: 'wuhan-econ-dev',
  车谷: 'wuhan-econ-dev',
  中国车谷: 'wuhan-econ-dev',
  经济技术开发区: 'wuhan-econ-dev',
  武汉经济开发区: 'wuhan-econ-dev',
  长江新城: 'changjiang-new-area',
  东湖风景区: 'east-lake-scenic',
  东湖景区: 'east-lake-scenic',
  东湖生态风景区: 'east-lake-scenic',
  全市: 'citywide',
  市级: 'citywide',
  市直: 'citywide',
  武汉市: 'citywide',
  武汉: 'citywide',
};
// Every district also without its 区 suffix: 江岸 → jiangan.
for (const d of DISTRICTS)
  if (d.zh.endsWith('区') && d.zh.length > 2) DISTRICT_ALIASES[d.zh.slice(0, -1)] = d.code;

export const SIZE_ALIASES: Record<string, FirmSize> = {
  大: 'large',
  大型企业: 'large',
  中: 'medium',
  中型企业: 'medium',
  小: 'small',
  小型企业: 'small',
  微: 'micro',
  微型企业: 'micro',
  小微: 'micro',
};

export const KIND_ALIASES: Record<string, ScenarioKind> = {
  场景: 'scenario',
  应用场景清单: 'scenario',
  数字应用场景: 'scenario',
  揭榜: 'challenge',
  榜单: 'challenge',
  揭榜挂帅项目: 'challenge',
  揭榜挂帅榜单: 'challenge',
};

export const matchDomain = matcher(SOFTWARE_DOMAINS, DOMAIN_ALIASES, [/领域$/, /软件$/, /系统$/]);
export const matchArea = matcher(APPLICATION_AREAS, AREA_ALIASES, [/领域$/, /^智慧/, /服务$/]);
export const matchDistrict = matcher(DISTRICTS, DISTRICT_ALIASES, [/^湖北省/, /^武汉市/, /区$/]);
export const matchSize = matcher(FIRM_SIZES, SIZE_ALIASES, [/企业$/]);
export const matchKind = matcher(SCENARIO_KINDS, KIND_ALIASES, [/类$/]);
