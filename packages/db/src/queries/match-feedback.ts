import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { matchFeedback, organizations, products, scenarios } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';

export interface MatchFeedbackInput {
  scenarioId: string;
  firmId: string;
  productId?: string | null;
  useful: boolean;
  note?: string;
}

export interface MatchFeedbackView {
  id: string;
  scenarioId: string;
  firmId: string;
  productId: string | null;
  side: 'agency' | 'firm';
  useful: boolean;
  note: string;
  updatedAt: string;
}

/**
 * 有用 / 没用 on a recommendation. The side follows from who marks it: the scenario's issuer marks a
 * match (agency side), the firm marks a recommendation (firm side); one mark per pair and side, the
 * latest wins. Audited in the same transaction.
 */
export async function recordMatchFeedback(
  db: Db,
  actor: Actor,
  input: MatchFeedbackInput,
  at: Date,
): Promise<WriteResult<MatchFeedbackView>> {
  const now = at.toISOString();
  return db.transaction(async (tx) => {
    const [s] = await tx
      .select({ issuerId: scenarios.issuerId })
      .from(scenarios)
      .where(eq(scenarios.id, input.scenarioId));
    const [f] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, input.firmId), eq(organizations.kind, 'firm')));
    if (!s) return { ok: false, reason: 'not_found', detail: 'scenario' };
    if (!f) return { ok: false, reason: 'not_found', detail: 'firm' };
    const side = actor.orgId === s.issuerId ? 'agency' : actor.orgId === input.firmId ? 'firm' : null;
    if (!side) return { ok: false, reason: 'forbidden', detail: 'scenario' };
    if (input.productId) {
      const [p] = await tx
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.id, input.productId), eq(products.firmId, input.firmId)));
      if (!p) {
        return {
          ok: false,
          reason: 'invalid',
          fields: [{ path: 'productId', message: "must be one of the firm's products" }],
        };
      }
    }
    const values = {
      productId: input.productId ?? null,
      useful: input.useful,
      note: input.note ?? '',
      userId: actor.userId,
      orgId: actor.orgId as string,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(matchFeedback)
      .values({
        id: newId(at.getTime()),
        scenarioId: input.scenarioId,
        firmId: input.firmId,
        side,
        createdAt: now,
        ...values,
      })
      .onConflictDoUpdate({
        target: [matchFeedback.scenarioId, matchFeedback.firmId, matchFeedback.side],
        set: values,
      })
      .returning();
    if (!row) throw new Error('feedback not written');
    await appendAudit(tx, {
      at: now,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'match.feedback',
      entityType: 'scenario',
      entityId: input.scenarioId,
      data: { firmId: input.firmId, productId: values.productId, side, useful: input.useful },
    });
    return {
      ok: true,
      value: {
        id: row.id,
        scenarioId: row.scenarioId,
        firmId: row.firmId,
        productId: row.productId,
        side: row.side,
        useful: row.useful,
        note: row.note,
        updatedAt: row.updatedAt,
      },
    };
  });
}
