import { makeOrganization, makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, roundTrips, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const zero = { total: 0, draft: 0, inReview: 0, published: 0, withdrawn: 0 };

test('progress counts a hand-built call by status group, per domain against its target and per district, in one round trip', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const call = {
    title: '2027年度场景征集',
    year: 2027,
    opensAt: '2027-01-01T00:00:00Z',
    closesAt: '2027-06-30T00:00:00Z',
    targetCount: 10,
    domains: ['industry-it', 'industrial-software', 'geospatial'],
    targets: { 'industry-it': 4, 'industrial-software': 2 },
  };
  const { id: callId } = await body(await send(organizer, 'POST', '/api/v1/calls', call));
  const { id: otherCall } = await body(await send(organizer, 'POST', '/api/v1/calls', call));
  await send(organizer, 'POST', `/api/v1/calls/${callId}/transitions`, { action: 'open' });

  const issuer = await makeOrganization(t.db);
  const s = (domain: string, district: string, status: string, extra: Record<string, unknown> = {}) =>
    makeScenario(t.db, {
      issuerId: issuer.id,
      callId,
      domain,
      district,
      status: status as 'draft',
      ...extra,
    });
  const unpublished = { publishedAt: null };
  // industry-it: 3 published (whatever happened after), 2 in review, 1 draft
  await s('industry-it', 'wuchang', 'published');
  await s('industry-it', 'wuchang', 'awarded');
  await s('industry-it', 'hongshan', 'bidding_closed');
  await s('industry-it', 'hongshan', 'submitted');
  await s('industry-it', 'wuchang', 'returned', unpublished);
  await s('industry-it', 'wuchang', 'draft');
  // industrial-software: 1 published, 1 withdrawn, 1 in review
  await s('industrial-software', 'hongshan', 'published');
  await s('industrial-software', 'hongshan', 'withdrawn', unpublished);
  await s('industrial-software', 'jiangan', 'submitted');
  // a domain the call does not list still shows up
  await s('embedded', 'jiangan', 'in_delivery');
  // not in this call
  await makeScenario(t.db, { issuerId: issuer.id, domain: 'industry-it', district: 'wuchang' });
  await makeScenario(t.db, {
    issuerId: issuer.id,
    callId: otherCall,
    domain: 'geospatial',
    district: 'qiaokou',
  });

  const res = await t.request(`/api/v1/calls/${callId}/progress`);
  expect(res.status).toBe(200);
  expect(roundTrips(res)).toBe(1);
  const p = await body(res);
  expect(p.call).toEqual({
    id: callId,
    title: '2027年度场景征集',
    year: 2027,
    status: 'open',
    targetCount: 10,
  });
  expect(p.overall).toEqual({
    total: 10,
    draft: 1,
    inReview: 3,
    published: 5,
    withdrawn: 1,
    target: 10,
    percentOfTarget: 50,
  });
  expect(p.byDomain).toEqual([
    {
      domain: 'industry-it',
      total: 6,
      draft: 1,
      inReview: 2,
      published: 3,
      withdrawn: 0,
      target: 4,
      percentOfTarget: 75,
    },
    {
      domain: 'industrial-software',
      total: 3,
      draft: 0,
      inReview: 1,
      published: 1,
      withdrawn: 1,
      target: 2,
      percentOfTarget: 50,
    },
    { domain: 'geospatial', ...zero, target: null, percentOfTarget: null },
    {
      domain: 'embedded',
      ...zero,
      total: 1,
      published: 1,
      target: null,
      percentOfTarget: null,
    },
  ]);
  expect(p.byDistrict).toEqual([
    { district: 'hongshan', total: 4, draft: 0, inReview: 1, published: 2, withdrawn: 1 },
    { district: 'jiangan', total: 2, draft: 0, inReview: 1, published: 1, withdrawn: 0 },
    { district: 'wuchang', total: 4, draft: 1, inReview: 1, published: 2, withdrawn: 0 },
  ]);
});

test('a call without scenarios reports zeros against its targets', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const { id } = await body(
    await send(organizer, 'POST', '/api/v1/calls', {
      title: '空征集',
      year: 2027,
      opensAt: '2027-01-01T00:00:00Z',
      closesAt: '2027-06-30T00:00:00Z',
      targetCount: 3,
      targets: { eda: 1 },
    }),
  );
  await send(organizer, 'POST', `/api/v1/calls/${id}/transitions`, { action: 'open' });
  const p = await body(await t.request(`/api/v1/calls/${id}/progress`));
  expect(p.overall).toEqual({ ...zero, target: 3, percentOfTarget: 0 });
  expect(p.byDomain).toEqual([{ domain: 'eda', ...zero, target: 1, percentOfTarget: 0 }]);
  expect(p.byDistrict).toEqual([]);
});
