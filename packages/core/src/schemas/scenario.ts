import * as v from 'valibot';
import { PUBLIC_SCENARIO_STATUSES } from '../lifecycle.ts';
import { APPLICATION_AREAS, codesOf, DISTRICTS, SCENARIO_KINDS, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import { email, fen, isoDateTime, nonEmpty, picklistOf, queryDate, queryInt } from './common.ts';

export const SCENARIO_SORTS = [
  '-published',
  'published',
  'deadline',
  '-deadline',
  'budget',
  '-budget',
] as const;
export type ScenarioSort = (typeof SCENARIO_SORTS)[number];

/** GET /api/v1/scenarios — the public hall. Money filters in fen. */
export const ScenarioListQuery = v.object({
  kind: v.optional(picklistOf(codesOf(SCENARIO_KINDS), 'scenario kinds')),
  domain: v.optional(picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains')),
  area: v.optional(picklistOf(codesOf(APPLICATION_AREAS), 'application areas')),
  district: v.optional(picklistOf(codesOf(DISTRICTS), 'districts')),
  status: v.optional(picklistOf(PUBLIC_SCENARIO_STATUSES, 'public statuses')),
  budgetMin: v.optional(queryInt(0, Number.MAX_SAFE_INTEGER)),
  budgetMax: v.optional(queryInt(0, Number.MAX_SAFE_INTEGER)),
  deadlineFrom: v.optional(queryDate),
  deadlineTo: v.optional(queryDate),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, 'must have at most 100 characters'))),
  sort: v.optional(picklistOf(SCENARIO_SORTS, 'sort orders'), '-published'),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(queryInt(1, 100), '20'),
});
export type ScenarioListQuery = v.InferOutput<typeof ScenarioListQuery>;

const nullableString = v.nullable(v.string());
const nullableInt = v.nullable(v.pipe(v.number(), v.integer()));

/** One row of the public hall. Money in fen, times as UTC ISO-8601. */
export const ScenarioSummary = v.object({
  id: v.string(),
  kind: v.picklist(codesOf(SCENARIO_KINDS)),
  status: v.string(),
  title: v.string(),
  summary: v.string(),
  issuer: v.object({ id: v.string(), name: v.string() }),
  domain: v.string(),
  /** Further software domains (the primary one is `domain`); see domainsOf. */
  secondaryDomains: v.array(v.string()),
  area: v.string(),
  district: v.string(),
  budgetFen: nullableInt,
  rewardFen: nullableInt,
  deadline: nullableString,
  publishedAt: nullableString,
});
export type ScenarioSummary = v.InferOutput<typeof ScenarioSummary>;

export const ScenarioPage = v.object({
  items: v.array(ScenarioSummary),
  nextCursor: nullableString,
});
export type ScenarioPage = v.InferOutput<typeof ScenarioPage>;

export const ScenarioRequirement = v.object({
  kind: v.string(),
  code: nullableString,
  level: nullableInt,
  value: nullableString,
  mandatory: v.boolean(),
  description: v.string(),
});

export const ScenarioDetail = v.object({
  ...ScenarioSummary.entries,
  problem: v.string(),
  goals: v.string(),
  kpis: v.array(v.object({ name: v.string(), target: v.string(), unit: v.optional(v.string()) })),
  procurementType: v.picklist(['goods', 'services']),
  subsidyFen: nullableInt,
  winnersMax: v.number(),
  consortiumAllowed: v.boolean(),
  consortiumMaxPartners: v.number(),
  deliveryMonths: nullableInt,
  contactName: nullableString,
  requirements: v.array(ScenarioRequirement),
  attachments: v.array(
    v.object({
      name: v.string(),
      mediaType: v.string(),
      bytes: v.number(),
      sha256: nullableString,
      url: nullableString,
    }),
  ),
  version: v.number(),
});
export type ScenarioDetail = v.InferOutput<typeof ScenarioDetail>;

const Kpi = v.object({
  name: nonEmpty(60),
  target: nonEmpty(120),
  unit: v.optional(v.pipe(v.string(), v.maxLength(20))),
});

export const RequirementInput = v.object({
  kind: v.picklist(
    ['certification', 'size', 'district', 'local_tax', 'experience', 'technical', 'other'],
    'must be certification, size, district, local_tax, experience, technical or other',
  ),
  code: v.optional(v.pipe(v.string(), v.maxLength(40))),
  level: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10))),
  value: v.optional(v.pipe(v.string(), v.maxLength(200))),
  mandatory: v.optional(v.boolean(), true),
  description: v.optional(v.pipe(v.string(), v.maxLength(500)), ''),
});

