// The JSON-lines data set format of `pnpm scx import FILE.jsonl` (README): firms, products and
// scenarios with the caller's own ids, kept as external ids. Validation only; no I/O.
import * as v from 'valibot';
import { MAX_SECONDARY_DOMAINS } from '../schemas/scenario.ts';
import { isValidUscc } from '../uscc.ts';
import {
  APPLICATION_AREAS,
  CERTIFICATIONS,
  codesOf,
  DISTRICTS,
  FIRM_SIZES,
  SOFTWARE_DOMAINS,
} from '../vocabulary.ts';

const ExternalId = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(100));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max, `must be at most ${max} characters`));
const Name = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(200));
const Domain = v.picklist(codesOf(SOFTWARE_DOMAINS), 'must be a software domain code');
const Area = v.picklist(codesOf(APPLICATION_AREAS), 'must be an application area code');
const District = v.picklist(codesOf(DISTRICTS), 'must be a district code');
const CertCode = v.picklist(
  CERTIFICATIONS.map((c) => c.code),
  'must be a certification code',
);
const Level = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5));

/** "CSMM", "CSMM-3" or {code, level?, expiresAt?}. */
const Certification = v.union(
  [
    v.pipe(
      v.string(),
      v.regex(/^[A-Z0-9-]+?(-[1-5])?$/, 'must be a code like "CSMM" or "CSMM-3"'),
      v.transform((s) => {
        const m = /^(.+?)-([1-5])$/.exec(s);
        return m && CERTIFICATIONS.some((c) => c.code === m[1])
          ? { code: m[1] as string, level: Number(m[2]) as number | null, expiresAt: null as string | null }
          : { code: s, level: null, expiresAt: null };
      }),
      v.check((c) => CERTIFICATIONS.some((x) => x.code === c.code), 'must be a certification code'),
    ),
    v.pipe(
      v.object({
        code: CertCode,
        level: v.optional(v.nullable(Level), null),
        expiresAt: v.optional(
          v.nullable(v.pipe(v.string(), v.isoTimestamp('must be an ISO-8601 timestamp'))),
          null,
        ),
      }),
      v.transform((c) => ({
        code: c.code as string,
        level: c.level ?? null,
        expiresAt: c.expiresAt ?? null,
      })),
    ),
  ],
  'must be a certification code or {code, level}',
);

const FirmCase = v.union(
  [
    v.pipe(
      Name,
      v.transform((title) => ({
        title,
        client: '',
        year: null as number | null,
        domain: null as string | null,
        area: null as string | null,
        description: '',
      })),
    ),
    v.pipe(
      v.object({
        title: Name,
        client: v.optional(Text(200), ''),
        year: v.optional(
          v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1990), v.maxValue(2100))),
          null,
        ),
        domain: v.optional(v.nullable(Domain), null),
        area: v.optional(v.nullable(Area), null),
        description: v.optional(Text(4000), ''),
      }),
      v.transform((c) => ({ ...c, year: c.year ?? null, domain: c.domain ?? null, area: c.area ?? null })),
    ),
  ],
  'must be a title or {title, client?, year?, domain?, area?, description?}',
);

const Requirement = v.object({
  kind: v.picklist(['certification', 'size', 'district', 'local_tax', 'experience', 'technical', 'other']),
  code: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(40))), null),
  level: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100))), null),
  value: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(200))), null),
  mandatory: v.optional(v.boolean(), true),
  description: v.optional(Text(1000), ''),
});

export const JsonlFirmSchema = v.object({
  type: v.literal('firm'),
  id: ExternalId,
  name: Name,
  uscc: v.optional(v.pipe(v.string(), v.check(isValidUscc, 'must be a valid USCC (GB 32100-2015)'))),
  size: v.optional(
    v.nullable(v.picklist(codesOf(FIRM_SIZES), 'must be large, medium, small or micro')),
    null,
  ),
  /** The first is the registered district; an empty list = registered outside the city. */
  districts: v.optional(v.array(District), []),
  localTax: v.optional(v.boolean()),
  domains: v.optional(v.array(Domain), []),
  certifications: v.optional(v.array(Certification), []),
  description: v.optional(Text(8000), ''),
  capability: v.optional(Text(4000), ''),
  cases: v.optional(v.array(FirmCase), []),
});

