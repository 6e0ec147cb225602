import { afterEach, expect, test } from 'vitest';
import {
  AFTER_DEADLINE,
  type EvaluationWorld,
  evaluationWorld,
  ok,
  scoredWorld,
  send,
  signInAgain,
} from './evaluation.fixtures.ts';
import { body } from './harness.ts';

// The evaluation figures are configurable per call and per scenario (DESIGN.md: "make them configurable per
// call/challenge"): a scenario's own rules win over its call's, core's defaults fill the rest.

let w: EvaluationWorld | undefined;
afterEach(() => w?.t.close());

const CALL = {
  title: '2026年数字应用场景揭榜挂帅',
  year: 2026,
  opensAt: '2026-01-01T00:00:00Z',
  closesAt: '2026-12-31T00:00:00Z',
  targetCount: 20,
};

test('criteria carry the scenario’s rules; bad figures are named and nothing changes', async () => {
  w = await evaluationWorld();
  const { t, agency, scenario } = w;
  const url = `/api/v1/scenarios/${scenario}/criteria`;
  await ok(t, agency, 'PUT', url, { template: 'challenge-standard' });

  const bad = await send(t, agency, 'PUT', url, {
    template: 'challenge-standard',
    rules: { smeDeduction: 0.25, noticeDays: 1.5, subsidyRate: 0.123456 },
  });
  expect(bad.status).toBe(422);
  expect(bad.headers.get('content-type')).toContain('application/problem+json');
  const paths = (await body(bad)).errors.map((e: { path: string }) => e.path).sort();
  expect(paths).toEqual(['body.rules.noticeDays', 'body.rules.smeDeduction', 'body.rules.subsidyRate']);
  expect((await ok(t, agency, 'GET', url)).rules).toEqual({});

  const set = await ok(t, agency, 'PUT', url, {
    template: 'challenge-standard',
    rules: { smeDeduction: 0.2, trimmedMean: true, subsidyRate: 0.1, subsidyCapFen: 5_000_000_00 },
  });
  expect(set.rules).toEqual({
    smeDeduction: 0.2,
    trimmedMean: true,
    subsidyRate: 0.1,
    subsidyCapFen: 5_000_000_00,
  });
  // Setting the criteria again without rules keeps them.
  expect((await ok(t, agency, 'PUT', url, { template: 'challenge-standard' })).rules.smeDeduction).toBe(0.2);
});

