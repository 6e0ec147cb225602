import {
  AcceptanceBody,
  AwardBody,
  AwardView,
  DeliveryView,
  KpiReportBody,
  MilestoneBody,
  MilestoneDoneBody,
  NoticeView,
  ObjectionAnswerBody,
  ObjectionBody,
  ObjectionView,
  OcdsQuery,
} from '@scx/core';
import {
  addMilestone,
  answerObjection,
  awardScenario,
  completeMilestone,
  decideAcceptance,
  fileObjection,
  getDelivery,
  getNotice,
  listAwards,
  listObjections,
  ocdsReleases,
  publishNotice,
  reportKpi,
} from '@scx/db';
import * as v from 'valibot';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Id = (what: string) =>
  v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be ${what} id (ULID)`));
const param = (what: string) => v.object({ id: Id(what) });

type P = ReturnType<typeof principal>;
const actorOf = (p: P) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null });
const viewerOf = (p: P) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null, organizer: isOrganizer(p) });

const SECURITY: ('session' | 'bearer')[] = ['session', 'bearer'];
const staff = requireActor({ orgKinds: ['agency', 'organizer'], roles: ['admin', 'member'] });
const firm = requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] });
const party = requireActor({ orgKinds: ['agency', 'organizer', 'firm'], roles: ['admin', 'member'] });
const Items = <T extends v.GenericSchema>(item: T) => v.object({ items: v.array(item) });

/** 公示, objections, awards (定标) and delivery (milestones, KPI reports, 验收). */
export const awardRoutes = createRouter()
  .post(
    '/scenarios/:id/notice',
    describe({
      operationId: 'publishNotice',
      summary: '公示: publish the computed ranking (experts as 专家1…n) and open the objection window',
      description:
        'Window: 7 days for challenges; 1 working day + 3 working days otherwise (rules.noticeDays, ' +
        'rules.objectionWorkingDays).',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'Published', schema: NoticeView } },
    }),
    staff,
    validate('param', param('a scenario')),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await publishNotice(
        c.get('db'),
        { scenarioId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id), 201);
    },
  )
  .get(
    '/scenarios/:id/notice',
    describe({
      operationId: 'getNotice',
      summary: 'The latest result notice of a public scenario (null before one is published)',
      tags: ['evaluation'],
      responses: { 200: { description: 'The notice', schema: v.object({ notice: v.nullable(NoticeView) }) } },
    }),
    validate('param', param('a scenario')),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(unwrap(await getNotice(c.get('db'), id), 'scenario', id));
    },
  )
  .post(
    '/notices/:id/objections',
    describe({
      operationId: 'fileObjection',
      summary: '异议/质疑: a bidding firm objects to the notice within its window',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'Filed', schema: ObjectionView } },
    }),
    firm,
    validate('param', param('a notice')),
    validate('json', ObjectionBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await fileObjection(
        c.get('db'),
        { ...c.req.valid('json'), noticeId: id, firmId: p.acting?.orgId as string },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'notice', id, { fieldPrefix: 'body' }), 201);
    },
  )
  .get(
    '/notices/:id/objections',
    describe({
      operationId: 'listObjections',
      summary: 'Objections to a notice: all for the issuer and organizers, its own for a bidding firm',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'Objections', schema: Items(ObjectionView) } },
    }),
    party,
    validate('param', param('a notice')),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(unwrap(await listObjections(c.get('db'), id, viewerOf(principal(c))), 'notice', id));
    },
  )
  .post(
    '/objections/:id/answer',
    describe({
      operationId: 'answerObjection',
      summary: 'Answer an objection (issuer or organizer); upheld re-opens the evaluation',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'Answered',
          schema: v.object({ ...ObjectionView.entries, noticeStatus: v.string() }),
        },
      },
    }),
    staff,
    validate('param', param('an objection')),
    validate('json', ObjectionAnswerBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await answerObjection(
        c.get('db'),
        { ...c.req.valid('json'), objectionId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'objection', id, { fieldPrefix: 'body' }));
    },
  )
  .post(
    '/scenarios/:id/awards',
    describe({
      operationId: 'awardScenario',
      summary:
        '定标: award the top of the ranking after the objection window (several winners for challenges)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'Awarded', schema: Items(AwardView) } },
    }),
    staff,
    validate('param', param('a scenario')),
    validate('json', AwardBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await awardScenario(
        c.get('db'),
        { ...c.req.valid('json'), scenarioId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id, { fieldPrefix: 'body' }), 201);
    },
  )
  .get(
    '/scenarios/:id/awards',
    describe({
      operationId: 'listAwards',
      summary: 'The awards of a public scenario, with amounts and subsidies',
      tags: ['evaluation'],
      responses: { 200: { description: 'Awards', schema: Items(AwardView) } },
    }),
    validate('param', param('a scenario')),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(unwrap(await listAwards(c.get('db'), id), 'scenario', id));
    },
  )
  .post(
    '/awards/:id/milestones',
    describe({
      operationId: 'addMilestone',
      summary: 'Add a delivery milestone (issuer or organizer); the first one starts delivery',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'Added', schema: v.object({ id: v.string(), status: v.string() }) } },
    }),
    staff,
    validate('param', param('an award')),
    validate('json', MilestoneBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await addMilestone(
        c.get('db'),
        { ...c.req.valid('json'), awardId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'award', id, { fieldPrefix: 'body' }), 201);
    },
  )
  .post(
    '/milestones/:id/complete',
    describe({
      operationId: 'completeMilestone',
      summary: 'Mark a milestone met: done, or late after its due date (issuer or organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'Completed',
          schema: v.object({ id: v.string(), status: v.string(), doneAt: v.string() }),
        },
      },
    }),
    staff,
    validate('param', param('a milestone')),
    validate('json', MilestoneDoneBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await completeMilestone(
        c.get('db'),
        { ...c.req.valid('json'), milestoneId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'milestone', id, { fieldPrefix: 'body' }));
    },
  )
  .post(
    '/awards/:id/kpi-reports',
    describe({
      operationId: 'reportKpi',
      summary:
        'Report a KPI value against the challenge’s KPIs (the winning firm, the issuer or an organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 201: { description: 'Reported', schema: v.object({ id: v.string() }) } },
    }),
    party,
    validate('param', param('an award')),
    validate('json', KpiReportBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await reportKpi(
        c.get('db'),
        { ...c.req.valid('json'), awardId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'award', id, { fieldPrefix: 'body' }), 201);
    },
  )
  .post(
    '/awards/:id/acceptance',
    describe({
      operationId: 'decideAcceptance',
      summary: '验收: pass or fail an award in delivery (issuer or organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: {
        200: {
          description: 'Decided',
          schema: v.object({ id: v.string(), status: v.string(), scenarioStatus: v.string() }),
        },
      },
    }),
    staff,
    validate('param', param('an award')),
    validate('json', AcceptanceBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await decideAcceptance(
        c.get('db'),
        { ...c.req.valid('json'), awardId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'award', id, { fieldPrefix: 'body' }));
    },
  )
  .get(
    '/awards/:id/delivery',
    describe({
      operationId: 'getDelivery',
      summary:
        'An award’s delivery: milestones and KPI reports (the winning firm, the issuer or an organizer)',
      tags: ['evaluation'],
      security: SECURITY,
      responses: { 200: { description: 'Delivery', schema: DeliveryView } },
    }),
    party,
    validate('param', param('an award')),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(unwrap(await getDelivery(c.get('db'), id, viewerOf(principal(c))), 'award', id));
    },
  )
  .get(
    '/ocds/releases',
    describe({
      operationId: 'ocdsReleases',
      summary:
        'OCDS 1.1.5 release package of public scenarios changed since a time (bids only after opening)',
      description:
        'One release per scenario (a snapshot at its last change): parties, tender with award criteria and ' +
        'weights, bids (bid extension), awards, contracts with milestones. Amounts in CNY.',
      tags: ['evaluation'],
      responses: {
        200: { description: 'An OCDS release package' },
        204: { description: 'Nothing changed since then (a release package needs at least one release)' },
      },
    }),
    validate('query', OcdsQuery),
    async (c) => {
      const releases = await ocdsReleases(c.get('db'), c.req.valid('query'));
      // OCDS requires at least one release in a package: an empty page is "no content", not an invalid package.
      if (releases.length === 0) return c.body(null, 204);
      return c.json({
        uri: c.req.url,
        version: '1.1',
        publishedDate: c.get('deps').clock().toISOString(),
        publisher: { name: 'Scenario Exchange (场景汇)' },
        releases,
      });
    },
  );