/** Attachments are metadata only (名称, type, size, digest, link); the files live in object storage. */
export const AttachmentInput = v.object({
  name: nonEmpty(200),
  mediaType: v.pipe(
    v.string(),
    v.regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a media type such as application/pdf'),
  ),
  bytes: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1, 'must be at least 1 byte'),
    v.maxValue(200 * 1024 * 1024, 'at most 200 MB'),
  ),
  sha256: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'must be a hex SHA-256'))),
  url: v.optional(
    v.pipe(v.string(), v.url('must be a URL'), v.startsWith('https://', 'must be an https:// link')),
  ),
});

/** A scenario lists at most this many software domains besides its primary one. */
export const MAX_SECONDARY_DOMAINS = 3;

/**
 * Every software domain of a scenario, primary first, each once: what matching, exports and pages
 * use, so nobody re-derives it from `domain` and `secondaryDomains`.
 */
export function domainsOf(s: {
  domain: string | null;
  secondaryDomains?: readonly string[] | null;
}): string[] {
  const out: string[] = [];
  for (const d of [s.domain, ...(s.secondaryDomains ?? [])]) if (d && !out.includes(d)) out.push(d);
  return out;
}

const arrayItem = (input: unknown[], key: number) =>
  ({ type: 'array', origin: 'value', input, key, value: input[key] }) as const;

/** secondaryDomains: codes, each once, at most MAX_SECONDARY_DOMAINS; a repeat is named by its index. */
const secondaryDomains = v.pipe(
  v.array(
    picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains'),
    'must be a list of software domain codes',
  ),
  v.maxLength(MAX_SECONDARY_DOMAINS, `must list at most ${MAX_SECONDARY_DOMAINS} further domains`),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const list = dataset.value;
    list.forEach((d, i) => {
      if (list.indexOf(d) < i) addIssue({ message: 'lists this domain twice', path: [arrayItem(list, i)] });
    });
  }),
);

/** The primary domain is not also a further one: the repeat is named by its index. */
const secondaryNotPrimary = <T extends { domain?: string; secondaryDomains?: string[] }>() =>
  v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const { domain, secondaryDomains: list } = dataset.value;
    if (!domain || !list) return;
    list.forEach((d, i) => {
      if (d !== domain) return;
      addIssue({
        message: 'is the primary domain already',
        path: [
          { type: 'object', origin: 'value', input: dataset.value, key: 'secondaryDomains', value: list },
          arrayItem(list, i),
        ],
      });
    });
  });

const scenarioFields = {
  kind: picklistOf(codesOf(SCENARIO_KINDS), 'scenario kinds'),
  title: nonEmpty(120),
  summary: v.pipe(v.string(), v.trim(), v.maxLength(500, 'must have at most 500 characters')),
  problem: v.pipe(v.string(), v.maxLength(5000, 'must have at most 5000 characters')),
  goals: v.pipe(v.string(), v.maxLength(5000, 'must have at most 5000 characters')),
  kpis: v.pipe(v.array(Kpi), v.maxLength(20, 'at most 20 KPIs')),
  domain: picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains'),
  secondaryDomains,
  area: picklistOf(codesOf(APPLICATION_AREAS), 'application areas'),
  district: picklistOf(codesOf(DISTRICTS), 'districts'),
  procurementType: v.picklist(['goods', 'services'], 'must be goods or services'),
  budgetFen: v.nullable(fen),
  rewardFen: v.nullable(fen),
  subsidyFen: v.nullable(fen),
  deadline: v.nullable(isoDateTime),
  deliveryMonths: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(120))),
  winnersMax: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(20, 'must be at most 20'),
  ),
  consortiumAllowed: v.boolean(),
  consortiumMaxPartners: v.pipe(
    v.number(),
    v.integer(),
    v.minValue(0),
    v.maxValue(4, 'a consortium has at most 4 partners'),
  ),
  callId: v.nullable(v.string()),
  contactName: v.nullable(v.pipe(v.string(), v.maxLength(60))),
  contactPhone: v.nullable(v.pipe(v.string(), v.regex(/^[0-9+\-() ]{5,30}$/, 'must be a phone number'))),
  contactEmail: v.nullable(email),
  requirements: v.pipe(v.array(RequirementInput), v.maxLength(30, 'at most 30 requirements')),
  attachments: v.pipe(v.array(AttachmentInput), v.maxLength(20, 'at most 20 attachments')),
};

