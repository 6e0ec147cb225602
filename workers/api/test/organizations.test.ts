import { countRows, randomUscc } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const registration = (over: Record<string, unknown> = {}) => ({
  kind: 'firm',
  name: '武汉光谷智联科技有限公司',
  uscc: randomUscc(),
  district: 'east-lake-hightech',
  size: 'small',
  domains: ['industry-it'],
  admin: {
    name: '张工',
    email: `admin${Math.random().toString(36).slice(2)}@zhilian.example`,
    password: 'correct-horse-battery',
  },
  ...over,
});

test('registering creates a pending organization, its admin and an audit entry', async () => {
  t = await makeTestApp();
  const res = await t.json('/api/v1/organizations', registration());
  expect(res.status).toBe(201);
  const b = await body(res);
  expect(b.status).toBe('pending');
  const org = await t.client.execute({
    sql: 'SELECT status, kind FROM organizations WHERE id = ?',
    args: [b.organizationId],
  });
  expect(org.rows[0]).toMatchObject({ status: 'pending', kind: 'firm' });
  expect(await countRows(t.client, 'memberships')).toBe(1);
  const audit = await t.client.execute('SELECT action, entity_id FROM audit_log');
  expect(audit.rows).toEqual([
    expect.objectContaining({ action: 'organization.register', entity_id: b.organizationId }),
  ]);
});

test('an invalid USCC check character is rejected naming body.uscc', async () => {
  t = await makeTestApp();
  const good = randomUscc();
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const res = await t.json('/api/v1/organizations', registration({ uscc: bad }));
  expect(res.status).toBe(422);
  const p = await body(res);
  expect(p.errors).toEqual([{ path: 'body.uscc', message: expect.stringContaining('GB 32100-2015') }]);
});

test('every bad field is named at once, nested paths included', async () => {
  t = await makeTestApp();
  const res = await t.json('/api/v1/organizations', {
    kind: 'organizer',
    name: '',
    uscc: '123',
    district: 'shanghai',
    admin: { name: 'x', email: 'not-an-email', password: 'short' },
  });
  expect(res.status).toBe(422);
  const paths = (await body(res)).errors.map((e: { path: string }) => e.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      'body.kind',
      'body.name',
      'body.uscc',
      'body.district',
      'body.admin.email',
      'body.admin.password',
    ]),
  );
});

test('a duplicate email rolls the whole registration back: no orphan organization', async () => {
  t = await makeTestApp();
  const first = registration();
  expect((await t.json('/api/v1/organizations', first)).status).toBe(201);
  const res = await t.json('/api/v1/organizations', registration({ admin: first.admin }));
  expect(res.status).toBe(409);
  expect((await body(res)).errors).toEqual([
    { path: 'body.admin.email', message: 'this email already has an account' },
  ]);
  expect(await countRows(t.client, 'organizations')).toBe(1);
  expect(await countRows(t.client, 'users')).toBe(1);
  expect(await countRows(t.client, 'audit_log')).toBe(1);
});

test('a duplicate USCC is a 409 naming body.uscc', async () => {
  t = await makeTestApp();
  const first = registration();
  await t.json('/api/v1/organizations', first);
  const res = await t.json('/api/v1/organizations', registration({ uscc: first.uscc }));
  expect(res.status).toBe(409);
  expect((await body(res)).errors[0].path).toBe('body.uscc');
});

test('malformed JSON, wrong content type and oversized bodies are clear 4xx problems', async () => {
  t = await makeTestApp();
  const bad = await t.request('/api/v1/organizations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"kind":',
  });
  expect(bad.status).toBe(400);
  expect((await body(bad)).errors[0].path).toBe('body');
  const form = await t.request('/api/v1/organizations', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'x',
  });
  expect(form.status).toBe(415);
  const big = await t.request('/api/v1/organizations', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
  });
  expect(big.status).toBe(413);
  expect(big.headers.get('content-type')).toContain('application/problem+json');
});

test('concurrent registrations on one embedded file all commit, each with its audit link', async () => {
  t = await makeTestApp();
  const results = await Promise.all(
    Array.from({ length: 10 }, () => t.json('/api/v1/organizations', registration())),
  );
  expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
  expect(await countRows(t.client, 'organizations')).toBe(10);
  const chain = await t.client.execute('SELECT prev_hash, hash FROM audit_log ORDER BY seq');
  for (let i = 1; i < chain.rows.length; i++) expect(chain.rows[i]?.prev_hash).toBe(chain.rows[i - 1]?.hash);
});
