import * as v from 'valibot';
import { queryInt } from './common.ts';

const ulid = (what: string) =>
  v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be ${what} id (ULID)`));

/** ?top=&nearMisses= on both match directions. */
export const MatchQuerySchema = v.object({
  top: v.optional(queryInt(1, 50)),
  nearMisses: v.optional(queryInt(0, 20)),
});

export const MatchFeedbackBodySchema = v.object({
  scenarioId: ulid('a scenario'),
  firmId: ulid('a firm'),
  productId: v.optional(v.nullable(ulid('a product'))),
  useful: v.boolean('must be true (有用) or false (没用)'),
  note: v.optional(v.pipe(v.string(), v.maxLength(500, 'must be at most 500 characters'))),
});
export type MatchFeedbackBody = v.InferOutput<typeof MatchFeedbackBodySchema>;

export const MatchReindexBodySchema = v.object({
  /** Re-embed every document, not only those made by another model. */
  all: v.optional(v.boolean(), false),
  /** Documents to index in this call (the rest stay queued for the next call or the cron). */
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(2000)), 500),
});

const Reason = v.object({ code: v.string(), zh: v.string(), en: v.string(), points: v.number() });
const Component = v.object({
  feature: v.string(),
  value: v.number(),
  weight: v.number(),
  points: v.number(),
});
const Unmet = v.object({ rule: v.string(), zh: v.string(), en: v.string() });
const ProductRef = v.object({
  id: v.string(),
  externalId: v.nullable(v.string()),
  name: v.string(),
  recommendedCatalog: v.boolean(),
  firstEdition: v.boolean(),
  xinchuang: v.boolean(),
});
const FirmRef = v.object({
  id: v.string(),
  externalId: v.nullable(v.string()),
  name: v.string(),
  size: v.nullable(v.string()),
  district: v.string(),
  domains: v.array(v.string()),
});
const ScenarioRef = v.object({
  id: v.string(),
  externalId: v.nullable(v.string()),
  kind: v.string(),
  title: v.string(),
  domain: v.string(),
  secondaryDomains: v.array(v.string()),
  area: v.string(),
  district: v.string(),
  deadline: v.nullable(v.string()),
  budgetFen: v.nullable(v.number()),
  rewardFen: v.nullable(v.number()),
  issuer: v.object({ name: v.string() }),
});

export const ScenarioMatchesSchema = v.object({
  scenario: v.object({
    id: v.string(),
    title: v.string(),
    domain: v.string(),
    secondaryDomains: v.array(v.string()),
    area: v.string(),
  }),
  results: v.array(
    v.object({
      rank: v.number(),
      score: v.number(),
      firm: FirmRef,
      product: v.nullable(ProductRef),
      reasons: v.array(Reason),
      breakdown: v.array(Component),
    }),
  ),
  nearMisses: v.array(
    v.object({
      score: v.number(),
      firm: FirmRef,
      product: v.nullable(ProductRef),
      unmet: v.array(Unmet),
      reasons: v.array(Reason),
    }),
  ),
  candidates: v.number(),
  model: v.string(),
});

export const FirmRecommendationsSchema = v.object({
  firm: v.object({ id: v.string(), name: v.string() }),
  results: v.array(
    v.object({
      rank: v.number(),
      score: v.number(),
      scenario: ScenarioRef,
      product: v.nullable(ProductRef),
      reasons: v.array(Reason),
      breakdown: v.array(Component),
    }),
  ),
  nearMisses: v.array(
    v.object({
      score: v.number(),
      scenario: ScenarioRef,
      product: v.nullable(ProductRef),
      unmet: v.array(Unmet),
      reasons: v.array(Reason),
    }),
  ),
  candidates: v.number(),
  model: v.string(),
});

export const MatchFeedbackSchema = v.object({
  id: v.string(),
  scenarioId: v.string(),
  firmId: v.string(),
  productId: v.nullable(v.string()),
  side: v.picklist(['agency', 'firm']),
  useful: v.boolean(),
  note: v.string(),
  updatedAt: v.string(),
});

export const MatchReindexResultSchema = v.object({
  model: v.string(),
  queued: v.number(),
  indexed: v.number(),
  unchanged: v.number(),
  removed: v.number(),
  remaining: v.number(),
});
