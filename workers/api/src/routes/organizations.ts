import { RegisterOrganizationBody } from '@scx/core';
import { registerOrganization } from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Registered = v.object({ organizationId: v.string(), userId: v.string(), status: v.literal('pending') });

export const organizationsRouter = createRouter().post(
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
