import { resolveSession } from '@scx/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

export const SESSION_COOKIE = 'scx_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Requires a signed-in user. Cookie sessions must echo their CSRF token in `X-CSRF-Token` on
 * unsafe methods (SameSite=Lax alone leaves top-level POSTs from other sites possible).
 */
export const requireUser = createMiddleware<AppEnv>(async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token) throw new ApiError('UNAUTHENTICATED', 'Sign in first (session cookie missing).');
  const user = await resolveSession(c.get('db'), token, c.get('deps').clock());
  if (!user) throw new ApiError('UNAUTHENTICATED', 'The session has expired or was signed out.');
  if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== user.csrfToken) {
    throw new ApiError('FORBIDDEN', 'Missing or wrong X-CSRF-Token header for a cookie session.');
  }
  c.set('user', user);
  await next();
});
