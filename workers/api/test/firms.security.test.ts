import { newId, schema } from '@scx/db';
import { makeOrganization } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const anonymous = (method: string, path: string, payload?: unknown) =>
  t.request(path, {
    method,
    headers: { 'content-type': 'application/json', 'if-match': '"1"' },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });

test('another firm cannot touch a firm’s profile, certifications, cases or products: 404, never 403', async () => {
  t = await makeTestApp();
  const owner = await signIn(t, { kind: 'firm' });
  const rival = await signIn(t, { kind: 'firm' });
  const url = `/api/v1/firms/${owner.orgId}`;
  const { id: certId } = await body(await send(owner, 'POST', `${url}/certifications`, { code: 'HNTE' }));
  const { id: caseId } = await body(
    await send(owner, 'POST', `${url}/cases`, { title: '案例', client: '客户', year: 2024 }),
  );
  const { id: productId } = await body(await send(owner, 'POST', '/api/v1/products', { name: '产品' }));
  const version = (await body(await t.request(url))).version;

  const attempts = [
    await send(rival, 'PATCH', url, { description: '篡改' }, { 'if-match': `"${version}"` }),
    await send(rival, 'POST', `${url}/certifications`, { code: 'CSMM', level: 5 }),
    await send(rival, 'DELETE', `${url}/certifications/${certId}`),
    await send(rival, 'POST', `${url}/cases`, { title: '假案例', client: '无', year: 2024 }),
    await send(rival, 'DELETE', `${url}/cases/${caseId}`),
    await send(rival, 'GET', `${url}/products`),
    await send(rival, 'PATCH', `/api/v1/products/${productId}`, { name: '篡改' }, { 'if-match': '"1"' }),
    await send(rival, 'POST', `/api/v1/products/${productId}/delist`),
  ];
  expect(attempts.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 404, 404, 404]);
  // The rival's own certification id against the owner's firm is no different.
  const { id: rivalCert } = await body(
    await send(rival, 'POST', `/api/v1/firms/${rival.orgId}/certifications`, { code: 'HNTE' }),
  );
  expect((await send(owner, 'DELETE', `${url}/certifications/${rivalCert}`)).status).toBe(404);

  const after = await body(await t.request(url));
  expect(after.version).toBe(version);
  expect(after.certifications.map((c: { id: string }) => c.id)).toEqual([certId]);
  expect(after.cases.map((c: { id: string }) => c.id)).toEqual([caseId]);
  expect(after.products.map((p: { name: string }) => p.name)).toEqual(['产品']);
});

test('agencies, organizers and expert bodies cannot create products or edit firm profiles (403); reviewers neither', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  const agency = await signIn(t, { kind: 'agency' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const reviewer = await signIn(t, { kind: 'firm', role: 'reviewer' });
  for (const who of [agency, organizer, reviewer]) {
    const res = await send(who, 'POST', '/api/v1/products', { name: '不该有的产品' });
    expect(res.status).toBe(403);
    expect((await body(res)).code).toBe('FORBIDDEN');
  }
  expect(
    (await send(agency, 'PATCH', `/api/v1/firms/${firm.orgId}`, { employees: 1 }, { 'if-match': '"1"' }))
      .status,
  ).toBe(403);
  expect(Number((await t.client.execute('SELECT count(*) AS n FROM products')).rows[0]?.n)).toBe(0);
});

test('a pending firm cannot write, and neither it nor its products are public', async () => {
  t = await makeTestApp();
  const pending = await signIn(t, { kind: 'firm', orgStatus: 'pending' });
  expect((await send(pending, 'POST', '/api/v1/products', { name: '产品' })).status).toBe(403);
  expect(
    (await send(pending, 'PATCH', `/api/v1/firms/${pending.orgId}`, { employees: 5 }, { 'if-match': '"1"' }))
      .status,
  ).toBe(403);
  // Data that got in anyway (e.g. a firm suspended later) stays out of every public read.
  const hidden = newId();
  await t.db.insert(schema.products).values({ id: hidden, firmId: pending.orgId, name: '暗藏' });
  const suspended = await makeOrganization(t.db, { kind: 'firm', status: 'suspended', name: '停用企业' });
  expect((await t.request(`/api/v1/firms/${pending.orgId}`)).status).toBe(404);
  expect((await t.request(`/api/v1/firms/${suspended.id}`)).status).toBe(404);
  expect((await body(await t.request('/api/v1/firms'))).items).toEqual([]);
  expect((await body(await t.request('/api/v1/products'))).items).toEqual([]);
  expect((await t.request(`/api/v1/products/${hidden}`)).status).toBe(404);
  // An agency is an organization but not a firm: not in the directory either.
  const agency = await makeOrganization(t.db, { kind: 'agency' });
  expect((await t.request(`/api/v1/firms/${agency.id}`)).status).toBe(404);
});

test('anonymous writes are 401; a cookie session without its CSRF token is 403', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  const url = `/api/v1/firms/${firm.orgId}`;
  const { id: productId } = await body(await send(firm, 'POST', '/api/v1/products', { name: '产品' }));
  const writes = [
    await anonymous('PATCH', url, { employees: 1 }),
    await anonymous('POST', `${url}/certifications`, { code: 'HNTE' }),
    await anonymous('DELETE', `${url}/certifications/01JZZZZZZZZZZZZZZZZZZZZZZZ`),
    await anonymous('POST', `${url}/cases`, { title: 'x', client: 'y', year: 2024 }),
    await anonymous('DELETE', `${url}/cases/01JZZZZZZZZZZZZZZZZZZZZZZZ`),
    await anonymous('GET', `${url}/products`),
    await anonymous('POST', '/api/v1/products', { name: '产品' }),
    await anonymous('PATCH', `/api/v1/products/${productId}`, { name: '改' }),
    await anonymous('POST', `/api/v1/products/${productId}/delist`),
  ];
  expect(writes.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 401]);
  const noCsrf = await t.request('/api/v1/products', {
    method: 'POST',
    headers: { cookie: firm.headers.cookie ?? '', 'content-type': 'application/json' },
    body: JSON.stringify({ name: '跨站' }),
  });
  expect(noCsrf.status).toBe(403);
});
