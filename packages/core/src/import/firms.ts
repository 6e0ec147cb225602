import * as v from 'valibot';
import { checkUscc, type UsccProblem } from '../uscc.ts';
import {
  codesOf,
  DISTRICT_DIVISION_CODES,
  DISTRICTS,
  type District,
  FIRM_SIZES,
  type FirmSize,
  labelOf,
  SOFTWARE_DOMAINS,
  type SoftwareDomain,
} from '../vocabulary.ts';
import {
  isEmptyValue,
  matchDistrict,
  matchDomain,
  matchSize,
  type Parsed,
  parseInteger,
  parseYear,
  splitList,
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
import { type CertificationMention, parseCertificationList } from './requirements.ts';
import type { Sheet } from './sheet.ts';

/** A firm row ready to write (commit adds the id, kind `firm`, status, timestamps). */
export interface FirmImportRecord {
  line: number;
  name: string;
  /** Upper-cased, checked (GB 32100-2015). */
  uscc: string;
  size: FirmSize | null;
  district: District;
  domains: SoftwareDomain[];
  certifications: CertificationMention[];
  employees: number | null;
  foundedYear: number | null;
  description: string;
  capability: string;
  website: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
}

export type FirmField =
  | 'name'
  | 'uscc'
  | 'size'
  | 'district'
  | 'domains'
  | 'certifications'
  | 'employees'
  | 'foundedYear'
  | 'description'
  | 'capability'
  | 'website'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail'
  | 'serial';

export const FIRM_FIELDS: readonly FieldSpec<FirmField>[] = [
  {
    field: 'name',
    label: '企业名称',
    labelEn: 'name',
    required: true,
    synonyms: ['单位名称', '公司名称', '企业全称', '名称', 'company', 'firm'],
  },
  {
    field: 'uscc',
    label: '统一社会信用代码',
    labelEn: 'USCC',
    required: true,
    synonyms: ['社会信用代码', '信用代码', '统一代码', '组织机构代码', '纳税人识别号'],
  },
  { field: 'size', label: '企业规模', labelEn: 'size', synonyms: ['规模', '企业类型', '企业规模类型'] },
  {
    field: 'district',
    label: '注册地',
    labelEn: 'district',
    synonyms: ['所在区', '所在区域', '区域', '注册区', '注册地址所在区', '所属区', '注册地区', '区'],
  },
  {
    field: 'domains',
    label: '主营领域',
    labelEn: 'domains',
    synonyms: ['业务领域', '所属领域', '领域', '技术领域', '软件领域', '主营方向', 'domain'],
  },
  {
    field: 'certifications',
    label: '资质证书',
    labelEn: 'certifications',
    multi: true,
    synonyms: ['资质', '资质认证', '证书', '企业资质', '资质荣誉', '认证', 'certification'],
  },
  {
    field: 'employees',
    label: '员工人数',
    labelEn: 'employees',
    synonyms: ['职工人数', '从业人数', '从业人员', '人数', '员工数', '员工规模'],
  },
  {
    field: 'foundedYear',
    label: '成立年份',
    labelEn: 'founded',
    synonyms: ['成立时间', '成立日期', '注册时间', '注册日期', '成立年度', 'founded', 'foundedyear'],
  },
  {
    field: 'description',
    label: '企业简介',
    labelEn: 'description',
    synonyms: ['简介', '公司简介', '企业介绍', '单位简介'],
  },
  {
    field: 'capability',
    label: '核心能力',
    labelEn: 'capability',
    synonyms: ['主营业务', '主要产品', '主营产品', '技术能力', '核心产品'],
  },
  { field: 'website', label: '网址', labelEn: 'website', synonyms: ['官网', '公司网址', '网站', 'url'] },
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
  { field: 'serial', label: '序号', labelEn: 'no.', ignore: true, synonyms: ['编号', 'no', 'no.', '#'] },
];

const LABELS = Object.fromEntries(FIRM_FIELDS.map((f) => [f.field, f.label])) as Record<FirmField, string>;

export const USCC_PROBLEMS: Record<UsccProblem, [string, string]> = {
  length: ['统一社会信用代码应为 18 位', 'a USCC has 18 characters'],
  character: [
    '统一社会信用代码含有无效字符（不使用 I、O、Z、S、V）',
    'a USCC uses digits and capital letters except I, O, Z, S, V',
  ],
  division: [
    '统一社会信用代码第 3–8 位应为行政区划代码（6 位数字）',
    'characters 3–8 of a USCC are a division code',
  ],
  check: ['统一社会信用代码校验位不正确，请核对是否抄错', 'the USCC check character does not match (typo?)'],
};

const b = bilingual;
const text = (max: number, zh: string) =>
  v.pipe(v.string(), v.maxLength(max, b(`${zh}最多 ${max} 个字`, `at most ${max} characters`)));

export const FirmImportRecordSchema = v.object({
  line: v.number(),
  name: v.pipe(
    v.string(),
    v.minLength(1, b('企业名称不能为空', 'the name is required')),
    v.maxLength(100, b('企业名称最多 100 个字', 'at most 100 characters')),
  ),
  uscc: v.pipe(v.string(), v.length(18)),
  size: v.nullable(v.picklist(codesOf(FIRM_SIZES))),
  district: v.picklist(codesOf(DISTRICTS)),
  domains: v.array(v.picklist(codesOf(SOFTWARE_DOMAINS))),
  certifications: v.array(v.object({ code: v.string(), level: v.nullable(v.number()) })),
  employees: v.nullable(v.number()),
  foundedYear: v.nullable(v.number()),
  description: text(2000, '企业简介'),
  capability: text(2000, '核心能力'),
  website: v.nullable(text(200, '网址')),
  contactName: v.nullable(text(60, '联系人')),
  contactPhone: v.nullable(
    v.pipe(v.string(), v.regex(/^[0-9+\-() ]{5,30}$/, b('联系电话格式不正确', 'not a phone number'))),
  ),
  contactEmail: v.nullable(v.pipe(v.string(), v.email(b('联系邮箱格式不正确', 'not an email address')))),
});

export interface FirmPreviewOptions {
  /** Used for the founding-year upper bound. Default: now. */
  now?: Date;
  onProgress?: OnProgress;
}

const DIVISION_TO_DISTRICT = new Map(
  Object.entries(DISTRICT_DIVISION_CODES).map(([d, code]) => [code as string, d as District]),
);

/**
 * Maps and validates a firm list. Registration district: the 注册地 cell, else the USCC's division
 * code (characters 3–8) when it is one of Wuhan's districts, else `citywide` (with a warning).
 */
export async function previewFirmImport(
  sheet: Sheet,
  opts: FirmPreviewOptions = {},
): Promise<ImportPreview<FirmImportRecord>> {
  const located = locateHeader(sheet, FIRM_FIELDS);
  const present = new Set(located.mapping.mapped.map((m) => m.field));
  const missing = FIRM_FIELDS.filter((f) => f.required && !present.has(f.field)).map((f) => ({
    field: f.field,
    label: f.label,
    labelEn: f.labelEn,
  }));
  const maxYear = (opts.now ?? new Date()).getUTCFullYear();
  const results: ImportRowResult<FirmImportRecord>[] = [];
  const usccByLine = new Map<number, string>();

  await eachWithProgress(
    located.rows,
    (row) => {
      const cells = cellsByField(located.mapping.mapped, row.cells);
      const errors: ImportIssue[] = [];
      const warnings: ImportIssue[] = [];
      const col = (f: FirmField) => cells.get(f)?.header ?? LABELS[f];
      const raw = (f: FirmField) => cells.get(f)?.text ?? '';
      const opt = (f: FirmField) => (isEmptyValue(raw(f)) ? null : raw(f));
      const fail = (f: FirmField, zh: string, en: string) => errors.push(issue(col(f), f, zh, en));
      const take = <T>(f: FirmField, p: Parsed<T>, fallback: T): T => {
        if (p.ok) return p.value;
        fail(f, p.message, p.messageEn);
        return fallback;
      };

      const name = raw('name').replace(/\s+/g, ' ');
      if (!name) fail('name', `${col('name')}不能为空`, 'the name is required');

      let uscc = '';
      const usccText = raw('uscc').normalize('NFKC').replace(/\s+/g, '');
      if (!usccText) fail('uscc', `${col('uscc')}不能为空`, 'the USCC is required');
      else {
        const checked = checkUscc(usccText);
        if (checked.ok) {
          uscc = checked.value;
          usccByLine.set(row.line, uscc);
        } else {
          const [zh, en] = USCC_PROBLEMS[checked.problem];
          fail('uscc', `“${usccText}”：${zh}`, `"${usccText}": ${en}`);
        }
      }

      let size: FirmSize | null = null;
      if (opt('size')) {
        size = matchSize(raw('size'));
        if (!size)
          fail('size', `无法识别的企业规模“${raw('size')}”，可选：大型、中型、小型、微型`, 'unknown size');
      }

      let district: District | null = null;
      if (opt('district')) {
        district = matchDistrict(raw('district'));
        if (!district)
          fail('district', `无法识别的区域“${raw('district')}”`, `unknown district "${raw('district')}"`);
      } else if (uscc) {
        district = DIVISION_TO_DISTRICT.get(uscc.slice(2, 8)) ?? null;
        const d = district ?? 'citywide';
        warnings.push(
          issue(
            col('district'),
            'district',
            district
              ? `未填写注册地，按信用代码中的行政区划取“${labelOf(DISTRICTS, d)}”`
              : '未填写注册地，按“全市”导入',
            district
              ? `no district; taken from the USCC division code (${d})`
              : 'no district; imported as citywide',
          ),
        );
        district = d;
      }

      const domains: SoftwareDomain[] = [];
      const unknownDomains: string[] = [];
      for (const item of splitList(raw('domains'))) {
        const d = matchDomain(item);
        if (d) {
          if (!domains.includes(d)) domains.push(d);
        } else unknownDomains.push(item);
      }
      if (unknownDomains.length > 0) {
        warnings.push(
          issue(
            col('domains'),
            'domains',
            `未识别的领域已忽略：${unknownDomains.join('、')}`,
            `unrecognised domains ignored: ${unknownDomains.join(', ')}`,
          ),
        );
      }

      const certs = parseCertificationList(raw('certifications'));
      if (certs.unknown.length > 0) {
        warnings.push(
          issue(
            col('certifications'),
            'certifications',
            `未识别的资质已忽略：${certs.unknown.join('、')}`,
            `unrecognised certifications ignored: ${certs.unknown.join(', ')}`,
          ),
        );
      }

      const employees = take('employees', parseInteger(raw('employees'), 0, 10_000_000), null);
      const foundedYear = take('foundedYear', parseYear(raw('foundedYear'), maxYear), null);
      const phone = (
        raw('contactPhone')
          .normalize('NFKC')
          .split(/[、,，;；/]/)[0] ?? ''
      ).trim();
      const email = raw('contactEmail').trim().toLowerCase();

      const draft = {
        line: row.line,
        name,
        uscc,
        size,
        district,
        domains,
        certifications: certs.certifications,
        employees,
        foundedYear,
        description: raw('description'),
        capability: raw('capability'),
        website: opt('website'),
        contactName: opt('contactName'),
        contactPhone: phone && !isEmptyValue(phone) ? phone : null,
        contactEmail: email && !isEmptyValue(email) ? email : null,
      };
      if (errors.length === 0) {
        const parsed = v.safeParse(FirmImportRecordSchema, draft);
        if (parsed.success) {
          results.push({ line: row.line, record: parsed.output as FirmImportRecord, errors, warnings });
          return;
        }
        for (const i of parsed.issues) {
          const field = String(i.path?.[0]?.key ?? '') as FirmField;
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
    (r) => usccByLine.get(r.line) ?? null,
    (key, lines) => ({
      column: located.mapping.mapped.find((m) => m.field === 'uscc')?.header ?? '统一社会信用代码',
      field: 'uscc',
      message: `统一社会信用代码 ${key} 在第 ${lines.join('、')} 行重复出现`,
      messageEn: `USCC ${key} appears on rows ${lines.join(', ')}`,
    }),
  );
  return summarize('firms', located, missing, results, duplicates);
}
