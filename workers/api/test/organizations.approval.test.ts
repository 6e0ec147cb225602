import { randomUscc } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

async function registerFirm() {
  const email = `boss${Math.random().toString(36).slice(2, 8)}@firm.example`;
  const res = await t.json('/api/v1/organizations', {
    kind: 'firm',
    name: '武汉智能网联科技有限公司',
    uscc: randomUscc(),
    district: 'wuhan-econ-dev',
    size: 'small',
    admin: { name: '赵工', email, password: 'correct-horse-battery' },
  });
  const { organizationId } = await body(res);
  const login = await t.json('/api/v1/auth/login', { email, password: 'correct-horse-battery' });
  const { csrfToken } = await body(login);
  const headers = {
    cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '',
    'x-csrf-token': csrfToken,
  };
  return { organizationId, headers };
}

test('the organizer sees pending registrations and approves one; the audit log records it', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const firm = await registerFirm();
  const queue = await body(
    await t.request('/api/v1/organizations?status=pending', { headers: organizer.headers }),
  );
  expect(queue.items.map((o: { id: string }) => o.id)).toContain(firm.organizationId);
  const res = await t.json(
    `/api/v1/organizations/${firm.organizationId}/approve`,
    { reason: '材料齐全' },
    { headers: organizer.headers },
  );
  expect(res.status).toBe(200);
  expect(await body(res)).toEqual({ id: firm.organizationId, status: 'approved' });
  const audit = await t.client.execute({
    sql: 'SELECT action, actor_user_id FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [firm.organizationId],
  });
  expect(audit.rows.map((r) => r.action)).toEqual(['organization.register', 'organization.approve']);
  expect(audit.rows[1]?.actor_user_id).toBe(organizer.userId);
});

test('a pending firm can sign in and see its status but cannot act as a firm', async () => {
  t = await makeTestApp();
  const firm = await registerFirm();
  const me = await body(await t.request('/api/v1/auth/me', { headers: firm.headers }));
  expect(me.acting).toMatchObject({ orgId: firm.organizationId, orgStatus: 'pending', role: 'admin' });
  const tokens = await t.json('/api/v1/auth/tokens', { name: 'x' }, { headers: firm.headers });
  expect(tokens.status).toBe(201);
});

test('only organizers decide; illegal decisions are 409; unknown ids 404', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const agency = await signIn(t, { kind: 'agency' });
  const firm = await registerFirm();
  const url = `/api/v1/organizations/${firm.organizationId}`;
  expect((await t.json(`${url}/approve`, {}, { headers: agency.headers })).status).toBe(403);
  expect((await t.request('/api/v1/organizations?status=pending', { headers: agency.headers })).status).toBe(
    403,
  );
  expect((await t.request('/api/v1/organizations?status=pending')).status).toBe(401);
  expect(
    (await t.json(`${url}/reject`, { reason: '营业执照不清晰' }, { headers: organizer.headers })).status,
  ).toBe(200);
  const again = await t.json(`${url}/reject`, {}, { headers: organizer.headers });
  expect(again.status).toBe(409);
  expect((await body(again)).code).toBe('ILLEGAL_TRANSITION');
  expect(
    (
      await t.json(
        '/api/v1/organizations/01JZZZZZZZZZZZZZZZZZZZZZZZ/approve',
        {},
        { headers: organizer.headers },
      )
    ).status,
  ).toBe(404);
  expect((await t.json(`${url}/promote`, {}, { headers: organizer.headers })).status).toBe(404);
});

test('a platform organizer admin may decide without an organizer membership', async () => {
  t = await makeTestApp();
  const admin = await signIn(t, { kind: 'agency', platformRole: 'organizer_admin' });
  const firm = await registerFirm();
  expect(
    (await t.json(`/api/v1/organizations/${firm.organizationId}/approve`, {}, { headers: admin.headers }))
      .status,
  ).toBe(200);
});
