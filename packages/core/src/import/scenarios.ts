import * as v from 'valibot';
import { MAX_SECONDARY_DOMAINS } from '../schemas/scenario.ts';
import {
  APPLICATION_AREAS,
  type ApplicationArea,
  codesOf,
  DISTRICTS,
  type District,
  labelOf,
  SCENARIO_KINDS,
  type ScenarioKind,
  SOFTWARE_DOMAINS,
  type SoftwareDomain,
} from '../vocabulary.ts';
import {
  isEmptyValue,
  matchArea,
  matchDistrict,
  matchDomain,
  matchKey,
  matchKind,
  type Parsed,
  parseDeadline,
  parseInteger,
  parseMoneyFen,
} from './normalize.ts';
import {
  bilingual,
  cellsByField,
  eachWithProgress,
  type FieldSpec,
  flagDuplicates,
  type ImportIssue,
  type ImportPreview,
  type ImportRowResult,
  issue,
  locateHeader,
  type OnProgress,
  splitBilingual,
  summarize,
} from './preview.ts';
import { type ImportRequirement, parseRequirements } from './requirements.ts';
import type { Sheet } from './sheet.ts';

export interface ScenarioKpi {
  name: string;
  target: string;
}

/** A scenario row ready to write (commit adds ids, status `draft`, issuer, call, timestamps). */
export interface ScenarioImportRecord {
  line: number;
  kind: ScenarioKind;
  title: string;
  /** As written in the file when it names an issuer other than the importer (organizers only); else null. */
  issuerName: string | null;
  summary: string;
  problem: string;
  goals: string;
  kpis: ScenarioKpi[];
  domain: SoftwareDomain;
  /** Further domains named in the same cell after the first (“行业信息化、网络安全”). */
  secondaryDomains: SoftwareDomain[];
  area: ApplicationArea;
  district: District;
  budgetFen: number | null;
  rewardFen: number | null;
  subsidyFen: number | null;
  /** UTC ISO-8601; a bare date is 23:59:59.999 that day in Asia/Shanghai. */
  deadline: string | null;
  deliveryMonths: number | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  requirements: ImportRequirement[];
}

export type ScenarioField =
  | 'title'
  | 'issuer'
  | 'kind'
  | 'domain'
  | 'area'
  | 'district'
  | 'budgetFen'
  | 'rewardFen'
  | 'subsidyFen'
  | 'deadline'
  | 'deliveryMonths'
  | 'summary'
  | 'problem'
  | 'goals'
  | 'kpis'
  | 'requirements'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'serial';

