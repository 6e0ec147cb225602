import { LoginBody } from '@scx/core';
import { openSession, revokeSession, SESSION_TTL_MS } from '@scx/db';
import { deleteCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { requireUser, SESSION_COOKIE } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Me = v.object({
  userId: v.string(),
  email: v.string(),
  name: v.string(),
  locale: v.picklist(['zh-CN', 'en']),
  platformRole: v.picklist(['none', 'organizer_admin']),
  csrfToken: v.string(),
  memberships: v.array(
    v.object({
      orgId: v.string(),
      orgName: v.string(),
      orgKind: v.string(),
      orgStatus: v.string(),
      role: v.string(),
    }),
  ),
});
type Me = v.InferOutput<typeof Me>;

export const authRouter = createRouter()
  .post(
    '/login',
    describe({
      operationId: 'login',
      summary: 'Sign in with email and password; sets an HttpOnly session cookie',
      tags: ['auth'],
      responses: {
        200: { description: 'Signed in', schema: v.object({ csrfToken: v.string(), expiresAt: v.string() }) },
      },
    }),
    validate('json', LoginBody),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const deps = c.get('deps');
      const s = await openSession(
        c.get('db'),
        email,
        password,
        deps.clock(),
        c.req.header('user-agent') ?? null,
      );
      if (!s) throw new ApiError('UNAUTHENTICATED', 'Wrong email or password.');
      setCookie(c, SESSION_COOKIE, s.token, {
        httpOnly: true,
        secure: deps.config.secureCookies,
        sameSite: 'Lax',
        path: '/',
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return c.json({ csrfToken: s.csrfToken, expiresAt: s.expiresAt });
    },
  )
  .post(
    '/logout',
    describe({
      operationId: 'logout',
      summary: 'Sign out: revokes the session',
      tags: ['auth'],
      security: ['session'],
      responses: { 204: { description: 'Signed out' } },
    }),
    requireUser,
    async (c) => {
      const user = c.get('user');
      if (user) await revokeSession(c.get('db'), user.sessionId, c.get('deps').clock());
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .get(
    '/me',
    describe({
      operationId: 'me',
      summary: 'The signed-in user with roles per organization',
      tags: ['auth'],
      security: ['session'],
      responses: { 200: { description: 'The user', schema: Me } },
    }),
    requireUser,
    (c) => {
      const u = c.get('user');
      if (!u) throw new ApiError('UNAUTHENTICATED', 'Sign in first.');
      const me: Me = {
        userId: u.userId,
        email: u.email,
        name: u.name,
        locale: u.locale,
        platformRole: u.platformRole,
        csrfToken: u.csrfToken,
        memberships: u.memberships,
      };
      return c.json(me);
    },
  );
