import { schema } from '@scx/db';
import { makeOrganization } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, roundTrips, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const names = (page: { items: { name: string }[] }) => page.items.map((f) => f.name);

test('a firm edits its profile with If-Match, adds and removes certifications and cases; the public profile shows all of it in one round trip', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  const firm = await signIn(t, { kind: 'firm', orgName: '武汉光谷数智科技有限公司' });
  const url = `/api/v1/firms/${firm.orgId}`;

  const before = await t.request(url);
  expect(before.status).toBe(200);
  expect(before.headers.get('etag')).toBe('"1"');

  const edited = await send(
    firm,
    'PATCH',
    url,
    {
      size: 'small',
      district: 'east-lake-hightech',
      localTaxResident: true,
      domains: ['industry-it', 'geospatial'],
      description: '专注智慧交通与时空数据',
      capability: '车路协同、交通信号优化、时空大数据平台',
      employees: 86,
      foundedYear: 2016,
      website: 'https://gg-data.example.cn',
      contactName: '张工',
      contactPhone: '027-87654321',
      contactEmail: 'BD@GG-Data.example.cn',
    },
    { 'if-match': '"1"' },
  );
  expect(edited.status).toBe(200);
  expect(edited.headers.get('etag')).toBe('"2"');

  const csmm = await send(
    firm,
    'POST',
    `${url}/certifications`,
    {
      code: 'CSMM',
      level: 3,
      issuer: '中国软件行业协会',
      certificateNo: 'CSMM-2025-0042',
      issuedAt: '2025-03-01T00:00:00Z',
      expiresAt: '2028-02-28T16:00:00+08:00',
    },
    { 'if-match': '"2"' },
  );
  expect(csmm.status).toBe(201);
  expect(csmm.headers.get('etag')).toBe('"3"');
  const { id: csmmId } = await body(csmm);
  // Expired certifications stay on the profile, flagged.
  const iso = await send(firm, 'POST', `${url}/certifications`, {
    code: 'ISO27001',
    issuedAt: '2022-01-01T00:00:00Z',
    expiresAt: '2025-01-01T00:00:00Z',
  });
  expect(iso.status).toBe(201);
  const temp = await send(firm, 'POST', `${url}/certifications`, { code: 'HNTE' });
  const { id: hnteId } = await body(temp);

  const kase = await send(firm, 'POST', `${url}/cases`, {
    title: '江汉区智慧路口改造',
    client: '武汉市江汉区交通大队',
    year: 2025,
    amountFen: 1_280_000_00,
    domain: 'industry-it',
    area: 'transport',
    description: '32 个路口信号协同',
  });
  expect(kase.status).toBe(201);
  const oldCase = await body(
    await send(firm, 'POST', `${url}/cases`, { title: '旧案例', client: '某单位', year: 2019 }),
  );

  const removed = await send(firm, 'DELETE', `${url}/certifications/${hnteId}`);
  expect(removed.status).toBe(200);
  expect((await send(firm, 'DELETE', `${url}/cases/${oldCase.id}`)).status).toBe(200);
  expect((await send(firm, 'DELETE', `${url}/cases/${oldCase.id}`)).status).toBe(404);

  await send(firm, 'POST', '/api/v1/products', { name: '交通信号优化平台', domains: ['industry-it'] });

  const res = await t.request(url);
  expect(res.status).toBe(200);
  expect(roundTrips(res)).toBe(1);
  const f = await body(res);
  expect(res.headers.get('etag')).toBe(`"${f.version}"`);
  expect(f).toMatchObject({
    name: '武汉光谷数智科技有限公司',
    size: 'small',
    district: 'east-lake-hightech',
    domains: ['industry-it', 'geospatial'],
    employees: 86,
    foundedYear: 2016,
    website: 'https://gg-data.example.cn',
    contactEmail: 'bd@gg-data.example.cn',
  });
  expect(
    f.certifications.map((c: { code: string; level: number | null; expired: boolean }) => [
      c.code,
      c.level,
      c.expired,
    ]),
  ).toEqual([
    ['CSMM', 3, false],
    ['ISO27001', null, true],
  ]);
  expect(f.certifications[0]).toMatchObject({ id: csmmId, expiresAt: '2028-02-28T08:00:00.000Z' });
  expect(f.cases).toEqual([
    expect.objectContaining({ title: '江汉区智慧路口改造', amountFen: 1_280_000_00, area: 'transport' }),
  ]);
  expect(f.products.map((p: { name: string }) => p.name)).toEqual(['交通信号优化平台']);

  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [firm.orgId],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'firm.update',
    'firm.certification.add',
    'firm.certification.add',
    'firm.certification.add',
    'firm.case.add',
    'firm.case.add',
    'firm.certification.remove',
    'firm.case.remove',
  ]);
});