/** Header synonyms (matched after NFKC, without spaces, brackets' units and `*`; case-insensitive). */
export const SCENARIO_FIELDS: readonly FieldSpec<ScenarioField>[] = [
  {
    field: 'title',
    label: '场景名称',
    labelEn: 'title',
    required: true,
    synonyms: [
      '项目名称',
      '榜单名称',
      '场景标题',
      '需求名称',
      '揭榜任务名称',
      '任务名称',
      '名称',
      '标题',
      'name',
    ],
  },
  {
    field: 'issuer',
    label: '发布单位',
    labelEn: 'issuer',
    synonyms: [
      '发榜单位',
      '需求单位',
      '场景发布单位',
      '发布方',
      '牵头单位',
      '场景提供单位',
      '需求方',
      'agency',
    ],
  },
  { field: 'kind', label: '类型', labelEn: 'kind', synonyms: ['场景类型', '项目类型', '类别', 'type'] },
  {
    field: 'domain',
    label: '所属领域',
    labelEn: 'domain',
    required: true,
    synonyms: ['技术领域', '软件领域', '所属软件领域', '领域', '重点领域'],
  },
  {
    field: 'area',
    label: '应用领域',
    labelEn: 'area',
    synonyms: ['行业', '应用行业', '所属行业', '行业领域', '应用方向', 'industry'],
  },
  {
    field: 'district',
    label: '所在区',
    labelEn: 'district',
    required: true,
    synonyms: ['区域', '所属区', '所在区域', '所属区域', '行政区', '区县', '区', '所在地', '实施地点'],
  },
  {
    field: 'budgetFen',
    label: '预算(万元)',
    labelEn: 'budget',
    synonyms: ['预算', '预算金额', '项目预算', '投资金额', '投资额', '预计投资', 'budgetfen'],
  },
  {
    field: 'rewardFen',
    label: '奖励(万元)',
    labelEn: 'reward',
    synonyms: ['奖励', '奖补资金', '奖励金额', '奖金', '奖补金额', 'rewardfen'],
  },
  {
    field: 'subsidyFen',
    label: '补贴(万元)',
    labelEn: 'subsidy',
    synonyms: ['补贴', '补助资金', '补贴金额', '支持资金', 'subsidyfen'],
  },
  {
    field: 'deadline',
    label: '截止日期',
    labelEn: 'deadline',
    synonyms: [
      '申报截止',
      '截止时间',
      '申报截止日期',
      '申报截止时间',
      '揭榜截止时间',
      '揭榜截止日期',
      '截止',
    ],
  },
  {
    field: 'deliveryMonths',
    label: '实施周期(月)',
    labelEn: 'deliveryMonths',
    synonyms: ['实施周期', '建设周期', '项目周期', '周期', 'delivery months'],
  },
  {
    field: 'summary',
    label: '场景描述',
    labelEn: 'summary',
    synonyms: ['需求描述', '简介', '场景简介', '项目简介', '场景概述', '描述', '场景内容', 'description'],
  },
  {
    field: 'problem',
    label: '痛点',
    labelEn: 'problem',
    synonyms: ['存在问题', '需求痛点', '痛点问题', '问题'],
  },
  {
    field: 'goals',
    label: '建设目标',
    labelEn: 'goals',
    synonyms: ['目标', '预期目标', '预期成效', '建设内容'],
  },
  { field: 'kpis', label: '考核指标', labelEn: 'kpis', synonyms: ['绩效指标', '指标', 'kpi', '技术指标'] },
  {
    field: 'requirements',
    label: '技术要求',
    labelEn: 'requirements',
    multi: true,
    synonyms: ['资质要求', '揭榜要求', '申报条件', '资格要求', '揭榜条件', '资质条件', '企业资质要求'],
  },
  {
    field: 'contactName',
    label: '联系人',
    labelEn: 'contact',
    synonyms: ['contact', '联系人姓名', 'contactname'],
  },
  {
    field: 'contactPhone',
    label: '联系电话',
    labelEn: 'phone',
    synonyms: ['电话', '手机', '联系方式', '手机号', 'contactphone', 'tel'],
  },
  {
    field: 'contactEmail',
    label: '联系邮箱',
    labelEn: 'email',
    synonyms: ['邮箱', '电子邮箱', 'e-mail', 'contactemail', 'mail'],
  },
  // Known and deliberately not imported (so it is not reported as unknown).
  { field: 'serial', label: '序号', labelEn: 'no.', ignore: true, synonyms: ['编号', 'no', 'no.', '#'] },
];

export const SCENARIO_FIELD_LABELS = Object.fromEntries(
  SCENARIO_FIELDS.map((f) => [f.field, f.label]),
) as Record<ScenarioField, string>;

const b = bilingual;
const text = (max: number, zh: string) =>
  v.pipe(v.string(), v.maxLength(max, b(`${zh}最多 ${max} 个字`, `at most ${max} characters`)));
const nullableFen = v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0)));

