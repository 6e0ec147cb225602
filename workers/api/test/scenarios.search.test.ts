import { makeOrganization, makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, roundTrips, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const hall = async (qs: string) => {
  const res = await t.request(`/api/v1/scenarios?${qs}`);
  expect(res.status).toBe(200);
  return { res, page: await body(res) };
};
const titles = async (q: string, more = '') =>
  ((await hall(`q=${encodeURIComponent(q)}${more}`)).page.items as { title: string }[])
    .map((s) => s.title)
    .sort();

test('GET /scenarios?q= finds 2-character words and long phrases, in one round trip', async () => {
  t = await makeTestApp();
  const agency = await makeOrganization(t.db, { name: '武汉市交通运输局' });
  const base = { issuerId: agency.id, summary: '', domain: 'eda', area: 'community' } as const;
  await makeScenario(t.db, { ...base, title: '轨道交通大客流预警' });
  await makeScenario(t.db, { ...base, title: '互联网医院', problem: '医疗资源分布不均' });
  await makeScenario(t.db, { ...base, title: '园区能耗监测' });
  await makeScenario(t.db, { ...base, title: '智能网联', goals: '车路协同路口改造' });
  expect(await titles('医疗')).toEqual(['互联网医院']);
  expect(await titles('园区')).toEqual(['园区能耗监测']);
  expect(await titles('车路协同')).toEqual(['智能网联']);
  expect(await titles('轨道交通大客流预警')).toEqual(['轨道交通大客流预警']);
  expect(await titles('醫療')).toEqual(['互联网医院']);
  expect(await titles('交通运输局')).toHaveLength(4); // the issuer's name is searched
  expect(await titles('交通 医疗')).toEqual(['互联网医院']);
  expect(await titles('！？')).toEqual([]);
  expect(await titles('100%')).toEqual([]);
  const { res } = await hall(`q=${encodeURIComponent('交通')}`);
  expect(roundTrips(res)).toBe(1);
});

test('paging a search with the cursor walks every match exactly once', async () => {
  t = await makeTestApp();
  const issuer = await makeOrganization(t.db);
  for (let i = 0; i < 14; i++) {
    await makeScenario(t.db, {
      issuerId: issuer.id,
      title: i % 2 ? `医疗${i}` : `其他${i}`,
      summary: '',
      area: 'community',
      publishedAt: `2026-11-${String((i % 4) + 1).padStart(2, '0')}T00:00:00.000Z`,
    });
  }
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const qs: string = `q=${encodeURIComponent('医疗')}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { res, page } = await hall(qs);
    expect(roundTrips(res)).toBe(1);
    seen.push(...page.items.map((s: { title: string }) => s.title));
    cursor = page.nextCursor;
  } while (cursor && seen.length < 30);
  expect(seen).toHaveLength(7);
  expect(new Set(seen).size).toBe(7);
  expect(seen.every((s) => s.startsWith('医疗'))).toBe(true);
});

test('an over-long q is a validation error naming query.q', async () => {
  t = await makeTestApp();
  const res = await t.request(`/api/v1/scenarios?q=${'医'.repeat(101)}`);
  expect(res.status).toBe(422);
  expect(JSON.stringify(await body(res))).toContain('query.q');
});
