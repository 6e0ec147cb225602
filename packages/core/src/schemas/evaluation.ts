import * as v from 'valibot';
import { BUILTIN_TEMPLATES } from '../scoring/templates.ts';
import { codesOf, SOFTWARE_DOMAINS } from '../vocabulary.ts';
import { nonEmpty, picklistOf, queryInt } from './common.ts';

// 评审: the expert pool (专家库), panels drawn at random with recusal (回避), criteria from the templates and
// the qualification review (资格/符合性审查). The draw itself is pure and deterministic given its seed.

const ulid = v.pipe(
  v.string('must be a string'),
  v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (ULID)'),
);
const text = (max: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(max, `must have at most ${max} characters`));
const domain = picklistOf(codesOf(SOFTWARE_DOMAINS), 'software domains');

export const ExpertBody = v.object({
  name: nonEmpty(60),
  /** The expert's own account (a member with the expert role), so the expert can score and sign. */
  userId: v.optional(v.nullable(ulid)),
  /** The employer when it is an organization on the platform: the basis of automatic recusal. */
  employerOrgId: v.optional(v.nullable(ulid)),
  employerName: v.optional(text(120), ''),
  title: v.optional(text(60), ''),
  domains: v.pipe(
    v.array(domain, 'must be a list of software domains'),
    v.minLength(1, 'must name at least one domain'),
    v.maxLength(10, 'must have at most 10 domains'),
    v.check((xs) => new Set(xs).size === xs.length, 'must not list a domain twice'),
  ),
});
export type ExpertBody = v.InferOutput<typeof ExpertBody>;

