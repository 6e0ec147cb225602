import { canonicalJson, sha256Hex } from './digest.ts';

/** The first link's predecessor. */
export const AUDIT_GENESIS = '0'.repeat(64);

export interface AuditEntry {
  id: string;
  at: string;
  actorUserId: string | null;
  actorOrgId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  data: unknown;
}

export interface ChainedAuditEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

/** hash = SHA-256(prevHash ‖ canonical entry): changing or removing any entry breaks every later link. */
export const auditHash = (prevHash: string, e: AuditEntry): Promise<string> =>
  sha256Hex(
    prevHash +
      canonicalJson({
        id: e.id,
        at: e.at,
        actorUserId: e.actorUserId,
        actorOrgId: e.actorOrgId,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        beforeDigest: e.beforeDigest,
        afterDigest: e.afterDigest,
        data: e.data ?? null,
      }),
  );

export type ChainVerdict =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenAt: string; reason: string };

/**
 * Walks the chain in order and names the first entry whose link does not hold. `after` is the hash
 * the first entry must link to (genesis, or the last hash of the previous page when paging).
 */
export async function verifyAuditChain(
  entries: Iterable<ChainedAuditEntry>,
  after: string = AUDIT_GENESIS,
): Promise<ChainVerdict> {
  let prev = after;
  let checked = 0;
  for (const e of entries) {
    if (e.prevHash !== prev)
      return { ok: false, checked, brokenAt: e.id, reason: 'prevHash does not match the previous entry' };
    if ((await auditHash(prev, e)) !== e.hash)
      return { ok: false, checked, brokenAt: e.id, reason: 'hash does not match the entry' };
    prev = e.hash;
    checked++;
  }
  return { ok: true, checked };
}