/** POST /api/v1/scenarios — a draft; only title, kind and the classification are needed to start. */
const draftObject = v.object({
  kind: scenarioFields.kind,
  title: scenarioFields.title,
  domain: scenarioFields.domain,
  secondaryDomains: v.optional(scenarioFields.secondaryDomains, []),
  area: scenarioFields.area,
  district: scenarioFields.district,
  summary: v.optional(scenarioFields.summary, ''),
  problem: v.optional(scenarioFields.problem, ''),
  goals: v.optional(scenarioFields.goals, ''),
  kpis: v.optional(scenarioFields.kpis, []),
  procurementType: v.optional(scenarioFields.procurementType, 'services'),
  budgetFen: v.optional(scenarioFields.budgetFen, null),
  rewardFen: v.optional(scenarioFields.rewardFen, null),
  subsidyFen: v.optional(scenarioFields.subsidyFen, null),
  deadline: v.optional(scenarioFields.deadline, null),
  deliveryMonths: v.optional(scenarioFields.deliveryMonths, null),
  winnersMax: v.optional(scenarioFields.winnersMax, 1),
  consortiumAllowed: v.optional(scenarioFields.consortiumAllowed, false),
  consortiumMaxPartners: v.optional(scenarioFields.consortiumMaxPartners, 4),
  callId: v.optional(scenarioFields.callId, null),
  contactName: v.optional(scenarioFields.contactName, null),
  contactPhone: v.optional(scenarioFields.contactPhone, null),
  contactEmail: v.optional(scenarioFields.contactEmail, null),
  requirements: v.optional(scenarioFields.requirements, []),
  attachments: v.optional(scenarioFields.attachments, []),
});
export const ScenarioDraftBody = v.pipe(
  draftObject,
  secondaryNotPrimary<v.InferOutput<typeof draftObject>>(),
);
export type ScenarioDraftBody = v.InferOutput<typeof ScenarioDraftBody>;

/**
 * PATCH /api/v1/scenarios/{id} — any subset of the draft fields; If-Match carries the version.
 * Further domains are checked against the stored primary one too (db), when the patch leaves it.
 */
const patchObject = v.partial(v.object(scenarioFields));
export const ScenarioPatchBody = v.pipe(
  patchObject,
  secondaryNotPrimary<v.InferOutput<typeof patchObject>>(),
);
export type ScenarioPatchBody = v.InferOutput<typeof ScenarioPatchBody>;

export const SCENARIO_ACTIONS_BY_ROLE = {
  issuer: ['submit', 'withdraw', 'close_bidding'],
  organizer: ['return', 'publish', 'close_bidding'],
} as const;

export const ScenarioTransitionBody = v.object({
  action: v.picklist(
    ['submit', 'withdraw', 'return', 'publish', 'close_bidding'],
    'must be submit, withdraw, return, publish or close_bidding',
  ),
  comment: v.optional(v.pipe(v.string(), v.maxLength(2000, 'must have at most 2000 characters')), ''),
});
export type ScenarioTransitionBody = v.InferOutput<typeof ScenarioTransitionBody>;

/**
 * What must be true before a scenario goes to review: a person can fix each named field.
 * Pure: the caller passes the server clock.
 */
export function submissionProblems(
  s: {
    title: string;
    summary: string;
    problem: string;
    deadline: string | null;
    budgetFen: number | null;
    kind: string;
    rewardFen: number | null;
    kpis: unknown[];
  },
  now: Date,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!s.summary.trim()) out.push({ path: 'summary', message: 'is needed before submitting' });
  if (!s.problem.trim()) out.push({ path: 'problem', message: 'is needed before submitting' });
  if (!s.deadline) out.push({ path: 'deadline', message: 'is needed before submitting' });
  else if (s.deadline <= now.toISOString()) out.push({ path: 'deadline', message: 'must be in the future' });
  if (s.kind === 'challenge') {
    if (s.kpis.length === 0) out.push({ path: 'kpis', message: 'a challenge needs at least one KPI' });
    if (s.rewardFen === null && s.budgetFen === null) {
      out.push({ path: 'rewardFen', message: 'a challenge needs a reward or a budget' });
    }
  }
  return out;
}
