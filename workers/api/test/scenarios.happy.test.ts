import { makeOrganization, makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, roundTrips, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('lists published scenarios with their issuer, newest first, in one round trip', async () => {
  t = await makeTestApp();
  const agency = await makeOrganization(t.db, { name: '武汉市交通运输局' });
  await makeScenario(t.db, {
    issuerId: agency.id,
    title: '智慧路口',
    publishedAt: '2026-11-01T00:00:00.000Z',
  });
  await makeScenario(t.db, {
    issuerId: agency.id,
    title: '公交调度',
    publishedAt: '2026-11-02T00:00:00.000Z',
  });
  const res = await t.request('/api/v1/scenarios');
  expect(res.status).toBe(200);
  const page = await body(res);
  expect(page.items.map((s: { title: string }) => s.title)).toEqual(['公交调度', '智慧路口']);
  expect(page.items[0].issuer).toEqual({ id: agency.id, name: '武汉市交通运输局' });
  expect(page.nextCursor).toBeNull();
  expect(roundTrips(res)).toBeLessThanOrEqual(2);
});

test('drafts, submissions and withdrawn scenarios never appear in the hall', async () => {
  t = await makeTestApp();
  await makeScenario(t.db, { title: '公开的' });
  await makeScenario(t.db, { title: '草稿', status: 'draft' });
  await makeScenario(t.db, { title: '待审', status: 'submitted' });
  await makeScenario(t.db, { title: '撤回', status: 'withdrawn', publishedAt: null });
  const page = await body(await t.request('/api/v1/scenarios'));
  expect(page.items.map((s: { title: string }) => s.title)).toEqual(['公开的']);
});

test('filters combine: kind, domain, district, budget range, deadline and text', async () => {
  t = await makeTestApp();
  await makeScenario(t.db, {
    title: 'A 医疗影像互联',
    kind: 'challenge',
    domain: 'industry-it',
    district: 'wuchang',
    budgetFen: 300_000_000,
  });
  await makeScenario(t.db, {
    title: 'B 医疗随访',
    kind: 'scenario',
    domain: 'industry-it',
    district: 'wuchang',
    budgetFen: 300_000_000,
  });
  await makeScenario(t.db, {
    title: 'C 工业互联网',
    kind: 'challenge',
    domain: 'industrial-software',
    district: 'hongshan',
    budgetFen: 900_000_000,
  });
  await makeScenario(t.db, {
    title: 'D 交通',
    kind: 'challenge',
    domain: 'industry-it',
    district: 'wuchang',
    budgetFen: 50_000_000,
    deadline: '2027-03-01T00:00:00.000Z',
  });
  const get = async (qs: string) =>
    ((await body(await t.request(`/api/v1/scenarios?${qs}`))).items as { title: string }[])
      .map((s) => s.title)
      .sort();
  expect(await get('kind=challenge')).toEqual(['A 医疗影像互联', 'C 工业互联网', 'D 交通']);
  expect(await get('kind=challenge&domain=industry-it&district=wuchang')).toEqual([
    'A 医疗影像互联',
    'D 交通',
  ]);
  expect(await get('budgetMin=100000000&budgetMax=500000000')).toEqual(['A 医疗影像互联', 'B 医疗随访']);
  expect(await get('deadlineFrom=2027-01-01')).toEqual(['D 交通']);
  expect(await get('deadlineTo=2026-12-31')).toEqual(['A 医疗影像互联', 'B 医疗随访', 'C 工业互联网']);
  expect(await get(`q=${encodeURIComponent('医疗')}`)).toEqual(['A 医疗影像互联', 'B 医疗随访']);
  expect(await get(`q=${encodeURIComponent('100%')}`)).toEqual([]);
});

test('cursor pagination walks every row exactly once, for every sort order', async () => {
  t = await makeTestApp();
  const issuer = await makeOrganization(t.db);
  for (let i = 0; i < 13; i++) {
    await makeScenario(t.db, {
      issuerId: issuer.id,
      title: `S${i}`,
      publishedAt: `2026-11-${String((i % 5) + 1).padStart(2, '0')}T00:00:00.000Z`,
      budgetFen: i % 3 === 0 ? null : (i % 4) * 100_000,
      deadline: i % 4 === 0 ? null : `2026-12-${String((i % 6) + 10)}T00:00:00.000Z`,
    });
  }
  for (const sort of ['-published', 'published', 'deadline', '-deadline', 'budget', '-budget']) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `sort=${sort}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await body(await t.request(`/api/v1/scenarios?${qs}`));
      seen.push(...page.items.map((s: { title: string }) => s.title));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen.length, sort).toBe(13);
    expect(new Set(seen).size, sort).toBe(13);
  }
});

test('a published scenario reads with its requirements and an ETag', async () => {
  t = await makeTestApp();
  const s = await makeScenario(t.db, {
    kind: 'challenge',
    kpis: [{ name: '通行延误', target: '下降15%' }],
    requirements: [
      { id: 'r1', kind: 'certification', code: 'CSMM', level: 3, description: 'CSMM 三级及以上' },
    ],
  });
  const res = await t.request(`/api/v1/scenarios/${s.id}`);
  expect(res.status).toBe(200);
  expect(res.headers.get('etag')).toBe('"1"');
  const b = await body(res);
  expect(b.kpis).toEqual([{ name: '通行延误', target: '下降15%' }]);
  expect(b.requirements).toEqual([
    {
      kind: 'certification',
      code: 'CSMM',
      level: 3,
      value: null,
      mandatory: true,
      description: 'CSMM 三级及以上',
    },
  ]);
  expect(roundTrips(res)).toBe(1);
});
