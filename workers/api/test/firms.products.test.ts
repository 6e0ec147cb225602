import { newId, schema } from '@scx/db';
import { makeOrganization } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, roundTrips, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const PRODUCT = {
  name: '城市交通信号协同优化平台',
  summary: '路口级信号配时自适应优化',
  description: '基于车路协同数据的信号协同控制',
  domains: ['industry-it'],
  areas: ['transport', 'urban-governance'],
  recommendedCatalog: true,
  firstEdition: false,
  xinchuang: true,
  priceFromFen: 480_000_00,
  deployments: 12,
};

test('a firm lists a product, edits it with If-Match, delists it (kept, hidden) and relists it', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  const firm = await signIn(t, { kind: 'firm', orgName: '武汉智行科技' });
  const created = await send(firm, 'POST', '/api/v1/products', PRODUCT);
  expect(created.status).toBe(201);
  expect(created.headers.get('etag')).toBe('"1"');
  const { id } = await body(created);
  expect(created.headers.get('location')).toBe(`/api/v1/products/${id}`);
  const url = `/api/v1/products/${id}`;

  const read = await t.request(url);
  expect(read.headers.get('etag')).toBe('"1"');
  expect(await body(read)).toMatchObject({
    ...PRODUCT,
    status: 'listed',
    firm: { id: firm.orgId, name: '武汉智行科技' },
    createdAt: '2026-11-21T08:00:00.000Z',
  });

  expect((await send(firm, 'PATCH', url, { deployments: 13 })).status).toBe(428);
  const edited = await send(
    firm,
    'PATCH',
    url,
    { deployments: 13, firstEdition: true },
    { 'if-match': '"1"' },
  );
  expect(edited.status).toBe(200);
  expect(edited.headers.get('etag')).toBe('"2"');
  const stale = await send(firm, 'PATCH', url, { name: '旧版' }, { 'if-match': '"1"' });
  expect(stale.status).toBe(412);
  expect(stale.headers.get('etag')).toBe('"2"');
  expect(await body(await t.request(url))).toMatchObject({ deployments: 13, firstEdition: true, version: 2 });

  const delisted = await send(firm, 'POST', `${url}/delist`, undefined, { 'if-match': '"2"' });
  expect(await body(delisted)).toEqual({ id, status: 'delisted', version: 3 });
  expect((await t.request(url)).status).toBe(404);
  expect((await body(await t.request('/api/v1/products'))).items).toEqual([]);
  expect((await body(await t.request(`/api/v1/firms/${firm.orgId}`))).products).toEqual([]);
  const again = await send(firm, 'POST', `${url}/delist`);
  expect(again.status).toBe(409);
  expect((await body(again)).code).toBe('ILLEGAL_TRANSITION');
  // Its own firm still sees it, and may edit it while delisted.
  const mine = await body(await send(firm, 'GET', `/api/v1/firms/${firm.orgId}/products`));
  expect(mine.items.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([[id, 'delisted']]);
  expect((await send(firm, 'PATCH', url, { summary: '新版说明' }, { 'if-match': '"3"' })).status).toBe(200);

  expect(await body(await send(firm, 'POST', `${url}/relist`))).toMatchObject({
    status: 'listed',
    version: 5,
  });
  expect((await body(await t.request('/api/v1/products'))).items.map((p: { id: string }) => p.id)).toEqual([
    id,
  ]);
  expect(Number((await t.client.execute('SELECT count(*) AS n FROM products')).rows[0]?.n)).toBe(1);

  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'product.create',
    'product.update',
    'product.delist',
    'product.update',
    'product.relist',
  ]);
});

