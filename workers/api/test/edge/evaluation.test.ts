import { newId, schema } from '@scx/db';
import { makeOrganization, makeScenario } from '@scx/db/factories';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { body } from '../harness.ts';
import { type Edge, signInAt, startEdge } from './harness.ts';

/**
 * The evaluation journey through the bundled Worker in workerd, over Hrana/HTTP: panel → criteria →
 * qualification → scoring → notice → objection → award → milestone → acceptance. The Worker keeps the real
 * clock, so the scenario closed an hour ago and its rules set a zero-day objection window.
 */
let edge: Edge;
beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge?.close());

type Member = Awaited<ReturnType<typeof member>>;

async function member(kind: 'agency' | 'firm' | 'organizer' | 'expert-body', name: string) {
  const org = await makeOrganization(edge.db, { kind, name });
  const { userId, headers: session } = await signInAt(edge, org.id, {
    role: kind === 'expert-body' ? 'expert' : 'admin',
    name,
  });
  const call = async (method: string, path: string, payload?: unknown, expected = 200) => {
    const r = await edge.fetch(path, {
      method,
      headers: { ...session, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    if (r.status !== expected) expect(`${method} ${path}: ${r.status} ${await r.text()}`).toBe(expected);
    return body(r);
  };
  return { orgId: org.id, userId, call };
}

test('evaluation journey inside workerd: a closed challenge from panel to acceptance', async () => {
  const organizer = await member('organizer', '武汉市经信局');
  const agency = await member('agency', '武汉市交通局');
  const x = await member('firm', '光谷智能交通有限公司');
  const y = await member('firm', '江城数据科技有限公司');
  const experts: Member[] = [];
  for (const n of [1, 2, 3]) experts.push(await member('expert-body', `边缘专家${n}`));

  const now = Date.now();
  const s = await makeScenario(edge.db, {
    issuerId: agency.orgId,
    kind: 'challenge',
    deadline: new Date(now - 3600_000).toISOString(),
    winnersMax: 2,
    kpis: [{ name: '通行效率提升', target: '≥15%' }],
    rules: { noticeDays: 0 },
  });
  const bidOf = async (firm: Member, priceFen: number) => {
    const id = newId();
    await edge.db.insert(schema.bids).values({
      id,
      scenarioId: s.id,
      leadFirmId: firm.orgId,
      status: 'submitted',
      priceFen,
      submittedAt: new Date(now - 7200_000).toISOString(),
    });
    await edge.db
      .insert(schema.bidMembers)
      .values({ bidId: id, firmId: firm.orgId, role: 'lead', shareBp: 10000 });
    return id;
  };
  const bidX = await bidOf(x, 3_000_000_00);
  const bidY = await bidOf(y, 3_200_000_00);
  const base = `/api/v1/scenarios/${s.id}`;

  expect((await agency.call('POST', `${base}/open-bids`)).opened).toBe(2);
  for (const [i, e] of experts.entries()) {
    await organizer.call(
      'POST',
      '/api/v1/experts',
      { name: `边缘专家${i + 1}`, userId: e.userId, domains: ['industry-it'] },
      201,
    );
  }
  const panel = await organizer.call('POST', `${base}/panel`, { size: 3, seed: 'edge' }, 201);
  expect(panel.members).toHaveLength(3);
  await agency.call('PUT', `${base}/criteria`, { template: 'challenge-standard' });
  for (const bid of [bidX, bidY])
    await agency.call('POST', `/api/v1/bids/${bid}/qualification`, { result: 'pass', reason: '合格' });

  const codes = [
    'industry_impact',
    'research_base',
    'technical_indicators',
    'implementation_plan',
    'financial_soundness',
  ];
  const sheet = (points: number[]) => ({
    scores: codes.map((criterion, i) => ({ criterion, points: points[i] })),
  });
  for (const e of experts) {
    await e.call('PUT', `${base}/score-sheets/${bidX}`, sheet([20, 15, 24, 8, 12]));
    await e.call('PUT', `${base}/score-sheets/${bidY}`, sheet([18, 14, 22, 7, 10]));
    await e.call('POST', `${base}/score-sheets/sign`);
  }
  const computed = await organizer.call('POST', `${base}/evaluation`);
  expect(computed.ranking.map((r: { bid: string; total: number }) => [r.bid, r.total])).toEqual([
    [bidX, 79],
    [bidY, 71],
  ]);
  const report = await agency.call('GET', `${base}/evaluation/report`);
  expect(report.inputDigest).toBe(computed.inputDigest);

  const notice = await organizer.call('POST', `${base}/notice`, undefined, 201);
  const objection = await y.call('POST', `/api/v1/notices/${notice.id}/objections`, { text: '请复核' }, 409);
  expect(objection.code).toBe('DEADLINE_PASSED');
  const awarded = await agency.call(
    'POST',
    `${base}/awards`,
    {
      awards: [
        { bidId: bidX, amountFen: 3_000_000_00, subsidyFen: 300_000_00 },
        { bidId: bidY, amountFen: 3_200_000_00 },
      ],
    },
    201,
  );
  const [awardX, awardY] = awarded.items;
  await agency.call(
    'POST',
    `/api/v1/awards/${awardX.id}/milestones`,
    { title: '试点路口上线', dueAt: '2099-01-01T00:00:00Z' },
    201,
  );
  await x.call(
    'POST',
    `/api/v1/awards/${awardX.id}/kpi-reports`,
    { kpi: '通行效率提升', value: '17%', met: true },
    201,
  );
  await agency.call(
    'POST',
    `/api/v1/awards/${awardY.id}/milestones`,
    { title: '方案评审', dueAt: '2099-01-01T00:00:00Z' },
    201,
  );
  await agency.call('POST', `/api/v1/awards/${awardX.id}/acceptance`, { result: 'pass', note: '达标' });
  const last = await organizer.call('POST', `/api/v1/awards/${awardY.id}/acceptance`, {
    result: 'pass',
    note: '达标',
  });
  expect(last).toMatchObject({ status: 'accepted', scenarioStatus: 'accepted' });
  const delivery = await x.call('GET', `/api/v1/awards/${awardX.id}/delivery`);
  expect(delivery.kpiReports).toEqual([expect.objectContaining({ kpi: '通行效率提升', met: true })]);
  const verify = await organizer.call('GET', '/api/v1/audit/verify');
  expect(verify).toMatchObject({ ok: true });
});
