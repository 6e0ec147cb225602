import * as v from 'valibot';
import {
  APPLICATION_AREAS,
  CERTIFICATIONS,
  type CertificationCode,
  codesOf,
  DISTRICTS,
  FIRM_SIZES,
  SOFTWARE_DOMAINS,
} from '../vocabulary.ts';
import { email, fen, isoDateTime, nonEmpty, picklistOf, queryInt } from './common.ts';

/** An ISO-8601 instant with any offset, stored as UTC `…Z` so stored times compare as strings. */
const utcInstant = v.pipe(
  isoDateTime,
  v.transform((s) => new Date(s).toISOString()),
);

/** A query flag: "true" or "false" on the wire, a boolean after parsing. */
const queryBool = v.pipe(
  v.picklist(['true', 'false'], 'must be true or false'),
  v.transform((s) => s === 'true'),
);

const text = (max: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(max, `must have at most ${max} characters`));
const uniqueList = <T extends v.GenericSchema<unknown, string>>(item: T, max: number, what: string) =>
  v.pipe(
    v.array(item, `must be a list of ${what}`),
    v.maxLength(max, `must list at most ${max} ${what}`),
    v.check((xs) => new Set(xs).size === xs.length, `must not list the same ${what.replace(/s$/, '')} twice`),
  );
const domainList = uniqueList(picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains'), 10, 'domains');
const areaList = uniqueList(picklistOf(codesOf(APPLICATION_AREAS), 'application areas'), 13, 'areas');
const phone = v.pipe(v.string(), v.regex(/^[0-9+\-() ]{5,30}$/, 'must be a phone number'));
const website = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(300, 'must have at most 300 characters'),
  v.regex(/^https?:\/\/[^\s/$.?#][^\s]*$/i, 'must be an http(s) address, e.g. https://example.com'),
);
const count = (max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(max, `must be at most ${max}`),
  );

// ---------------------------------------------------------------------------------------------
// Firm profile

/** PATCH /api/v1/firms/{id} — any subset of the profile; If-Match carries organizations.version. */
export const FirmProfilePatchBody = v.pipe(
  v.partial(
    v.object({
      size: v.nullable(picklistOf(codesOf(FIRM_SIZES), 'firm sizes')),
      district: picklistOf(codesOf(DISTRICTS), 'districts'),
      localTaxResident: v.boolean('must be true or false'),
      domains: domainList,
      description: text(4000),
      capability: text(4000),
      employees: v.nullable(count(10_000_000)),
      foundedYear: v.nullable(
        v.pipe(
          v.number('must be a number'),
          v.integer('must be a year such as 2015'),
          v.minValue(1900, 'must be 1900 or later'),
          v.maxValue(2100, 'must be 2100 or earlier'),
        ),
      ),
      website: v.nullable(website),
      contactName: v.nullable(
        v.pipe(v.string(), v.trim(), v.maxLength(60, 'must have at most 60 characters')),
      ),
      contactPhone: v.nullable(phone),
      contactEmail: v.nullable(email),
    }),
  ),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one profile field'),
);
export type FirmProfilePatchBody = v.InferOutput<typeof FirmProfilePatchBody>;

const CERTIFICATION_CODES = CERTIFICATIONS.map((c) => c.code) as CertificationCode[];
/** Highest level of a graded certification; 0 when the certification has no levels. */
export const certificationLevels = (code: string): number =>
  CERTIFICATIONS.find((c) => c.code === code)?.levels ?? 0;

/**
 * What is wrong with a certification's level, or null: graded codes (CSMM 1–5, ITSS 1–4…) need a
 * level in range; ungraded ones (ISO 27001, 信创…) must not carry one.
 */
export function certificationLevelProblem(code: string, level: number | null | undefined): string | null {
  const max = certificationLevels(code);
  const has = level !== undefined && level !== null;
  if (max === 0) return has ? `${code} is not graded: leave level out` : null;
  if (!has) return `${code} is graded: give a level from 1 to ${max}`;
  return level >= 1 && level <= max ? null : `must be from 1 to ${max} for ${code}`;
}

/** POST /api/v1/firms/{id}/certifications */
export const CertificationBody = v.pipe(
  v.object({
    code: picklistOf(CERTIFICATION_CODES, 'certification codes'),
    level: v.optional(v.nullable(v.pipe(v.number('must be a number'), v.integer('must be a whole number')))),
    issuer: v.optional(
      v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(120, 'must have at most 120 characters'))),
    ),
    certificateNo: v.optional(
      v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(60, 'must have at most 60 characters'))),
    ),
    issuedAt: v.optional(v.nullable(utcInstant)),
    expiresAt: v.optional(v.nullable(utcInstant)),
  }),
  v.forward(
    v.partialCheck(
      [['code'], ['level']],
      (c) => certificationLevelProblem(c.code, c.level) === null,
      (issue) => certificationLevelProblem(issue.input.code, issue.input.level) ?? 'is not valid',
    ),
    ['level'],
  ),
  v.forward(
    v.partialCheck(
      [['issuedAt'], ['expiresAt']],
      (c) => !c.issuedAt || !c.expiresAt || c.expiresAt > c.issuedAt,
      'must be after issuedAt',
    ),
    ['expiresAt'],
  ),
);
export type CertificationBody = v.InferOutput<typeof CertificationBody>;