test('the directory lists approved firms only and filters by domain, district, size, certification level and name', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  const mk = (name: string, o: Partial<typeof schema.organizations.$inferInsert> = {}) =>
    makeOrganization(t.db, { kind: 'firm', name, ...o });
  const a = await mk('甲软件', { domains: ['industry-it'], district: 'wuchang', size: 'small' });
  const b = await mk('乙数据', {
    domains: ['geospatial', 'industry-it'],
    district: 'hongshan',
    size: 'medium',
  });
  const c = await mk('丙安全_100%', { domains: ['cybersecurity'], district: 'hongshan', size: 'micro' });
  await mk('丁待审', { status: 'pending', domains: ['industry-it'] });
  await mk('戊驳回', { status: 'rejected', domains: ['industry-it'] });
  await makeOrganization(t.db, { kind: 'agency', name: '己机关' });
  const cert = (orgId: string, code: string, level: number | null, expiresAt: string | null = null) =>
    t.db.insert(schema.certifications).values({ id: crypto.randomUUID(), orgId, code, level, expiresAt });
  await cert(a.id, 'CSMM', 3);
  await cert(b.id, 'CSMM', 5, '2025-12-31T00:00:00.000Z'); // expired: shown, never qualifies
  await cert(b.id, 'CSMM', 2);
  await cert(c.id, 'ISO27001', null);

  const get = async (qs = '') => {
    const res = await t.request(`/api/v1/firms?${qs}`);
    expect(res.status, qs).toBe(200);
    expect(roundTrips(res)).toBe(1);
    return body(res);
  };
  const all = await get();
  expect(names(all)).toEqual(['丙安全_100%', '乙数据', '甲软件'].sort());
  const bRow = all.items.find((f: { id: string }) => f.id === b.id);
  expect(bRow.certifications).toEqual([
    { code: 'CSMM', level: 5, expired: true },
    { code: 'CSMM', level: 2, expired: false },
  ]);
  expect(names(await get('domain=industry-it')).sort()).toEqual(['乙数据', '甲软件'].sort());
  expect(names(await get('district=hongshan&size=micro'))).toEqual(['丙安全_100%']);
  expect(names(await get('cert=CSMM')).sort()).toEqual(['乙数据', '甲软件'].sort());
  expect(names(await get('cert=CSMM&certLevel=3'))).toEqual(['甲软件']);
  expect(names(await get('cert=ISO27001'))).toEqual(['丙安全_100%']);
  expect(names(await get(`q=${encodeURIComponent('数据')}`))).toEqual(['乙数据']);
  expect(names(await get(`q=${encodeURIComponent('_100%')}`))).toEqual(['丙安全_100%']);
  expect(names(await get(`q=${encodeURIComponent('%')}`))).toEqual(['丙安全_100%']);
  expect(names(await get(`q=${encodeURIComponent('_')}`))).toEqual(['丙安全_100%']);
});

test('cursor pagination walks every approved firm exactly once, by name and by newest', async () => {
  t = await makeTestApp();
  for (let i = 0; i < 11; i++) {
    await makeOrganization(t.db, {
      kind: 'firm',
      // Repeated names and creation times: the id breaks ties.
      name: `企业${i % 4}`,
      createdAt: `2026-0${(i % 3) + 1}-01T00:00:00.000Z`,
    });
  }
  await makeOrganization(t.db, { kind: 'firm', status: 'pending', name: '企业0' });
  for (const sort of ['name', '-created']) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `sort=${sort}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await t.request(`/api/v1/firms?${qs}`);
      expect(roundTrips(res)).toBe(1);
      const page = await body(res);
      seen.push(...page.items.map((f: { id: string }) => f.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.length, sort).toBe(11);
    expect(new Set(seen).size, sort).toBe(11);
    expect(pages, sort).toBe(4);
  }
});
