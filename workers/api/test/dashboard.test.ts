import { newId, schema } from '@scx/db';
import { makeFirm, makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, roundTrips, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('the dashboard: calls against targets, by year / domain / district, a funnel that ignores sealed bids', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const agency = await signIn(t, { kind: 'agency' });
  const firm = await makeFirm(t.db, {});
  const callId = newId();
  await t.db.insert(schema.calls).values({
    id: callId,
    organizerId: organizer.orgId,
    title: '2026年场景征集',
    year: 2026,
    opensAt: '2026-01-01T00:00:00.000Z',
    closesAt: '2026-12-31T00:00:00.000Z',
    targetCount: 200,
    status: 'open',
  });
  const published = (over: Parameters<typeof makeScenario>[1]) =>
    makeScenario(t.db, { issuerId: agency.orgId, callId, publishedAt: '2026-03-01T00:00:00.000Z', ...over });
  const closed = await published({
    domain: 'geospatial',
    district: 'wuchang',
    deadline: '2026-06-01T00:00:00.000Z',
  });
  const open = await published({
    domain: 'geospatial',
    district: 'jianghan',
    deadline: '2026-12-31T00:00:00.000Z',
  });
  await published({
    domain: 'industry-it',
    district: 'wuchang',
    status: 'awarded',
    deadline: '2026-05-01T00:00:00.000Z',
  });
  await published({
    domain: 'industry-it',
    district: 'wuchang',
    status: 'accepted',
    deadline: '2026-04-01T00:00:00.000Z',
  });
  await makeScenario(t.db, {
    issuerId: agency.orgId,
    publishedAt: '2025-05-01T00:00:00.000Z',
    domain: 'eda',
  });
  for (const s of [closed, open]) {
    await t.db
      .insert(schema.bids)
      .values({ id: newId(), scenarioId: s.id, leadFirmId: firm.id, status: 'submitted' });
  }

  const res = await t.request('/api/v1/dashboard?year=2026', { headers: organizer.headers });
  expect(res.status).toBe(200);
  expect(roundTrips(res)).toBe(2); // the session, then one batch
  const d = await body(res);
  expect(d.calls).toEqual([
    { id: callId, title: '2026年场景征集', status: 'open', target: 200, published: 4 },
  ]);
  expect(d.byYear).toEqual([
    { key: '2025', count: 1 },
    { key: '2026', count: 4 },
  ]);
  expect(d.byDomain).toEqual([
    { key: 'geospatial', count: 2 },
    { key: 'industry-it', count: 2 },
  ]);
  expect(d.byDistrict[0]).toEqual({ key: 'wuchang', count: 3 });
  // The open scenario's sealed bid is not counted: only scenarios past their deadline are.
  expect(d.funnel).toEqual({ published: 4, deadlinePassed: 3, withBids: 1, awarded: 2, accepted: 1 });

  expect((await t.request('/api/v1/dashboard', { headers: agency.headers })).status).toBe(403);
  const bad = await t.request('/api/v1/dashboard?year=abc', { headers: organizer.headers });
  expect((await body(bad)).errors[0].path).toBe('query.year');
});