/** Organizers keep the pool current: a retired or unavailable expert is set inactive and is never drawn. */
export const ExpertPatchBody = v.pipe(
  v.object({
    name: v.optional(nonEmpty(60)),
    employerOrgId: v.optional(v.nullable(ulid)),
    employerName: v.optional(text(120)),
    title: v.optional(text(60)),
    domains: v.optional(ExpertBody.entries.domains),
    active: v.optional(v.boolean('must be true or false')),
  }),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type ExpertPatchBody = v.InferOutput<typeof ExpertPatchBody>;

export const ConflictBody = v.object({ orgId: ulid, reason: nonEmpty(500) });
export type ConflictBody = v.InferOutput<typeof ConflictBody>;

export const ExpertView = v.object({
  id: v.string(),
  userId: v.nullable(v.string()),
  name: v.string(),
  employerOrgId: v.nullable(v.string()),
  employerName: v.string(),
  title: v.string(),
  domains: v.array(v.string()),
  active: v.boolean(),
  conflicts: v.array(v.object({ orgId: v.string(), reason: v.string() })),
  createdAt: v.string(),
});
export type ExpertView = v.InferOutput<typeof ExpertView>;

const panelSize = v.pipe(
  v.number('must be a number'),
  v.integer('must be a whole number'),
  v.minValue(3, 'must be at least 3'),
  v.maxValue(25, 'must be at most 25'),
  v.check((n) => n % 2 === 1, 'must be odd'),
);

export const PanelDrawBody = v.object({
  /** Defaults to the smallest size the rules allow. */
  size: v.optional(panelSize),
  /** Defaults to the scenario's domain. */
  domain: v.optional(domain),
  /** Defaults to a fresh random seed; either way it is recorded in the audit log. */
  seed: v.optional(v.pipe(nonEmpty(64), v.regex(/^[\w.:-]+$/, 'must be letters, digits, . : _ or -'))),
});
export type PanelDrawBody = v.InferOutput<typeof PanelDrawBody>;

export const ReplaceMemberBody = v.object({ reason: nonEmpty(500) });
export type ReplaceMemberBody = v.InferOutput<typeof ReplaceMemberBody>;

export const RecusalView = v.object({ expertId: v.string(), name: v.string(), reason: v.string() });
export type RecusalView = v.InferOutput<typeof RecusalView>;

export const PanelMemberView = v.object({
  id: v.string(),
  expertId: v.string(),
  name: v.string(),
  /** Public alias 专家{seat}. */
  seat: v.number(),
  status: v.picklist(['active', 'recused', 'replaced']),
  recusalReason: v.nullable(v.string()),
  signedAt: v.nullable(v.string()),
});
export type PanelMemberView = v.InferOutput<typeof PanelMemberView>;

export const PanelView = v.object({
  id: v.string(),
  scenarioId: v.string(),
  size: v.number(),
  seed: v.string(),
  status: v.string(),
  formedAt: v.nullable(v.string()),
  members: v.array(PanelMemberView),
});
export type PanelView = v.InferOutput<typeof PanelView>;

export const PanelDrawResult = v.object({
  ...PanelView.entries,
  domain: v.string(),
  recused: v.array(RecusalView),
});
export type PanelDrawResult = v.InferOutput<typeof PanelDrawResult>;

const weight = v.pipe(
  v.number('must be a number'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(100, 'must be at most 100'),
);

/** A fraction with at most 0.01 % precision, within [min, max] (e.g. 0.1 = 10 %). */
const rate = (min: number, max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
    v.check((x) => Math.abs(x * 10_000 - Math.round(x * 10_000)) < 1e-6, 'use at most 0.01 % precision'),
  );
const days = (max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number of days'),
    v.minValue(0, 'must not be negative'),
    v.maxValue(max, `must be at most ${max}`),
  );

/**
 * The evaluation figures a call or a scenario may set (DESIGN.md rules; core has the defaults): price
 * deductions and preferences, the abnormally-low and deviation thresholds, the trimmed mean, the notice
 * and objection windows, and the subsidy rule (奖补: a share of the total investment, capped).
 */
export const EvaluationRules = v.object({
  smeDeduction: v.optional(rate(0.1, 0.2)),
  consortiumDeduction: v.optional(rate(0.04, 0.06)),
  domesticPreference: v.optional(v.boolean('must be true or false')),
  catalogPreference: v.optional(rate(0, 0.2)),
  lowPriceThreshold: v.optional(rate(0.01, 0.5)),
  deviationThreshold: v.optional(rate(0.01, 1)),
  trimmedMean: v.optional(v.boolean('must be true or false')),
  noticeDays: v.optional(days(30)),
  objectionWorkingDays: v.optional(days(30)),
  subsidyRate: v.optional(rate(0.0001, 1)),
  subsidyCapFen: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be an integer amount in fen'),
      v.minValue(0, 'must not be negative'),
      v.maxValue(Number.MAX_SAFE_INTEGER, 'is too large'),
    ),
  ),
});
export type EvaluationRules = v.InferOutput<typeof EvaluationRules>;