test('the scenario’s rules reach the scoring engine and its reproducible report', async () => {
  w = await scoredWorld({
    scenario: {
      rules: { smeDeduction: 0.2, lowPriceThreshold: 0.3, trimmedMean: true, deviationThreshold: 0.5 },
    },
  });
  const { t, agency, scenario } = w;
  await ok(t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  const report = await ok(t, agency, 'GET', `/api/v1/scenarios/${scenario}/evaluation/report`);
  expect(report.input).toMatchObject({
    smeDeduction: 0.2,
    lowPriceThreshold: 0.3,
    trimmedMean: true,
    deviationThreshold: 0.5,
  });
});

test('a call’s rules apply to its scenarios: notice window and the 湖北 subsidy rule', async () => {
  // The call: 3-day notices, subsidy 10 % of the total investment, at most 5,000,000 yuan.
  const base = await evaluationWorld();
  const { t, organizer } = base;
  const badCall = await send(t, organizer, 'POST', '/api/v1/calls', {
    ...CALL,
    rules: { leadLimit: 0, consortiumDeduction: 0.1 },
  });
  expect(badCall.status).toBe(422);
  expect((await body(badCall)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'body.rules.consortiumDeduction',
    'body.rules.leadLimit',
  ]);
  const call = await ok(t, organizer, 'POST', '/api/v1/calls', {
    ...CALL,
    rules: { noticeDays: 3, subsidyRate: 0.1, subsidyCapFen: 5_000_000_00, leadLimit: 2 },
  });
  expect((await ok(t, organizer, 'GET', `/api/v1/calls/${call.id}`)).rules).toEqual({
    noticeDays: 3,
    subsidyRate: 0.1,
    subsidyCapFen: 5_000_000_00,
    leadLimit: 2,
  });
  base.t.close();

  w = await scoredWorld({ scenario: { winnersMax: 2 } });
  const { agency, scenario, bidX, bidY } = w;
  // The scenario joins a call with those rules (written directly: the call lives in this world's database).
  const c = await ok(w.t, w.organizer, 'POST', '/api/v1/calls', {
    ...CALL,
    rules: { noticeDays: 3, subsidyRate: 0.1, subsidyCapFen: 5_000_000_00 },
  });
  await w.t.client.execute({ sql: 'update scenarios set call_id = ? where id = ?', args: [c.id, scenario] });
  expect((await ok(w.t, agency, 'GET', `/api/v1/scenarios/${scenario}/criteria`)).rules).toEqual({
    noticeDays: 3,
    subsidyRate: 0.1,
    subsidyCapFen: 5_000_000_00,
  });

  await ok(w.t, agency, 'POST', `/api/v1/scenarios/${scenario}/evaluation`);
  const notice = await ok(w.t, agency, 'POST', `/api/v1/scenarios/${scenario}/notice`);
  expect(notice.objectionsUntil).toBe('2026-12-04T10:00:00.000Z'); // AFTER_DEADLINE + 3 days
  expect(AFTER_DEADLINE).toBe('2026-12-01T10:00:00.000Z');
  w.t.setNow('2026-12-04T10:00:01.000Z');
  const agency2 = await signInAgain(w.t, agency);

  const awardsUrl = `/api/v1/scenarios/${scenario}/awards`;
  // 10 % of 20,000,000 yuan = 2,000,000 yuan; 2,000,001 is too much.
  const tooMuch = await send(w.t, agency2, 'POST', awardsUrl, {
    awards: [
      { bidId: bidX, amountFen: 3_000_000_00, investmentFen: 20_000_000_00, subsidyFen: 2_000_001_00 },
    ],
  });
  expect(tooMuch.status).toBe(422);
  const problem = await body(tooMuch);
  expect(problem.errors).toEqual([
    {
      path: 'body.awards.0.subsidyFen',
      message: expect.stringContaining('must not exceed 200000000 fen: 10 % of the total investment'),
    },
  ]);
  // Without a declared investment the base is the award amount: 10 % of 3,000,000 yuan.
  const noBase = await send(w.t, agency2, 'POST', awardsUrl, {
    awards: [{ bidId: bidX, amountFen: 3_000_000_00, subsidyFen: 300_001_00 }],
  });
  expect(noBase.status).toBe(422);
  // The cap: 10 % of 80,000,000 yuan is 8,000,000, capped at 5,000,000 yuan.
  const overCap = await send(w.t, agency2, 'POST', awardsUrl, {
    awards: [
      { bidId: bidX, amountFen: 3_000_000_00, investmentFen: 80_000_000_00, subsidyFen: 5_000_000_01 },
    ],
  });
  expect((await body(overCap)).errors[0].message).toContain('at most 500000000 fen');
  // Nothing half-written: no award, the scenario still under evaluation.
  expect((await ok(w.t, agency2, 'GET', awardsUrl)).items).toEqual([]);

  const { items } = await ok(w.t, agency2, 'POST', awardsUrl, {
    awards: [
      { bidId: bidX, amountFen: 3_000_000_00, investmentFen: 20_000_000_00, subsidyFen: 2_000_000_00 },
      { bidId: bidY, amountFen: 2_500_000_00 },
    ],
  });
  expect(items.map((a: { subsidyFen: number | null; investmentFen: number | null }) => a)).toMatchObject([
    { bidId: bidX, subsidyFen: 2_000_000_00, investmentFen: 20_000_000_00 },
    { bidId: bidY, subsidyFen: null, investmentFen: null },
  ]);
});
