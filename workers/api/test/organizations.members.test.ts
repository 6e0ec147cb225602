import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

test('an admin adds colleagues with roles; they sign in and act for the organization', async () => {
  t = await makeTestApp();
  const admin = await signIn(t, { kind: 'agency' });
  const url = `/api/v1/organizations/${admin.orgId}/members`;
  const added = await send(admin, 'POST', url, {
    email: 'Li.Na@jt.wuhan.example',
    name: '李娜',
    role: 'member',
    initialPassword: 'first-password-2026',
  });
  expect(added.status).toBe(201);
  const addedBody = await body(added);
  expect(addedBody).toMatchObject({ created: true });
  const login = await t.json('/api/v1/auth/login', {
    email: 'li.na@jt.wuhan.example',
    password: 'first-password-2026',
  });
  expect(login.status).toBe(200);
  const me = await body(
    await t.request('/api/v1/auth/me', {
      headers: { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' },
    }),
  );
  expect(me.acting).toMatchObject({ orgId: admin.orgId, role: 'member' });

  const list = await body(await send(admin, 'GET', url));
  expect(list.items.map((m: { role: string }) => m.role).sort()).toEqual(['admin', 'member']);
  const { userId } = addedBody;
  expect((await send(admin, 'PATCH', `${url}/${userId}`, { role: 'admin' })).status).toBe(200);
  expect((await send(admin, 'DELETE', `${url}/${userId}`)).status).toBe(204);
  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [admin.orgId],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'membership.add',
    'membership.change_role',
    'membership.remove',
  ]);
});

test('the last admin stays; duplicates and missing passwords are named; other organizations are invisible', async () => {
  t = await makeTestApp();
  const admin = await signIn(t, { kind: 'firm' });
  const other = await signIn(t, { kind: 'firm' });
  const url = `/api/v1/organizations/${admin.orgId}/members`;
  const last = await send(admin, 'PATCH', `${url}/${admin.userId}`, { role: 'member' });
  expect(last.status).toBe(409);
  expect((await send(admin, 'DELETE', `${url}/${admin.userId}`)).status).toBe(409);
  const noPw = await send(admin, 'POST', url, { email: 'new@x.example', name: '新人', role: 'member' });
  expect((await body(noPw)).errors[0].path).toBe('member.initialPassword');
  const dup = await send(admin, 'POST', url, { email: other.email, name: '已有', role: 'member' });
  expect(dup.status).toBe(201);
  expect((await send(admin, 'POST', url, { email: other.email, name: '已有', role: 'member' })).status).toBe(
    409,
  );
  expect((await send(other, 'GET', url)).status).toBe(404);
  expect(
    (
      await send(other, 'POST', url, {
        email: 'x@x.example',
        name: 'x',
        role: 'admin',
        initialPassword: 'long-enough-pw',
      })
    ).status,
  ).toBe(404);
});
