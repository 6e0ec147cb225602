import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const paths = async (res: Response) =>
  ((await body(res)).errors as { path: string }[]).map((e) => e.path).sort();

const auditCount = async () =>
  Number((await t.client.execute('SELECT count(*) AS n FROM audit_log')).rows[0]?.n);

test('a bad profile edit names every bad field and changes nothing', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  const url = `/api/v1/firms/${firm.orgId}`;
  const res = await send(
    firm,
    'PATCH',
    url,
    {
      size: 'huge',
      district: 'atlantis',
      localTaxResident: 'yes',
      domains: ['industry-it', 'industry-it'],
      employees: -3,
      foundedYear: 1850,
      website: 'ftp://example.com',
      contactPhone: 'call me',
      contactEmail: 'not-an-email',
      description: 'x'.repeat(4001),
    },
    { 'if-match': '"1"' },
  );
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  expect(await paths(res)).toEqual([
    'body.contactEmail',
    'body.contactPhone',
    'body.description',
    'body.district',
    'body.domains',
    'body.employees',
    'body.foundedYear',
    'body.localTaxResident',
    'body.size',
    'body.website',
  ]);
  const empty = await send(firm, 'PATCH', url, {}, { 'if-match': '"1"' });
  expect(empty.status).toBe(422);
  expect((await body(empty)).errors).toEqual([
    { path: 'body', message: 'must change at least one profile field' },
  ]);
  expect((await body(await t.request(url))).version).toBe(1);
  expect(await auditCount()).toBe(0);
});

test('profile edits need If-Match (428); a stale one is 412 with the current ETag; a malformed one is 422', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  const url = `/api/v1/firms/${firm.orgId}`;
  const none = await send(firm, 'PATCH', url, { employees: 10 });
  expect(none.status).toBe(428);
  expect((await body(none)).code).toBe('PRECONDITION_REQUIRED');
  expect((await send(firm, 'PATCH', url, { employees: 10 }, { 'if-match': '"1"' })).status).toBe(200);
  const stale = await send(firm, 'PATCH', url, { employees: 20 }, { 'if-match': '"1"' });
  expect(stale.status).toBe(412);
  expect(stale.headers.get('etag')).toBe('"2"');
  // Adding a certification is a change of the profile too: an old ETag is stale for it.
  const staleCert = await send(
    firm,
    'POST',
    `${url}/certifications`,
    { code: 'HNTE' },
    { 'if-match': '"1"' },
  );
  expect(staleCert.status).toBe(412);
  const bad = await send(firm, 'PATCH', url, { employees: 20 }, { 'if-match': 'version 2' });
  expect(bad.status).toBe(422);
  expect(await paths(bad)).toEqual(['header.if-match']);
  expect((await body(await t.request(url))).employees).toBe(10);
});

test('certification levels: graded codes need a level within their range, ungraded codes take none', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  const url = `/api/v1/firms/${firm.orgId}/certifications`;
  const bad = async (payload: unknown) => {
    const res = await send(firm, 'POST', url, payload);
    expect(res.status).toBe(422);
    return (await body(res)).errors;
  };
  expect(await bad({ code: 'CSMM', level: 6 })).toEqual([
    { path: 'body.level', message: 'must be from 1 to 5 for CSMM' },
  ]);
  expect(await bad({ code: 'CSMM', level: 0 })).toEqual([
    { path: 'body.level', message: 'must be from 1 to 5 for CSMM' },
  ]);
  expect(await bad({ code: 'ITSS', level: 5 })).toEqual([
    { path: 'body.level', message: 'must be from 1 to 4 for ITSS' },
  ]);
  expect(await bad({ code: 'DCMM' })).toEqual([
    { path: 'body.level', message: 'DCMM is graded: give a level from 1 to 5' },
  ]);
  expect(await bad({ code: 'ISO27001', level: 3 })).toEqual([
    { path: 'body.level', message: 'ISO27001 is not graded: leave level out' },
  ]);
  expect(await bad({ code: 'CSMM', level: 2.5 })).toEqual([
    { path: 'body.level', message: 'must be a whole number' },
  ]);
  // Every bad field at once, including the order of the dates.
  const all = await bad({
    code: 'CMMI',
    level: 9,
    issuer: 'x'.repeat(121),
    issuedAt: '2026-05-01T00:00:00Z',
    expiresAt: '2026-04-01T00:00:00Z',
  });
  expect(all.map((e: { path: string }) => e.path).sort()).toEqual([
    'body.expiresAt',
    'body.issuer',
    'body.level',
  ]);
  expect(
    (await bad({ code: 'SOC2', issuedAt: 'yesterday' })).map((e: { path: string }) => e.path).sort(),
  ).toEqual(['body.code', 'body.issuedAt']);
  expect((await send(firm, 'POST', url, { code: 'CSMM', level: 5 })).status).toBe(201);
  expect((await send(firm, 'POST', url, { code: 'ISO27001', level: null })).status).toBe(201);
});

test('a bad case names every field', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  const res = await send(firm, 'POST', `/api/v1/firms/${firm.orgId}/cases`, {
    title: ' ',
    year: 1980,
    amountFen: 12.5,
    domain: 'astrology',
    area: 'moon',
  });
  expect(res.status).toBe(422);
  expect(await paths(res)).toEqual([
    'body.amountFen',
    'body.area',
    'body.client',
    'body.domain',
    'body.title',
    'body.year',
  ]);
});

test('bad directory queries name every field; certLevel needs a graded cert', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/v1/firms?domain=x&district=y&size=z&cert=SOC2&limit=0&sort=random');
  expect(res.status).toBe(422);
  expect(await paths(res)).toEqual([
    'query.cert',
    'query.district',
    'query.domain',
    'query.limit',
    'query.size',
    'query.sort',
  ]);
  const orphan = await t.request('/api/v1/firms?certLevel=3');
  expect((await body(orphan)).errors).toEqual([
    { path: 'query.certLevel', message: 'needs cert (the certification code it applies to)' },
  ]);
  const ungraded = await t.request('/api/v1/firms?cert=ISO27001&certLevel=1');
  expect((await body(ungraded)).errors).toEqual([
    { path: 'query.certLevel', message: 'ISO27001 is not graded: leave certLevel out' },
  ]);
  const high = await t.request('/api/v1/firms?cert=ITSS&certLevel=5');
  expect((await body(high)).errors).toEqual([
    { path: 'query.certLevel', message: 'must be at most 4 for ITSS' },
  ]);
  const forged = await t.request('/api/v1/firms?cursor=bm90LWEtY3Vyc29y');
  expect(forged.status).toBe(422);
  expect(await paths(forged)).toEqual(['query.cursor']);
});

test('unknown firms and sub-resources are 404; malformed ids are 422', async () => {
  t = await makeTestApp();
  const firm = await signIn(t, { kind: 'firm' });
  expect((await t.request('/api/v1/firms/01JZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
  const bad = await t.request('/api/v1/firms/not-an-id');
  expect(bad.status).toBe(422);
  expect(await paths(bad)).toEqual(['param.id']);
  const gone = await send(
    firm,
    'DELETE',
    `/api/v1/firms/${firm.orgId}/certifications/01JZZZZZZZZZZZZZZZZZZZZZZZ`,
  );
  expect(gone.status).toBe(404);
  expect((await body(gone)).detail).toBe('No certification 01JZZZZZZZZZZZZZZZZZZZZZZZ that you can change.');
  expect((await send(firm, 'DELETE', `/api/v1/firms/${firm.orgId}/cases/nope`)).status).toBe(422);
});
