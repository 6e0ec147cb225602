import { auditTrail, getBidForViewer, verifyAuditLog } from '@scx/db';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { isOrganizer, principal, requireActor } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Verdict = v.object({
  ok: v.boolean(),
  checked: v.number(),
  brokenAt: v.optional(v.string()),
  reason: v.optional(v.string()),
});
const TrailParam = v.object({
  entityType: v.picklist(
    ['organization', 'scenario', 'bid', 'question', 'call', 'product'],
    'must be a known entity type',
  ),
  entityId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
});

/** The organizer's view of the hash-chained audit log. */
export const auditRouter = createRouter()
  .get(
    '/verify',
    describe({
      operationId: 'verifyAuditLog',
      summary: 'Verify the audit hash chain end to end; names the first broken link (organizer)',
      tags: ['audit'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Verdict', schema: Verdict } },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    async (c) => c.json(await verifyAuditLog(c.get('db'))),
  )
  .get(
    '/:entityType/:entityId',
    describe({
      operationId: 'auditTrail',
      summary: 'The audit trail of one entity (organizer); a sealed bid’s trail only once it is opened',
      tags: ['audit'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Entries, oldest first' } },
    }),
    requireActor({ orgKinds: ['organizer'] }),
    validate('param', TrailParam),
    async (c) => {
      const { entityType, entityId } = c.req.valid('param');
      const p = principal(c);
      if (entityType === 'bid') {
        const visible = await getBidForViewer(c.get('db'), entityId, {
          orgId: p.acting?.orgId ?? null,
          organizer: isOrganizer(p),
        });
        if (!visible) throw new ApiError('NOT_FOUND', `No bid ${entityId} that you can see.`);
      }
      return c.json({ items: await auditTrail(c.get('db'), entityType, entityId) });
    },
  );
