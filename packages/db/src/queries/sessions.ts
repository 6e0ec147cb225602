import { sha256Hex, verifyPassword } from '@scx/core';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { memberships, organizations, sessions, users } from '../schema/index.ts';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

const randomToken = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
};

export interface SessionUser {
  userId: string;
  email: string;
  name: string;
  locale: 'zh-CN' | 'en';
  platformRole: 'none' | 'organizer_admin';
  memberships: { orgId: string; orgName: string; orgKind: string; orgStatus: string; role: string }[];
  sessionId: string;
  csrfToken: string;
}

/** Verifies the password and opens a session; the caller gets the raw token once, the DB keeps its hash. */
export async function openSession(
  db: Db,
  email: string,
  password: string,
  now: Date,
  userAgent: string | null,
): Promise<{ token: string; csrfToken: string; expiresAt: string; userId: string } | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  // Hash even for unknown users so response time does not reveal which emails exist.
  const stored =
    user?.passwordHash ??
    'pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
  const valid = await verifyPassword(password, stored);
  if (!user || !valid || user.disabledAt) return null;
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS).toISOString();
  await db.insert(sessions).values({
    id: newId(now.getTime()),
    tokenHash: await sha256Hex(token),
    userId: user.id,
    csrfToken,
    userAgent,
    expiresAt,
    createdAt: now.toISOString(),
  });
  return { token, csrfToken, expiresAt, userId: user.id };
}

/** The signed-in user behind a session token, with memberships: one statement. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<SessionUser | null> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      userId: users.id,
      email: users.email,
      name: users.name,
      locale: users.locale,
      platformRole: users.platformRole,
      orgId: memberships.orgId,
      role: memberships.role,
      orgName: organizations.name,
      orgKind: organizations.kind,
      orgStatus: organizations.status,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(sessions.tokenHash, await sha256Hex(token)),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now.toISOString()),
        isNull(users.disabledAt),
      ),
    );
  const first = rows[0];
  if (!first) return null;
  return {
    userId: first.userId,
    email: first.email,
    name: first.name,
    locale: first.locale,
    platformRole: first.platformRole,
    sessionId: first.sessionId,
    csrfToken: first.csrfToken,
    memberships: rows.flatMap((r) =>
      r.orgId && r.role
        ? [
            {
              orgId: r.orgId,
              role: r.role,
              orgName: r.orgName ?? '',
              orgKind: r.orgKind ?? '',
              orgStatus: r.orgStatus ?? '',
            },
          ]
        : [],
    ),
  };
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now.toISOString() }).where(eq(sessions.id, sessionId));
}
