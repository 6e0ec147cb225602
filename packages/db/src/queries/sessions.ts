import { sha256Hex, verifyPassword } from '@scx/core';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import { apiTokens, memberships, organizations, sessions, users } from '../schema/index.ts';
import { appendAudit } from './audit.ts';

export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;
export const API_TOKEN_PREFIX = 'scx_';

const randomToken = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');
};

export interface Membership {
  orgId: string;
  orgName: string;
  orgKind: 'agency' | 'firm' | 'organizer' | 'expert-body';
  orgStatus: 'pending' | 'approved' | 'rejected' | 'suspended';
  role: 'admin' | 'member' | 'reviewer' | 'expert';
}

/** Who is calling: a user, how they signed in, and the organization they act for. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  locale: 'zh-CN' | 'en';
  platformRole: 'none' | 'organizer_admin';
  memberships: Membership[];
  /** The membership the request acts under (a session's chosen org, or the token's org). */
  acting: Membership | null;
  via: 'session' | 'token';
  sessionId: string | null;
  csrfToken: string | null;
  tokenId: string | null;
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

const principalColumns = {
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
};

type PrincipalRow = {
  userId: string;
  email: string;
  name: string;
  locale: 'zh-CN' | 'en';
  platformRole: 'none' | 'organizer_admin';
  orgId: string | null;
  role: Membership['role'] | null;
  orgName: string | null;
  orgKind: Membership['orgKind'] | null;
  orgStatus: Membership['orgStatus'] | null;
};

function toPrincipal(
  rows: PrincipalRow[],
  via: Principal['via'],
  ids: { sessionId?: string; csrfToken?: string; tokenId?: string; actingOrgId: string | null },
): Principal | null {
  const first = rows[0];
  if (!first) return null;
  const ms: Membership[] = rows.flatMap((r) =>
    r.orgId && r.role && r.orgKind && r.orgStatus
      ? [
          {
            orgId: r.orgId,
            orgName: r.orgName ?? '',
            orgKind: r.orgKind,
            orgStatus: r.orgStatus,
            role: r.role,
          },
        ]
      : [],
  );
  const acting = (ids.actingOrgId ? ms.find((m) => m.orgId === ids.actingOrgId) : ms[0]) ?? null;
  return {
    userId: first.userId,
    email: first.email,
    name: first.name,
    locale: first.locale,
    platformRole: first.platformRole,
    memberships: ms,
    acting,
    via,
    sessionId: ids.sessionId ?? null,
    csrfToken: ids.csrfToken ?? null,
    tokenId: ids.tokenId ?? null,
  };
}

/** The signed-in user behind a session token, with memberships: one statement. */
export async function resolveSession(db: Db, token: string, now: Date): Promise<Principal | null> {
  const rows = await db
    .select({
      ...principalColumns,
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      sessionOrg: sessions.orgId,
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
    )
    .orderBy(memberships.createdAt);
  const first = rows[0];
  return toPrincipal(rows, 'session', {
    sessionId: first?.sessionId,
    csrfToken: first?.csrfToken,
    actingOrgId: first?.sessionOrg ?? null,
  });
}

/** The user and organization behind a bearer API token; a token acts only for its own organization. */
export async function resolveApiToken(db: Db, raw: string, now: Date): Promise<Principal | null> {
  if (!raw.startsWith(API_TOKEN_PREFIX)) return null;
  const at = now.toISOString();
  const rows = await db
    .select({ ...principalColumns, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(
      memberships,
      and(eq(memberships.userId, apiTokens.userId), eq(memberships.orgId, apiTokens.orgId)),
    )
    .innerJoin(organizations, eq(organizations.id, apiTokens.orgId))
    .where(
      and(
        eq(apiTokens.tokenHash, await sha256Hex(raw)),
        isNull(apiTokens.revokedAt),
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, at)),
        isNull(users.disabledAt),
      ),
    );
  const p = toPrincipal(rows, 'token', { tokenId: rows[0]?.tokenId, actingOrgId: rows[0]?.orgId ?? null });
  return p;
}

export async function revokeSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now.toISOString() }).where(eq(sessions.id, sessionId));
}

/** Makes another of the user's organizations the one this session acts for. */
export async function switchSessionOrg(db: Db, sessionId: string, orgId: string): Promise<void> {
  await db.update(sessions).set({ orgId }).where(eq(sessions.id, sessionId));
}

export interface ApiTokenInfo {
  id: string;
  name: string;
  prefix: string;
  orgId: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates a token for one organization; the raw secret is returned once and never stored. */
export async function createApiToken(
  db: Db,
  input: { userId: string; orgId: string; name: string; expiresAt: string | null },
  now: Date,
): Promise<{ token: string; info: ApiTokenInfo }> {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const info: ApiTokenInfo = {
    id: newId(now.getTime()),
    name: input.name,
    prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
    orgId: input.orgId,
    createdAt: now.toISOString(),
    expiresAt: input.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  const tokenHash = await sha256Hex(token);
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({ ...info, userId: input.userId, tokenHash });
    await appendAudit(tx, {
      at: info.createdAt,
      actorUserId: input.userId,
      actorOrgId: input.orgId,
      action: 'api_token.create',
      entityType: 'api_token',
      entityId: info.id,
      data: { name: info.name, prefix: info.prefix, expiresAt: info.expiresAt },
    });
  });
  return { token, info };
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenInfo[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      orgId: apiTokens.orgId,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the user's own tokens; false if there is no such live token of theirs. */
export async function revokeApiToken(db: Db, userId: string, tokenId: string, now: Date): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const done = await tx
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, orgId: apiTokens.orgId });
    const row = done[0];
    if (!row) return false;
    await appendAudit(tx, {
      at,
      actorUserId: userId,
      actorOrgId: row.orgId,
      action: 'api_token.revoke',
      entityType: 'api_token',
      entityId: tokenId,
    });
    return true;
  });
}
