import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const DRAFT = {
  kind: 'challenge',
  title: '城市级车路协同智慧路口揭榜挂帅',
  domain: 'industry-it',
  area: 'transport',
  district: 'wuhan-econ-dev',
};

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

test('an agency drafts, edits with If-Match, submits; the organizer returns, then publishes; the hall shows it', async () => {
  t = await makeTestApp({ now: '2026-11-21T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency', orgName: '武汉经开区管委会' });
  const organizer = await signIn(t, { kind: 'organizer' });

  const created = await send(agency, 'POST', '/api/v1/workspace/scenarios', DRAFT);
  expect(created.status).toBe(201);
  expect(created.headers.get('etag')).toBe('"1"');
  const { id } = await body(created);
  const url = `/api/v1/workspace/scenarios/${id}`;

  const early = await send(agency, 'POST', `${url}/transitions`, { action: 'submit' });
  expect(early.status).toBe(422);
  expect((await body(early)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'scenario.deadline',
    'scenario.kpis',
    'scenario.problem',
    'scenario.rewardFen',
    'scenario.summary',
  ]);

  expect((await send(agency, 'PATCH', url, { summary: 'x' })).status).toBe(428);
  const patch = {
    summary: '面向经开区 120 个路口的信号协同优化',
    problem: '高峰期主干道排队长，信号配时依赖人工经验',
    deadline: '2026-12-31T15:59:59.999Z',
    rewardFen: 5_000_000_00,
    kpis: [{ name: '路口平均通行延误', target: '下降15%' }],
    requirements: [{ kind: 'certification', code: 'CSMM', level: 3, description: 'CSMM 三级及以上' }],
  };
  const edited = await send(agency, 'PATCH', url, patch, { 'if-match': '"1"' });
  expect(edited.status).toBe(200);
  expect(edited.headers.get('etag')).toBe('"2"');
  const stale = await send(agency, 'PATCH', url, { title: '旧版本的修改' }, { 'if-match': '"1"' });
  expect(stale.status).toBe(412);
  expect(stale.headers.get('etag')).toBe('"2"');

  expect((await send(agency, 'POST', `${url}/transitions`, { action: 'submit' })).status).toBe(200);
  const noComment = await send(organizer, 'POST', `${url}/transitions`, { action: 'return' });
  expect(noComment.status).toBe(422);
  expect((await body(noComment)).errors[0].path).toBe('scenario.comment');
  const returned = await send(organizer, 'POST', `${url}/transitions`, {
    action: 'return',
    comment: '请补充数据来源',
  });
  expect(await body(returned)).toMatchObject({ status: 'returned' });
  expect(
    (
      await send(
        agency,
        'PATCH',
        url,
        { goals: '形成可复制的路口治理方案' },
        { 'if-match': returned.headers.get('etag') ?? '' },
      )
    ).status,
  ).toBe(200);
  expect((await send(agency, 'POST', `${url}/transitions`, { action: 'submit' })).status).toBe(200);

  const queue = await body(await send(organizer, 'GET', '/api/v1/workspace/scenarios?status=submitted'));
  expect(queue.items.map((s: { id: string }) => s.id)).toEqual([id]);
  expect((await body(await t.request('/api/v1/scenarios'))).items).toEqual([]);

  const published = await send(organizer, 'POST', `${url}/transitions`, { action: 'publish' });
  expect(await body(published)).toMatchObject({ status: 'published' });
  const hall = await body(await t.request('/api/v1/scenarios'));
  expect(hall.items.map((s: { id: string; issuer: { name: string } }) => [s.id, s.issuer.name])).toEqual([
    [id, '武汉经开区管委会'],
  ]);
  const detail = await body(await t.request(`/api/v1/scenarios/${id}`));
  expect(detail.requirements[0]).toMatchObject({ code: 'CSMM', level: 3 });

  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'scenario.create',
    'scenario.update',
    'scenario.submit',
    'scenario.return',
    'scenario.update',
    'scenario.submit',
    'scenario.publish',
  ]);
});

test('who may do what: firms cannot draft, agencies cannot publish, strangers see nothing', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const otherAgency = await signIn(t, { kind: 'agency' });
  const firm = await signIn(t, { kind: 'firm' });
  const pending = await signIn(t, { kind: 'agency', orgStatus: 'pending' });
  expect((await send(firm, 'POST', '/api/v1/workspace/scenarios', DRAFT)).status).toBe(403);
  expect((await send(pending, 'POST', '/api/v1/workspace/scenarios', DRAFT)).status).toBe(403);
  expect((await t.json('/api/v1/workspace/scenarios', DRAFT)).status).toBe(401);
  const { id } = await body(await send(agency, 'POST', '/api/v1/workspace/scenarios', DRAFT));
  const url = `/api/v1/workspace/scenarios/${id}`;
  expect((await send(agency, 'POST', `${url}/transitions`, { action: 'publish' })).status).toBe(403);
  expect((await send(otherAgency, 'GET', url)).status).toBe(404);
  expect((await send(otherAgency, 'PATCH', url, { title: '篡改' }, { 'if-match': '"1"' })).status).toBe(404);
  expect((await send(otherAgency, 'POST', `${url}/transitions`, { action: 'withdraw' })).status).toBe(404);
  expect((await body(await send(otherAgency, 'GET', '/api/v1/workspace/scenarios'))).items).toEqual([]);
});

