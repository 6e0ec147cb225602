import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('an admin creates a bearer token; it authenticates without cookies or CSRF, for its organization only', async () => {
  t = await makeTestApp();
  const admin = await signIn(t, { kind: 'firm' });
  const res = await t.json('/api/v1/auth/tokens', { name: 'ERP 集成' }, { headers: admin.headers });
  expect(res.status).toBe(201);
  const { token, info } = await body(res);
  expect(token).toMatch(/^scx_/);
  expect(info).toMatchObject({ name: 'ERP 集成', orgId: admin.orgId, prefix: token.slice(0, 10) });
  const stored = await t.client.execute('SELECT token_hash FROM api_tokens');
  expect(String(stored.rows[0]?.token_hash)).not.toContain(token);
  const me = await t.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
  expect(me.status).toBe(200);
  expect(await body(me)).toMatchObject({ via: 'token', acting: { orgId: admin.orgId }, csrfToken: null });
  const list = await body(await t.request('/api/v1/auth/tokens', { headers: admin.headers }));
  expect(list.items.map((x: { id: string }) => x.id)).toEqual([info.id]);
});

test('a revoked or forged token is 401; only the owner can revoke', async () => {
  t = await makeTestApp();
  const admin = await signIn(t, { kind: 'firm' });
  const other = await signIn(t, { kind: 'firm' });
  const { token, info } = await body(
    await t.json('/api/v1/auth/tokens', { name: 'x' }, { headers: admin.headers }),
  );
  expect(
    (await t.request(`/api/v1/auth/tokens/${info.id}`, { method: 'DELETE', headers: other.headers })).status,
  ).toBe(404);
  expect(
    (await t.request(`/api/v1/auth/tokens/${info.id}`, { method: 'DELETE', headers: admin.headers })).status,
  ).toBe(204);
  expect((await t.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(
    401,
  );
  expect(
    (await t.request('/api/v1/auth/me', { headers: { authorization: 'Bearer scx_forged' } })).status,
  ).toBe(401);
  expect((await t.request('/api/v1/auth/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [info.id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual(['api_token.create', 'api_token.revoke']);
});

test('members who are not admins cannot mint tokens; expired tokens stop working by the server clock', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  const member = await signIn(t, { kind: 'agency', role: 'member' });
  expect((await t.json('/api/v1/auth/tokens', { name: 'x' }, { headers: member.headers })).status).toBe(403);
  const admin = await signIn(t, { kind: 'agency' });
  const past = await t.json(
    '/api/v1/auth/tokens',
    { name: 'x', expiresAt: '2026-01-01T00:00:00Z' },
    { headers: admin.headers },
  );
  expect(past.status).toBe(422);
  expect((await body(past)).errors[0].path).toBe('body.expiresAt');
  const { token } = await body(
    await t.json(
      '/api/v1/auth/tokens',
      { name: 'x', expiresAt: '2026-11-22T00:00:00Z' },
      { headers: admin.headers },
    ),
  );
  expect((await t.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(
    200,
  );
  t.setNow('2026-11-23T00:00:00.000Z');
  expect((await t.request('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(
    401,
  );
});

test('five failed sign-ins lock the email for 15 minutes (429, Retry-After), then it works again', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  const a = await signIn(t, { kind: 'firm' });
  for (let i = 0; i < 5; i++) {
    expect((await t.json('/api/v1/auth/login', { email: a.email, password: 'wrong-password' })).status).toBe(
      401,
    );
  }
  const locked = await t.json('/api/v1/auth/login', { email: a.email, password: 'correct-horse-battery' });
  expect(locked.status).toBe(429);
  expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
  expect((await body(locked)).code).toBe('RATE_LIMITED');
  t.setNow('2026-11-21T08:16:00.000Z');
  expect(
    (await t.json('/api/v1/auth/login', { email: a.email, password: 'correct-horse-battery' })).status,
  ).toBe(200);
});

test('switching the acting organization needs a membership in it', async () => {
  t = await makeTestApp();
  const a = await signIn(t, { kind: 'firm' });
  const b = await signIn(t, { kind: 'agency' });
  const res = await t.json('/api/v1/auth/switch-org', { orgId: b.orgId }, { headers: a.headers });
  expect(res.status).toBe(403);
  expect((await body(res)).errors[0].path).toBe('body.orgId');
});
