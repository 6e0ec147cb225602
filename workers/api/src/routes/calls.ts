import {
  CallBody,
  CallListQuery,
  CallPage,
  CallPatchBody,
  CallProgress,
  CallTransitionBody,
  CallView,
} from '@scx/core';
import {
  createCall,
  decodeCursor,
  getCall,
  getCallProgress,
  listCalls,
  transitionCall,
  updateCall,
} from '@scx/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { etagOf, ifMatchVersion } from '../lib/etag.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor, SESSION_COOKIE } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const IdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a call id (ULID)')),
});
const Versioned = v.object({ id: v.string(), version: v.number() });

/**
 * Public reads that show more to organizers (drafts): signs the caller in when they sent
 * credentials, and otherwise — or when the credentials do not hold — carries on as the public.
 */
const maybeActor = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('authorization') || getCookie(c, SESSION_COOKIE)) {
    try {
      await requireActor()(c, async () => {});
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  await next();
});

const seesDrafts = (c: { get(key: 'principal'): ReturnType<typeof principal> | undefined }) => {
  const p = c.get('principal');
  return p !== undefined && isOrganizer(p);
};

/**
 * 征集批次: organizers create calls, edit drafts (If-Match) and move them draft → open → closed →
 * published (closed → open reopens). The public sees every call but drafts, and each call's progress.
 */
export const callsRouter = createRouter()
  .get(
    '/',
    describe({
      operationId: 'listCalls',
      summary: 'Calls (征集批次), newest first; drafts are listed for organizers only',
      tags: ['calls'],
      responses: { 200: { description: 'A page of calls', schema: CallPage } },
    }),
    maybeActor,
    validate('query', CallListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const cursor = q.cursor ? decodeCursor(q.cursor) : null;
      if (q.cursor && !cursor) {
        throw new ApiError('VALIDATION_FAILED', 'query.cursor: is not a cursor from this API', [
          { path: 'query.cursor', message: 'is not a cursor from this API' },
        ]);
      }
      const page: CallPage = await listCalls(c.get('db'), q, cursor, seesDrafts(c));
      return c.json(page);
    },
  )
  .post(
    '/',
    describe({
      operationId: 'createCall',
      summary: 'Create a draft call with its target and per-domain targets (organizer)',
      description: 'closesAt must be after opensAt; per-domain targets add up to at most targetCount.',
      tags: ['calls'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Created as a draft', schema: Versioned } },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    validate('json', CallBody),
    async (c) => {
      const p = principal(c);
      const orgId = p.acting?.orgId;
      if (!orgId) {
        throw new ApiError('FORBIDDEN', 'Act for your organizer organization to create a call.');
      }
      const out = await createCall(
        c.get('db'),
        c.req.valid('json'),
        orgId,
        { userId: p.userId, orgId },
        c.get('deps').clock(),
      );
      c.header('ETag', etagOf(out.version));
      c.header('Location', `/api/v1/calls/${out.id}`);
      return c.json(out, 201);
    },
  )
  .get(
    '/:id',
    describe({
      operationId: 'getCall',
      summary: 'One call (drafts for organizers only); the ETag is its version',
      tags: ['calls'],
      responses: { 200: { description: 'The call', schema: CallView } },
    }),
    maybeActor,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const call: CallView | null = await getCall(c.get('db'), id, seesDrafts(c));
      if (!call) throw new ApiError('NOT_FOUND', `No call ${id}.`);
      c.header('ETag', etagOf(call.version));
      return c.json(call);
    },
  )
  .patch(
    '/:id',
    describe({
      operationId: 'updateCall',
      summary: 'Edit a draft call (organizer); If-Match required (428), stale versions get 412',
      description: 'The cross-field rules are checked on the call as it would be after the edit.',
      tags: ['calls'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Updated', schema: Versioned } },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    validate('param', IdParam),
    validate('json', CallPatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      const r = await updateCall(
        c.get('db'),
        { id, expectedVersion, patch: c.req.valid('json') },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const { version } = unwrap(r, 'call', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(version));
      return c.json({ id, version });
    },
  )
  .post(
    '/:id/transitions',
    describe({
      operationId: 'transitionCall',
      summary: 'Lifecycle step (organizer): open, close, publish, or reopen a closed call',
      description:
        'An action the current status does not allow answers 409 ILLEGAL_TRANSITION. If-Match is optional here.',
      tags: ['calls'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'The new status',
          schema: v.object({ id: v.string(), status: v.string(), version: v.number() }),
        },
      },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    validate('param', IdParam),
    validate('json', CallTransitionBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const { action, comment } = c.req.valid('json');
      const ifMatch = c.req.header('if-match');
      const r = await transitionCall(
        c.get('db'),
        { id, action, comment, expectedVersion: ifMatch ? ifMatchVersion(ifMatch) : undefined },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'call', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(out.version));
      return c.json({ id, ...out });
    },
  )
  .get(
    '/:id/progress',
    describe({
      operationId: 'getCallProgress',
      summary: 'Scenario counts of a call by status group: overall, per domain (vs its target), per district',
      description:
        '`published` counts every scenario ever published (publishedAt set), whatever its later status; ' +
        'percentOfTarget is published ÷ target × 100. One database round trip (GROUP BY statements in one batch).',
      tags: ['calls'],
      responses: { 200: { description: 'Progress', schema: CallProgress } },
    }),
    maybeActor,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const progress: CallProgress | null = await getCallProgress(c.get('db'), id, seesDrafts(c));
      if (!progress) throw new ApiError('NOT_FOUND', `No call ${id}.`);
      return c.json(progress);
    },
  );
