import {
  queryInt,
  SCENARIO_ACTIONS_BY_ROLE,
  SCENARIO_STATES,
  ScenarioDraftBody,
  ScenarioPatchBody,
  type ScenarioStatus,
  ScenarioTransitionBody,
} from '@scx/core';
import {
  createScenarioDraft,
  getScenarioForStaff,
  listStaffScenarios,
  transitionScenario,
  updateScenarioDraft,
} from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { etagOf, ifMatchVersion } from '../lib/etag.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const IdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a scenario id (ULID)')),
});
const ListQuery = v.object({
  status: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.split(',').filter(Boolean)),
      v.array(v.picklist(SCENARIO_STATES, `must be one or more of: ${SCENARIO_STATES.join(', ')}`)),
    ),
  ),
  limit: v.optional(queryInt(1, 200), '100'),
});
const StaffRow = v.object({
  id: v.string(),
  kind: v.string(),
  status: v.string(),
  title: v.string(),
  issuerId: v.string(),
  domain: v.string(),
  secondaryDomains: v.array(v.string()),
  district: v.string(),
  deadline: v.nullable(v.string()),
  version: v.number(),
  updatedAt: v.string(),
});

/**
 * The staff side of scenarios: an agency drafts, edits (If-Match) and submits its own; the organizer
 * returns or publishes. Nothing here is public; the hall is routes/scenarios.ts.
 */
export const workspaceRouter = createRouter()
  .get(
    '/scenarios',
    describe({
      operationId: 'listMyScenarios',
      summary:
        'Worklist: an agency’s own scenarios in any status; for organizers, all (e.g. status=submitted)',
      tags: ['workspace'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Scenarios', schema: v.object({ items: v.array(StaffRow) }) } },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'] }),
    validate('query', ListQuery),
    async (c) => {
      const p = principal(c);
      const q = c.req.valid('query');
      const items = await listStaffScenarios(c.get('db'), {
        issuerId: isOrganizer(p) ? undefined : p.acting?.orgId,
        statuses: q.status as ScenarioStatus[] | undefined,
        limit: q.limit,
      });
      return c.json({ items });
    },
  )
  .post(
    '/scenarios',
    describe({
      operationId: 'createScenario',
      summary: 'Draft a scenario or 揭榜挂帅 challenge for your agency',
      description:
        '`domain` is the primary software domain (the hall filters on it); `secondaryDomains` lists up to 3 further ' +
        'ones (distinct codes, not the primary). Matching credits a firm working in any of them.',
      tags: ['workspace'],
      security: ['session', 'bearer'],
      responses: {
        201: { description: 'Drafted', schema: v.object({ id: v.string(), version: v.number() }) },
      },
    }),
    requireActor({ orgKinds: ['agency'], roles: ['admin', 'member'] }),
    validate('json', ScenarioDraftBody),
    async (c) => {
      const p = principal(c);
      const orgId = p.acting?.orgId as string;
      const r = await createScenarioDraft(
        c.get('db'),
        c.req.valid('json'),
        orgId,
        { userId: p.userId, orgId },
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'scenario', 'new');
      c.header('ETag', etagOf(out.version));
      c.header('Location', `/api/v1/workspace/scenarios/${out.id}`);
      return c.json(out, 201);
    },
  )
  .get(
    '/scenarios/:id',
    describe({
      operationId: 'getMyScenario',
      summary: 'A scenario in any status, for its issuer or an organizer; ETag is its version',
      tags: ['workspace'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The scenario' } },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'] }),
    validate('param', IdParam),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const s = await getScenarioForStaff(c.get('db'), id);
      if (!s || (!isOrganizer(p) && s.issuerId !== p.acting?.orgId))
        throw new ApiError('NOT_FOUND', `No scenario ${id}.`);
      c.header('ETag', etagOf(s.version));
      return c.json(s);
    },
  )
  .patch(
    '/scenarios/:id',
    describe({
      operationId: 'updateScenario',
      summary: 'Edit a draft or returned scenario; If-Match required (428), stale versions get 412',
      description:
        '`secondaryDomains` replaces the list of further domains; none may be the primary `domain` (the one in ' +
        'the patch, else the stored one). A new `domain` that was a further one leaves that list.',
      tags: ['workspace'],
      security: ['session', 'bearer'],
      responses: {
        200: { description: 'Updated', schema: v.object({ id: v.string(), version: v.number() }) },
      },
    }),
    requireActor({ orgKinds: ['agency'], roles: ['admin', 'member'] }),
    validate('param', IdParam),
    validate('json', ScenarioPatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      const orgId = p.acting?.orgId as string;
      const r = await updateScenarioDraft(
        c.get('db'),
        { id, issuerId: orgId, expectedVersion, patch: c.req.valid('json') },
        { userId: p.userId, orgId },
        c.get('deps').clock(),
      );
      // Fields the db checks against the stored scenario are the request's own here.
      const { version } = unwrap(r, 'scenario', id, { fieldPrefix: 'body' });
      c.header('ETag', etagOf(version));
      return c.json({ id, version });
    },
  )
  .post(
    '/scenarios/:id/transitions',
    describe({
      operationId: 'transitionScenario',
      summary:
        'Lifecycle step: submit / withdraw (issuer), return / publish (organizer), close_bidding (either)',
      description:
        'An action the current status does not allow answers 409 ILLEGAL_TRANSITION. If-Match is optional here.',
      tags: ['workspace'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'The new status',
          schema: v.object({ id: v.string(), status: v.string(), version: v.number() }),
        },
      },
    }),
    requireActor({ orgKinds: ['agency', 'organizer'] }),
    validate('param', IdParam),
    validate('json', ScenarioTransitionBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const { action, comment } = c.req.valid('json');
      const organizer = isOrganizer(p);
      const asIssuer = p.acting?.orgKind === 'agency';
      const allowed = new Set<string>([
        ...(asIssuer ? SCENARIO_ACTIONS_BY_ROLE.issuer : []),
        ...(organizer ? SCENARIO_ACTIONS_BY_ROLE.organizer : []),
      ]);
      if (!allowed.has(action)) {
        throw new ApiError(
          'FORBIDDEN',
          `'${action}' is for ${asIssuer ? 'the organizer' : 'the issuing agency'}.`,
        );
      }
      const ifMatch = c.req.header('if-match');
      const r = await transitionScenario(
        c.get('db'),
        { id, action, comment, expectedVersion: ifMatch ? ifMatchVersion(ifMatch) : undefined },
        { userId: p.userId, orgId: p.acting?.orgId ?? null },
        { issuerId: asIssuer ? p.acting?.orgId : undefined, organizer },
        c.get('deps').clock(),
      );
      const out = unwrap(r, 'scenario', id);
      c.header('ETag', etagOf(out.version));
      return c.json({ id, ...out });
    },
  );
