import { makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { makeTestApp, roundTrips, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('the open-data CSV lists published scenarios only, with a BOM for Excel, in one round trip', async () => {
  t = await makeTestApp();
  await makeScenario(t.db, {
    title: '公开的场景, 含逗号',
    budgetFen: 12_345_600,
    secondaryDomains: ['cybersecurity', 'eda'],
  });
  await makeScenario(t.db, { title: '尚未发布的草稿', status: 'draft' });
  const res = await t.request('/api/v1/open-data/scenarios.csv');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(roundTrips(res)).toBe(1);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  const lines = text.split('\r\n');
  expect(lines[0]).toBe(
    'id,kind,status,title,issuer,domain,secondary_domains,area,district,budget_yuan,reward_yuan,deadline,published_at',
  );
  expect(text).toContain(',industry-it,cybersecurity;eda,transport,');
  expect(text).toContain('"公开的场景, 含逗号"');
  expect(text).toContain(',123456,');
  expect(text).not.toContain('尚未发布的草稿');
});
