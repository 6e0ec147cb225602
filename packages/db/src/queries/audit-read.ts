import { AUDIT_GENESIS, verifyAuditChain } from '@scx/core';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog } from '../schema/index.ts';

/** Verifies the whole chain page by page (keyset on seq); names the first broken link. */
export async function verifyAuditLog(db: Db, pageSize = 2000) {
  let afterSeq = 0;
  let prevHash = AUDIT_GENESIS;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, afterSeq))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    const last = rows.at(-1);
    if (!last) return { ok: true as const, checked };
    const verdict = await verifyAuditChain(rows, prevHash);
    if (!verdict.ok) return { ...verdict, checked: checked + verdict.checked };
    checked += verdict.checked;
    afterSeq = last.seq;
    prevHash = last.hash;
  }
}

/** The audit trail of one entity, oldest first. */
export async function auditTrail(db: Db, entityType: string, entityId: string) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorOrgId: auditLog.actorOrgId,
      action: auditLog.action,
      beforeDigest: auditLog.beforeDigest,
      afterDigest: auditLog.afterDigest,
      data: auditLog.data,
      hash: auditLog.hash,
    })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.seq));
}
