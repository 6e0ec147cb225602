import {
  APPLICATION_AREAS,
  type ApplicationArea,
  completeUscc,
  DISTRICT_DIVISION_CODES,
  DISTRICTS,
  type District,
  type FirmSize,
  labelOf,
  SOFTWARE_DOMAINS,
  type SoftwareDomain,
  USCC_ALPHABET,
} from '@scx/core';
import type {
  awards,
  bidMembers,
  bids,
  calls,
  certifications,
  criteria,
  expertConflicts,
  experts,
  firmCases,
  memberships,
  milestones,
  organizations,
  products,
  questions,
  scenarioRequirements,
  scenarioReviews,
  scenarioStats,
  scenarios,
  users,
} from '../schema/index.ts';
import type { Kpi } from '../schema/scenarios.ts';
import {
  AGENCIES,
  EXPERT_BODIES,
  EXPERT_TITLE_WEIGHTS,
  EXPERT_TITLES,
  FIRM_DISTRICT_WEIGHTS,
  FIRM_DISTRICTS,
  type FixedOrg,
  ORGANIZER,
  SCENARIO_DISTRICT_WEIGHTS,
  SCENARIO_DISTRICTS,
} from './orgs.ts';
import { AREA_BANK, CASE_PLACES, DOMAIN_BANK, GIVEN, NAME_HEADS, NAME_TAILS, SURNAMES } from './phrases.ts';
import { Rng, seededUlid } from './rng.ts';
import { bigrams, endsWithNoun, fillNumbers, joinZh, mostRelevant, unitOf } from './text.ts';
import { TOPICS, type Topic } from './topics.ts';

type Org = typeof organizations.$inferInsert;
type User = typeof users.$inferInsert;
type Membership = typeof memberships.$inferInsert;
type Cert = typeof certifications.$inferInsert;
type FirmCase = typeof firmCases.$inferInsert;
type Product = typeof products.$inferInsert;
type Call = typeof calls.$inferInsert;
type Scenario = typeof scenarios.$inferInsert;
type Requirement = typeof scenarioRequirements.$inferInsert;
type Criterion = typeof criteria.$inferInsert;
type Review = typeof scenarioReviews.$inferInsert;
type Stat = typeof scenarioStats.$inferInsert;
type Question = typeof questions.$inferInsert;
type Expert = typeof experts.$inferInsert;
type Conflict = typeof expertConflicts.$inferInsert;
type Bid = typeof bids.$inferInsert;
type BidMember = typeof bidMembers.$inferInsert;
type Award = typeof awards.$inferInsert;
type Milestone = typeof milestones.$inferInsert;
type ScenarioStatus = NonNullable<Scenario['status']>;

export interface DemoLogin {
  role: string;
  roleZh: string;
  email: string;
  password: string;
  organization: string;
}

/** Fixed demo accounts, one per role; printed by the seed script. */
export const DEMO_LOGINS: DemoLogin[] = [
  {
    role: 'organizer_admin',
    roleZh: '主办方管理员',
    email: 'organizer@demo.scx',
    password: 'demo-organizer-2026',
    organization: ORGANIZER.name,
  },
  {
    role: 'agency_admin',
    roleZh: '发榜单位管理员',
    email: 'agency@demo.scx',
    password: 'demo-agency-2026',
    organization: '武汉市交通运输局',
  },
  {
    role: 'firm_admin',
    roleZh: '揭榜单位管理员',
    email: 'firm@demo.scx',
    password: 'demo-firm-2026',
    organization: '武汉光谷智联科技有限公司',
  },
  {
    role: 'firm_admin',
    roleZh: '揭榜单位管理员（第二家企业）',
    email: 'firm2@demo.scx',
    password: 'demo-firm2-2026',
    organization: '武汉江城数安信息技术有限公司',
  },
  {
    role: 'expert',
    roleZh: '评审专家',
    email: 'expert@demo.scx',
    password: 'demo-expert-2026',
    organization: '华中科技大学',
  },
];

export interface GenerateOptions {
  scenarios: number;
  firms: number;
  products: number;
  seed: number;
  now: Date;
  /** password hash per demo email, and one shared hash (of a random password) for everyone else */
  demoHashes: Record<string, string>;
  sharedHash: string;
}

export interface Generated {
  organizations: Org[];
  users: User[];
  memberships: Membership[];
  certifications: Cert[];
  firmCases: FirmCase[];
  products: Product[];
  calls: Call[];
  experts: Expert[];
  expertConflicts: Conflict[];
  scenarios: Scenario[];
  scenarioRequirements: Requirement[];
  criteria: Criterion[];
  scenarioReviews: Review[];
  scenarioStats: Stat[];
  questions: Question[];
  bids: Bid[];
  bidMembers: BidMember[];
  awards: Award[];
  milestones: Milestone[];
}

const DAY = 86_400_000;
const WAN = 1_000_000; // fen per 万元
const DOMAIN_CODES = SOFTWARE_DOMAINS.map((d) => d.code) as SoftwareDomain[];
const FIRM_DOMAIN_WEIGHTS: Record<SoftwareDomain, number> = {
  'industry-it': 22,
  'internet-services': 14,
  'emerging-platforms': 13,
  cybersecurity: 10,
  geospatial: 9,
  'industrial-software': 9,
  embedded: 8,
  automotive: 6,
  'basic-software': 5,
  eda: 3,
};
const SCENARIO_DOMAIN_WEIGHTS: Record<SoftwareDomain, number> = {
  'industry-it': 18,
  'emerging-platforms': 16,
  'internet-services': 13,
  geospatial: 11,
  cybersecurity: 10,
  'industrial-software': 9,
  embedded: 9,
  automotive: 6,
  'basic-software': 5,
  eda: 3,
};
const CHALLENGE_DOMAIN_WEIGHTS: Record<SoftwareDomain, number> = {
  'industry-it': 3,
  'emerging-platforms': 12,
  'internet-services': 2,
  geospatial: 6,
  cybersecurity: 8,
  'industrial-software': 12,
  embedded: 8,
  automotive: 10,
  'basic-software': 10,
  eda: 8,
};
/** The 2026 call's per-domain targets (sum 200). */
const CALL_TARGETS: Record<SoftwareDomain, number> = {
  'industry-it': 35,
  'emerging-platforms': 30,
  'internet-services': 25,
  geospatial: 20,
  cybersecurity: 20,
  'industrial-software': 20,
  embedded: 15,
  automotive: 15,
  'basic-software': 12,
  eda: 8,
};

const zh = (list: readonly { code: string; zh: string; en: string }[], code: string) => labelOf(list, code);
const areaZh = (a: string) => zh(APPLICATION_AREAS, a);
const domainZh = (d: string) => zh(SOFTWARE_DOMAINS, d);
const districtZh = (d: string) => zh(DISTRICTS, d);
const iso = (ms: number) => new Date(ms).toISOString();
/** Domains whose pain points and data are their own, whatever the application area. */
const SPECIALIST: SoftwareDomain[] = ['eda', 'basic-software', 'automotive', 'industrial-software'];

interface FirmInfo {
  id: string;
  name: string;
  brand: string;
  size: FirmSize;
  domains: SoftwareDomain[];
  topics: Topic[];
  approved: boolean;
}

interface ScenarioPlan {
  row: Scenario;
  topic: Topic;
  status: ScenarioStatus;
  issuer: FixedOrg;
  deadlineMs: number | null;
}

/**
 * Further domains a topic's own words name (安全 → 网络安全软件, 北斗 → 地球空间信息 …). Read from the
 * text, not drawn from the rng, so everything else the seed generates stays as it was.
 */
const SECONDARY_CUES: [SoftwareDomain, RegExp][] = [
  ['cybersecurity', /安全|密码|等保|防护/],
  ['geospatial', /北斗|遥感|地理信息|时空|测绘/],
  ['embedded', /传感|终端|物联网/],
];
function secondaryDomainsOf(t: Topic): SoftwareDomain[] {
  const text = `${t.title}${t.keywords.join('')}`;
  return SECONDARY_CUES.filter(([d, cue]) => d !== t.domain && cue.test(text))
    .map(([d]) => d)
    .slice(0, 3);
}

const contexts = new Map<Topic, Set<string>>();
const topicContext = (t: Topic) => {
  let c = contexts.get(t);
  if (!c) {
    c = bigrams([t.title, ...t.keywords, ...t.products].join(''));
    contexts.set(t, c);
  }
  return c;
};

