import { AUDIT_GENESIS, type AuditEntry, auditHash } from '@scx/core';
import { desc } from 'drizzle-orm';
import { newId } from '../ids.ts';
import { auditLog } from '../schema/index.ts';
import type { Tx } from './tx.ts';

export type AuditInput = Omit<AuditEntry, 'id' | 'beforeDigest' | 'afterDigest' | 'data'> &
  Partial<Pick<AuditEntry, 'beforeDigest' | 'afterDigest' | 'data'>>;

/**
 * Appends to the hash chain inside the caller's write transaction, which holds the write lock,
 * so reading the last hash and inserting the next link cannot interleave with another writer.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<string> {
  const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last[0]?.hash ?? AUDIT_GENESIS;
  const entry: AuditEntry = {
    id: newId(),
    beforeDigest: null,
    afterDigest: null,
    data: null,
    ...input,
  };
  const hash = await auditHash(prevHash, entry);
  await tx.insert(auditLog).values({ ...entry, prevHash, hash });
  return entry.id;
}
