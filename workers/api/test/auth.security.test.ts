import { hashPassword } from '@scx/core';
import { makeOrganization } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

async function withUser() {
  const org = await makeOrganization(t.db, { name: '武汉市数据局', kind: 'agency' });
  await t.client.execute({
    sql: "INSERT INTO users (id, email, name, password_hash) VALUES ('u1', 'staff@data.wuhan.example', '李明', ?)",
    args: [await hashPassword('correct-horse-battery', 1000)],
  });
  await t.client.execute({
    sql: "INSERT INTO memberships (user_id, org_id, role) VALUES ('u1', ?, 'admin')",
    args: [org.id],
  });
  return org;
}

const cookieOf = (res: Response) => (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

test('login sets an HttpOnly, Secure, SameSite=Lax cookie; /me shows roles per organization', async () => {
  t = await makeTestApp();
  const org = await withUser();
  const res = await t.json('/api/v1/auth/login', {
    email: 'STAFF@data.wuhan.example',
    password: 'correct-horse-battery',
  });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get('set-cookie') ?? '';
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/Secure/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  const me = await t.request('/api/v1/auth/me', { headers: { cookie: cookieOf(res) } });
  expect(me.status).toBe(200);
  const m = {
    orgId: org.id,
    orgName: '武汉市数据局',
    orgKind: 'agency',
    orgStatus: 'approved',
    role: 'admin',
  };
  expect(await body(me)).toMatchObject({ via: 'session', acting: m, memberships: [m] });
  const stored = await t.client.execute('SELECT token_hash FROM sessions');
  expect(cookieOf(res)).not.toContain(String(stored.rows[0]?.token_hash));
});

test('wrong password and unknown email get the same 401', async () => {
  t = await makeTestApp();
  await withUser();
  const a = await t.json('/api/v1/auth/login', {
    email: 'staff@data.wuhan.example',
    password: 'wrong-password',
  });
  const b = await t.json('/api/v1/auth/login', {
    email: 'nobody@data.wuhan.example',
    password: 'wrong-password',
  });
  expect(a.status).toBe(401);
  expect(b.status).toBe(401);
  expect((await body(a)).detail).toBe((await body(b)).detail);
});

test('without a session /me is 401; logout needs the CSRF token and revokes the session', async () => {
  t = await makeTestApp();
  await withUser();
  expect((await t.request('/api/v1/auth/me')).status).toBe(401);
  const login = await t.json('/api/v1/auth/login', {
    email: 'staff@data.wuhan.example',
    password: 'correct-horse-battery',
  });
  const { csrfToken } = await body(login);
  const cookie = cookieOf(login);
  const noCsrf = await t.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie } });
  expect(noCsrf.status).toBe(403);
  const out = await t.request('/api/v1/auth/logout', {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  expect(out.status).toBe(204);
  expect((await t.request('/api/v1/auth/me', { headers: { cookie } })).status).toBe(401);
});

test('an expired session is refused by the server clock', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  await withUser();
  const login = await t.json('/api/v1/auth/login', {
    email: 'staff@data.wuhan.example',
    password: 'correct-horse-battery',
  });
  t.setNow('2026-12-01T08:00:00.000Z');
  expect((await t.request('/api/v1/auth/me', { headers: { cookie: cookieOf(login) } })).status).toBe(401);
});

test('bad login input is a 422 naming each field', async () => {
  t = await makeTestApp();
  const res = await t.json('/api/v1/auth/login', { email: 'not-an-email' });
  expect(res.status).toBe(422);
  expect((await body(res)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'body.email',
    'body.password',
  ]);
});