/** Builds every row of the seed in memory; deterministic for a given seed and `now`. */
export function generate(opts: GenerateOptions): Generated {
  const root = new Rng(opts.seed);
  const ids = root.fork(1);
  const rng = root.fork(2);
  const now = opts.now.getTime();
  const year = opts.now.getUTCFullYear();
  const out: Generated = {
    organizations: [],
    users: [],
    memberships: [],
    certifications: [],
    firmCases: [],
    products: [],
    calls: [],
    experts: [],
    expertConflicts: [],
    scenarios: [],
    scenarioRequirements: [],
    criteria: [],
    scenarioReviews: [],
    scenarioStats: [],
    questions: [],
    bids: [],
    bidMembers: [],
    awards: [],
    milestones: [],
  };

  // ---------------------------------------------------------------- helpers
  const id = (atMs: number) => seededUlid(ids, atMs);
  const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;
  const ago = (minDays: number, maxDays: number) =>
    minute(now - (minDays + rng.next() * (maxDays - minDays)) * DAY);
  /** A day offset from now at 17:00 Beijing time (09:00 UTC), when deadlines fall. */
  const deadlineAt = (days: number) => {
    const d = new Date(now + days * DAY);
    d.setUTCHours(9, 0, 0, 0);
    return d.getTime();
  };
  const usedUscc = new Set<string>();
  const uscc = (prefix: string, district: District, cityLevel = false) => {
    const division = cityLevel ? '420100' : (DISTRICT_DIVISION_CODES[district] ?? '420100');
    for (;;) {
      const code = completeUscc(prefix + division + rng.chars(USCC_ALPHABET, 9));
      if (!usedUscc.has(code)) {
        usedUscc.add(code);
        return code;
      }
    }
  };
  const personName = () => rng.pick(SURNAMES.split('')) + rng.pick(GIVEN);
  const mobile = () =>
    `1${rng.pick(['33', '35', '37', '38', '39', '50', '52', '58', '59', '77', '80', '86', '89'])}${rng.chars('0123456789', 8)}`;
  const landline = () => `027-8${rng.chars('0123456789', 7)}`;
  const wan = (min: number, max: number, step: number) =>
    Math.max(min, Math.round(rng.logUniform(min, max) / step) * step) * WAN;
  const renderKpi = (k: { name: string; target: string }): Kpi => {
    const target = fillNumbers(rng, k.target);
    const unit = unitOf(target);
    return unit ? { name: k.name, target, unit } : { name: k.name, target };
  };
  const kpiText = (k: Kpi) => `${k.name}${k.target}`;
  /** One or two technical approaches of the topic's domain that fit the topic (generic ones otherwise). */
  const approachesFor = (t: Topic): string[] => {
    const ranked = mostRelevant(DOMAIN_BANK[t.domain].approaches, topicContext(t), 2, () => rng.next());
    const fitting = ranked.filter((x) => x.score > 0).map((x) => x.phrase);
    const generic = ['industry-it', 'internet-services'].includes(t.domain);
    return fitting.length === 2 || (generic && ranked.length === 2)
      ? rng.shuffle(ranked.map((x) => x.phrase))
      : fitting.length === 1
        ? fitting
        : [ranked[0]?.phrase as string];
  };

  // ---------------------------------------------------------------- organizer, agencies, expert bodies
  const organizerCreated = minute(now - 400 * DAY);
  const organizerUserId = id(organizerCreated);
  const fixedOrgIds = new Map<string, string>();
  const orgUser = new Map<string, string>();
  const addFixedOrg = (o: FixedOrg, kind: Org['kind'], description: string) => {
    const created = o === ORGANIZER ? organizerCreated : ago(360, 400);
    const orgId = id(created);
    fixedOrgIds.set(o.key, orgId);
    out.organizations.push({
      id: orgId,
      externalId: null,
      kind,
      status: 'approved',
      name: o.name,
      nameEn: null,
      uscc: uscc(o.prefix, o.district, o.district === 'citywide' || o.prefix === '91'),
      district: o.district,
      size: o.prefix === '91' ? 'large' : null,
      localTaxResident: true,
      domains: [],
      description,
      capability: '',
      employees: null,
      foundedYear: null,
      website: null,
      contactName: personName(),
      contactPhone: landline(),
      contactEmail: null,
      approvedAt: iso(created + DAY),
      approvedBy: organizerUserId,
      version: 1,
      createdAt: iso(created),
      updatedAt: iso(created + DAY),
    });
    return orgId;
  };
  const addUser = (
    email: string,
    name: string,
    createdMs: number,
    platformRole: User['platformRole'] = 'none',
    userId = id(createdMs),
  ) => {
    out.users.push({
      id: userId,
      email,
      name,
      passwordHash: opts.demoHashes[email] ?? opts.sharedHash,
      locale: 'zh-CN',
      platformRole,
      disabledAt: null,
      createdAt: iso(createdMs),
      updatedAt: iso(createdMs),
    });
    return userId;
  };
  const addMember = (userId: string, orgId: string, role: Membership['role'], createdMs: number) => {
    out.memberships.push({ userId, orgId, role, createdAt: iso(createdMs) });
  };

  const organizerId = addFixedOrg(
    ORGANIZER,
    'organizer',
    '武汉市经济和信息化局负责统筹推进全市软件和信息服务业发展，组织年度数字应用场景征集发布、“揭榜挂帅”和供需对接活动。',
  );
  addUser('organizer@demo.scx', '周明', organizerCreated, 'organizer_admin', organizerUserId);
  addMember(organizerUserId, organizerId, 'admin', organizerCreated);

  for (const [i, a] of AGENCIES.entries()) {
    const orgId = addFixedOrg(
      a,
      'agency',
      `${a.name}作为发榜单位，围绕${joinZh(a.areas.map(areaZh))}领域梳理数字化转型需求，发布应用场景和“揭榜挂帅”榜单。`,
    );
    const created = ago(300, 360);
    const email =
      a.key === 'traffic' ? 'agency@demo.scx' : `agency-${String(i + 1).padStart(2, '0')}@seed.scx`;
    const userId = addUser(email, a.key === 'traffic' ? '陈静' : personName(), created);
    addMember(userId, orgId, 'admin', created);
    orgUser.set(a.key, userId);
  }
  for (const b of EXPERT_BODIES) {
    addFixedOrg(b, 'expert-body', `${b.name}为市软件和信息服务业评审专家库推荐专家所在单位。`);
  }

  // ---------------------------------------------------------------- firms
  const usedNames = new Set<string>(DEMO_LOGINS.map((d) => d.organization));
  const firms: FirmInfo[] = [];
  const topicsByDomain = new Map<SoftwareDomain, Topic[]>();
  for (const t of TOPICS) topicsByDomain.set(t.domain, [...(topicsByDomain.get(t.domain) ?? []), t]);
  const domainWeights = (w: Record<SoftwareDomain, number>) => DOMAIN_CODES.map((d) => w[d]);

  const firmName = (primary: SoftwareDomain, size: FirmSize): { name: string; brand: string } => {
    for (let attempt = 0; ; attempt++) {
      const head = rng.pick(NAME_HEADS);
      const tail = rng.pick(NAME_TAILS);
      const brand = attempt < 30 ? head + tail : head + tail + rng.pick(NAME_TAILS);
      const place = rng.chance(0.86) ? '武汉' : '湖北';
      const word = rng.pick(DOMAIN_BANK[primary].nameWords);
      const form = (size === 'large' || size === 'medium') && rng.chance(0.45) ? '股份有限公司' : '有限公司';
      const name = `${place}${brand}${word}${form}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return { name, brand: tail };
      }
    }
  };

  const productTotal = Math.max(0, opts.products);
  const firmCount = Math.max(2, opts.firms);
  // Products per firm: the demo firms 3 and 2, every other firm 1, the rest spread at random
  // (1–4 per firm unless more than four per firm were asked for).
  const productCounts = new Array<number>(firmCount).fill(0);
  let left = productTotal;
  for (const [i, want] of [
    [0, 3],
    [1, 2],
  ] as const) {
    productCounts[i] = Math.min(want, left);
    left -= productCounts[i] ?? 0;
  }
  for (let i = 2; i < firmCount && left > 0; i++, left--) productCounts[i] = 1;
  const cap = Math.max(4, Math.ceil(productTotal / firmCount) + 1);
  while (left > 0) {
    const i = rng.int(firmCount > 2 ? 2 : 0, firmCount - 1);
    if ((productCounts[i] ?? 0) < cap) {
      productCounts[i] = (productCounts[i] ?? 0) + 1;
      left--;
    }
  }

  const certIssuers: Record<string, string> = {
    CSMM: '中国软件行业协会',
    DCMM: '中国电子信息行业联合会',
    CMMI: 'CMMI Institute',
    ISO27001: '中国网络安全审查认证和市场监管大数据中心',
    ISO9001: '中国质量认证中心',
    ISO20000: '北京赛西认证有限责任公司',
    ITSS: '中国电子工业标准化技术协会',
    XINCHUANG: '中国电子技术标准化研究院',
    ZJTX: '湖北省经济和信息化厅',
    'ZJTX-GIANT': '工业和信息化部',
    HNTE: '湖北省科学技术厅',
    MLPS3: '公安部信息安全等级保护评估中心',
  };
  const sizeIndex: Record<FirmSize, number> = { micro: 0, small: 1, medium: 2, large: 3 };
  const addCert = (orgId: string, code: string, level: number | null, atCreated: number) => {
    const issued = minute(now - rng.logUniform(40, 1200) * DAY);
    const issuedYear = new Date(issued).getUTCFullYear();
    const digits = (n: number) => rng.chars('0123456789', n);
    const no: Record<string, string> = {
      HNTE: `GR${issuedYear}42${digits(6)}`,
      CMMI: `#${digits(5)}`,
      CSMM: `CSMM-L${level}-${issuedYear}${digits(6)}`,
      DCMM: `DCMM-${issuedYear}-${level}-${digits(5)}`,
      ITSS: `ITSS-YW-${level}-4201${issuedYear}${digits(4)}`,
    };
    out.certifications.push({
      id: id(atCreated),
      orgId,
      code,
      level,
      issuer: certIssuers[code] ?? null,
      certificateNo:
        no[code] ?? `${digits(5)}${issuedYear % 100}${rng.pick(['Q', 'IS', 'S', 'X'])}${digits(5)}R0M`,
      issuedAt: iso(issued),
      expiresAt: iso(issued + 3 * 365 * DAY),
      createdAt: iso(atCreated),
    });
  };
  const certsFor = (orgId: string, size: FirmSize, domains: SoftwareDomain[], created: number) => {
    const s = sizeIndex[size];
    const has = (d: SoftwareDomain) => domains.includes(d);
    const p = (...byS: number[]) => rng.chance(byS[s] ?? 0);
    if (p(0.35, 0.6, 0.85, 0.95)) addCert(orgId, 'HNTE', null, created);
    if (p(0.3, 0.55, 0.85, 0.95)) addCert(orgId, 'ISO9001', null, created);
    if (p(0.15, 0.35, 0.7, 0.9) || (has('cybersecurity') && rng.chance(0.5)))
      addCert(orgId, 'ISO27001', null, created);
    if (p(0.05, 0.15, 0.4, 0.6)) addCert(orgId, 'ISO20000', null, created);
    if (p(0.03, 0.15, 0.45, 0.7))
      addCert(orgId, 'CMMI', s >= 2 && rng.chance(0.35) ? 5 : rng.chance(0.8) ? 3 : 2, created);
    if (p(0.06, 0.22, 0.42, 0.55))
      addCert(orgId, 'CSMM', s >= 3 ? rng.int(3, 5) : rng.int(2, s >= 2 ? 4 : 3), created);
    const dataHeavy = has('industry-it') || has('internet-services') || has('emerging-platforms');
    if (p(0.02, 0.08, 0.25, 0.45) || (dataHeavy && rng.chance(0.08)))
      addCert(orgId, 'DCMM', s >= 3 ? rng.int(3, 4) : rng.int(2, 3), created);
    if (p(0.02, 0.1, 0.3, 0.5)) addCert(orgId, 'ITSS', s >= 2 ? rng.int(2, 3) : rng.int(3, 4), created);
    if (p(0.1, 0.2, 0.35, 0.6) || (has('basic-software') && rng.chance(0.5)))
      addCert(orgId, 'XINCHUANG', null, created);
    if (p(0.05, 0.18, 0.35, 0)) addCert(orgId, 'ZJTX', null, created);
    if (p(0, 0.02, 0.08, 0)) addCert(orgId, 'ZJTX-GIANT', null, created);
    if (has('cybersecurity') ? rng.chance(0.3) : rng.chance(0.02)) addCert(orgId, 'MLPS3', null, created);
  };

  const caseClient = (t: Topic) =>
    rng
      .pick(AREA_BANK[t.area].clients)
      .replace('{d}', rng.pick(CASE_PLACES))
      .replace('{b}', rng.pick(NAME_HEADS));

  for (let i = 0; i < firmCount; i++) {
    const demo = i < 2;
    let primary: SoftwareDomain;
    let domains: SoftwareDomain[];
    let size: FirmSize;
    let district: District;
    let name: string;
    let brand: string;
    let topics: Topic[];
    if (i === 0) {
      primary = 'industry-it';
      domains = ['industry-it', 'emerging-platforms', 'automotive'];
      size = 'small';
      district = 'east-lake-hightech';
      name = '武汉光谷智联科技有限公司';
      brand = '智联';
      topics = TOPICS.filter((t) => t.area === 'transport' && domains.includes(t.domain));
    } else if (i === 1) {
      primary = 'cybersecurity';
      domains = ['cybersecurity', 'industry-it'];
      size = 'medium';
      district = 'hongshan';
      name = '武汉江城数安信息技术有限公司';
      brand = '数安';
      topics = TOPICS.filter(
        (t) => t.domain === 'cybersecurity' && ['government', 'healthcare', 'education'].includes(t.area),
      );
    } else {
      primary = rng.weighted(DOMAIN_CODES, domainWeights(FIRM_DOMAIN_WEIGHTS));
      const extra = rng.weighted([0, 1, 2], [50, 35, 15]);
      domains = [primary];
      while (domains.length < 1 + extra) {
        const d = rng.weighted(DOMAIN_CODES, domainWeights(FIRM_DOMAIN_WEIGHTS));
        if (!domains.includes(d)) domains.push(d);
      }
      size = rng.weighted<FirmSize>(['micro', 'small', 'medium', 'large'], [40, 38, 16, 6]);
      district = rng.weighted(FIRM_DISTRICTS, FIRM_DISTRICT_WEIGHTS);
      ({ name, brand } = firmName(primary, size));
      // Topics: one or two from the main domain, the rest from any of the firm's domains.
      const own = rng.sample(topicsByDomain.get(primary) ?? [], rng.int(1, 2));
      const pool = domains.flatMap((d) => topicsByDomain.get(d) ?? []).filter((t) => !own.includes(t));
      topics = [...own, ...rng.sample(pool, rng.int(1, 3) - (own.length - 1))];
    }
    const created = demo ? ago(200, 220) : ago(30, 720);
    const orgId = id(created);
    const approved = demo || rng.chance(0.97);
    const employees =
      size === 'micro'
        ? rng.int(3, 9)
        : size === 'small'
          ? rng.int(10, 99)
          : size === 'medium'
            ? rng.int(100, 299)
            : rng.int(300, 3000);
    const founded = size === 'large' ? rng.int(1996, 2012) : rng.int(2004, year - 1);
    const areas = [...new Set(topics.map((t) => t.area))];
    const keywords = [...new Set(topics.flatMap((t) => t.keywords.slice(0, 3)))];
    const approaches = rng.sample(
      domains.flatMap((d) => DOMAIN_BANK[d].approaches),
      3,
    );
    const capabilities = [...new Set(domains.flatMap((d) => rng.sample(DOMAIN_BANK[d].capabilities, 2)))];

    // Products first, so the profile can name them.
    const productNames: string[] = [];
    const nProducts = productCounts[i] ?? 0;
    for (let k = 0; k < nProducts; k++) {
      const t = topics[k % topics.length] as Topic;
      const base = t.products[Math.floor(k / topics.length) % t.products.length] as string;
      let pname = rng.chance(0.4) ? `${brand}${base}` : base;
      if (rng.chance(0.7)) pname += `V${rng.int(1, 6)}.${rng.int(0, 9)}`;
      if (productNames.includes(pname))
        pname = `${brand}${base}（${rng.pick(['标准版', '专业版', '云服务版', '信创版'])}）`;
      if (productNames.includes(pname)) pname = `${pname.replace(/（.*）$/, '')}${k + 1}代`;
      productNames.push(pname);
      const xinchuang = rng.chance(t.domain === 'basic-software' || t.area === 'government' ? 0.6 : 0.25);
      const deployments = Math.max(0, Math.floor(rng.logUniform(1, 160)) - 1);
      const pa = approachesFor(t);
      const a1 = pa[0] as string;
      const kws = rng.sample(t.keywords, 4);
      const pCreated = minute(created + rng.next() * (now - created) * 0.8);
      const otherArea = areas.find((a) => a !== t.area);
      out.products.push({
        id: id(pCreated),
        externalId: null,
        firmId: orgId,
        name: pname,
        summary: rng.pick([
          `面向${areaZh(t.area)}领域的${base}，采用${a1}，支持${joinZh(kws.slice(0, 3))}。`,
          `${base}聚焦${kws[0]}与${kws[1]}，基于${a1}，${deployments > 0 ? `已在${deployments}家单位落地应用` : '已完成试点验证'}。`,
          `服务${AREA_BANK[t.area].users.slice(0, 2).join('、')}的${base}，提供${joinZh(kws.slice(0, 3))}等核心能力。`,
        ]),
        description:
          `${pname}是${name.replace(/(股份)?有限公司$/, '')}自主研发的${domainZh(t.domain)}产品，覆盖${joinZh(kws)}等业务需求。` +
          `产品采用${joinZh(pa)}，可对接${rng.sample(AREA_BANK[t.area].data, 2).join('、')}。` +
          `${xinchuang ? '已完成主流国产CPU、操作系统和数据库的兼容适配，' : ''}支持私有化部署和云服务两种交付方式。` +
          `典型应用：${t.title}。`,
        domains: [t.domain],
        areas: otherArea && rng.chance(0.3) ? [t.area, otherArea] : [t.area],
        recommendedCatalog: rng.chance(0.15),
        firstEdition: rng.chance(0.08),
        xinchuang,
        priceFromFen: Math.round(rng.logUniform(5, 300)) * WAN,
        deployments,
        status: 'listed',
        version: 1,
        createdAt: iso(pCreated),
        updatedAt: iso(pCreated),
      });
    }

    const copyrights = Math.round(rng.logUniform(2, size === 'large' ? 400 : size === 'medium' ? 120 : 40));
    const patents =
      size === 'micro' ? rng.int(0, 2) : Math.round(rng.logUniform(1, size === 'large' ? 200 : 40));
    const sizeZh = { micro: '微型', small: '小型', medium: '中型', large: '大型' }[size];
    const row: Org = {
      id: orgId,
      externalId: null,
      kind: 'firm',
      status: approved ? 'approved' : 'pending',
      name,
      nameEn: null,
      uscc: uscc('91', district, district === 'east-lake-hightech' || rng.chance(0.4)),
      district,
      size,
      localTaxResident: demo || rng.chance(0.94),
      domains,
      description:
        `${name}成立于${founded}年，位于${districtZh(district)}，是一家专注于${joinZh(domains.map(domainZh))}的${sizeZh}科技企业。` +
        `公司主要面向${joinZh(areas.map(areaZh))}等领域，` +
        (productNames.length > 0
          ? `提供${joinZh(productNames.slice(0, 3).map((p) => `“${p}”`))}等产品和解决方案。`
          : `提供${joinZh(capabilities.slice(0, 2))}服务。`) +
        (size === 'medium' || size === 'large'
          ? `现有员工${employees}人，研发人员占比${rng.int(40, 75)}%。`
          : ''),
      capability:
        `核心能力：${joinZh(capabilities)}。技术路线：${approaches.join('；')}。` +
        `业务经验：熟悉${keywords.slice(0, 8).join('、')}等业务，` +
        `拥有软件著作权${copyrights}项${patents > 0 ? `、发明专利${patents}项` : ''}。`,
      employees,
      foundedYear: founded,
      website: null,
      contactName: demo ? (i === 0 ? '李浩然' : '张思源') : personName(),
      contactPhone: mobile(),
      contactEmail: demo ? DEMO_LOGINS[i + 2]?.email : null,
      approvedAt: approved ? iso(created + rng.int(1, 5) * DAY) : null,
      approvedBy: approved ? organizerUserId : null,
      version: 1,
      createdAt: iso(created),
      updatedAt: iso(created),
    };
    out.organizations.push(row);
    certsFor(orgId, size, domains, created);
    if (i === 0) {
      // The demo firm should meet typical requirements: CSMM 3, HNTE, ISO 27001.
      if (!out.certifications.some((c) => c.orgId === orgId && c.code === 'CSMM'))
        addCert(orgId, 'CSMM', 3, created);
      if (!out.certifications.some((c) => c.orgId === orgId && c.code === 'ISO27001'))
        addCert(orgId, 'ISO27001', null, created);
    }

    const nCases = demo
      ? 3
      : rng.int([0, 0, 1, 2][sizeIndex[size]] as number, [2, 4, 5, 5][sizeIndex[size]] as number);
    for (let k = 0; k < nCases; k++) {
      const t = rng.pick(topics);
      const client = caseClient(t);
      const kpi = renderKpi(rng.pick(t.kpis));
      const caseYear = rng.int(Math.max(founded, year - 4), year);
      out.firmCases.push({
        id: id(created),
        orgId,
        title: `${client}${t.title}项目`,
        client,
        year: caseYear,
        amountFen: Math.round(rng.logUniform(10, 800) * 10) * 100_000,
        domain: t.domain,
        area: t.area,
        description:
          `为${client}建设${rng.pick(t.products)}，围绕${joinZh(rng.sample(t.keywords, 2))}开展实施，` +
          `项目上线后${kpiText(kpi)}，已通过用户验收。`,
        createdAt: iso(created),
      });
    }
    firms.push({ id: orgId, name, brand, size, domains, topics, approved });
  }

  // Demo firm users.
  for (const [i, f] of firms.slice(0, 2).entries()) {
    const login = DEMO_LOGINS[i + 2] as DemoLogin;
    const created = ago(190, 200);
    const userId = addUser(login.email, i === 0 ? '李浩然' : '张思源', created);
    addMember(userId, f.id, 'admin', created);
    orgUser.set(f.id, userId);
  }

  // ---------------------------------------------------------------- experts
  const expertCount = Math.max(44, Math.round(opts.scenarios * 0.2));
  const bigFirms = firms.filter((f) => f.size === 'large' || f.size === 'medium').slice(2);
  const usedPeople = new Set<string>(['周明', '陈静', '李浩然', '张思源', '张明远']);
  const expertIds: string[] = [];
  for (let i = 0; i < expertCount; i++) {
    const created = ago(200, 380);
    let name = '张明远';
    if (i > 0) {
      do name = personName();
      while (usedPeople.has(name) && usedPeople.size < 4000);
      usedPeople.add(name);
    }
    let employerOrgId: string;
    let employerName: string;
    let title: string;
    let body = false;
    const where = i === 0 ? 0 : rng.next();
    if (where < 0.8 || bigFirms.length === 0) {
      const b =
        i === 0 ? (EXPERT_BODIES[1] as FixedOrg) : rng.weighted(EXPERT_BODIES, [5, 6, 4, 3, 3, 2, 3, 2]);
      employerOrgId = fixedOrgIds.get(b.key) as string;
      employerName = b.name;
      body = true;
      title =
        i === 0
          ? '教授'
          : b.prefix === '12' && b.key.length <= 4
            ? rng.weighted(['教授', '副教授', '研究员'], [5, 4, 1])
            : rng.weighted(EXPERT_TITLES, EXPERT_TITLE_WEIGHTS);
    } else if (where < 0.88) {
      const a = rng.pick(AGENCIES);
      employerOrgId = fixedOrgIds.get(a.key) as string;
      employerName = a.name;
      title = rng.pick(['高级工程师', '正高级工程师', '高级经济师']);
    } else {
      const f = rng.pick(bigFirms);
      employerOrgId = f.id;
      employerName = f.name;
      title = rng.pick(['高级工程师', '正高级工程师', '教授级高级工程师']);
    }
    const domains =
      i === 0
        ? (['industry-it', 'emerging-platforms', 'automotive'] as SoftwareDomain[])
        : rng.sample(DOMAIN_CODES, rng.weighted([1, 2, 3], [3, 5, 2]));
    const email = i === 0 ? 'expert@demo.scx' : `expert-${String(i).padStart(3, '0')}@seed.scx`;
    const userId = addUser(email, name, created);
    if (body) addMember(userId, employerOrgId, 'expert', created);
    const expertId = id(created);
    expertIds.push(expertId);
    out.experts.push({
      id: expertId,
      userId,
      name,
      employerOrgId,
      employerName,
      title,
      domains,
      active: i === 0 || rng.chance(0.95),
      createdAt: iso(created),
    });
    if (i > 0 && rng.chance(0.25)) {
      const f = rng.pick(firms.slice(2));
      if (f.id !== employerOrgId)
        out.expertConflicts.push({
          id: id(created),
          expertId,
          orgId: f.id,
          reason: rng.pick([
            '近三年内曾在该单位任职',
            '与该单位存在在研合作项目',
            '近亲属在该单位担任高级管理人员',
            '持有该单位股份',
            '曾为该单位提供有偿技术咨询',
          ]),
          createdAt: iso(created + DAY),
        });
    }
  }

  // ---------------------------------------------------------------- calls
  const prevCallId = id(now - 440 * DAY);
  const callId = id(now - 90 * DAY);
  // Notice windows keep core's defaults by kind (7 days for challenges, 1 + 3 working days otherwise).
  const callRules = { leadLimit: 3, smeDeduction: 0.1, lowPriceThreshold: 0.2 };
  out.calls.push(
    {
      id: prevCallId,
      organizerId,
      title: `${year - 1}年武汉市数字应用场景征集`,
      year: year - 1,
      description: `面向全市各部门、各区和重点企事业单位征集${year - 1}年度数字应用场景和“揭榜挂帅”需求，年度目标发布200个应用场景。`,
      status: 'published',
      opensAt: iso(minute(now - 430 * DAY)),
      closesAt: iso(minute(now - 250 * DAY)),
      targetCount: 200,
      domains: DOMAIN_CODES,
      targets: {},
      rules: callRules,
      version: 3,
      createdAt: iso(minute(now - 440 * DAY)),
      updatedAt: iso(minute(now - 240 * DAY)),
    },
    {
      id: callId,
      organizerId,
      title: `${year}年武汉市数字应用场景征集（第一批）`,
      year,
      description:
        `聚焦软件产业十大重点领域，征集发布${year}年度数字应用场景和重点应用场景“揭榜挂帅”榜单，` +
        '推动场景开放与产品供给精准对接，年度目标200个。',
      status: 'open',
      opensAt: iso(minute(now - 80 * DAY)),
      closesAt: iso(deadlineAt(120)),
      targetCount: 200,
      domains: DOMAIN_CODES,
      targets: CALL_TARGETS,
      rules: callRules,
      version: 2,
      createdAt: iso(minute(now - 90 * DAY)),
      updatedAt: iso(minute(now - 80 * DAY)),
    },
  );

  // ---------------------------------------------------------------- scenarios
  const published = Math.max(1, opts.scenarios);
  const challenges = Math.min(published, Math.max(1, Math.round(published * 0.06)));
  const workflow = Math.max(11, Math.round(published * 0.35));
  const topicUse = new Map<Topic, number>();
  const usedTitles = new Set<string>();
  const agencyByKey = new Map(AGENCIES.map((a) => [a.key, a]));
  let coverage = rng.shuffle(DOMAIN_CODES);

  const pickTopic = (challenge: boolean, area?: ApplicationArea): Topic => {
    let pool: Topic[];
    if (area) pool = TOPICS.filter((t) => t.area === area);
    else {
      const d = coverage.length
        ? (coverage.shift() as SoftwareDomain)
        : rng.weighted(
            DOMAIN_CODES,
            domainWeights(challenge ? CHALLENGE_DOMAIN_WEIGHTS : SCENARIO_DOMAIN_WEIGHTS),
          );
      pool = topicsByDomain.get(d) ?? TOPICS;
    }
    // The least-used topic of the pool (ties at random), so lists stay varied.
    let best = Number.POSITIVE_INFINITY;
    let cands: Topic[] = [];
    for (const t of pool) {
      const u = topicUse.get(t) ?? 0;
      if (u < best) {
        best = u;
        cands = [t];
      } else if (u === best) cands.push(t);
    }
    const t = rng.pick(cands);
    topicUse.set(t, best + 1);
    return t;
  };
  const pickIssuer = (t: Topic): FixedOrg => {
    const hinted = t.issuers.map((k) => agencyByKey.get(k)).filter((a): a is FixedOrg => !!a);
    if (hinted.length && rng.chance(0.75)) return rng.pick(hinted);
    const byArea = AGENCIES.filter((a) => a.areas.includes(t.area));
    return byArea.length ? rng.pick(byArea) : (agencyByKey.get('data') as FixedOrg);
  };
  const makeTitle = (t: Topic, kind: 'scenario' | 'challenge', district: District) => {
    const place = district === 'citywide' ? '' : districtZh(district).replace('武汉', '');
    const zone = place.replace(/(新技术开发区|经济技术开发区|生态旅游风景区)$/, (m) =>
      m === '新技术开发区' ? '高新区' : m === '经济技术开发区' ? '经开区' : '风景区',
    );
    const freshKw = t.keywords.find((k) => !t.title.includes(k));
    const variants =
      kind === 'challenge'
        ? [
            `${t.title}关键技术攻关`,
            `${t.title}揭榜攻关`,
            ...(freshKw ? [`面向${freshKw}的${t.title}技术攻关`] : []),
            `${t.title}核心技术“揭榜挂帅”`,
          ]
        : [
            `${t.title}应用场景`,
            `${t.title}${endsWithNoun(t.title) ? '' : '平台'}建设`,
            `${zone}${t.title}试点`,
            `${t.title}应用示范`,
            `${zone}${t.title}场景`,
            ...(freshKw ? [`${t.title}（${freshKw}方向）`] : []),
          ];
    for (const v of rng.shuffle(variants)) if (!usedTitles.has(v)) return v;
    for (let n = 2; ; n++) {
      const v = `${rng.pick(variants)}（${['二', '三', '四', '五', '六', '七', '八', '九'][n - 2] ?? n}期）`;
      if (!usedTitles.has(v)) return v;
    }
  };

  const plans: ScenarioPlan[] = [];
  const statusTimes = (status: ScenarioStatus) => {
    // [createdDaysAgo, submittedDaysAgo | null, publishedDaysAgo | null, deadline (days from now) | null, call]
    switch (status) {
      case 'draft':
        return {
          created: ago(1, 20),
          submitted: null,
          published: null,
          deadline: rng.int(40, 90),
          call: callId,
        };
      case 'withdrawn':
        return { created: ago(30, 70), submitted: null, published: null, deadline: null, call: callId };
      case 'submitted':
        return {
          created: ago(10, 30),
          submitted: ago(1, 9),
          published: null,
          deadline: rng.int(40, 90),
          call: callId,
        };
      case 'returned':
        return {
          created: ago(15, 40),
          submitted: ago(5, 14),
          published: null,
          deadline: rng.int(40, 90),
          call: callId,
        };
      case 'published': {
        const p = ago(1, 50);
        return {
          created: p - rng.int(8, 30) * DAY,
          submitted: p - rng.int(2, 7) * DAY,
          published: p,
          deadline: rng.int(14, 70),
          call: callId,
        };
      }
      case 'bidding_closed':
      case 'under_evaluation':
      case 'awarded': {
        const dl =
          status === 'bidding_closed'
            ? -rng.int(1, 7)
            : status === 'under_evaluation'
              ? -rng.int(8, 25)
              : -rng.int(26, 45);
        const p = minute(now + (dl - rng.int(30, 50)) * DAY);
        return {
          created: p - rng.int(8, 30) * DAY,
          submitted: p - rng.int(2, 7) * DAY,
          published: p,
          deadline: dl,
          call: callId,
        };
      }
      default: {
        const dl = -rng.int(250, 300);
        const p = minute(now + (dl - rng.int(30, 60)) * DAY);
        return {
          created: p - rng.int(8, 30) * DAY,
          submitted: p - rng.int(2, 7) * DAY,
          published: p,
          deadline: dl,
          call: prevCallId,
        };
      }
    }
  };

  const createScenario = (
    kind: 'scenario' | 'challenge',
    status: ScenarioStatus,
    t: Topic,
    issuer: FixedOrg,
  ) => {
    const district: District =
      issuer.district !== 'citywide' && rng.chance(0.85)
        ? issuer.district
        : rng.weighted(SCENARIO_DISTRICTS, SCENARIO_DISTRICT_WEIGHTS);
    const title = makeTitle(t, kind, district);
    usedTitles.add(title);
    const area = AREA_BANK[t.area];
    const dom = DOMAIN_BANK[t.domain];
    const placeText =
      district === 'citywide'
        ? rng.pick(['全市范围内', '中心城区', '全市重点区域'])
        : `${districtZh(district)}`;
    const kws = rng.sample(t.keywords, 3);
    const aps = approachesFor(t);
    const ap1 = aps[0] as string;
    const apText = joinZh(aps);
    const ctx = topicContext(t);
    // The area pain point that fits the topic best, else a topic-specific one; then the domain's own.
    const best = mostRelevant(area.pains, ctx, 1, () => rng.next())[0];
    const topicPain =
      best && best.score >= 2 && !SPECIALIST.includes(t.domain)
        ? best.phrase
        : rng.pick([
            `${kws[0]}工作主要依靠人工巡查和经验判断，覆盖面小、时效性差`,
            `现有${kws[0]}相关系统建设早、功能单一，难以适应新的管理和服务要求`,
            `${kws[0]}和${kws[1]}缺少有效的技术手段，问题发现和处置滞后`,
          ]);
    const pains = SPECIALIST.includes(t.domain) ? rng.sample(dom.pains, 2) : [topicPain, rng.pick(dom.pains)];
    const data = [
      ...mostRelevant(area.data, ctx, 2, () => rng.next()).map((x) => x.phrase),
      ...rng.sample(
        dom.data.filter((d) => !area.data.includes(d)),
        1,
      ),
    ];
    const product = rng.pick(t.products);
    const outcome = rng.pick(area.outcomes);
    const kpis = t.kpis.map(renderKpi);
    if (rng.chance(0.5)) kpis.push(renderKpi(rng.pick(dom.kpis)));
    const kpiLine = kpis.map(kpiText).join('，');
    const challenge = kind === 'challenge';
    const months = challenge ? rng.int(12, 24) : rng.int(6, 18);
    const summary = rng.pick([
      `${issuer.short}拟在${placeText}开展${t.title}，围绕${joinZh(kws)}等环节，引入${ap1}，${outcome}。`,
      `面向${rng.pick(area.users)}，建设${product}，打通${data[0]}与${data[1]}，实现${kpiText(kpis[0] as Kpi)}。`,
      `本场景聚焦${kws[0]}与${kws[1]}，征集具备${ap1}能力的解决方案，在${placeText}先行先试，成熟后全市推广。`,
      `针对${pains[0]?.replace(/，.*$/, '')}等问题，${issuer.short}征集${t.title}解决方案，目标${kpiText(kpis[0] as Kpi)}。`,
    ]);
    const problem =
      `${pains[0]}；${pains[1]}。` +
      `目前${data.join('、')}分散在不同业务系统中，${kws[0]}和${kws[1]}等环节仍主要依靠人工和传统手段，` +
      `难以满足${rng.pick(area.users)}的实际需要。`;
    const goals =
      (challenge
        ? `围绕${t.title}中的“卡脖子”环节开展技术攻关，形成具有自主知识产权的${product}。`
        : `建设${product}，`) +
      `采用${apText}，实现${joinZh(kws)}的一体化应用。` +
      `考核指标：${kpiLine}。` +
      (challenge
        ? `揭榜单位须在${months}个月内完成攻关并通过第三方测评，成果在${placeText}落地应用。`
        : `项目周期${months}个月，${outcome}。`);
    const times = statusTimes(status);
    const created = times.created;
    const scenarioId = id(created);
    const budget = challenge ? wan(300, 2000, 10) : wan(50, 2000, 5);
    const subsidy = challenge
      ? Math.min(500 * WAN, Math.round((budget * 0.3) / (10 * WAN)) * 10 * WAN)
      : rng.chance(0.2)
        ? Math.min(300 * WAN, Math.round((budget * rng.int(10, 30)) / 100 / (5 * WAN)) * 5 * WAN)
        : null;
    const reward = challenge
      ? Math.max(100 * WAN, Math.round((budget * rng.int(20, 50)) / 100 / (10 * WAN)) * 10 * WAN)
      : null;
    const goods = rng.chance(t.domain === 'embedded' ? 0.45 : 0.2) && !challenge;
    const priceWeight = challenge ? 0.1 : goods ? 0.3 : 0.2;
    const deadlineMs = times.deadline === null ? null : deadlineAt(times.deadline);
    const postDeadline = deadlineMs !== null && deadlineMs < now && times.published !== null;
    const row: Scenario = {
      id: scenarioId,
      externalId: null,
      kind,
      status,
      callId: times.call,
      issuerId: fixedOrgIds.get(issuer.key) as string,
      title,
      summary,
      problem,
      goals,
      kpis,
      domain: t.domain,
      secondaryDomains: secondaryDomainsOf(t),
      area: t.area,
      district,
      procurementType: goods ? 'goods' : 'services',
      budgetFen: budget,
      rewardFen: reward,
      subsidyFen: subsidy,
      deadline: deadlineMs === null ? null : iso(deadlineMs),
      deliveryMonths: months,
      winnersMax: challenge ? rng.weighted([1, 2, 3], [4, 4, 2]) : 1,
      consortiumAllowed: challenge ? rng.chance(0.8) : rng.chance(0.3),
      consortiumMaxPartners: challenge ? rng.int(2, 4) : rng.int(1, 2),
      rules: challenge
        ? // 湖北's 揭榜挂帅 subsidy: 10 % of the total investment, at most 5,000,000 yuan.
          { priceWeight, noticeDays: 7, lowPriceThreshold: 0.2, subsidyRate: 0.1, subsidyCapFen: 500_000_000 }
        : { priceWeight, smeDeduction: 0.1, lowPriceThreshold: 0.2, objectionWorkingDays: 3 },
      contactName: `${rng.pick(SURNAMES.split(''))}${rng.pick(['科长', '主任', '处长', '工程师', '老师'])}`,
      contactPhone: landline(),
      contactEmail: null,
      createdBy: orgUser.get(issuer.key) ?? null,
      submittedAt: times.submitted === null ? null : iso(times.submitted),
      publishedAt: times.published === null ? null : iso(times.published),
      closedAt: postDeadline && deadlineMs !== null ? iso(deadlineMs) : null,
      version: times.published ? 3 : times.submitted ? 2 : 1,
      createdAt: iso(created),
      updatedAt: iso(times.published ?? times.submitted ?? created),
    };
    out.scenarios.push(row);
    plans.push({ row, topic: t, status, issuer, deadlineMs });

    // Requirements: certification, size, local tax, district, experience, technical.
    const reqs: Omit<Requirement, 'id' | 'scenarioId' | 'ordinal'>[] = [];
    const dataTopic = ['industry-it', 'internet-services', 'emerging-platforms'].includes(t.domain);
    if (t.domain === 'cybersecurity')
      reqs.push(
        rng.chance(0.5)
          ? {
              kind: 'certification',
              code: 'ISO27001',
              level: null,
              value: null,
              mandatory: true,
              description: '须具有有效的ISO 27001信息安全管理体系认证证书',
            }
          : {
              kind: 'certification',
              code: 'MLPS3',
              level: null,
              value: null,
              mandatory: false,
              description: '具有等保三级测评相关经验者优先',
            },
      );
    if (dataTopic && rng.chance(0.35))
      reqs.push({
        kind: 'certification',
        code: 'DCMM',
        level: 2,
        value: null,
        mandatory: rng.chance(0.5),
        description: '具有数据管理能力成熟度(DCMM)二级及以上证书',
      });
    if (rng.chance(challenge ? 0.6 : 0.4)) {
      const level = rng.weighted([2, 3, 4], [2, 6, 1]);
      const code = rng.chance(0.6) ? 'CSMM' : 'CMMI';
      const lv = ['', '一', '二', '三', '四', '五'][level];
      reqs.push({
        kind: 'certification',
        code,
        level,
        value: null,
        mandatory: rng.chance(0.6),
        description: `具有${code === 'CSMM' ? '软件能力成熟度(CSMM)' : 'CMMI'}${lv}级及以上资质`,
      });
    }
    if (t.domain === 'basic-software' || (t.area === 'government' && rng.chance(0.4)))
      reqs.push({
        kind: 'certification',
        code: 'XINCHUANG',
        level: null,
        value: null,
        mandatory: true,
        description: '产品须通过信创适配认证',
      });
    if (!challenge && rng.chance(0.3))
      reqs.push({
        kind: 'size',
        code: null,
        level: null,
        value: 'medium,small,micro',
        mandatory: true,
        description: '本项目预留份额专门面向中小企业',
      });
    if (challenge || rng.chance(0.35))
      reqs.push({
        kind: 'local_tax',
        code: null,
        level: null,
        value: 'true',
        mandatory: challenge,
        description: challenge ? '揭榜单位须在武汉市注册并依法纳税' : '在武汉市依法纳税的企业优先',
      });
    if (district !== 'citywide' && rng.chance(0.15))
      reqs.push({
        kind: 'district',
        code: null,
        level: null,
        value: district,
        mandatory: false,
        description: `在${districtZh(district)}注册或设有分支机构的企业优先`,
      });
    if (rng.chance(0.6)) {
      const n = rng.int(1, 3);
      reqs.push({
        kind: 'experience',
        code: null,
        level: n,
        value: t.area,
        mandatory: rng.chance(0.5),
        description: `近三年具有不少于${n}个${areaZh(t.area)}领域同类项目案例`,
      });
    }
    if (rng.chance(0.5))
      reqs.push({
        kind: 'technical',
        code: null,
        level: null,
        value: null,
        mandatory: true,
        description: rng.pick(dom.technical),
      });
    for (const [k, r] of reqs.entries())
      out.scenarioRequirements.push({ id: id(created), scenarioId, ordinal: k, ...r });

    // Criteria (综合评分法), weights summing to 100.
    const crit: [string, string, Criterion['kind'], number, string][] = challenge
      ? [
          ['solution', '攻关方案与技术指标', 'challenge', 45, '技术路线先进可行，承诺指标不低于榜单要求'],
          ['foundation', '研发基础与团队实力', 'technical', 25, '核心团队、知识产权和同类攻关经历'],
          ['adoption', '成果转化与推广应用', 'commercial', 20, '应用落地计划和产业化前景'],
          ['price', '报价', 'price', 10, '价格分 = 基准价 / 评审价 × 10'],
        ]
      : [
          [
            'technical',
            '技术方案',
            'technical',
            goods ? 40 : 45,
            '需求理解、总体架构、关键技术和KPI实现路径',
          ],
          [
            'team',
            '实施团队与同类案例',
            'technical',
            goods ? 10 : 15,
            '项目经理资历、团队构成和近三年同类案例',
          ],
          ['service', '服务承诺与售后保障', 'commercial', 20, '实施计划、运维响应和培训方案'],
          ['price', '报价', 'price', goods ? 30 : 20, `价格分 = 基准价 / 评审价 × ${goods ? 30 : 20}`],
        ];
    for (const [k, [code, name, ckind, weight, guidance]] of crit.entries())
      out.criteria.push({
        id: id(created),
        scenarioId,
        code,
        name,
        kind: ckind,
        weight,
        guidance,
        ordinal: k,
      });

    // Review trail.
    const orgUserId = orgUser.get(issuer.key) ?? null;
    if (times.submitted !== null)
      out.scenarioReviews.push({
        id: id(times.submitted),
        scenarioId,
        action: 'submit',
        comment: '',
        actorId: orgUserId,
        createdAt: iso(times.submitted),
      });
    if (status === 'returned')
      out.scenarioReviews.push({
        id: id(times.submitted ?? created),
        scenarioId,
        action: 'return',
        comment: rng.pick([
          '预算测算依据不充分，请补充分项测算表后重新提交。',
          'KPI指标需量化并明确考核口径和数据来源。',
          '场景描述偏重建设内容，请补充拟解决的业务痛点和应用成效。',
          '资格要求中指定品牌的表述不符合公平竞争要求，请修改。',
          '请补充数据开放范围和安全保障措施说明。',
        ]),
        actorId: organizerUserId,
        createdAt: iso((times.submitted ?? created) + 2 * DAY),
      });
    if (times.published !== null) {
      out.scenarioReviews.push({
        id: id(times.published),
        scenarioId,
        action: 'publish',
        comment: '审核通过，同意发布。',
        actorId: organizerUserId,
        createdAt: iso(times.published),
      });
      const views = Math.round(rng.logUniform(20, 6000));
      out.scenarioStats.push({ scenarioId, views, questions: 0, popularity: Math.round(views / 10) / 100 });
    }
    return row;
  };

  // Workflow examples: the demo agency gets one scenario in each state it acts on.
  const demoStates: ScenarioStatus[] = [
    'draft',
    'submitted',
    'returned',
    'bidding_closed',
    'under_evaluation',
    'awarded',
    'in_delivery',
    'accepted',
    'failed',
  ];
  const traffic = agencyByKey.get('traffic') as FixedOrg;
  for (const s of demoStates) {
    const t = pickTopic(false, rng.chance(0.8) ? 'transport' : 'logistics');
    // The evaluation journey by hand (开标 → 验收): the closed example is a 揭榜挂帅 challenge.
    const kind = s === 'bidding_closed' || (s === 'accepted' && rng.chance(0.5)) ? 'challenge' : 'scenario';
    const row = createScenario(kind, s, t, traffic);
    if (s === 'bidding_closed') {
      // Outside the call, so the demo firm's bid on it leaves room under the per-call lead limit; at most
      // 10,000,000 yuan, so three experts make a panel; the demo expert reviews its domain.
      row.callId = null;
      if ((row.budgetFen ?? 0) > 1000 * WAN) {
        row.budgetFen = 1000 * WAN;
        row.subsidyFen = 300 * WAN;
        row.rewardFen = Math.min(row.rewardFen ?? 0, 1000 * WAN);
      }
      const demoExpert = out.experts[0];
      if (demoExpert && !(demoExpert.domains as string[]).includes(row.domain))
        demoExpert.domains = [...(demoExpert.domains as SoftwareDomain[]), row.domain as SoftwareDomain];
    }
  }
  // Published: challenges first (hard domains), then scenarios; the first ten cover all domains.
  for (let i = 0; i < challenges; i++) {
    const t = pickTopic(true);
    createScenario('challenge', 'published', t, pickIssuer(t));
  }
  coverage = rng.shuffle(DOMAIN_CODES);
  for (let i = 0; i < published - challenges; i++) {
    const t = i === 0 ? pickTopic(false, 'transport') : pickTopic(false);
    createScenario('scenario', 'published', t, i === 0 ? traffic : pickIssuer(t));
  }
  const otherStates: ScenarioStatus[] = [
    'draft',
    'submitted',
    'returned',
    'bidding_closed',
    'under_evaluation',
    'awarded',
    'in_delivery',
    'accepted',
    'failed',
    'withdrawn',
    'terminated',
  ];
  const otherWeights = [10, 12, 6, 12, 10, 12, 14, 12, 6, 3, 3];
  for (let i = demoStates.length; i < workflow; i++) {
    const s = rng.weighted(otherStates, otherWeights);
    const t = pickTopic(rng.chance(0.1));
    createScenario(rng.chance(0.1) ? 'challenge' : 'scenario', s, t, pickIssuer(t));
  }

  // ---------------------------------------------------------------- Q&A on published scenarios
  const approvedFirms = firms.filter((f) => f.approved);
  const qa: [string, string][] = [
    [
      '本项目是否接受联合体申报？联合体成员数量有无限制？',
      '接受联合体申报，联合体成员（含牵头单位）不超过五家，须提交联合体协议。',
    ],
    [
      '现有业务系统的接口文档能否在报名后提供？',
      '报名并签署保密承诺后，可联系发榜单位获取接口文档和测试环境。',
    ],
    ['项目实施是否要求驻场？', '需求调研和上线试运行阶段要求核心团队驻场，其余阶段可远程开发。'],
    ['考核指标以哪一阶段的数据为准？', '以试运行期满后连续三个月的运行数据为准，由第三方机构复核。'],
    ['国产化适配范围是否包括终端设备？', '适配范围包括服务器端和管理终端，现场采集设备不作强制要求。'],
    ['预算是否包含后续运维费用？', '预算包含一年免费运维，之后的运维费用另行约定。'],
  ];
  for (const p of plans) {
    if (p.status !== 'published' || !rng.chance(0.3) || approvedFirms.length === 0) continue;
    const n = rng.int(1, 2);
    for (const [q, a] of rng.sample(qa, n)) {
      const asked = minute(
        Date.parse(p.row.publishedAt as string) +
          rng.next() * (now - Date.parse(p.row.publishedAt as string)) * 0.8,
      );
      const answered = rng.chance(0.75);
      out.questions.push({
        id: id(asked),
        scenarioId: p.row.id as string,
        askerOrgId: rng.pick(approvedFirms).id,
        askerUserId: null,
        question: q,
        answer: answered ? a : null,
        answeredBy: answered ? (orgUser.get(p.issuer.key) ?? null) : null,
        answeredAt: answered ? iso(Math.min(now - 60_000, asked + rng.int(1, 3) * DAY)) : null,
        createdAt: iso(asked),
      });
    }
    const stat = out.scenarioStats.find((s) => s.scenarioId === p.row.id);
    if (stat) stat.questions = n;
  }

  // ---------------------------------------------------------------- bids, awards, milestones
  const firmsByDomain = new Map<SoftwareDomain, FirmInfo[]>();
  for (const f of approvedFirms.slice(2))
    for (const d of f.domains) firmsByDomain.set(d, [...(firmsByDomain.get(d) ?? []), f]);
  const demoFirm = firms[0] as FirmInfo;
  const demoFirm2 = firms[1] as FirmInfo;
  const demoBidOn = new Map<string, 'win' | 'lose' | 'bid'>();
  for (const p of plans.slice(0, demoStates.length)) {
    if (p.status === 'in_delivery' || p.status === 'accepted') demoBidOn.set(p.row.id as string, 'win');
    else if (p.status === 'awarded') demoBidOn.set(p.row.id as string, 'lose');
    // Under the per-call lead limit (3) with room to spare, so the demo firm still gets recommendations.
    else if (p.status === 'under_evaluation' || p.status === 'bidding_closed')
      demoBidOn.set(p.row.id as string, 'bid');
  }
  const disqualifyReasons = [
    '未按要求提供CSMM三级及以上资质证明',
    '投标文件未加盖公章',
    '联合体协议未明确各方分工',
    '报价超过最高限价',
    '近三年同类案例证明材料不全',
  ];
  // Applications each firm leads per call: the platform allows callRules.leadLimit (3) per call.
  const leadsPerCall = new Map<string, number>();
  const belowLeadLimit = (f: FirmInfo, p: ScenarioPlan) =>
    !p.row.callId || (leadsPerCall.get(`${f.id}|${p.row.callId}`) ?? 0) < callRules.leadLimit;
  const addBid = (
    p: ScenarioPlan,
    f: FirmInfo,
    status: Bid['status'],
    submittedMs: number,
    priceFen: number,
  ) => {
    const bidId = id(submittedMs);
    const t = p.topic;
    const key = `${f.id}|${p.row.callId ?? ''}`;
    leadsPerCall.set(key, (leadsPerCall.get(key) ?? 0) + 1);
    const partner =
      p.row.consortiumAllowed && rng.chance(p.row.kind === 'challenge' ? 0.4 : 0.15)
        ? rng.pick(firmsByDomain.get(t.domain) ?? approvedFirms)
        : null;
    const withPartner = partner && partner.id !== f.id ? partner : null;
    const smallPartner = withPartner && (withPartner.size === 'small' || withPartner.size === 'micro');
    const kpis = (p.row.kpis ?? []) as Kpi[];
    const opened = p.deadlineMs !== null && status !== 'submitted' ? iso(p.deadlineMs + 3_600_000) : null;
    out.bids.push({
      id: bidId,
      scenarioId: p.row.id as string,
      leadFirmId: f.id,
      status,
      priceFen,
      content: {
        approach: `采用${joinZh(rng.sample(DOMAIN_BANK[t.domain].approaches, 2))}，基于自有产品“${rng.pick(t.products)}”开展${joinZh(rng.sample(t.keywords, 2))}建设。`,
        team: `项目团队${rng.int(6, 30)}人，其中高级工程师${rng.int(1, 6)}人，项目经理具有PMP或信息系统项目管理师资格。`,
        schedule: `${p.row.deliveryMonths ?? 12}个月内分需求调研、开发部署、试运行与验收三个阶段交付。`,
        kpiCommitments: kpis.map((k) => ({ kpi: k.name, commitment: k.target })),
      },
      smallPartnerShareBp: smallPartner ? 3000 : null,
      domesticProduct: rng.chance(0.5),
      submittedAt: iso(submittedMs),
      amendedAt: null,
      withdrawnAt: null,
      openedAt: opened,
      qualificationReason: status === 'disqualified' ? rng.pick(disqualifyReasons) : null,
      lowPriceFlag: false,
      lowPriceExplanation: null,
      lowPriceAcceptedAt: null,
      createdBy: orgUser.get(f.id) ?? null,
      version: 1,
      createdAt: iso(submittedMs - rng.int(1, 5) * DAY),
      updatedAt: iso(submittedMs),
    });
    out.bidMembers.push({
      bidId,
      firmId: f.id,
      role: 'lead',
      shareBp: withPartner ? 7000 : 10000,
      responsibility: withPartner ? '总体设计、核心平台研发和项目管理' : '全部工作内容',
      confirmedAt: iso(submittedMs),
      createdAt: iso(submittedMs),
    });
    if (withPartner)
      out.bidMembers.push({
        bidId,
        firmId: withPartner.id,
        role: 'partner',
        shareBp: 3000,
        responsibility: rng.pick([
          '现场设备部署与运维',
          '数据治理与接口对接',
          '算法模型训练与调优',
          '安全测评与等保整改',
        ]),
        confirmedAt: iso(submittedMs),
        createdAt: iso(submittedMs),
      });
    return bidId;
  };

  for (const p of plans) {
    const budget = p.row.budgetFen ?? 100 * WAN;
    const price = () => Math.round((budget * (0.72 + rng.next() * 0.27)) / 100_000) * 100_000;
    const demoRole = demoBidOn.get(p.row.id as string);
    if (p.status === 'published') continue;
    if (p.deadlineMs === null || p.deadlineMs > now) continue;
    const pool = (firmsByDomain.get(p.topic.domain) ?? approvedFirms.slice(2)).filter(
      (f) => f.id !== demoFirm.id && belowLeadLimit(f, p),
    );
    const n = p.status === 'failed' ? rng.int(1, 2) : rng.int(3, 6);
    const bidders = rng.sample(pool, n);
    if (demoRole) bidders.unshift(demoFirm);
    const submitted = (k: number) => minute((p.deadlineMs as number) - (k + 1) * rng.int(2, 20) * 3_600_000);
    const awardedStates = ['awarded', 'in_delivery', 'accepted', 'terminated'];
    const winners = awardedStates.includes(p.status) ? Math.min(p.row.winnersMax ?? 1, bidders.length) : 0;
    // The demo firm wins where it should, loses where it should.
    const ranked = demoRole === 'lose' ? [...bidders.slice(1), demoFirm] : bidders;
    for (const [k, f] of ranked.entries()) {
      let status: Bid['status'];
      if (p.status === 'bidding_closed') status = 'submitted';
      else if (p.status === 'under_evaluation')
        status = f !== demoFirm && rng.chance(0.15) ? 'disqualified' : 'qualified';
      else if (p.status === 'failed') status = 'disqualified';
      else if (p.status === 'withdrawn') continue;
      else status = k < winners ? 'awarded' : rng.chance(0.12) ? 'disqualified' : 'not_awarded';
      const bidPrice = price();
      const bidId = addBid(p, f, status, submitted(k), bidPrice);
      if (status === 'awarded') {
        const awardedMs = (p.deadlineMs as number) + rng.int(10, 20) * DAY;
        const awardStatus: Award['status'] =
          p.status === 'in_delivery'
            ? 'in_delivery'
            : p.status === 'accepted'
              ? 'accepted'
              : p.status === 'terminated'
                ? 'terminated'
                : 'awarded';
        const acceptedMs =
          awardStatus === 'accepted' ? Math.min(now - 10 * DAY, awardedMs + rng.int(150, 220) * DAY) : null;
        const awardId = id(awardedMs);
        out.awards.push({
          id: awardId,
          scenarioId: p.row.id as string,
          bidId,
          rank: k + 1,
          amountFen: bidPrice,
          subsidyFen: p.row.subsidyFen
            ? Math.floor(p.row.subsidyFen / Math.max(1, winners) / 100) * 100
            : null,
          status: awardStatus,
          awardedAt: iso(awardedMs),
          acceptedAt: acceptedMs === null ? null : iso(acceptedMs),
          acceptanceNote:
            acceptedMs === null
              ? null
              : `各项考核指标均达到榜单要求：${((p.row.kpis ?? []) as Kpi[]).map(kpiText).join('，')}。`,
          createdAt: iso(awardedMs),
        });
        if (awardStatus === 'in_delivery' || awardStatus === 'accepted') {
          const steps: [string, number][] = [
            ['需求调研与总体方案评审', 30],
            ['系统开发部署与联调测试', 100],
            ['试运行与竣工验收', 160],
          ];
          for (const [title, offset] of steps) {
            const due = awardedMs + offset * DAY;
            const done = awardStatus === 'accepted' || due < now;
            out.milestones.push({
              id: id(awardedMs),
              awardId,
              title,
              dueAt: iso(due),
              status: done ? 'done' : 'planned',
              doneAt: done ? iso(Math.min(due - rng.int(0, 5) * DAY, acceptedMs ?? now)) : null,
              note: done ? '已按期完成并经发榜单位确认。' : '',
              createdAt: iso(awardedMs),
            });
          }
        }
      }
    }
  }
  // Sealed bids of the demo firms on open scenarios (readable only by themselves until the deadline).
  const openFor = (f: FirmInfo) =>
    plans.find(
      (p) =>
        p.status === 'published' &&
        f.domains.includes(p.topic.domain) &&
        !out.bids.some((b) => b.scenarioId === p.row.id && b.leadFirmId === f.id),
    );
  for (const f of [demoFirm2]) {
    const p = openFor(f);
    if (!p || !belowLeadLimit(f, p)) continue;
    const budget = p.row.budgetFen ?? 100 * WAN;
    addBid(
      p,
      f,
      'submitted',
      minute(now - rng.int(1, 5) * DAY),
      Math.round((budget * 0.9) / 100_000) * 100_000,
    );
  }

  return out;
}
