import { hashPassword, type RegisterOrganizationBody } from '@scx/core';
import { and, desc, eq, sql } from 'drizzle-orm';
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

export interface OrganizationRow {
  id: string;
  kind: string;
  status: string;
  name: string;
  uscc: string;
  district: string;
  size: string | null;
  createdAt: string;
}

/** The organizer's review queue (and directory): newest first. */
export async function listOrganizations(
  db: Db,
  filter: { status?: OrganizationStatus; kind?: string; limit: number },
): Promise<OrganizationRow[]> {
  return db
    .select({
      id: organizations.id,
      kind: organizations.kind,
      status: organizations.status,
      name: organizations.name,
      uscc: organizations.uscc,
      district: organizations.district,
      size: organizations.size,
      createdAt: organizations.createdAt,
    })
    .from(organizations)
    .where(
      and(
        filter.status ? eq(organizations.status, filter.status) : undefined,
        filter.kind ? eq(organizations.kind, filter.kind as 'agency') : undefined,
      ),
    )
    .orderBy(desc(organizations.createdAt), desc(organizations.id))
    .limit(filter.limit);
}

type OrganizationStatus = 'pending' | 'approved' | 'rejected' | 'suspended';
const DECISIONS = {
  approve: { from: ['pending', 'rejected', 'suspended'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['approved'], to: 'suspended' },
} as const satisfies Record<string, { from: readonly OrganizationStatus[]; to: OrganizationStatus }>;
export type OrganizationDecision = keyof typeof DECISIONS;

/** The organizer approves, rejects or suspends an organization: status change and audit entry together. */
export async function decideOrganization(
  db: Db,
  input: {
    id: string;
    decision: OrganizationDecision;
    reason: string;
    actorUserId: string;
    actorOrgId: string | null;
  },
  now: Date,
): Promise<
  { ok: true; status: OrganizationStatus } | { ok: false; reason: 'not_found' | 'illegal'; status?: string }
> {
  const rule = DECISIONS[input.decision];
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [org] = await tx
      .select({ status: organizations.status })
      .from(organizations)
      .where(eq(organizations.id, input.id));
    if (!org) return { ok: false, reason: 'not_found' } as const;
    if (!(rule.from as readonly string[]).includes(org.status)) {
      return { ok: false, reason: 'illegal', status: org.status } as const;
    }
    await tx
      .update(organizations)
      .set({
        status: rule.to,
        updatedAt: at,
        version: sql`${organizations.version} + 1`,
        ...(rule.to === 'approved' ? { approvedAt: at, approvedBy: input.actorUserId } : {}),
      })
      .where(eq(organizations.id, input.id));
    await appendAudit(tx, {
      at,
      actorUserId: input.actorUserId,
      actorOrgId: input.actorOrgId,
      action: `organization.${input.decision}`,
      entityType: 'organization',
      entityId: input.id,
      data: { from: org.status, to: rule.to, reason: input.reason },
    });
    return { ok: true, status: rule.to } as const;
  });
}