/** The final shape check (after cell parsing), also what commit trusts. */
export const ScenarioImportRecordSchema = v.object({
  line: v.number(),
  kind: v.picklist(codesOf(SCENARIO_KINDS)),
  title: v.pipe(
    v.string(),
    v.minLength(1, b('场景名称不能为空', 'the title is required')),
    v.maxLength(120, b('场景名称最多 120 个字', 'the title has at most 120 characters')),
  ),
  issuerName: v.nullable(text(100, '发布单位')),
  summary: text(500, '场景描述'),
  problem: text(5000, '痛点'),
  goals: text(5000, '建设目标'),
  kpis: v.pipe(
    v.array(v.object({ name: text(60, '指标名称'), target: text(120, '指标值') })),
    v.maxLength(20, b('考核指标最多 20 项', 'at most 20 KPIs')),
  ),
  domain: v.picklist(codesOf(SOFTWARE_DOMAINS)),
  secondaryDomains: v.array(v.picklist(codesOf(SOFTWARE_DOMAINS))),
  area: v.picklist(codesOf(APPLICATION_AREAS)),
  district: v.picklist(codesOf(DISTRICTS)),
  budgetFen: nullableFen,
  rewardFen: nullableFen,
  subsidyFen: nullableFen,
  deadline: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
  deliveryMonths: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120))),
  contactName: v.nullable(text(60, '联系人')),
  contactPhone: v.nullable(
    v.pipe(
      v.string(),
      v.regex(
        /^[0-9+\-() ]{5,30}$/,
        b('联系电话格式不正确，如 027-87654321 或 13800138000', 'not a phone number'),
      ),
    ),
  ),
  contactEmail: v.nullable(v.pipe(v.string(), v.email(b('联系邮箱格式不正确', 'not an email address')))),
  requirements: v.pipe(
    v.array(
      v.object({
        kind: v.picklist([
          'certification',
          'size',
          'district',
          'local_tax',
          'experience',
          'technical',
          'other',
        ]),
        code: v.nullable(v.string()),
        level: v.nullable(v.number()),
        value: v.nullable(v.string()),
        mandatory: v.boolean(),
        description: v.string(),
      }),
    ),
    v.maxLength(30, b('技术要求最多 30 项', 'at most 30 requirements')),
  ),
});

export interface ScenarioPreviewOptions {
  /**
   * The importing organization. Rule: an empty 发布单位 cell, or one equal to `name` (ignoring spaces
   * and full/half width), means the importer. Any other issuer is an error — unless `organizer` is
   * true, then the name is kept (`issuerName`) and commit resolves it to an existing agency.
   */
  importer?: { name: string; organizer?: boolean };
  /** Used when a row has no 应用领域 (default `government`, with a warning) or no 类型 (default `scenario`). */
  defaults?: { area?: ApplicationArea; kind?: ScenarioKind };
  /** Deadlines before this are flagged (warning). Default: now. */
  now?: Date;
  onProgress?: OnProgress;
}

const listText = (list: readonly { code: string; zh: string }[]) => list.map((t) => t.zh).join('、');

function parseKpis(t: string): ScenarioKpi[] {
  const out: ScenarioKpi[] = [];
  for (const item of t.split(/[\n\r；;]+/).map((x) => x.trim().replace(/^\d+[.、)）]\s*/, ''))) {
    if (!item) continue;
    const colon = /^(.{1,60}?)[:：](.+)$/.exec(item);
    const op = /^(.{1,60}?)((?:≥|>=|≤|<=|>|<|不低于|不少于|不高于|不超过|达到|提升|降低|小于|大于).+)$/.exec(
      item,
    );
    const m = colon ?? op;
    if (m) out.push({ name: (m[1] as string).trim(), target: (m[2] as string).trim().slice(0, 120) });
    else out.push({ name: item.slice(0, 60), target: item.length > 60 ? item.slice(60, 180) : '—' });
  }
  return out;
}

/** "027-87654321/13800138000" → the first number, "027 8765 4321" kept; NFKC'd. */
const firstPhone = (t: string): string => (t.normalize('NFKC').split(/[、,，;；/]|\s{2,}/)[0] ?? '').trim();

/** Separators between several domains in one cell: 、，,;；／/ (and the ASCII forms). */
const DOMAIN_SEPARATORS = /[、，,;；／/]/;

/**
 * The domain cell: one domain, or several separated by 、，,;／/ (labels, aliases or codes) — the
 * first is the primary one, the rest (at most MAX_SECONDARY_DOMAINS, repeats dropped) further ones.
 * A cell the whole of which names one domain is one domain, separators or not.
 */
