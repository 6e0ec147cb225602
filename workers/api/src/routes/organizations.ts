import { queryInt, RegisterOrganizationBody } from '@scx/core';
import { decideOrganization, listOrganizations, registerOrganization } from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Registered = v.object({ organizationId: v.string(), userId: v.string(), status: v.literal('pending') });

const OrganizationRow = v.object({
  id: v.string(),
  kind: v.string(),
  status: v.string(),
  name: v.string(),
  uscc: v.string(),
  district: v.string(),
  size: v.nullable(v.string()),
  createdAt: v.string(),
});
const ListQuery = v.object({
  status: v.optional(
    v.picklist(
      ['pending', 'approved', 'rejected', 'suspended'],
      'must be pending, approved, rejected or suspended',
    ),
  ),
  kind: v.optional(
    v.picklist(
      ['agency', 'firm', 'organizer', 'expert-body'],
      'must be agency, firm, organizer or expert-body',
    ),
  ),
  limit: v.optional(queryInt(1, 200), '50'),
});
const IdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an organization id (ULID)')),
});
const DecisionParam = v.object({
  ...IdParam.entries,
  decision: v.picklist(['approve', 'reject', 'suspend'], 'must be approve, reject or suspend'),
});
const DecisionBody = v.object({ reason: v.optional(v.pipe(v.string(), v.maxLength(1000)), '') });

export const organizationsRouter = createRouter()
  .get(
    '/',
    describe({
      operationId: 'listOrganizations',
      summary: 'Organizations by status and kind — the organizer’s approval queue',
      tags: ['organizations'],
      security: ['session', 'bearer'],
      responses: {
        200: { description: 'Organizations', schema: v.object({ items: v.array(OrganizationRow) }) },
      },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    validate('query', ListQuery),
    async (c) => c.json({ items: await listOrganizations(c.get('db'), c.req.valid('query')) }),
  )
  .post(
    '/:id/:decision{approve|reject|suspend}',
    describe({
      operationId: 'decideOrganization',
      summary: 'Approve, reject or suspend a registered organization (organizer)',
      tags: ['organizations'],
      security: ['session', 'bearer'],
      responses: {
        200: { description: 'The new status', schema: v.object({ id: v.string(), status: v.string() }) },
      },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    validate('param', DecisionParam),
    validate('json', DecisionBody),
    async (c) => {
      const { id, decision } = c.req.valid('param');
      const p = principal(c);
      const r = await decideOrganization(
        c.get('db'),
        {
          id,
          decision,
          reason: c.req.valid('json').reason,
          actorUserId: p.userId,
          actorOrgId: p.acting?.orgId ?? null,
        },
        c.get('deps').clock(),
      );
      if (!r.ok && r.reason === 'not_found') throw new ApiError('NOT_FOUND', `No organization ${id}.`);
      if (!r.ok)
        throw new ApiError('ILLEGAL_TRANSITION', `Cannot ${decision} an organization that is ${r.status}.`);
      return c.json({ id, status: r.status });
    },
  )
  .post(
    '/',
    describe({
      operationId: 'registerOrganization',
      summary: 'Register an agency, firm or expert body with its first admin (pending organizer approval)',
      description:
        'The USCC must pass the GB 32100-2015 check. All-or-nothing: on any conflict nothing is stored.',
      tags: ['organizations'],
      responses: { 201: { description: 'Registered, awaiting approval', schema: Registered } },
    }),
    validate('json', RegisterOrganizationBody),
    async (c) => {
      const body = c.req.valid('json');
      const r = await registerOrganization(c.get('db'), body, c.get('deps').clock());
      if (!r.ok) {
        const path = r.conflict === 'uscc' ? 'body.uscc' : 'body.admin.email';
        const message =
          r.conflict === 'uscc'
            ? 'an organization with this USCC is already registered'
            : 'this email already has an account';
        throw new ApiError('CONFLICT', `${path}: ${message}`, [{ path, message }]);
      }
      const out: v.InferOutput<typeof Registered> = {
        organizationId: r.organizationId,
        userId: r.userId,
        status: 'pending',
      };
      return c.json(out, 201);
    },
  );
