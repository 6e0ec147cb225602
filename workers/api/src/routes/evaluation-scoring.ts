import {
  LowPriceExplanationBody,
  RescoreBody,
  renderScoringReport,
  ScoreSheetBody,
  ScoreSheetsView,
} from '@scx/core';
import {
  acceptLowPriceExplanation,
  computeEvaluation,
  explainLowPrice,
  getEvaluationReport,
  getScoreSheets,
  listExpertAssignments,
  requestRescore,
  saveScoreSheet,
  signScoreSheets,
} from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Id = (what: string) =>
  v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be ${what} id (ULID)`));
const ScenarioParam = v.object({ id: Id('a scenario') });
const SheetParam = v.object({ id: Id('a scenario'), bidId: Id('a bid') });
const BidParam = v.object({ id: Id('a bid') });
const ReportQuery = v.object({
  format: v.optional(v.picklist(['json', 'text'], 'must be json or text'), 'json'),
});

type P = ReturnType<typeof principal>;
const actorOf = (p: P) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null });
const viewerOf = (p: P) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null, organizer: isOrganizer(p) });

const SECURITY: ('session' | 'bearer')[] = ['session', 'bearer'];
/** Panel members score as themselves, whatever organization they act for; the db checks the seat. */
const expert = requireActor();
const staff = requireActor({ orgKinds: ['agency', 'organizer'], roles: ['admin', 'member'] });
const firm = requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] });

const RankingRow = v.object({
  bid: v.string(),
  evaluatedPriceFen: v.number(),
  priceScore: v.number(),
  criteria: v.record(v.string(), v.number()),
  total: v.number(),
  rank: v.number(),
  flags: v.array(v.string()),
  passed: v.boolean(),
});
export const EvaluationOutcomeSchema = v.object({
  inputDigest: v.string(),
  passThreshold: v.nullable(v.number()),
  ranking: v.array(RankingRow),
  excluded: v.array(
    v.object({
      bid: v.string(),
      evaluatedPriceFen: v.number(),
      reason: v.string(),
      flags: v.array(v.string()),
    }),
  ),
  deviations: v.array(
    v.object({
      bid: v.string(),
      criterion: v.string(),
      expert: v.number(),
      points: v.number(),
      panelMean: v.number(),
      limit: v.number(),
    }),
  ),
});

const AssignmentsQuery = v.object({ scenarioId: v.optional(Id('a scenario')) });
export const ExpertAssignmentsSchema = v.object({
  expert: v.object({
    id: v.string(),
    name: v.string(),
    title: v.string(),
    employerName: v.string(),
    domains: v.array(v.string()),
    conflicts: v.array(v.object({ orgId: v.string(), orgName: v.string(), reason: v.string() })),
  }),
  items: v.array(
    v.object({
      scenarioId: v.string(),
      title: v.string(),
      kind: v.picklist(['scenario', 'challenge']),
      scenarioStatus: v.string(),
      issuerName: v.string(),
      panelId: v.string(),
      panelStatus: v.string(),
      seat: v.number(),
      alias: v.string(),
      signedAt: v.nullable(v.string()),
      allSigned: v.boolean(),
      criteria: v.number(),
      qualifiedBids: v.number(),
      completedSheets: v.number(),
      rescoreRequest: v.nullable(v.object({ reason: v.string(), requestedAt: v.string() })),
      bids: v.array(
        v.object({
          id: v.string(),
          firmId: v.string(),
          firmName: v.string(),
          priceFen: v.nullable(v.number()),
          content: v.unknown(),
        }),
      ),
    }),
  ),
});

/** Score sheets, sign-off, re-score requests, low-price explanations, the computation and its report. */
export const scoringRoutes = createRouter()
  .get(
    '/experts/me/assignments',
    describe({
      operationId: 'listMyExpertAssignments',
      summary:
        '我的评审任务: the panels the caller sits on (as a linked expert of the pool) with progress, signature and re-score requests',
      description:
        'For each scenario: its qualified bids to score (firm, price, proposal), sheets completed, whether the caller ' +
        'and every member have signed, and a pending re-score request. 403 when the account is not linked to an expert.',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'Assignments', schema: ExpertAssignmentsSchema } },
    }),
    expert,
    validate('query', AssignmentsQuery),
    async (c) => {
      const r = await listExpertAssignments(c.get('db'), principal(c).userId, c.req.valid('query'));
      if (!r) throw new ApiError('FORBIDDEN', 'Your account is not linked to an expert of the pool.');
      return c.json(r);
    },
  )
  .put(
    '/scenarios/:id/score-sheets/:bidId',
    describe({
      operationId: 'saveScoreSheet',
      summary: 'A panel expert scores one qualified bid per criterion (0…criterion weight) with comments',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'Saved',
          schema: v.object({ bidId: v.string(), seat: v.number(), saved: v.number() }),
        },
      },
    }),
    expert,
    validate('param', SheetParam),
    validate('json', ScoreSheetBody),
    async (c) => {
      const p = principal(c);
      const { id, bidId } = c.req.valid('param');
      const r = await saveScoreSheet(
        c.get('db'),
        { ...c.req.valid('json'), scenarioId: id, bidId, userId: p.userId },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id, { subId: bidId, fieldPrefix: 'body' }));
    },
  )
  .get(
    '/scenarios/:id/score-sheets',
    describe({
      operationId: 'getScoreSheets',
      summary:
        'Score sheets: an expert sees only their own until every member has signed (panel, issuer, organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'Sheets', schema: ScoreSheetsView } },
    }),
    expert,
    validate('param', ScenarioParam),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(unwrap(await getScoreSheets(c.get('db'), id, viewerOf(principal(c))), 'scenario', id));
    },
  )
  .post(
    '/scenarios/:id/score-sheets/sign',
    describe({
      operationId: 'signScoreSheets',
      summary: 'A panel expert signs their sheets once every qualified bid is scored on every criterion',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'Signed',
          schema: v.object({ seat: v.number(), signedAt: v.string(), allSigned: v.boolean() }),
        },
      },
    }),
    expert,
    validate('param', ScenarioParam),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await signScoreSheets(
        c.get('db'),
        { scenarioId: id, userId: p.userId },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id));
    },
  )
  .post(
    '/scenarios/:id/rescore-requests',
    describe({
      operationId: 'requestRescore',
      summary: 'Ask a signed panel member (by seat) to score again, with a reason (issuer or organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: { description: 'Requested', schema: v.object({ seat: v.number(), panelStatus: v.string() }) },
      },
    }),
    staff,
    validate('param', ScenarioParam),
    validate('json', RescoreBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await requestRescore(
        c.get('db'),
        { ...c.req.valid('json'), scenarioId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id, { fieldPrefix: 'body' }));
    },
  )
  .post(
    '/bids/:id/low-price-explanation',
    describe({
      operationId: 'explainLowPrice',
      summary: '异常低价说明: the lead firm explains an abnormally low price after the opening',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'Recorded',
          schema: v.object({ id: v.string(), lowPriceExplanation: v.string() }),
        },
      },
    }),
    firm,
    validate('param', BidParam),
    validate('json', LowPriceExplanationBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await explainLowPrice(
        c.get('db'),
        { ...c.req.valid('json'), bidId: id, firmId: p.acting?.orgId as string },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'bid', id, { fieldPrefix: 'body' }));
    },
  )
  .post(
    '/bids/:id/low-price-explanation/accept',
    describe({
      operationId: 'acceptLowPriceExplanation',
      summary: 'Accept a firm’s low-price explanation so its bid can be ranked (issuer or organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'Accepted',
          schema: v.object({ id: v.string(), lowPriceAcceptedAt: v.string() }),
        },
      },
    }),
    staff,
    validate('param', BidParam),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await acceptLowPriceExplanation(
        c.get('db'),
        { bidId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'bid', id));
    },
  )
  .post(
    '/scenarios/:id/evaluation',
    describe({
      operationId: 'computeEvaluation',
      summary:
        '计算: rank the signed sheets with the 综合评分法 engine (issuer or organizer); audited with the input digest',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'The ranking', schema: EvaluationOutcomeSchema } },
    }),
    staff,
    validate('param', ScenarioParam),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await computeEvaluation(
        c.get('db'),
        { scenarioId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id));
    },
  )
  .get(
    '/scenarios/:id/evaluation/report',
    describe({
      operationId: 'getEvaluationReport',
      summary:
        'The reproducible scoring report: every input, each computation step and the input digest; ?format=text prints it',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'The core scoring report (scx-scoring/1)' } },
    }),
    staff,
    validate('param', ScenarioParam),
    validate('query', ReportQuery),
    async (c) => {
      const { id } = c.req.valid('param');
      const report = unwrap(
        await getEvaluationReport(c.get('db'), id, viewerOf(principal(c))),
        'scenario',
        id,
      );
      if (c.req.valid('query').format === 'text') {
        c.header('content-type', 'text/plain; charset=utf-8');
        return c.body(renderScoringReport(report));
      }
      return c.json(report);
    },
  );
