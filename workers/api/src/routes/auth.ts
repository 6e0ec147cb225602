import { LoginBody, nonEmpty } from '@scx/core';
import {
  clearLoginFailures,
  createApiToken,
  listApiTokens,
  loginKeys,
  loginLockedUntil,
  openSession,
  recordLoginFailure,
  revokeApiToken,
  revokeSession,
  SESSION_TTL_MS,
  switchSessionOrg,
} from '@scx/db';
import { deleteCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { ApiError } from '../errors.ts';
import { principal, requireActor, SESSION_COOKIE } from '../middleware/auth.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const MembershipOut = v.object({
  orgId: v.string(),
  orgName: v.string(),
  orgKind: v.string(),
  orgStatus: v.string(),
  role: v.string(),
});
const Me = v.object({
  userId: v.string(),
  email: v.string(),
  name: v.string(),
  locale: v.picklist(['zh-CN', 'en']),
  platformRole: v.picklist(['none', 'organizer_admin']),
  via: v.picklist(['session', 'token']),
  csrfToken: v.nullable(v.string()),
  acting: v.nullable(MembershipOut),
  memberships: v.array(MembershipOut),
});
type Me = v.InferOutput<typeof Me>;

const TokenInfo = v.object({
  id: v.string(),
  name: v.string(),
  prefix: v.string(),
  orgId: v.string(),
  createdAt: v.string(),
  expiresAt: v.nullable(v.string()),
  lastUsedAt: v.nullable(v.string()),
  revokedAt: v.nullable(v.string()),
});
const CreateTokenBody = v.object({
  name: nonEmpty(60),
  expiresAt: v.optional(v.pipe(v.string(), v.isoTimestamp('must be an ISO-8601 UTC timestamp'))),
});
const IdParam = v.object({
  id: v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (ULID)')),
});

export const authRouter = createRouter()
  .post(
    '/login',
    describe({
      operationId: 'login',
      summary: 'Sign in with email and password; sets an HttpOnly session cookie',
      description:
        'Throttled: 5 failures for an email within 15 minutes lock it for 15 minutes (429 with Retry-After).',
      tags: ['auth'],
      responses: {
        200: { description: 'Signed in', schema: v.object({ csrfToken: v.string(), expiresAt: v.string() }) },
      },
    }),
    validate('json', LoginBody),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const deps = c.get('deps');
      const db = c.get('db');
      const now = deps.clock();
      // Behind Cloudflare this header is set by the edge and cannot be forged by the client.
      const keys = loginKeys(email, c.req.header('cf-connecting-ip') ?? null);
      const locked = await loginLockedUntil(db, keys, now);
      if (locked) {
        const seconds = Math.max(1, Math.ceil((Date.parse(locked) - now.getTime()) / 1000));
        throw new ApiError(
          'RATE_LIMITED',
          `Too many failed sign-ins; try again after ${locked}.`,
          undefined,
          {
            'Retry-After': String(seconds),
          },
        );
      }
      const s = await openSession(db, email, password, now, c.req.header('user-agent') ?? null);
      if (!s) {
        await recordLoginFailure(db, keys, now);
        throw new ApiError('UNAUTHENTICATED', 'Wrong email or password.');
      }
      await clearLoginFailures(db, email);
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
    requireActor(),
    async (c) => {
      const p = principal(c);
      if (p.sessionId) await revokeSession(c.get('db'), p.sessionId, c.get('deps').clock());
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  )
  .get(
    '/me',
    describe({
      operationId: 'me',
      summary: 'The signed-in user, the organization they act for, and their roles per organization',
      tags: ['auth'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The user', schema: Me } },
    }),
    requireActor(),
    (c) => {
      const p = principal(c);
      const me: Me = {
        userId: p.userId,
        email: p.email,
        name: p.name,
        locale: p.locale,
        platformRole: p.platformRole,
        via: p.via,
        csrfToken: p.csrfToken,
        acting: p.acting,
        memberships: p.memberships,
      };
      return c.json(me);
    },
  )
  .post(
    '/switch-org',
    describe({
      operationId: 'switchOrg',
      summary: 'Act for another of your organizations in this session',
      tags: ['auth'],
      security: ['session'],
      responses: { 204: { description: 'Switched' } },
    }),
    requireActor(),
    validate('json', v.object({ orgId: v.string() })),
    async (c) => {
      const p = principal(c);
      const { orgId } = c.req.valid('json');
      if (!p.sessionId)
        throw new ApiError('BAD_REQUEST', 'An API token always acts for its own organization.');
      if (!p.memberships.some((m) => m.orgId === orgId)) {
        throw new ApiError('FORBIDDEN', 'You are not a member of that organization.', [
          { path: 'body.orgId', message: 'is not one of your organizations' },
        ]);
      }
      await switchSessionOrg(c.get('db'), p.sessionId, orgId);
      return c.body(null, 204);
    },
  )
  .get(
    '/tokens',
    describe({
      operationId: 'listApiTokens',
      summary: 'Your API tokens (secrets are never shown again)',
      tags: ['auth'],
      security: ['session'],
      responses: { 200: { description: 'Tokens', schema: v.object({ items: v.array(TokenInfo) }) } },
    }),
    requireActor(),
    async (c) => c.json({ items: await listApiTokens(c.get('db'), principal(c).userId) }),
  )
  .post(
    '/tokens',
    describe({
      operationId: 'createApiToken',
      summary: 'Create a bearer API token for the organization you act for; the secret is shown once',
      tags: ['auth'],
      security: ['session'],
      responses: {
        201: { description: 'Created', schema: v.object({ token: v.string(), info: TokenInfo }) },
      },
    }),
    requireActor(),
    validate('json', CreateTokenBody),
    async (c) => {
      const p = principal(c);
      if (p.via !== 'session')
        throw new ApiError('FORBIDDEN', 'API tokens are created from a signed-in session.');
      if (p.acting?.role !== 'admin') {
        throw new ApiError('FORBIDDEN', 'Only an organization admin can create API tokens.');
      }
      const { name, expiresAt } = c.req.valid('json');
      const now = c.get('deps').clock();
      if (expiresAt && expiresAt <= now.toISOString()) {
        throw new ApiError('VALIDATION_FAILED', 'body.expiresAt: must be in the future', [
          { path: 'body.expiresAt', message: 'must be in the future' },
        ]);
      }
      const out = await createApiToken(
        c.get('db'),
        { userId: p.userId, orgId: p.acting.orgId, name, expiresAt: expiresAt ?? null },
        now,
      );
      return c.json(out, 201);
    },
  )
  .delete(
    '/tokens/:id',
    describe({
      operationId: 'revokeApiToken',
      summary: 'Revoke one of your API tokens',
      tags: ['auth'],
      security: ['session'],
      responses: { 204: { description: 'Revoked' } },
    }),
    requireActor(),
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const ok = await revokeApiToken(c.get('db'), principal(c).userId, id, c.get('deps').clock());
      if (!ok) throw new ApiError('NOT_FOUND', `No live API token ${id} of yours.`);
      return c.body(null, 204);
    },
  );
