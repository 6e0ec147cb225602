import type { Membership, Principal } from '@scx/db';
import { resolveApiToken, resolveSession } from '@scx/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

export const SESSION_COOKIE = 'scx_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who may call a route. An organizer is a member of an approved organizer organization or a
 * platform organizer admin; every other kind must act for an approved organization of that kind.
 */
export interface AccessRule {
  orgKinds?: Membership['orgKind'][];
  roles?: Membership['role'][];
  /** Accept a signed-in user whose organization is still pending (e.g. to see their own status). */
  allowPending?: boolean;
}

async function principalOf(c: Parameters<Parameters<typeof createMiddleware<AppEnv>>[0]>[0]) {
  const db = c.get('db');
  const now = c.get('deps').clock();
  const auth = c.req.header('authorization');
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m?.[1]) throw new ApiError('UNAUTHENTICATED', 'Authorization must be "Bearer <API token>".');
    const p = await resolveApiToken(db, m[1], now);
    if (!p) throw new ApiError('UNAUTHENTICATED', 'The API token is unknown, expired or revoked.');
    return p;
  }
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new ApiError('UNAUTHENTICATED', 'Sign in first (no session cookie or bearer token).');
  const p = await resolveSession(db, token, now);
  if (!p) throw new ApiError('UNAUTHENTICATED', 'The session has expired or was signed out.');
  // Cookie sessions must echo their CSRF token on unsafe methods (SameSite=Lax still allows
  // top-level cross-site POSTs); bearer tokens are never sent by a browser on its own.
  if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== p.csrfToken) {
    throw new ApiError('FORBIDDEN', 'Missing or wrong X-CSRF-Token header for a cookie session.');
  }
  return p;
}

export const isOrganizer = (p: Principal): boolean =>
  p.platformRole === 'organizer_admin' ||
  (p.acting?.orgKind === 'organizer' && p.acting.orgStatus === 'approved');

/** Authenticates and checks the rule; the principal is then `c.get('principal')`. */
export const requireActor = (rule: AccessRule = {}) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const p = await principalOf(c);
    const kinds = rule.orgKinds;
    if (kinds?.length) {
      const organizerOk = kinds.includes('organizer') && isOrganizer(p);
      if (!organizerOk) {
        if (!p.acting || !kinds.includes(p.acting.orgKind)) {
          throw new ApiError('FORBIDDEN', `Only ${kinds.join(' or ')} organizations may do this.`);
        }
        if (p.acting.orgStatus !== 'approved' && !rule.allowPending) {
          throw new ApiError(
            'FORBIDDEN',
            `Your organization is ${p.acting.orgStatus}; an organizer must approve it first.`,
          );
        }
        if (rule.roles && !rule.roles.includes(p.acting.role)) {
          throw new ApiError(
            'FORBIDDEN',
            `This needs the ${rule.roles.join(' or ')} role in your organization.`,
          );
        }
      }
    }
    c.set('principal', p);
    await next();
  });

/** Like requireActor() for routes anyone may call: sets the principal only when credentials are sent. */
export const optionalActor = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('authorization') || getCookie(c, SESSION_COOKIE)) c.set('principal', await principalOf(c));
  await next();
});

/** The principal set by requireActor (routes without it never call this). */
export function principal(c: { get(key: 'principal'): Principal | undefined }): Principal {
  const p = c.get('principal');
  if (!p) throw new ApiError('UNAUTHENTICATED', 'Sign in first.');
  return p;
}
