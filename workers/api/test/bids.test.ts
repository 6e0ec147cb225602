import { schema } from '@scx/db';
import { makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { type Actor, body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const DEADLINE = '2026-12-01T09:00:00.000Z';
const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

async function world() {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const x = await signIn(t, { kind: 'firm' });
  const y = await signIn(t, { kind: 'firm' });
  const partner = await signIn(t, { kind: 'firm' });
  await t.db
    .update(schema.organizations)
    .set({ size: 'micro' })
    .where((await import('drizzle-orm')).eq(schema.organizations.id, partner.orgId));
  const s = await makeScenario(t.db, {
    issuerId: agency.orgId,
    kind: 'challenge',
    deadline: DEADLINE,
    consortiumAllowed: true,
    consortiumMaxPartners: 4,
  });
  return { agency, organizer, x, y, partner, s };
}

test('a firm drafts, prices and submits a bid; it stays sealed until the deadline and the opening', async () => {
  const { agency, organizer, x, y, s } = await world();
  const created = await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, {
    content: { approach: '自适应信号控制 SECRET-X' },
  });
  expect(created.status).toBe(201);
  const { id } = await body(created);
  const early = await send(x, 'POST', `/api/v1/bids/${id}/transitions`, { action: 'submit' });
  expect(early.status).toBe(422);
  expect((await body(early)).errors[0].path).toBe('bid.priceFen');
  expect(
    (await send(x, 'PATCH', `/api/v1/bids/${id}`, { priceFen: 3_800_000_00 }, { 'if-match': '"1"' })).status,
  ).toBe(200);
  expect(
    await body(await send(x, 'POST', `/api/v1/bids/${id}/transitions`, { action: 'submit' })),
  ).toMatchObject({ status: 'submitted' });
  const amend = await send(
    x,
    'PATCH',
    `/api/v1/bids/${id}`,
    { priceFen: 3_600_000_00 },
    { 'if-match': '"3"' },
  );
  expect(await body(amend)).toMatchObject({ status: 'submitted', version: 4 });

  for (const outsider of [agency, organizer, y]) {
    expect((await send(outsider, 'GET', `/api/v1/bids/${id}`)).status).toBe(404);
  }
  const sealed = await send(agency, 'GET', `/api/v1/scenarios/${s.id}/bids`);
  expect(sealed.status).toBe(403);
  expect((await send(agency, 'POST', `/api/v1/scenarios/${s.id}/open-bids`)).status).toBe(403);

  t.setNow('2026-12-01T09:00:00.000Z');
  expect((await send(x, 'PATCH', `/api/v1/bids/${id}`, { priceFen: 1 }, { 'if-match': '"4"' })).status).toBe(
    409,
  );
  const opened = await send(agency, 'POST', `/api/v1/scenarios/${s.id}/open-bids`);
  expect(await body(opened)).toMatchObject({ opened: 1 });
  const list = await body(await send(agency, 'GET', `/api/v1/scenarios/${s.id}/bids`));
  expect(list.items).toEqual([
    expect.objectContaining({ id, leadFirmId: x.orgId, priceFen: 3_600_000_00, status: 'opened' }),
  ]);
  expect((await send(organizer, 'GET', `/api/v1/bids/${id}`)).status).toBe(200);
  expect((await send(y, 'GET', `/api/v1/bids/${id}`)).status).toBe(404);
  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id IN (?, ?) ORDER BY seq',
    args: [id, s.id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'bid.create',
    'bid.update',
    'bid.submit',
    'bid.amend',
    'scenario.open_bids',
  ]);
});

test('the deadline is the server clock: a submission in the last millisecond counts, at the deadline it does not', async () => {
  const { x, y, s } = await world();
  const ids: string[] = [];
  for (const f of [x, y]) {
    const { id } = await body(
      await send(f, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 100_000_00 }),
    );
    ids.push(id);
  }
  t.setNow('2026-12-01T08:59:59.999Z');
  const [a, b] = await Promise.all(
    ids.map((id, i) =>
      send([x, y][i] as Actor, 'POST', `/api/v1/bids/${id}/transitions`, { action: 'submit' }),
    ),
  );
  expect([a?.status, b?.status]).toEqual([200, 200]);
  const late = await signIn(t, { kind: 'firm' });
  t.setNow(DEADLINE);
  const r = await send(late, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 1 });
  expect(r.status).toBe(409);
  expect((await body(r)).code).toBe('DEADLINE_PASSED');
});

