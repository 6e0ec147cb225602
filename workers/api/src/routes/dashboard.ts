import { queryInt } from '@scx/core';
import { getDashboard } from '@scx/db';
import * as v from 'valibot';
import { requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Count = v.object({ key: v.string(), count: v.number() });
const DashboardSchema = v.object({
  year: v.number(),
  calls: v.array(
    v.object({
      id: v.string(),
      title: v.string(),
      status: v.string(),
      target: v.number(),
      published: v.number(),
    }),
  ),
  byYear: v.array(Count),
  byDomain: v.array(Count),
  byDistrict: v.array(Count),
  funnel: v.object({
    published: v.number(),
    deadlinePassed: v.number(),
    withBids: v.number(),
    awarded: v.number(),
    accepted: v.number(),
  }),
});

/** 驾驶舱: the organizer's figures (targets, years, domains, districts, conversion) in one round trip. */
export const dashboardRouter = createRouter().get(
  '/',
  describe({
    operationId: 'getDashboard',
    summary:
      'Organizer dashboard: calls vs targets, published by year / domain / district, conversion funnel',
    description:
      'Conversion counts bids only on scenarios whose deadline has passed (sealed bids are nobody’s business before).',
    tags: ['dashboard'],
    security: ['session', 'bearer'],
    responses: { 200: { description: 'The figures', schema: DashboardSchema } },
  }),
  requireActor({ orgKinds: ['organizer'] }),
  validate('query', v.object({ year: v.optional(queryInt(2000, 2100)) })),
  async (c) => {
    const now = c.get('deps').clock();
    const q = c.req.valid('query');
    return c.json(await getDashboard(c.get('db'), q.year ?? now.getUTCFullYear(), now));
  },
);