function domainsOfCell(
  cell: string,
  fail: (zh: string, en: string) => void,
): { domain: SoftwareDomain | null; secondaryDomains: SoftwareDomain[] } {
  if (isEmptyValue(cell)) return { domain: null, secondaryDomains: [] };
  const whole = matchDomain(cell);
  if (whole) return { domain: whole, secondaryDomains: [] };
  const codes: SoftwareDomain[] = [];
  let unknown = false;
  for (const part of cell.split(DOMAIN_SEPARATORS).map((p) => p.trim())) {
    if (!part) continue;
    const c = matchDomain(part);
    if (!c) {
      fail(`无法识别的所属领域“${part}”，可选：${listText(SOFTWARE_DOMAINS)}`, `unknown domain "${part}"`);
      unknown = true;
    } else if (!codes.includes(c)) codes.push(c);
  }
  if (codes.length > 1 + MAX_SECONDARY_DOMAINS) {
    fail(
      `所属领域最多填写 ${1 + MAX_SECONDARY_DOMAINS} 个（第一个为主领域）`,
      `at most ${1 + MAX_SECONDARY_DOMAINS} domains (the first is the primary one)`,
    );
    return { domain: null, secondaryDomains: [] };
  }
  if (unknown) return { domain: null, secondaryDomains: [] };
  return { domain: codes[0] ?? null, secondaryDomains: codes.slice(1) };
}

/** Splits a long description: summary ≤ 500 characters, the full text kept as the problem statement. */
function splitDescription(desc: string, problem: string): { summary: string; problem: string } {
  if (desc.length <= 500) return { summary: desc, problem };
  const cut = desc.slice(0, 499);
  const stop = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'));
  const summary = `${stop > 200 ? cut.slice(0, stop + 1) : cut}…`;
  return { summary, problem: problem ? `${desc}\n\n${problem}` : desc };
}

const canonicalName = (s: string) => matchKey(s).replace(/[()（）]/g, '');

/**
 * Maps and validates a scenario list. Pure; `onProgress` is awaited every 500 rows.
 * Every error names the person's column header and says what is wrong in Chinese (and English).
 */
