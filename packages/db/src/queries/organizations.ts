import { hashPassword, type RegisterOrganizationBody } from '@scx/core';
import { eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { memberships, organizations, users } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import { uniqueViolation } from './errors.ts';

export type RegisterResult =
  | { ok: true; organizationId: string; userId: string }
  | { ok: false; conflict: 'uscc' | 'email' };

/**
 * Self-registration: the organization (pending approval), its first admin and the membership,
 * with the audit entry, in one write transaction — all of it or none of it.
 */
export async function registerOrganization(
  db: Db,
  input: RegisterOrganizationBody,
  now: Date,
): Promise<RegisterResult> {
  const passwordHash = await hashPassword(input.admin.password);
  const at = now.toISOString();
  const organizationId = newId(now.getTime());
  const userId = newId(now.getTime());
  try {
    return await db.transaction(async (tx) => {
      await tx.insert(organizations).values({
        id: organizationId,
        kind: input.kind,
        status: 'pending',
        name: input.name,
        uscc: input.uscc,
        district: input.district,
        size: input.size ?? null,
        domains: input.domains,
        description: input.description,
        contactName: input.admin.name,
        contactEmail: input.admin.email,
        contactPhone: input.contactPhone ?? null,
        createdAt: at,
        updatedAt: at,
      });
      await tx.insert(users).values({
        id: userId,
        email: input.admin.email,
        name: input.admin.name,
        passwordHash,
        createdAt: at,
        updatedAt: at,
      });
      await tx.insert(memberships).values({ userId, orgId: organizationId, role: 'admin', createdAt: at });
      await appendAudit(tx, {
        at,
        actorUserId: userId,
        actorOrgId: organizationId,
        action: 'organization.register',
        entityType: 'organization',
        entityId: organizationId,
        data: { kind: input.kind, name: input.name, uscc: input.uscc },
      });
      return { ok: true, organizationId, userId } as const;
    });
  } catch (e) {
    // The unique indexes are the guard (no check-then-insert race); the transaction has rolled back.
    const column = uniqueViolation(e);
    if (column === 'organizations.uscc') return { ok: false, conflict: 'uscc' };
    if (column === 'users.email') return { ok: false, conflict: 'email' };
    throw e;
  }
}

export async function getOrganization(db: Db, id: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row ?? null;
}
