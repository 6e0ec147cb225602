import { hashPassword } from '@scx/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { memberships, users } from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

export type MemberRole = 'admin' | 'member' | 'reviewer' | 'expert';

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: MemberRole;
  since: string;
}

export async function listMembers(db: Db, orgId: string): Promise<MemberView[]> {
  return db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt), asc(users.id));
}

const adminCount = async (tx: Tx, orgId: string) => {
  const [r] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'admin')));
  return Number(r?.n ?? 0);
};

/**
 * An organization admin adds a person: an existing account joins with the role; a new email gets an
 * account with the initial password the admin hands over (the person changes it after signing in).
 */
export async function addMember(
  db: Db,
  input: { orgId: string; email: string; name: string; role: MemberRole; initialPassword?: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ userId: string; created: boolean }>> {
  const at = now.toISOString();
  const hash = input.initialPassword ? await hashPassword(input.initialPassword) : null;
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    let userId = existing?.id;
    if (!userId) {
      if (!hash) {
        return {
          ok: false,
          reason: 'invalid',
          fields: [{ path: 'initialPassword', message: 'a new account needs an initial password' }],
        };
      }
      userId = newId(now.getTime());
      await tx.insert(users).values({
        id: userId,
        email: input.email,
        name: input.name,
        passwordHash: hash,
        createdAt: at,
        updatedAt: at,
      });
    }
    const [already] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, input.orgId), eq(memberships.userId, userId)));
    if (already)
      return { ok: false, reason: 'exists', detail: `${input.email} is already a member (${already.role})` };
    await tx.insert(memberships).values({ userId, orgId: input.orgId, role: input.role, createdAt: at });
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: 'membership.add',
      entityType: 'organization',
      entityId: input.orgId,
      data: { userId, role: input.role, newAccount: !existing },
    });
    return { ok: true, value: { userId, created: !existing } };
  });
}

/** Changes a member's role, or removes them (role null); an organization always keeps one admin. */
export async function changeMember(
  db: Db,
  input: { orgId: string; userId: string; role: MemberRole | null },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ role: MemberRole | null }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [m] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.orgId, input.orgId), eq(memberships.userId, input.userId)));
    if (!m) return { ok: false, reason: 'not_found' };
    if (m.role === 'admin' && input.role !== 'admin' && (await adminCount(tx, input.orgId)) <= 1) {
      return { ok: false, reason: 'illegal', detail: 'an organization must keep at least one admin' };
    }
    const where = and(eq(memberships.orgId, input.orgId), eq(memberships.userId, input.userId));
    if (input.role === null) await tx.delete(memberships).where(where);
    else await tx.update(memberships).set({ role: input.role }).where(where);
    await appendAudit(tx, {
      at,
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      action: input.role === null ? 'membership.remove' : 'membership.change_role',
      entityType: 'organization',
      entityId: input.orgId,
      data: { userId: input.userId, from: m.role, to: input.role },
    });
    return { ok: true, value: { role: input.role } };
  });
}