test('consortium: partners confirm before submission; rules on size of the consortium and shares', async () => {
  const { x, partner, y, s } = await world();
  const bad = await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, {
    partners: [
      { firmId: x.orgId, shareBp: 1000 },
      { firmId: partner.orgId, shareBp: 9500 },
    ],
  });
  expect(bad.status).toBe(422);
  expect((await body(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'bid.partners',
    'bid.partners.0.firmId',
  ]);
  const tooMany = await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, {
    partners: Array.from({ length: 5 }, () => ({ firmId: partner.orgId, shareBp: 100 })),
  });
  expect(tooMany.status).toBe(422);
  const { id } = await body(
    await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, {
      priceFen: 500_000_00,
      partners: [{ firmId: partner.orgId, shareBp: 3000 }],
    }),
  );
  const unconfirmed = await send(x, 'POST', `/api/v1/bids/${id}/transitions`, { action: 'submit' });
  expect((await body(unconfirmed)).errors[0]).toMatchObject({ path: 'bid.partners' });
  expect((await send(partner, 'GET', `/api/v1/bids/${id}`)).status).toBe(200);
  expect((await send(y, 'POST', `/api/v1/bids/${id}/confirm`)).status).toBe(404);
  expect((await send(partner, 'POST', `/api/v1/bids/${id}/confirm`)).status).toBe(200);
  expect((await send(x, 'POST', `/api/v1/bids/${id}/transitions`, { action: 'submit' })).status).toBe(200);
  const bid = await body(await send(partner, 'GET', `/api/v1/bids/${id}`));
  expect(bid.members.map((m: { role: string; shareBp: number }) => [m.role, m.shareBp])).toEqual([
    ['lead', 7000],
    ['partner', 3000],
  ]);
  const row = await t.client.execute({
    sql: 'SELECT small_partner_share_bp FROM bids WHERE id = ?',
    args: [id],
  });
  expect(row.rows[0]?.small_partner_share_bp).toBe(3000);
  expect(
    (await send(partner, 'PATCH', `/api/v1/bids/${id}`, { priceFen: 1 }, { 'if-match': '"1"' })).status,
  ).toBe(404);
});

test('a firm may lead at most three applications per call', async () => {
  const { agency, x } = await world();
  await t.client.execute({
    sql: "INSERT INTO calls (id, organizer_id, title, year, status, opens_at, closes_at) VALUES ('C1', ?, '2026年度场景征集', 2026, 'open', '2026-01-01', '2026-12-31')",
    args: [agency.orgId],
  });
  const results: number[] = [];
  for (let i = 0; i < 4; i++) {
    const s = await makeScenario(t.db, { issuerId: agency.orgId, callId: 'C1', deadline: DEADLINE });
    const { id } = await body(await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 1000 }));
    results.push((await send(x, 'POST', `/api/v1/bids/${id}/transitions`, { action: 'submit' })).status);
  }
  expect(results).toEqual([200, 200, 200, 409]);
});

test('Idempotency-Key: a retried create returns the first response; another body with the key is 409', async () => {
  const { x, s } = await world();
  const headers = { 'idempotency-key': 'create-bid-001' };
  const first = await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 1000 }, headers);
  const again = await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 1000 }, headers);
  expect(first.status).toBe(201);
  expect(again.status).toBe(201);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  expect((await body(again)).id).toBe((await body(first)).id);
  const other = await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 2000 }, headers);
  expect(other.status).toBe(409);
  expect((await body(other)).code).toBe('IDEMPOTENCY_CONFLICT');
  const count = await t.client.execute('SELECT count(*) AS n FROM bids');
  expect(Number(count.rows[0]?.n)).toBe(1);
  const dup = await send(x, 'POST', `/api/v1/scenarios/${s.id}/bids`, { priceFen: 1000 });
  expect(dup.status).toBe(409);
});