export async function previewScenarioImport(
  sheet: Sheet,
  opts: ScenarioPreviewOptions = {},
): Promise<ImportPreview<ScenarioImportRecord>> {
  const located = locateHeader(sheet, SCENARIO_FIELDS);
  const fieldsPresent = new Set(located.mapping.mapped.map((m) => m.field));
  const missing = SCENARIO_FIELDS.filter((f) => f.required && !fieldsPresent.has(f.field)).map((f) => ({
    field: f.field,
    label: f.label,
    labelEn: f.labelEn,
  }));
  const now = opts.now ?? new Date();
  const importerKey = opts.importer ? canonicalName(opts.importer.name) : null;
  const results: ImportRowResult<ScenarioImportRecord>[] = [];

  await eachWithProgress(
    located.rows,
    (row) => {
      const cells = cellsByField(located.mapping.mapped, row.cells);
      const errors: ImportIssue[] = [];
      const warnings: ImportIssue[] = [];
      const col = (f: ScenarioField) => cells.get(f)?.header ?? SCENARIO_FIELD_LABELS[f];
      const raw = (f: ScenarioField) => cells.get(f)?.text ?? '';
      const fail = (f: ScenarioField, zh: string, en: string) => errors.push(issue(col(f), f, zh, en));
      const take = <T>(f: ScenarioField, p: Parsed<T>, fallback: T): T => {
        if (p.ok) return p.value;
        fail(f, p.message, p.messageEn);
        return fallback;
      };
      const vocab = <C extends string>(
        f: ScenarioField,
        match: (s: string) => C | null,
        list: readonly { code: string; zh: string }[],
        what: string,
        whatEn: string,
      ): C | null => {
        const t = raw(f);
        if (isEmptyValue(t)) return null;
        const c = match(t);
        if (!c) fail(f, `无法识别的${what}“${t}”，可选：${listText(list)}`, `unknown ${whatEn} "${t}"`);
        return c;
      };

      // Required text and vocabularies.
      const title = raw('title').replace(/\s+/g, ' ');
      if (!title) fail('title', `${col('title')}不能为空`, 'the title is required');
      const { domain, secondaryDomains } = domainsOfCell(raw('domain'), (zh, en) => fail('domain', zh, en));
      if (!raw('domain') || isEmptyValue(raw('domain')))
        fail(
          'domain',
          `${col('domain')}不能为空，可选：${listText(SOFTWARE_DOMAINS)}`,
          'the domain is required',
        );
      const district = vocab('district', matchDistrict, DISTRICTS, '区域', 'district');
      if (!raw('district') || isEmptyValue(raw('district')))
        fail('district', `${col('district')}不能为空`, 'the district is required');
      let area = vocab('area', matchArea, APPLICATION_AREAS, '应用领域', 'application area');
      if (!area && !errors.some((e) => e.field === 'area')) {
        area = opts.defaults?.area ?? 'government';
        warnings.push(
          issue(
            col('area'),
            'area',
            `未填写应用领域，按“${labelOf(APPLICATION_AREAS, area)}”导入`,
            `no application area; imported as ${area}`,
          ),
        );
      }
      const kind =
        vocab('kind', matchKind, SCENARIO_KINDS, '类型', 'kind') ?? opts.defaults?.kind ?? 'scenario';

      // Issuer rule.
      let issuerName: string | null = null;
      const issuer = raw('issuer').trim();
      if (issuer && !isEmptyValue(issuer) && canonicalName(issuer) !== importerKey) {
        if (opts.importer && !opts.importer.organizer) {
          fail(
            'issuer',
            `发布单位“${issuer}”不是本单位（${opts.importer.name}），只能导入本单位发布的场景`,
            `issuer "${issuer}" is not the importing agency (${opts.importer.name})`,
          );
        } else issuerName = issuer.normalize('NFKC').replace(/\s+/g, '');
      }

      // Money, dates, numbers.
      const money = (f: 'budgetFen' | 'rewardFen' | 'subsidyFen') => {
        const c = cells.get(f);
        if (!c) return null;
        return take(f, parseMoneyFen(c.text, c.unit === '元' ? '元' : '万元'), null);
      };
      const budgetFen = money('budgetFen');
      const rewardFen = money('rewardFen');
      const subsidyFen = money('subsidyFen');
      const deadline = take('deadline', parseDeadline(raw('deadline')), null);
      if (deadline && deadline < now.toISOString()) {
        warnings.push(
          issue(col('deadline'), 'deadline', '截止日期已过，请在提交前修改', 'the deadline has passed'),
        );
      }
      const deliveryMonths = take('deliveryMonths', parseInteger(raw('deliveryMonths'), 1, 120), null);

      const { summary, problem } = splitDescription(raw('summary'), raw('problem'));
      const kpis = parseKpis(raw('kpis'));
      const requirements = parseRequirements(raw('requirements'));
      const phone = firstPhone(raw('contactPhone'));
      const email = raw('contactEmail').trim().toLowerCase();

      const draft = {
        line: row.line,
        kind,
        title,
        issuerName,
        summary,
        problem,
        goals: raw('goals'),
        kpis,
        domain,
        secondaryDomains,
        area,
        district,
        budgetFen,
        rewardFen,
        subsidyFen,
        deadline,
        deliveryMonths,
        contactName: isEmptyValue(raw('contactName')) ? null : raw('contactName'),
        contactPhone: phone && !isEmptyValue(phone) ? phone : null,
        contactEmail: email && !isEmptyValue(email) ? email : null,
        requirements,
      };

      if (errors.length === 0) {
        const parsed = v.safeParse(ScenarioImportRecordSchema, draft);
        if (parsed.success) {
          results.push({ line: row.line, record: parsed.output as ScenarioImportRecord, errors, warnings });
          return;
        }
        for (const i of parsed.issues) {
          const key = String(i.path?.[0]?.key ?? '');
          const field = (key === 'issuerName' ? 'issuer' : key) as ScenarioField;
          const [zh, en] = splitBilingual(i.message);
          fail(field, zh, en);
        }
      }
      results.push({ line: row.line, errors, warnings });
    },
    opts.onProgress,
  );

  const duplicates = flagDuplicates(
    results,
    (r) =>
      r.record
        ? `${canonicalName(r.record.title)}|${r.record.issuerName ? canonicalName(r.record.issuerName) : ''}`
        : null,
    (key, lines) => ({
      column: located.mapping.mapped.find((m) => m.field === 'title')?.header ?? '场景名称',
      field: 'title',
      message: `同一发布单位的场景“${results.find((r) => r.line === lines[0])?.record?.title ?? key}”在第 ${lines.join('、')} 行重复出现`,
      messageEn: `the same title and issuer appear on rows ${lines.join(', ')}`,
    }),
  );
  return summarize('scenarios', located, missing, results, duplicates);
}
