import { makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

test('a firm asks, the agency answers once for everyone; the asker is never revealed', async () => {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency' });
  const x = await signIn(t, { kind: 'firm' });
  const y = await signIn(t, { kind: 'firm' });
  const s = await makeScenario(t.db, { issuerId: agency.orgId, deadline: '2026-12-01T09:00:00.000Z' });
  const url = `/api/v1/scenarios/${s.id}/questions`;
  const asked = await send(x, 'POST', url, { question: '是否需要对接公安交管数据？' });
  expect(asked.status).toBe(201);
  const { id } = await body(asked);

  expect((await body(await t.request(url))).items).toEqual([]);
  expect((await body(await send(y, 'GET', url))).items).toEqual([]);
  expect((await body(await send(x, 'GET', url))).items).toEqual([
    expect.objectContaining({ id, answer: null, mine: true }),
  ]);
  expect((await body(await send(agency, 'GET', url))).items).toEqual([
    expect.objectContaining({ id, mine: false }),
  ]);

  expect((await send(y, 'POST', `/api/v1/questions/${id}/answer`, { answer: '不是我的' })).status).toBe(403);
  const other = await signIn(t, { kind: 'agency' });
  expect((await send(other, 'POST', `/api/v1/questions/${id}/answer`, { answer: '越权' })).status).toBe(404);
  expect(
    (await send(agency, 'POST', `/api/v1/questions/${id}/answer`, { answer: '需要，接口由交管局提供' }))
      .status,
  ).toBe(200);

  const publicView = (await body(await t.request(url))).items;
  expect(publicView).toEqual([
    {
      id,
      question: '是否需要对接公安交管数据？',
      answer: '需要，接口由交管局提供',
      answeredAt: expect.any(String),
      askedAt: expect.any(String),
      mine: false,
    },
  ]);
  expect(JSON.stringify(publicView)).not.toContain(x.orgId);
  expect((await body(await send(y, 'GET', url))).items[0].answer).toBe('需要，接口由交管局提供');
});

test('questions close with bidding; empty questions are named; unpublished scenarios have no Q&A', async () => {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const x = await signIn(t, { kind: 'firm' });
  const s = await makeScenario(t.db, { deadline: '2026-11-28T00:00:00.000Z' });
  const empty = await send(x, 'POST', `/api/v1/scenarios/${s.id}/questions`, { question: '   ' });
  expect(empty.status).toBe(422);
  expect((await body(empty)).errors[0].path).toBe('body.question');
  const draft = await makeScenario(t.db, { status: 'draft' });
  expect((await t.request(`/api/v1/scenarios/${draft.id}/questions`)).status).toBe(404);
  t.setNow('2026-11-28T00:00:00.000Z');
  const late = await send(x, 'POST', `/api/v1/scenarios/${s.id}/questions`, { question: '还能问吗？' });
  expect(late.status).toBe(409);
  expect((await body(late)).code).toBe('DEADLINE_PASSED');
});