export const JsonlProductSchema = v.object({
  type: v.literal('product'),
  id: ExternalId,
  /** The firm's id in this file (or of an earlier import). */
  firm: ExternalId,
  name: Name,
  summary: v.optional(Text(500), ''),
  description: v.optional(Text(8000), ''),
  domains: v.optional(v.array(Domain), []),
  areas: v.optional(v.array(Area), []),
  recommendedCatalog: v.optional(v.boolean(), false),
  firstEdition: v.optional(v.boolean(), false),
  xinchuang: v.optional(v.boolean(), false),
});

export const JsonlScenarioSchema = v.object({
  type: v.literal('scenario'),
  id: ExternalId,
  kind: v.optional(v.picklist(['scenario', 'challenge']), 'scenario'),
  title: Name,
  description: v.optional(Text(8000), ''),
  /** The first is the primary domain, the rest (at most MAX_SECONDARY_DOMAINS) further ones. */
  domains: v.optional(
    v.pipe(
      v.array(Domain),
      v.maxLength(
        1 + MAX_SECONDARY_DOMAINS,
        `must list at most ${1 + MAX_SECONDARY_DOMAINS} domains (a primary one and ${MAX_SECONDARY_DOMAINS} more)`,
      ),
      v.check((xs) => new Set(xs).size === xs.length, 'must not list the same domain twice'),
    ),
    [],
  ),
  area: v.optional(v.nullable(Area), null),
  district: v.optional(v.nullable(District), null),
  requirements: v.optional(v.array(Requirement), []),
  budgetYuan: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1e12))), null),
});

export const JsonlRecordSchema = v.variant(
  'type',
  [JsonlFirmSchema, JsonlProductSchema, JsonlScenarioSchema],
  'type must be "firm", "product" or "scenario"',
);

export type JsonlRecord = v.InferOutput<typeof JsonlRecordSchema>;
export type JsonlFirm = v.InferOutput<typeof JsonlFirmSchema>;
export type JsonlProduct = v.InferOutput<typeof JsonlProductSchema>;
export type JsonlScenario = v.InferOutput<typeof JsonlScenarioSchema>;

export interface JsonlProblem {
  /** 1-based line number in the file. */
  line: number;
  /** Dotted path inside the record ('' for the whole line). */
  path: string;
  message: string;
}

export interface ParsedJsonl {
  records: { line: number; record: JsonlRecord }[];
  problems: JsonlProblem[];
}

/**
 * Parses and validates a JSON-lines data set. Blank lines are skipped; every bad line is reported
 * with its number and the failing fields; duplicate ids per type and products naming a firm that is
 * neither in the file nor `knownFirms` are problems too.
 */
export function parseJsonLines(text: string, knownFirms: ReadonlySet<string> = new Set()): ParsedJsonl {
  const records: ParsedJsonl['records'] = [];
  const problems: JsonlProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      problems.push({ line, path: '', message: `not valid JSON (${(e as Error).message})` });
      return;
    }
    const r = v.safeParse(JsonlRecordSchema, value);
    if (!r.success) {
      for (const issue of r.issues) {
        problems.push({ line, path: v.getDotPath(issue) ?? '', message: issue.message });
      }
      return;
    }
    const key = `${r.output.type}:${r.output.id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        line,
        path: 'id',
        message: `duplicate ${r.output.type} id "${r.output.id}" (first on line ${first})`,
      });
      return;
    }
    seen.set(key, line);
    records.push({ line, record: r.output });
  });
  for (const { line, record } of records) {
    if (record.type === 'product' && !seen.has(`firm:${record.firm}`) && !knownFirms.has(record.firm)) {
      problems.push({
        line,
        path: 'firm',
        message: `unknown firm "${record.firm}" (not in this file nor imported before)`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { records, problems };
}
