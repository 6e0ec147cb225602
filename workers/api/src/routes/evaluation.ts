import {
  ConflictBody,
  CriteriaBody,
  CriteriaView,
  ExpertBody,
  ExpertPatchBody,
  ExpertView,
  PanelDrawBody,
  PanelDrawResult,
  PanelView,
  QualificationBody,
  ReplaceMemberBody,
} from '@scx/core';
import {
  createExpert,
  declareConflict,
  drawPanel,
  getCriteria,
  getPanel,
  listExperts,
  replacePanelMember,
  reviewQualification,
  setCriteria,
  updateExpert,
} from '@scx/db';
import * as v from 'valibot';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, optionalActor, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';
import { awardRoutes } from './evaluation-award.ts';
import { scoringRoutes } from './evaluation-scoring.ts';

const Id = (what: string) =>
  v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be ${what} id (ULID)`));
const ScenarioParam = v.object({ id: Id('a scenario') });
const MemberParam = v.object({ id: Id('a scenario'), memberId: Id('a panel member') });

type P = ReturnType<typeof principal>;
const actorOf = (p: P) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null });
const viewerOf = (p: P) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null, organizer: isOrganizer(p) });

const organizer = requireActor({ orgKinds: ['organizer'] });
const staff = requireActor({ orgKinds: ['agency', 'organizer'], roles: ['admin', 'member'] });
const SECURITY: ('session' | 'bearer')[] = ['session', 'bearer'];

/**
 * 评审 (evaluation), part one. Organizers keep the expert pool (专家库) and draw panels at random with
 * automatic recusal (回避); the issuing agency sets the criteria from the core templates and reviews each
 * opened bid's qualification (资格/符合性审查). Every write is in the audit log.
 */
export const evaluationRouter = createRouter()
  .get(
    '/experts',
    describe({
      operationId: 'listExperts',
      summary: '专家库: the expert pool with domains, employers and declared conflicts (organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'Experts', schema: v.object({ items: v.array(ExpertView) }) } },
    }),
    organizer,
    async (c) => c.json({ items: await listExperts(c.get('db')) }),
  )
  .post(
    '/experts',
    describe({
      operationId: 'createExpert',
      summary: 'Add an expert to the pool (organizer); a linked account must hold the expert role',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'Created', schema: ExpertView } },
    }),
    organizer,
    validate('json', ExpertBody),
    async (c) => {
      const p = principal(c);
      const r = await createExpert(c.get('db'), c.req.valid('json'), actorOf(p), c.get('deps').clock());
      const expert = unwrap(r, 'expert', '', { fieldPrefix: 'body' });
      c.header('Location', `/api/v1/experts/${expert.id}`);
      return c.json(expert, 201);
    },
  )
  .patch(
    '/experts/:id',
    describe({
      operationId: 'updateExpert',
      summary: 'Edit an expert of the pool (organizer); inactive experts are never drawn',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'Updated', schema: ExpertView } },
    }),
    organizer,
    validate('param', v.object({ id: Id('an expert') })),
    validate('json', ExpertPatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await updateExpert(
        c.get('db'),
        { expertId: id, patch: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'expert', id, { fieldPrefix: 'body' }));
    },
  )
  .post(
    '/experts/:id/conflicts',
    describe({
      operationId: 'declareExpertConflict',
      summary: '回避申报: declare a conflict with an organization (the expert themself, or an organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'Declared', schema: ExpertView } },
    }),
    requireActor(),
    validate('param', v.object({ id: Id('an expert') })),
    validate('json', ConflictBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await declareConflict(
        c.get('db'),
        { ...c.req.valid('json'), expertId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'expert', id, { fieldPrefix: 'body' }), 201);
    },
  )
  .post(
    '/scenarios/:id/panel',
    describe({
      operationId: 'drawPanel',
      summary: 'Draw the evaluation panel at random by domain, with automatic recusal (organizer)',
      description:
        'Needs opened bids. Odd size ≥ 3 (≥ 5 for tenders, ≥ 7 above 10,000,000 yuan); the seed is recorded ' +
        'in the audit log and the same seed and pool give the same panel. Starts the evaluation.',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'The panel, with who was recused and why', schema: PanelDrawResult } },
    }),
    organizer,
    validate('param', ScenarioParam),
    validate('json', PanelDrawBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await drawPanel(
        c.get('db'),
        { scenarioId: id, body: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id, { fieldPrefix: 'body' }), 201);
    },
  )
  .get(
    '/scenarios/:id/panel',
    describe({
      operationId: 'getPanel',
      summary: 'The panel of a scenario, null before the draw (issuer or organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'The panel', schema: v.object({ panel: v.nullable(PanelView) }) } },
    }),
    staff,
    validate('param', ScenarioParam),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(unwrap(await getPanel(c.get('db'), id, viewerOf(principal(c))), 'scenario', id));
    },
  )
  .post(
    '/scenarios/:id/panel/members/:memberId/replace',
    describe({
      operationId: 'replacePanelMember',
      summary: 'Replace a recused or unavailable panel member by a seeded draw (organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'The panel after the replacement',
          schema: v.object({ ...PanelView.entries, replacementSeed: v.string() }),
        },
      },
    }),
    organizer,
    validate('param', MemberParam),
    validate('json', ReplaceMemberBody),
    async (c) => {
      const p = principal(c);
      const { id, memberId } = c.req.valid('param');
      const r = await replacePanelMember(
        c.get('db'),
        { scenarioId: id, memberId, reason: c.req.valid('json').reason },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id, { subId: memberId, fieldPrefix: 'body' }));
    },
  )
  .get(
    '/scenarios/:id/criteria',
    describe({
      operationId: 'getCriteria',
      summary: 'The weighted criteria (评分标准) of a scenario; public once it is published',
      tags: ['evaluation'],
      responses: { 200: { description: 'The criteria', schema: CriteriaView } },
    }),
    optionalActor,
    validate('param', ScenarioParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = c.get('principal');
      const r = await getCriteria(c.get('db'), id, p ? viewerOf(p) : null);
      return c.json(unwrap(r, 'scenario', id));
    },
  )
  .put(
    '/scenarios/:id/criteria',
    describe({
      operationId: 'setCriteria',
      summary: 'Set the criteria from a template or a list (issuer or organizer), until scoring starts',
      description:
        'Weights plus priceWeight sum to 100; price weight ≥ 30 for goods, ≥ 10 for services; challenges ' +
        '(揭榜挂帅) may set a pass threshold. Templates: goods-standard, services-standard, challenge-standard.',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'The criteria', schema: CriteriaView } },
    }),
    staff,
    validate('param', ScenarioParam),
    validate('json', CriteriaBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await setCriteria(
        c.get('db'),
        { scenarioId: id, body: c.req.valid('json'), viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id, { fieldPrefix: 'body' }));
    },
  )
  .post(
    '/bids/:id/qualification',
    describe({
      operationId: 'reviewQualification',
      summary: '资格/符合性审查: pass or fail an opened bid with a written reason (issuer or organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'The bid after review',
          schema: v.object({
            id: v.string(),
            status: v.string(),
            qualificationReason: v.string(),
            version: v.number(),
          }),
        },
      },
    }),
    staff,
    validate('param', v.object({ id: Id('a bid') })),
    validate('json', QualificationBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await reviewQualification(
        c.get('db'),
        { ...c.req.valid('json'), bidId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'bid', id, { fieldPrefix: 'body' }));
    },
  )
  .route('/', scoringRoutes)
  .route('/', awardRoutes);