test('the pool filters by domain, area, catalog flags, firm and text, in one statement', async () => {
  t = await makeTestApp();
  const a = await makeOrganization(t.db, { kind: 'firm', name: '甲' });
  const b = await makeOrganization(t.db, { kind: 'firm', name: '乙' });
  const pending = await makeOrganization(t.db, { kind: 'firm', status: 'pending', name: '丙' });
  const product = (firmId: string, name: string, o: Partial<typeof schema.products.$inferInsert> = {}) =>
    t.db.insert(schema.products).values({ id: newId(), firmId, name, ...o });
  await product(a.id, 'P1 交通大脑', {
    domains: ['industry-it'],
    areas: ['transport'],
    recommendedCatalog: true,
    xinchuang: true,
  });
  await product(a.id, 'P2 工业质检', {
    domains: ['industrial-software'],
    areas: ['manufacturing'],
    firstEdition: true,
  });
  await product(b.id, 'P3 政务中台 100%', {
    domains: ['industry-it'],
    areas: ['government'],
    xinchuang: true,
  });
  await product(b.id, 'P4 下架的', { domains: ['industry-it'], status: 'delisted' });
  await product(pending.id, 'P5 未审企业的', { domains: ['industry-it'] });

  const get = async (qs = '') => {
    const res = await t.request(`/api/v1/products?${qs}`);
    expect(res.status, qs).toBe(200);
    expect(roundTrips(res)).toBe(1);
    return ((await body(res)).items as { name: string }[]).map((p) => p.name).sort();
  };
  expect(await get()).toEqual(['P1 交通大脑', 'P2 工业质检', 'P3 政务中台 100%']);
  expect(await get('domain=industry-it')).toEqual(['P1 交通大脑', 'P3 政务中台 100%']);
  expect(await get('area=manufacturing')).toEqual(['P2 工业质检']);
  expect(await get('xinchuang=true')).toEqual(['P1 交通大脑', 'P3 政务中台 100%']);
  expect(await get('xinchuang=true&recommendedCatalog=true')).toEqual(['P1 交通大脑']);
  expect(await get('firstEdition=true')).toEqual(['P2 工业质检']);
  expect(await get('firstEdition=false&xinchuang=false')).toEqual([]);
  expect(await get(`firm=${b.id}`)).toEqual(['P3 政务中台 100%']);
  expect(await get(`q=${encodeURIComponent('100%')}`)).toEqual(['P3 政务中台 100%']);
  expect(await get(`q=${encodeURIComponent('中台')}&domain=industry-it`)).toEqual(['P3 政务中台 100%']);

  const bad = await t.request('/api/v1/products?domain=x&area=y&xinchuang=yes&firm=abc&limit=500');
  expect(bad.status).toBe(422);
  expect(((await body(bad)).errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
    'query.area',
    'query.domain',
    'query.firm',
    'query.limit',
    'query.xinchuang',
  ]);
});

test('pool pagination walks every listed product exactly once, newest first and by name', async () => {
  t = await makeTestApp();
  const firm = await makeOrganization(t.db, { kind: 'firm' });
  for (let i = 0; i < 14; i++) {
    await t.db.insert(schema.products).values({
      id: newId(),
      firmId: firm.id,
      name: `产品${i % 5}`,
      createdAt: `2026-0${(i % 4) + 1}-01T00:00:00.000Z`,
    });
  }
  await t.db
    .insert(schema.products)
    .values({ id: newId(), firmId: firm.id, name: '产品0', status: 'delisted' });
  for (const sort of ['-created', 'name']) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `sort=${sort}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await body(await t.request(`/api/v1/products?${qs}`));
      seen.push(...page.items.map((p: { id: string }) => p.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.length, sort).toBe(14);
    expect(new Set(seen).size, sort).toBe(14);
  }
});

test('bad product input names every field; an empty edit is refused', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  const res = await send(firm, 'POST', '/api/v1/products', {
    name: '',
    summary: 'x'.repeat(501),
    domains: ['astrology'],
    areas: 'transport',
    recommendedCatalog: 'yes',
    xinchuang: 1,
    priceFromFen: -100,
    deployments: 1.5,
  });
  expect(res.status).toBe(422);
  expect(((await body(res)).errors as { path: string }[]).map((e) => e.path).sort()).toEqual([
    'body.areas',
    'body.deployments',
    'body.domains.0',
    'body.name',
    'body.priceFromFen',
    'body.recommendedCatalog',
    'body.summary',
    'body.xinchuang',
  ]);
  const { id } = await body(await send(firm, 'POST', '/api/v1/products', { name: '产品' }));
  const empty = await send(firm, 'PATCH', `/api/v1/products/${id}`, {}, { 'if-match': '"1"' });
  expect(empty.status).toBe(422);
  expect((await body(empty)).errors).toEqual([
    { path: 'body', message: 'must change at least one product field' },
  ]);
  expect((await t.request('/api/v1/products/not-an-id')).status).toBe(422);
  expect((await t.request('/api/v1/products/01JZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
});
