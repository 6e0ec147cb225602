import { afterEach, expect, test } from 'vitest';
import { type Actor, body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

async function someHistory(agency: Actor) {
  for (let i = 0; i < 3; i++) {
    await send(agency, 'POST', '/api/v1/workspace/scenarios', {
      kind: 'scenario',
      title: `场景${i}`,
      domain: 'industry-it',
      area: 'healthcare',
      district: 'wuchang',
    });
  }
}

test('the organizer verifies an intact chain, and the first tampered link is named', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const agency = await signIn(t, { kind: 'agency' });
  await someHistory(agency);
  const ok = await body(await send(organizer, 'GET', '/api/v1/audit/verify'));
  expect(ok).toEqual({ ok: true, checked: 3 });
  const second = await t.client.execute('SELECT id FROM audit_log ORDER BY seq LIMIT 1 OFFSET 1');
  const victim = String(second.rows[0]?.id);
  await t.client.execute({
    sql: "UPDATE audit_log SET action = 'scenario.delete' WHERE id = ?",
    args: [victim],
  });
  const broken = await body(await send(organizer, 'GET', '/api/v1/audit/verify'));
  expect(broken).toEqual({
    ok: false,
    checked: 1,
    brokenAt: victim,
    reason: 'hash does not match the entry',
  });
  expect((await send(agency, 'GET', '/api/v1/audit/verify')).status).toBe(403);
});

test('an entity’s trail lists its changes in order', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const agency = await signIn(t, { kind: 'agency' });
  const { id } = await body(
    await send(agency, 'POST', '/api/v1/workspace/scenarios', {
      kind: 'scenario',
      title: '场景',
      domain: 'industry-it',
      area: 'healthcare',
      district: 'wuchang',
    }),
  );
  await send(agency, 'POST', `/api/v1/workspace/scenarios/${id}/transitions`, { action: 'withdraw' });
  const trail = await body(await send(organizer, 'GET', `/api/v1/audit/scenario/${id}`));
  expect(trail.items.map((e: { action: string }) => e.action)).toEqual([
    'scenario.create',
    'scenario.withdraw',
  ]);
  expect((await send(organizer, 'GET', '/api/v1/audit/bid/01JZZZZZZZZZZZZZZZZZZZZZZZ')).status).toBe(404);
});