/** POST /api/v1/firms/{id}/cases — a past project (同类案例). Money in fen. */
export const FirmCaseBody = v.object({
  title: nonEmpty(120),
  client: nonEmpty(120),
  year: v.pipe(
    v.number('must be a number'),
    v.integer('must be a year such as 2024'),
    v.minValue(1990, 'must be 1990 or later'),
    v.maxValue(2100, 'must be 2100 or earlier'),
  ),
  amountFen: v.optional(v.nullable(fen), null),
  domain: v.optional(v.nullable(picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains')), null),
  area: v.optional(v.nullable(picklistOf(codesOf(APPLICATION_AREAS), 'application areas')), null),
  description: v.optional(text(4000), ''),
});
export type FirmCaseBody = v.InferOutput<typeof FirmCaseBody>;

export const FIRM_SORTS = ['name', '-created'] as const;
export type FirmSort = (typeof FIRM_SORTS)[number];

const search = v.pipe(v.string(), v.trim(), v.maxLength(100, 'must have at most 100 characters'));
const cursor = v.pipe(v.string(), v.maxLength(200, 'must have at most 200 characters'));

/**
 * GET /api/v1/firms — approved firms. `cert` with an optional `certLevel` keeps firms holding that
 * certification, unexpired, at that level or above.
 */
export const FirmListQuery = v.pipe(
  v.object({
    domain: v.optional(picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains')),
    district: v.optional(picklistOf(codesOf(DISTRICTS), 'districts')),
    size: v.optional(picklistOf(codesOf(FIRM_SIZES), 'firm sizes')),
    cert: v.optional(picklistOf(CERTIFICATION_CODES, 'certification codes')),
    certLevel: v.optional(queryInt(1, 5)),
    q: v.optional(search),
    sort: v.optional(picklistOf(FIRM_SORTS, 'sort orders'), 'name'),
    cursor: v.optional(cursor),
    limit: v.optional(queryInt(1, 100), '20'),
  }),
  v.forward(
    v.partialCheck(
      [['cert'], ['certLevel']],
      (q) =>
        q.certLevel === undefined || (q.cert !== undefined && q.certLevel <= certificationLevels(q.cert)),
      (issue) =>
        issue.input.cert === undefined
          ? 'needs cert (the certification code it applies to)'
          : certificationLevels(issue.input.cert) === 0
            ? `${issue.input.cert} is not graded: leave certLevel out`
            : `must be at most ${certificationLevels(issue.input.cert)} for ${issue.input.cert}`,
    ),
    ['certLevel'],
  ),
);
export type FirmListQuery = v.InferOutput<typeof FirmListQuery>;

const nullableString = v.nullable(v.string());
const nullableInt = v.nullable(v.number());

/** A certification as shown publicly: expired ones stay listed, flagged. */
export const CertificationView = v.object({
  id: v.string(),
  code: v.string(),
  level: nullableInt,
  issuer: nullableString,
  certificateNo: nullableString,
  issuedAt: nullableString,
  expiresAt: nullableString,
  expired: v.boolean(),
});
export type CertificationView = v.InferOutput<typeof CertificationView>;

export const FirmCaseView = v.object({
  id: v.string(),
  title: v.string(),
  client: v.string(),
  year: v.number(),
  amountFen: nullableInt,
  domain: nullableString,
  area: nullableString,
  description: v.string(),
});
export type FirmCaseView = v.InferOutput<typeof FirmCaseView>;

export const FirmSummary = v.object({
  id: v.string(),
  name: v.string(),
  district: v.string(),
  size: nullableString,
  localTaxResident: v.boolean(),
  domains: v.array(v.string()),
  description: v.string(),
  certifications: v.array(v.object({ code: v.string(), level: nullableInt, expired: v.boolean() })),
  productCount: v.number(),
  createdAt: v.string(),
});
export type FirmSummary = v.InferOutput<typeof FirmSummary>;

export const FirmPage = v.object({ items: v.array(FirmSummary), nextCursor: nullableString });
export type FirmPage = v.InferOutput<typeof FirmPage>;

// ---------------------------------------------------------------------------------------------
// Product pool (产品资源池)

const productFields = {
  name: nonEmpty(120),
  summary: v.pipe(
    v.string('must be a string'),
    v.trim(),
    v.maxLength(500, 'must have at most 500 characters'),
  ),
  description: text(10000),
  domains: domainList,
  areas: areaList,
  /** 推荐目录 */
  recommendedCatalog: v.boolean('must be true or false'),
  /** 首版次软件 */
  firstEdition: v.boolean('must be true or false'),
  /** 信创 */
  xinchuang: v.boolean('must be true or false'),
  priceFromFen: v.nullable(fen),
  deployments: count(1_000_000),
};

/** POST /api/v1/products — a product or solution of the caller's firm. Money in fen. */
export const ProductBody = v.object({
  name: productFields.name,
  summary: v.optional(productFields.summary, ''),
  description: v.optional(productFields.description, ''),
  domains: v.optional(productFields.domains, []),
  areas: v.optional(productFields.areas, []),
  recommendedCatalog: v.optional(productFields.recommendedCatalog, false),
  firstEdition: v.optional(productFields.firstEdition, false),
  xinchuang: v.optional(productFields.xinchuang, false),
  priceFromFen: v.optional(productFields.priceFromFen, null),
  deployments: v.optional(productFields.deployments, 0),
});
export type ProductBody = v.InferOutput<typeof ProductBody>;

/** PATCH /api/v1/products/{id} — any subset; If-Match carries the version. */
export const ProductPatchBody = v.pipe(
  v.partial(v.object(productFields)),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one product field'),
);
export type ProductPatchBody = v.InferOutput<typeof ProductPatchBody>;

export const PRODUCT_SORTS = ['-created', 'name'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/** GET /api/v1/products — listed products of approved firms. */
export const ProductListQuery = v.object({
  domain: v.optional(picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains')),
  area: v.optional(picklistOf(codesOf(APPLICATION_AREAS), 'application areas')),
  recommendedCatalog: v.optional(queryBool),
  firstEdition: v.optional(queryBool),
  xinchuang: v.optional(queryBool),
  firm: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a firm id (ULID)'))),
  q: v.optional(search),
  sort: v.optional(picklistOf(PRODUCT_SORTS, 'sort orders'), '-created'),
  cursor: v.optional(cursor),
  limit: v.optional(queryInt(1, 100), '20'),
});
export type ProductListQuery = v.InferOutput<typeof ProductListQuery>;

export const ProductView = v.object({
  id: v.string(),
  name: v.string(),
  summary: v.string(),
  description: v.string(),
  domains: v.array(v.string()),
  areas: v.array(v.string()),
  recommendedCatalog: v.boolean(),
  firstEdition: v.boolean(),
  xinchuang: v.boolean(),
  priceFromFen: nullableInt,
  deployments: v.number(),
  status: v.picklist(['listed', 'delisted']),
  firm: v.object({ id: v.string(), name: v.string() }),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type ProductView = v.InferOutput<typeof ProductView>;

export const ProductPage = v.object({ items: v.array(ProductView), nextCursor: nullableString });
export type ProductPage = v.InferOutput<typeof ProductPage>;

export const FirmDetail = v.object({
  id: v.string(),
  name: v.string(),
  uscc: v.string(),
  district: v.string(),
  size: nullableString,
  localTaxResident: v.boolean(),
  domains: v.array(v.string()),
  description: v.string(),
  capability: v.string(),
  employees: nullableInt,
  foundedYear: nullableInt,
  website: nullableString,
  contactName: nullableString,
  contactPhone: nullableString,
  contactEmail: nullableString,
  approvedAt: nullableString,
  version: v.number(),
  updatedAt: v.string(),
  certifications: v.array(CertificationView),
  cases: v.array(FirmCaseView),
  products: v.array(ProductView),
});
export type FirmDetail = v.InferOutput<typeof FirmDetail>;