export const CriteriaBody = v.object({
  /** A built-in template (goods-standard, services-standard, challenge-standard) or the agency's own list. */
  template: v.optional(
    picklistOf(
      BUILTIN_TEMPLATES.map((t) => t.id),
      'criteria templates',
    ),
  ),
  priceWeight: v.optional(weight),
  criteria: v.optional(
    v.pipe(
      v.array(
        v.object({
          code: v.pipe(nonEmpty(40), v.regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case')),
          name: nonEmpty(60),
          weight,
          guidance: v.optional(text(1000), ''),
        }),
      ),
      v.maxLength(30, 'must have at most 30 criteria'),
    ),
  ),
  passThreshold: v.optional(weight),
  /** Evaluation figures for this scenario, over the call's and core's defaults; frozen with the criteria. */
  rules: v.optional(EvaluationRules),
});
export type CriteriaBody = v.InferOutput<typeof CriteriaBody>;

export const CriterionView = v.object({
  id: v.string(),
  code: v.string(),
  name: v.string(),
  kind: v.string(),
  weight: v.number(),
  guidance: v.string(),
  ordinal: v.number(),
});
export const CriteriaView = v.object({
  scenarioId: v.string(),
  category: v.picklist(['goods', 'services', 'challenge']),
  priceWeight: v.number(),
  passThreshold: v.nullable(v.number()),
  /** The figures in force: the scenario's own rules over its call's (core's defaults apply to the rest). */
  rules: EvaluationRules,
  criteria: v.array(CriterionView),
});
export type CriteriaView = v.InferOutput<typeof CriteriaView>;

export const QualificationBody = v.object({
  result: v.picklist(['pass', 'fail'], 'must be pass or fail'),
  /** 资格/符合性审查 always records why, pass or fail. */
  reason: nonEmpty(2000),
});
export type QualificationBody = v.InferOutput<typeof QualificationBody>;

/** Yuan above which a panel needs at least seven members. */
export const LARGE_TENDER_FEN = 10_000_000 * 100;

/** The smallest panel the rules allow: 3; 5 for tenders (procurement scenarios); 7 above 10,000,000 yuan. */
export function minimumPanelSize(s: { kind: 'scenario' | 'challenge'; budgetFen: number | null }): number {
  if (s.budgetFen !== null && s.budgetFen > LARGE_TENDER_FEN) return 7;
  return s.kind === 'scenario' ? 5 : 3;
}

/** FNV-1a over the seed's UTF-16 units, then mulberry32: a small PRNG that every host computes alike. */
export function seededRandom(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let a = h;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws `size` ids from the eligible candidates: they are sorted by id first, so the draw depends on the
 * seed and the pool only, never on the order the database returned them.
 */
export function drawFromPool(candidates: readonly string[], size: number, seed: string): string[] {
  const pool = [...new Set(candidates)].sort();
  const random = seededRandom(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, size);
}

export interface RecusalCandidate {
  id: string;
  employerOrgId: string | null;
  conflictOrgIds: readonly string[];
  /** Organizations the expert's own account belongs to (staff of the agency or a bidder sign in as such). */
  memberOrgIds?: readonly string[] | undefined;
}

/** Why an expert must stand aside (回避), or null: the issuer's staff, a bidding firm's, or a declared conflict. */
export function recusalReason(
  e: RecusalCandidate,
  issuerId: string,
  biddingFirmIds: ReadonlySet<string>,
): string | null {
  if (e.employerOrgId === issuerId) return 'employed by the issuing agency';
  if (e.employerOrgId !== null && biddingFirmIds.has(e.employerOrgId)) return 'employed by a bidding firm';
  const members = e.memberOrgIds ?? [];
  if (members.includes(issuerId)) return 'a member of the issuing agency';
  if (members.some((o) => biddingFirmIds.has(o))) return 'a member of a bidding firm';
  if (e.conflictOrgIds.includes(issuerId)) return 'declared a conflict with the issuing agency';
  if (e.conflictOrgIds.some((o) => biddingFirmIds.has(o))) return 'declared a conflict with a bidding firm';
  return null;
}

// Score sheets (评分表), sign-off, re-score requests, low-price explanations and the computation.

export const ScoreSheetBody = v.object({
  scores: v.pipe(
    v.array(
      v.object({
        /** The criterion code (price is computed, never scored by experts). */
        criterion: v.pipe(nonEmpty(40), v.regex(/^[a-z][a-z0-9_]*$/, 'must be a criterion code')),
        points: v.pipe(
          v.number('must be a number'),
          v.minValue(0, 'must not be negative'),
          v.maxValue(100, 'must be at most 100'),
        ),
        comment: v.optional(text(2000), ''),
      }),
      'must be a list of criterion scores',
    ),
    v.minLength(1, 'must score at least one criterion'),
    v.maxLength(30, 'must have at most 30 entries'),
    v.check(
      (xs) => new Set(xs.map((x) => x.criterion)).size === xs.length,
      'must not score a criterion twice',
    ),
  ),
});
export type ScoreSheetBody = v.InferOutput<typeof ScoreSheetBody>;

export const ScoreSheetsView = v.object({
  panelStatus: v.string(),
  allSigned: v.boolean(),
  members: v.array(
    v.object({ seat: v.number(), alias: v.string(), signedAt: v.nullable(v.string()), you: v.boolean() }),
  ),
  /** Your own points always; everyone's (as 专家n) once every member has signed. */
  sheets: v.array(
    v.object({
      seat: v.number(),
      bidId: v.string(),
      criterion: v.string(),
      points: v.number(),
      comment: v.string(),
    }),
  ),
});
export type ScoreSheetsView = v.InferOutput<typeof ScoreSheetsView>;

export const RescoreBody = v.object({
  /** The seat (专家n) asked to re-score. */
  seat: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(25, 'must be at most 25'),
  ),
  reason: nonEmpty(1000),
});
export type RescoreBody = v.InferOutput<typeof RescoreBody>;

export const LowPriceExplanationBody = v.object({ explanation: nonEmpty(5000) });
export type LowPriceExplanationBody = v.InferOutput<typeof LowPriceExplanationBody>;

// Result notice (公示), objections (异议/质疑), awards and delivery (履约, 验收).

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Adds working days (Monday–Friday in Asia/Shanghai, which keeps no DST) to an instant. */
export function addWorkingDays(fromIso: string, days: number): string {
  let local = Date.parse(fromIso) + SHANGHAI_OFFSET_MS;
  let left = days;
  while (left > 0) {
    local += DAY_MS;
    const weekday = new Date(local).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(local - SHANGHAI_OFFSET_MS).toISOString();
}

/**
 * End of the objection window: 7 calendar days for 揭榜挂帅 challenges; otherwise 1 working day of notice
 * plus 3 working days for objections. Both are configurable in the scenario's rules.
 */
export function objectionWindowEnd(
  kind: 'scenario' | 'challenge',
  publishedAt: string,
  rules: { noticeDays?: number | undefined; objectionWorkingDays?: number | undefined } = {},
): string {
  if (kind === 'challenge')
    return new Date(Date.parse(publishedAt) + (rules.noticeDays ?? 7) * DAY_MS).toISOString();
  return addWorkingDays(publishedAt, (rules.noticeDays ?? 1) + (rules.objectionWorkingDays ?? 3));
}

export const ObjectionBody = v.object({
  /** The objecting firm's own bid, when it has one on the scenario. */
  bidId: v.optional(ulid),
  text: nonEmpty(5000),
});
export type ObjectionBody = v.InferOutput<typeof ObjectionBody>;

export const ObjectionAnswerBody = v.object({
  decision: v.picklist(['upheld', 'rejected'], 'must be upheld or rejected'),
  answer: nonEmpty(5000),
});
export type ObjectionAnswerBody = v.InferOutput<typeof ObjectionAnswerBody>;

export const ObjectionView = v.object({
  id: v.string(),
  noticeId: v.string(),
  bidId: v.nullable(v.string()),
  orgId: v.string(),
  text: v.string(),
  status: v.picklist(['filed', 'upheld', 'rejected']),
  answer: v.nullable(v.string()),
  answeredAt: v.nullable(v.string()),
  createdAt: v.string(),
});
export type ObjectionView = v.InferOutput<typeof ObjectionView>;

export const NoticeView = v.object({
  id: v.string(),
  scenarioId: v.string(),
  status: v.string(),
  publishedAt: v.string(),
  objectionsUntil: v.nullable(v.string()),
  finalizedAt: v.nullable(v.string()),
  inputsDigest: v.string(),
  /** The ranking with each criterion's points by 专家1…n; no expert names. */
  payload: v.unknown(),
});
export type NoticeView = v.InferOutput<typeof NoticeView>;

const fenAmount = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer amount in fen'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'is too large'),
);

export const AwardBody = v.object({
  awards: v.pipe(
    v.array(
      v.object({
        bidId: ulid,
        amountFen: fenAmount,
        subsidyFen: v.optional(v.nullable(fenAmount)),
        /** The project's total investment, the base of a rate-based subsidy rule; default the amount. */
        investmentFen: v.optional(fenAmount),
      }),
    ),
    v.minLength(1, 'must award at least one bid'),
    v.maxLength(20, 'must have at most 20 awards'),
    v.check((xs) => new Set(xs.map((x) => x.bidId)).size === xs.length, 'must not award a bid twice'),
  ),
});
export type AwardBody = v.InferOutput<typeof AwardBody>;

export const AwardView = v.object({
  id: v.string(),
  scenarioId: v.string(),
  bidId: v.string(),
  firmId: v.string(),
  firmName: v.string(),
  rank: v.number(),
  amountFen: v.number(),
  subsidyFen: v.nullable(v.number()),
  investmentFen: v.nullable(v.number()),
  status: v.string(),
  awardedAt: v.string(),
  acceptedAt: v.nullable(v.string()),
  acceptanceNote: v.nullable(v.string()),
});
export type AwardView = v.InferOutput<typeof AwardView>;

const instant = v.pipe(
  v.string('must be a string'),
  v.isoTimestamp('must be an ISO-8601 UTC timestamp, e.g. 2026-12-31T16:00:00Z'),
  v.transform((s) => new Date(s).toISOString()),
);

export const MilestoneBody = v.object({
  title: nonEmpty(200),
  dueAt: instant,
  note: v.optional(text(2000), ''),
});
export type MilestoneBody = v.InferOutput<typeof MilestoneBody>;

export const MilestoneDoneBody = v.object({ note: v.optional(text(2000), '') });
export type MilestoneDoneBody = v.InferOutput<typeof MilestoneDoneBody>;

export const KpiReportBody = v.object({
  /** The name of one of the challenge's KPIs. */
  kpi: nonEmpty(200),
  value: nonEmpty(200),
  met: v.optional(v.nullable(v.boolean())),
  note: v.optional(text(2000), ''),
});
export type KpiReportBody = v.InferOutput<typeof KpiReportBody>;

export const AcceptanceBody = v.object({
  result: v.picklist(['pass', 'fail'], 'must be pass or fail'),
  note: nonEmpty(2000),
});
export type AcceptanceBody = v.InferOutput<typeof AcceptanceBody>;

export const DeliveryView = v.object({
  award: AwardView,
  kpis: v.array(v.object({ name: v.string(), target: v.string(), unit: v.optional(v.string()) })),
  milestones: v.array(
    v.object({
      id: v.string(),
      title: v.string(),
      dueAt: v.string(),
      status: v.string(),
      doneAt: v.nullable(v.string()),
      note: v.string(),
    }),
  ),
  kpiReports: v.array(
    v.object({
      id: v.string(),
      kpi: v.string(),
      value: v.string(),
      met: v.nullable(v.boolean()),
      note: v.string(),
      reportedAt: v.string(),
    }),
  ),
});
export type DeliveryView = v.InferOutput<typeof DeliveryView>;

// OCDS 1.1.5 export (Open Contracting Data Standard).

export const OcdsQuery = v.object({
  /** Releases of scenarios changed at or after this instant. */
  since: v.optional(
    v.pipe(
      v.string(),
      v.isoTimestamp('must be an ISO-8601 UTC timestamp, e.g. 2026-12-31T16:00:00Z'),
      v.transform((s) => new Date(s).toISOString()),
    ),
  ),
  limit: v.optional(queryInt(1, 500), '100'),
});
export type OcdsQuery = v.InferOutput<typeof OcdsQuery>;

/** The ocid prefix of this publisher; a production deployment registers its own with the OCDS helpdesk. */
export const OCID_PREFIX = 'ocds-scx000';
