import { BidDraftBody, BidPatchBody, BidTransitionBody } from '@scx/core';
import {
  confirmPartnership,
  createBidDraft,
  getBidForViewer,
  listFirmBids,
  listOpenedBids,
  openBids,
  transitionBid,
  updateBid,
} from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { etagOf, ifMatchVersion } from '../lib/etag.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Id = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (ULID)'));
const IdParam = v.object({ id: Id });
const Created = v.object({ id: v.string(), version: v.number() });
const Member = v.object({
  firmId: v.string(),
  firmName: v.string(),
  role: v.picklist(['lead', 'partner']),
  shareBp: v.number(),
  confirmedAt: v.nullable(v.string()),
});
const Bid = v.object({
  id: v.string(),
  scenarioId: v.string(),
  leadFirmId: v.string(),
  status: v.string(),
  priceFen: v.nullable(v.number()),
  content: v.unknown(),
  domesticProduct: v.boolean(),
  submittedAt: v.nullable(v.string()),
  amendedAt: v.nullable(v.string()),
  withdrawnAt: v.nullable(v.string()),
  openedAt: v.nullable(v.string()),
  version: v.number(),
  members: v.array(Member),
});
const viewerOf = (p: ReturnType<typeof principal>) => ({
  orgId: p.acting?.orgId ?? null,
  organizer: isOrganizer(p),
});
const actorOf = (p: ReturnType<typeof principal>) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null });
const SEALED =
  'Sealed: before the deadline only the bidding firms can see a bid; nobody else learns its content or how many bids exist.';

/**
 * Sealed bids (揭榜申报 / 投标). Until the deadline (server clock) and the opening (开标), a bid is
 * visible to its own firms only; every other caller gets the same answers whether bids exist or not.
 */
export const bidsRouter = createRouter()
  .post(
    '/scenarios/:id/bids',
    describe({
      operationId: 'createBid',
      summary: 'Start a bid on a published scenario, alone or leading a consortium (firm)',
      description: `${SEALED} Accepts Idempotency-Key.`,
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Draft bid', schema: Created } },
    }),
    requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] }),
    idempotent,
    validate('param', IdParam),
    validate('json', BidDraftBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await createBidDraft(
        c.get('db'),
        { scenarioId: id, leadFirmId: p.acting?.orgId as string, body: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'bid', id);
      c.header('ETag', etagOf(out.version));
      c.header('Location', `/api/v1/bids/${out.id}`);
      return c.json(out, 201);
    },
  )
  .get(
    '/scenarios/:id/bids',
    describe({
      operationId: 'listScenarioBids',
      summary: 'The opened bids of a scenario (issuer or organizer, after the deadline only)',
      description: SEALED,
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Opened bids' } },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'] }),
    validate('param', IdParam),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      return c.json(
        unwrap(await listOpenedBids(c.get('db'), id, viewerOf(p), c.get('deps').clock()), 'scenario', id),
      );
    },
  )
  .post(
    '/scenarios/:id/open-bids',
    describe({
      operationId: 'openBids',
      summary:
        '开标: open the submitted bids after the deadline (issuer or organizer); recorded in the audit log',
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: {
        200: { description: 'Opened', schema: v.object({ opened: v.number(), openedAt: v.string() }) },
      },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'] }),
    validate('param', IdParam),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await openBids(
        c.get('db'),
        { scenarioId: id, viewer: viewerOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'scenario', id));
    },
  )
  .get(
    '/bids',
    describe({
      operationId: 'listMyBids',
      summary: 'Your firm’s bids, as lead or consortium partner',
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Bids' } },
    }),
    requireActor({ orgKinds: ['firm'] }),
    async (c) => c.json({ items: await listFirmBids(c.get('db'), principal(c).acting?.orgId as string) }),
  )
  .get(
    '/bids/:id',
    describe({
      operationId: 'getBid',
      summary: 'One bid: for its firms; for the issuer and organizers only once opened',
      description: SEALED,
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The bid', schema: Bid } },
    }),
    requireActor(),
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const b = await getBidForViewer(c.get('db'), id, viewerOf(principal(c)));
      if (!b) throw new ApiError('NOT_FOUND', `No bid ${id} that you can see.`);
      c.header('ETag', etagOf(b.version));
      return c.json(b);
    },
  )
  .patch(
    '/bids/:id',
    describe({
      operationId: 'updateBid',
      summary: 'Edit a draft or amend a submitted bid before the deadline (lead firm; If-Match)',
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'Updated',
          schema: v.object({ id: v.string(), version: v.number(), status: v.string() }),
        },
      },
    }),
    requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] }),
    validate('param', IdParam),
    validate('json', BidPatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      const r = await updateBid(
        c.get('db'),
        { bidId: id, leadFirmId: p.acting?.orgId as string, expectedVersion, patch: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'bid', id);
      c.header('ETag', etagOf(out.version));
      return c.json({ id, ...out });
    },
  )
  .post(
    '/bids/:id/transitions',
    describe({
      operationId: 'transitionBid',
      summary: 'Submit or withdraw a bid before the deadline (lead firm); accepts Idempotency-Key',
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'New status',
          schema: v.object({ id: v.string(), status: v.string(), version: v.number() }),
        },
      },
    }),
    requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] }),
    idempotent,
    validate('param', IdParam),
    validate('json', BidTransitionBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await transitionBid(
        c.get('db'),
        { bidId: id, leadFirmId: p.acting?.orgId as string, action: c.req.valid('json').action },
        actorOf(p),
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'bid', id);
      c.header('ETag', etagOf(out.version));
      return c.json({ id, ...out });
    },
  )
  .post(
    '/bids/:id/confirm',
    describe({
      operationId: 'confirmPartnership',
      summary: 'A consortium partner confirms its part before the deadline',
      tags: ['bids'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Confirmed', schema: v.object({ confirmedAt: v.string() }) } },
    }),
    requireActor({ orgKinds: ['firm'], roles: ['admin', 'member'] }),
    validate('param', IdParam),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await confirmPartnership(
        c.get('db'),
        { bidId: id, firmId: p.acting?.orgId as string },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'bid', id));
    },
  );
