import type * as core from '@scx/core';
import type { MatchProduct } from '@scx/core';
import {
  FirmRecommendationsSchema,
  MatchFeedbackBodySchema,
  MatchFeedbackSchema,
  MatchQuerySchema,
  MatchReindexBodySchema,
  MatchReindexResultSchema,
  ScenarioMatchesSchema,
} from '@scx/core';
import {
  type Db,
  drainMatchQueue,
  type FirmRecommendations,
  matchScenario,
  queueReindex,
  recommendScenarios,
  recordMatchFeedback,
  type ScenarioMatches,
} from '@scx/db';
import * as v from 'valibot';
import { scaleOf } from '../embedders.ts';
import { ApiError } from '../errors.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const ulid = (what: string) =>
  v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be ${what} id (ULID)`));
const ScenarioParam = v.object({ id: ulid('a scenario') });
const FirmParam = v.object({ id: ulid('a firm') });

const productRef = (p: MatchProduct | undefined) =>
  p
    ? {
        id: p.id,
        externalId: p.externalId,
        name: p.name,
        recommendedCatalog: p.recommendedCatalog,
        firstEdition: p.firstEdition,
        xinchuang: p.xinchuang,
      }
    : null;

type MatchesBody = v.InferOutput<typeof ScenarioMatchesSchema>;
type RecommendationsBody = v.InferOutput<typeof FirmRecommendationsSchema>;

export function matchesBody(m: ScenarioMatches, model: string): MatchesBody {
  const firmRef = (id: string) => {
    const f = m.firms.get(id) as core.MatchFirm;
    return {
      id: f.id,
      externalId: f.externalId,
      name: f.name,
      size: f.size,
      district: f.district,
      domains: f.domains,
    };
  };
  const product = (id: string | null) => productRef(id ? m.products.get(id) : undefined);
  return {
    scenario: {
      id: m.scenario.id,
      title: m.scenario.title,
      domain: m.scenario.domain,
      secondaryDomains: m.scenario.secondaryDomains ?? [],
      area: m.scenario.area,
    },
    results: m.results.map((r) => ({
      rank: r.rank,
      score: r.score,
      firm: firmRef(r.firmId),
      product: product(r.productId),
      reasons: r.reasons,
      breakdown: r.breakdown,
    })),
    nearMisses: m.nearMisses.map((n) => ({
      score: n.score,
      firm: firmRef(n.firmId),
      product: product(n.productId),
      unmet: n.unmet,
      reasons: n.reasons,
    })),
    candidates: m.candidates,
    model,
  };
}

export function recommendationsBody(m: FirmRecommendations, model: string): RecommendationsBody {
  const products = new Map(m.products.map((p) => [p.id, p]));
  const scenarioRef = (id: string) => {
    const s = m.scenarios.get(id) as NonNullable<ReturnType<FirmRecommendations['scenarios']['get']>>;
    return {
      id: s.id,
      externalId: s.externalId,
      kind: s.kind,
      title: s.title,
      domain: s.domain,
      secondaryDomains: s.secondaryDomains ?? [],
      area: s.area,
      district: s.district,
      deadline: s.deadline,
      budgetFen: s.budgetFen,
      rewardFen: s.rewardFen,
      issuer: { name: s.issuerName },
    };
  };
  const product = (id: string | null) => productRef(id ? products.get(id) : undefined);
  return {
    firm: { id: m.firm.id, name: m.firm.name },
    results: m.results.map((r) => ({
      rank: r.rank,
      score: r.score,
      scenario: scenarioRef(r.scenarioId),
      product: product(r.productId),
      reasons: r.reasons,
      breakdown: r.breakdown,
    })),
    nearMisses: m.nearMisses.map((n) => ({
      score: n.score,
      scenario: scenarioRef(n.scenarioId),
      product: product(n.productId),
      unmet: n.unmet,
      reasons: n.reasons,
    })),
    candidates: m.candidates,
    model,
  };
}

/** Runs a match query; a query side still waiting in the index queue is indexed first (then asked again). */
async function withIndex<T extends { indexed: boolean }>(
  db: Db,
  embedder: core.Embedder,
  run: () => Promise<T | null>,
): Promise<T | null> {
  const first = await run();
  if (!first || first.indexed) return first;
  await drainMatchQueue(db, embedder, { limit: 500 });
  return run();
}

/**
 * Matching (issue 4): firms and products for a scenario, scenarios for a firm, feedback, re-index.
 * Candidates come from SQL in one statement (vector top-k + FTS5 + filters), core rules and ranks.
 */
export const matchingRouter = createRouter()
  .get(
    '/scenarios/:id/matches',
    describe({
      operationId: 'matchScenario',
      summary: 'Firms and products for a scenario, ranked with reasons (zh/en) and near misses',
      description:
        'For the issuing agency and organizers. One database round trip: vector top-k, FTS5 and firm facts in one ' +
        'statement; eligibility rules (certifications and levels, size, district, local tax, experience) are hard: an ' +
        'ineligible firm only appears under nearMisses with the unmet rule. Sealed bids never feed this view.',
      tags: ['matching'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Ranked matches', schema: ScenarioMatchesSchema } },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'] }),
    validate('param', ScenarioParam),
    validate('query', MatchQuerySchema),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const { embedder } = c.get('deps');
      const db = c.get('db');
      const now = c.get('deps').clock().toISOString();
      const m = await withIndex(db, embedder, () =>
        matchScenario(db, id, { now, top: q.top ?? 10, nearMisses: q.nearMisses ?? 5, ...scaleOf(embedder) }),
      );
      if (!m || (!isOrganizer(p) && m.issuerId !== p.acting?.orgId)) {
        throw new ApiError('NOT_FOUND', `No scenario ${id} of yours.`);
      }
      return c.json(matchesBody(m, embedder.model));
    },
  )
  .get(
    '/firms/:id/recommendations',
    describe({
      operationId: 'recommendScenarios',
      summary: 'Open scenarios and challenges for a firm, ranked with reasons and near misses',
      description:
        'For the firm itself and organizers. Counts the firm’s own bids: the lead limit per call and consortium ' +
        'memberships are rules here; scenarios the firm already leads a bid on are left out.',
      tags: ['matching'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Ranked recommendations', schema: FirmRecommendationsSchema } },
    }),
    requireActor({ orgKinds: ['firm', 'organizer'] }),
    validate('param', FirmParam),
    validate('query', MatchQuerySchema),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      if (!isOrganizer(p) && p.acting?.orgId !== id)
        throw new ApiError('NOT_FOUND', `No firm ${id} of yours.`);
      const q = c.req.valid('query');
      const { embedder } = c.get('deps');
      const db = c.get('db');
      const now = c.get('deps').clock().toISOString();
      const m = await withIndex(db, embedder, () =>
        recommendScenarios(db, id, {
          now,
          top: q.top ?? 10,
          nearMisses: q.nearMisses ?? 5,
          ...scaleOf(embedder),
        }),
      );
      if (!m) throw new ApiError('NOT_FOUND', `No firm ${id}.`);
      return c.json(recommendationsBody(m, embedder.model));
    },
  )
  .post(
    '/matching/feedback',
    describe({
      operationId: 'markRecommendation',
      summary: 'Mark a recommendation useful (有用) or not (没用); it adjusts later rankings',
      description:
        'The scenario’s issuer marks a match (agency side), a firm marks its own recommendation (firm side). One mark ' +
        'per pair and side; the latest wins. Audited.',
      tags: ['matching'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Recorded', schema: MatchFeedbackSchema } },
    }),
    requireActor({ orgKinds: ['agency', 'firm'] }),
    validate('json', MatchFeedbackBodySchema),
    async (c) => {
      const p = principal(c);
      const body = c.req.valid('json');
      const r = await recordMatchFeedback(
        c.get('db'),
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        body,
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', body.scenarioId, { fieldPrefix: 'body' }));
    },
  )
  .post(
    '/matching/reindex',
    describe({
      operationId: 'reindexMatching',
      summary: 'Re-embed match documents made by another model (or all); organizers only',
      description:
        'Queues the stale documents and indexes up to `limit` of them now; call again (or let the cron run) while ' +
        '`remaining` > 0. Use after switching the embedding model (EMBEDDING_MODEL + the AI binding).',
      tags: ['matching'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Progress', schema: MatchReindexResultSchema } },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    validate('json', MatchReindexBodySchema),
    async (c) => {
      const { all, limit } = c.req.valid('json');
      const { embedder } = c.get('deps');
      const db = c.get('db');
      const queued = await queueReindex(db, embedder, { all });
      const r = await drainMatchQueue(db, embedder, { limit });
      return c.json({ model: embedder.model, queued, ...r });
    },
  );
