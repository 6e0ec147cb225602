import { and, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { scenarios } from '../schema/index.ts';
import { appendAudit } from './audit.ts';

/**
 * Deadline work for the cron trigger: published scenarios whose bidding deadline has passed
 * move to bidding_closed (server clock), each with its audit entry, in one write transaction.
 */
export async function closeExpiredBidding(db: Db, now: Date): Promise<string[]> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const closed = await tx
      .update(scenarios)
      .set({ status: 'bidding_closed', closedAt: at, updatedAt: at, version: sql`${scenarios.version} + 1` })
      .where(and(eq(scenarios.status, 'published'), lte(scenarios.deadline, at)))
      .returning({ id: scenarios.id, version: scenarios.version });
    for (const s of closed) {
      await appendAudit(tx, {
        at,
        actorUserId: null,
        actorOrgId: null,
        action: 'scenario.close_bidding',
        entityType: 'scenario',
        entityId: s.id,
        data: { from: 'published', to: 'bidding_closed', by: 'deadline' },
      });
    }
    return closed.map((s) => s.id);
  });
}
