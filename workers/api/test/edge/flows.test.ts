import { makeFirm, makeOrganization } from '@scx/db/factories';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { body } from '../harness.ts';
import { type Edge, signInAt, startEdge } from './harness.ts';

/** The marketplace's main flows through the bundled Worker in workerd, over Hrana/HTTP. */
let edge: Edge;
beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge?.close());

async function member(kind: 'agency' | 'firm' | 'organizer') {
  const org = await makeOrganization(edge.db, { kind });
  const { headers: session, setCookie } = await signInAt(edge, org.id, { name: kind });
  expect(setCookie).toMatch(/Secure/);
  const call = (method: string, path: string, payload?: unknown, extra: Record<string, string> = {}) =>
    edge.fetch(path, {
      method,
      headers: { ...session, 'content-type': 'application/json', ...extra },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  return { orgId: org.id, call };
}

test('draft → submit → publish → sealed bid → deadline → opening → audit chain intact, all inside workerd', async () => {
  const organizer = await member('organizer');
  const agency = await member('agency');
  const firm = await member('firm');
  const deadline = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();

  const created = await agency.call('POST', '/api/v1/workspace/scenarios', {
    kind: 'challenge',
    title: '长江新区数字孪生防汛调度揭榜挂帅',
    domain: 'geospatial',
    area: 'emergency',
    district: 'changjiang-new-area',
    summary: '汛期城区内涝预警与调度',
    problem: '积水点预警滞后',
    deadline,
    rewardFen: 2_000_000_00,
    kpis: [{ name: '预警提前量', target: '≥30分钟' }],
  });
  expect(created.status).toBe(201);
  const { id } = await body(created);
  expect(
    (await agency.call('POST', `/api/v1/workspace/scenarios/${id}/transitions`, { action: 'submit' })).status,
  ).toBe(200);
  expect(
    (await organizer.call('POST', `/api/v1/workspace/scenarios/${id}/transitions`, { action: 'publish' }))
      .status,
  ).toBe(200);
  const hall = await body(await edge.fetch(`/api/v1/scenarios?q=${encodeURIComponent('防汛')}`));
  expect(hall.items.map((s: { id: string }) => s.id)).toContain(id);

  const key = { 'idempotency-key': `edge-${id}` };
  const bid = await firm.call(
    'POST',
    `/api/v1/scenarios/${id}/bids`,
    { content: { approach: '数字孪生' } },
    key,
  );
  expect(bid.status).toBe(201);
  const replay = await firm.call(
    'POST',
    `/api/v1/scenarios/${id}/bids`,
    { content: { approach: '数字孪生' } },
    key,
  );
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  const { id: bidId } = await body(bid);
  expect(
    (await firm.call('PATCH', `/api/v1/bids/${bidId}`, { priceFen: 1_800_000_00 }, { 'if-match': '"1"' }))
      .status,
  ).toBe(200);
  expect(
    (await firm.call('PATCH', `/api/v1/bids/${bidId}`, { priceFen: 1 }, { 'if-match': '"1"' })).status,
  ).toBe(412);
  expect((await firm.call('POST', `/api/v1/bids/${bidId}/transitions`, { action: 'submit' })).status).toBe(
    200,
  );

  expect((await agency.call('GET', `/api/v1/bids/${bidId}`)).status).toBe(404);
  expect((await agency.call('GET', `/api/v1/scenarios/${id}/bids`)).status).toBe(403);

  // The deadline passes (moved in the database: the Worker's clock is the real one).
  await edge.client.execute({
    sql: 'UPDATE scenarios SET deadline = ? WHERE id = ?',
    args: ['2020-01-01T00:00:00.000Z', id],
  });
  expect(await body(await agency.call('POST', `/api/v1/scenarios/${id}/open-bids`))).toMatchObject({
    opened: 1,
  });
  const opened = await body(await agency.call('GET', `/api/v1/scenarios/${id}/bids`));
  expect(opened.items).toEqual([
    expect.objectContaining({ id: bidId, priceFen: 1_800_000_00, status: 'opened' }),
  ]);

  expect(await body(await organizer.call('GET', '/api/v1/audit/verify'))).toMatchObject({ ok: true });
});

test('a failed write inside workerd leaves nothing: a scenario draft with a bad requirement is refused whole', async () => {
  const agency = await member('agency');
  const before = await edge.client.execute('SELECT count(*) AS n FROM scenarios');
  const res = await agency.call('POST', '/api/v1/workspace/scenarios', {
    kind: 'scenario',
    title: '坏数据',
    domain: 'industry-it',
    area: 'healthcare',
    district: 'wuchang',
    requirements: [{ kind: 'certification', level: 99 }],
  });
  expect(res.status).toBe(422);
  const after = await edge.client.execute('SELECT count(*) AS n FROM scenarios');
  expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
});

test('matching inside workerd: a draft is indexed by its own write and its matches name the fitting firm', async () => {
  const agency = await member('agency');
  const fit = await makeFirm(edge.db, {
    name: '边缘设备联网科技有限公司',
    domains: ['industrial-software'],
    description: '工业互联网设备联网、数控机床数据采集、设备预测性维护。',
    certifications: [{ code: 'CSMM', level: 3 }],
    products: [
      { name: '设备数据采集网关', summary: '工厂设备联网与数据采集', domains: ['industrial-software'] },
    ],
  });
  const weak = await makeFirm(edge.db, {
    name: '边缘设备联网二级公司',
    domains: ['industrial-software'],
    description: '设备联网与数据采集平台。',
    certifications: [{ code: 'CSMM', level: 2 }],
  });
  const created = await agency.call('POST', '/api/v1/workspace/scenarios', {
    kind: 'scenario',
    title: '工厂设备联网与数据采集',
    summary: '数控机床接入工业互联网平台，采集设备运行数据',
    domain: 'industrial-software',
    area: 'manufacturing',
    district: 'wuhan-econ-dev',
    requirements: [
      { kind: 'certification', code: 'CSMM', level: 3, mandatory: true, description: 'CSMM 三级' },
    ],
  });
  expect(created.status).toBe(201);
  const { id } = await body(created);
  const res = await agency.call('GET', `/api/v1/scenarios/${id}/matches`);
  expect(res.status).toBe(200);
  expect(res.headers.get('server-timing')).toMatch(/desc="2 round trips"/); // session + the match batch
  const m = await body(res);
  expect(m.results[0].firm.id).toBe(fit.id);
  expect(m.results[0].reasons[0].zh).toMatch(/\p{Script=Han}/u);
  expect(m.nearMisses.map((n: { firm: { id: string } }) => n.firm.id)).toContain(weak.id);
});