test('an action the status does not allow is 409 ILLEGAL_TRANSITION; a withdrawn draft cannot be edited', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const { id } = await body(await send(agency, 'POST', '/api/v1/workspace/scenarios', DRAFT));
  const url = `/api/v1/workspace/scenarios/${id}`;
  const r = await send(organizer, 'POST', `${url}/transitions`, { action: 'publish' });
  expect(r.status).toBe(409);
  expect(await body(r)).toMatchObject({
    code: 'ILLEGAL_TRANSITION',
    detail: "scenario cannot 'publish' from 'draft'",
  });
  expect((await send(agency, 'POST', `${url}/transitions`, { action: 'withdraw' })).status).toBe(200);
  const edit = await send(agency, 'PATCH', url, { title: '再改' }, { 'if-match': '"2"' });
  expect(edit.status).toBe(409);
});

test('two edits racing on one version: exactly one wins, the other gets 412', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const { id } = await body(await send(agency, 'POST', '/api/v1/workspace/scenarios', DRAFT));
  const url = `/api/v1/workspace/scenarios/${id}`;
  const results = await Promise.all(
    ['甲', '乙', '丙'].map((x) => send(agency, 'PATCH', url, { title: `版本${x}` }, { 'if-match': '"1"' })),
  );
  expect(results.map((r) => r.status).sort()).toEqual([200, 412, 412]);
});

test('bad draft input names every field', async () => {
  t = await makeTestApp();
  const agency = await signIn(t, { kind: 'agency' });
  const r = await send(agency, 'POST', '/api/v1/workspace/scenarios', {
    kind: 'tender',
    title: '',
    domain: 'x',
    area: 'transport',
    district: 'wuchang',
    budgetFen: 12.5,
    consortiumMaxPartners: 9,
    requirements: [{ kind: 'magic' }],
  });
  expect(r.status).toBe(422);
  expect((await body(r)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'body.budgetFen',
    'body.consortiumMaxPartners',
    'body.domain',
    'body.kind',
    'body.requirements.0.kind',
    'body.title',
  ]);
});

test('scenarios join only an open call: drafting and submitting check it by the server clock', async () => {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency' });
  const organizer = await signIn(t, { kind: 'organizer' });
  await t.client.execute({
    sql: `INSERT INTO calls (id, organizer_id, title, year, status, opens_at, closes_at) VALUES
          ('OPEN1', ?, '2026年度应用场景征集', 2026, 'open', '2026-01-01T00:00:00.000Z', '2026-11-30T00:00:00.000Z'),
          ('DRAFT1', ?, '2027年度应用场景征集', 2027, 'draft', '2027-01-01T00:00:00.000Z', '2027-12-31T00:00:00.000Z')`,
    args: [organizer.orgId, organizer.orgId],
  });
  const closed = await send(agency, 'POST', '/api/v1/workspace/scenarios', { ...DRAFT, callId: 'DRAFT1' });
  expect(closed.status).toBe(422);
  expect((await body(closed)).errors).toEqual([
    { path: 'scenario.callId', message: 'the call is draft, not open for scenarios' },
  ]);
  const created = await send(agency, 'POST', '/api/v1/workspace/scenarios', {
    ...DRAFT,
    callId: 'OPEN1',
    summary: '概述',
    problem: '问题',
    deadline: '2026-12-31T00:00:00.000Z',
    rewardFen: 100,
    kpis: [{ name: '指标', target: '目标' }],
  });
  expect(created.status).toBe(201);
  const { id } = await body(created);
  t.setNow('2026-11-30T00:00:00.000Z');
  const late = await send(agency, 'POST', `/api/v1/workspace/scenarios/${id}/transitions`, {
    action: 'submit',
  });
  expect(late.status).toBe(422);
  expect((await body(late)).errors[0].path).toBe('scenario.callId');
});

test('attachments are kept as metadata, replaced on edit, and shown on the published scenario', async () => {
  t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
  const agency = await signIn(t, { kind: 'agency' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const pdf = {
    name: '需求说明书.pdf',
    mediaType: 'application/pdf',
    bytes: 482_113,
    sha256: 'a'.repeat(64),
    url: 'https://files.example/需求说明书.pdf',
  };
  const bad = await send(agency, 'POST', '/api/v1/workspace/scenarios', {
    ...DRAFT,
    attachments: [{ name: 'x', mediaType: 'pdf', bytes: 0, url: 'http://insecure' }],
  });
  expect((await body(bad)).errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'body.attachments.0.bytes',
    'body.attachments.0.mediaType',
    'body.attachments.0.url',
  ]);
  const { id } = await body(
    await send(agency, 'POST', '/api/v1/workspace/scenarios', {
      ...DRAFT,
      kind: 'scenario',
      summary: '概述',
      problem: '问题',
      deadline: '2026-12-31T00:00:00.000Z',
      attachments: [pdf, { name: '旧附件.docx', mediaType: 'application/msword', bytes: 10 }],
    }),
  );
  const url = `/api/v1/workspace/scenarios/${id}`;
  expect((await body(await send(agency, 'GET', url))).attachments).toHaveLength(2);
  expect((await send(agency, 'PATCH', url, { attachments: [pdf] }, { 'if-match': '"1"' })).status).toBe(200);
  await send(agency, 'POST', `${url}/transitions`, { action: 'submit' });
  await send(organizer, 'POST', `${url}/transitions`, { action: 'publish' });
  const detail = await body(await t.request(`/api/v1/scenarios/${id}`));
  expect(detail.attachments).toEqual([
    { name: pdf.name, mediaType: pdf.mediaType, bytes: pdf.bytes, sha256: pdf.sha256, url: pdf.url },
  ]);
});
