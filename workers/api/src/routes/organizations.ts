import { email, nonEmpty, password, queryInt, RegisterOrganizationBody } from '@scx/core';
import {
  addMember,
  changeMember,
  decideOrganization,
  listMembers,
  listOrganizations,
  type Principal,
  registerOrganization,
} from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
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

const MemberRole = v.picklist(
  ['admin', 'member', 'reviewer', 'expert'],
  'must be admin, member, reviewer or expert',
);
const MemberParam = v.object({
  ...IdParam.entries,
  userId: v.pipe(v.string(), v.regex(/^[0-9A-Za-z_-]{1,40}$/, 'must be a user id')),
});
const AddMemberBody = v.object({
  email,
  name: nonEmpty(60),
  role: MemberRole,
  initialPassword: v.optional(password),
});
const Member = v.object({
  userId: v.string(),
  email: v.string(),
  name: v.string(),
  role: v.string(),
  since: v.string(),
});

/** Only an admin acting for this very organization manages its people (organizers may look). */
function orgAdmin(p: Principal, orgId: string, allowOrganizer = false) {
  if (allowOrganizer && isOrganizer(p)) return;
  if (p.acting?.orgId !== orgId || p.acting.role !== 'admin') {
    throw new ApiError('NOT_FOUND', `No organization ${orgId} whose members you manage.`);
  }
}

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
  .get(
    '/:id/members',
    describe({
      operationId: 'listMembers',
      summary: 'The people of an organization and their roles (its admins; organizers)',
      tags: ['organizations'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Members', schema: v.object({ items: v.array(Member) }) } },
    }),
    requireActor(),
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      orgAdmin(principal(c), id, true);
      return c.json({ items: await listMembers(c.get('db'), id) });
    },
  )
  .post(
    '/:id/members',
    describe({
      operationId: 'addMember',
      summary: 'Add a person with a role; a new email gets an account with the initial password you set',
      tags: ['organizations'],
      security: ['session', 'bearer'],
      responses: {
        201: { description: 'Added', schema: v.object({ userId: v.string(), created: v.boolean() }) },
      },
    }),
    requireActor(),
    validate('param', IdParam),
    validate('json', AddMemberBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const p = principal(c);
      orgAdmin(p, id);
      const r = await addMember(
        c.get('db'),
        { orgId: id, ...c.req.valid('json') },
        { userId: p.userId, orgId: id },
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'member', id), 201);
    },
  )
  .patch(
    '/:id/members/:userId',
    describe({
      operationId: 'changeMemberRole',
      summary: 'Change a member’s role (an organization always keeps one admin)',
      tags: ['organizations'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Changed', schema: v.object({ role: v.nullable(v.string()) }) } },
    }),
    requireActor(),
    validate('param', MemberParam),
    validate('json', v.object({ role: MemberRole })),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      const p = principal(c);
      orgAdmin(p, id);
      const r = await changeMember(
        c.get('db'),
        { orgId: id, userId, role: c.req.valid('json').role },
        { userId: p.userId, orgId: id },
        c.get('deps').clock(),
      );
      return c.json(unwrap(r, 'member', userId));
    },
  )
  .delete(
    '/:id/members/:userId',
    describe({
      operationId: 'removeMember',
      summary: 'Remove a person from the organization (not the last admin)',
      tags: ['organizations'],
      security: ['session', 'bearer'],
      responses: { 204: { description: 'Removed' } },
    }),
    requireActor(),
    validate('param', MemberParam),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      const p = principal(c);
      orgAdmin(p, id);
      const r = await changeMember(
        c.get('db'),
        { orgId: id, userId, role: null },
        { userId: p.userId, orgId: id },
        c.get('deps').clock(),
      );
      unwrap(r, 'member', userId);
      return c.body(null, 204);
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
