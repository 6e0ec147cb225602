import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const CALL = {
  title: '2027年度场景征集',
  year: 2027,
  opensAt: '2027-01-01T00:00:00Z',
  closesAt: '2027-06-30T00:00:00Z',
  targetCount: 200,
  domains: ['industry-it', 'geospatial'],
  targets: { 'industry-it': 150, geospatial: 50 },
};

const errors = async (res: Response) => (await body(res)).errors as { path: string; message: string }[];

test('a bad call names every bad field, the cross-field rules included', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const res = await send(organizer, 'POST', '/api/v1/calls', {
    title: '',
    year: 1999,
    opensAt: '2027-06-30T00:00:00Z',
    closesAt: '2027-01-01T00:00:00Z',
    targetCount: 100,
    domains: ['industry-it'],
    targets: { 'industry-it': 80, geospatial: 40 },
  });
  expect(res.status).toBe(422);
  const listed = await errors(res);
  expect(listed).toEqual(
    expect.arrayContaining([
      { path: 'body.title', message: 'must not be empty' },
      { path: 'body.year', message: 'must be 2000 or later' },
      { path: 'body.closesAt', message: 'must be after opensAt' },
      { path: 'body.targets', message: 'has domains the call does not list: geospatial' },
      { path: 'body.targets', message: 'add up to 120, more than targetCount 100' },
    ]),
  );
  expect(listed.length).toBe(5);

  const shapes = await send(organizer, 'POST', '/api/v1/calls', {
    title: '征集',
    year: 2027.5,
    opensAt: 'soon',
    closesAt: '2027-06-30',
    targetCount: -1,
    domains: ['astrology'],
    targets: { astrology: 3, 'industry-it': -2 },
    description: 42,
  });
  expect(shapes.status).toBe(422);
  expect((await errors(shapes)).map((e) => e.path).sort()).toEqual([
    'body.closesAt',
    'body.description',
    'body.domains.0',
    'body.opensAt',
    'body.targetCount',
    'body.targets.astrology',
    'body.targets.industry-it',
    'body.year',
  ]);
});

test('edits need If-Match (428), stale is 412, rules hold on the merged call, and only drafts can be edited (409)', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const { id } = await body(await send(organizer, 'POST', '/api/v1/calls', CALL));
  const url = `/api/v1/calls/${id}`;
  expect((await send(organizer, 'PATCH', url, { title: '新标题' })).status).toBe(428);
  // Only targetCount is sent, but the stored targets add up to 200.
  const merged = await send(organizer, 'PATCH', url, { targetCount: 150 }, { 'if-match': '"1"' });
  expect(merged.status).toBe(422);
  expect(await errors(merged)).toEqual([
    { path: 'body.targets', message: 'add up to 200, more than targetCount 150' },
  ]);
  const early = await send(
    organizer,
    'PATCH',
    url,
    { closesAt: '2026-12-01T00:00:00Z' },
    { 'if-match': '"1"' },
  );
  expect(await errors(early)).toEqual([{ path: 'body.closesAt', message: 'must be after opensAt' }]);
  expect((await send(organizer, 'PATCH', url, { title: '新标题' }, { 'if-match': '"1"' })).status).toBe(200);
  const stale = await send(organizer, 'PATCH', url, { title: '旧' }, { 'if-match': '"1"' });
  expect(stale.status).toBe(412);
  expect(stale.headers.get('etag')).toBe('"2"');
  const staleStep = await send(
    organizer,
    'POST',
    `${url}/transitions`,
    { action: 'open' },
    { 'if-match': '"1"' },
  );
  expect(staleStep.status).toBe(412);
  expect((await send(organizer, 'POST', `${url}/transitions`, { action: 'open' })).status).toBe(200);
  const locked = await send(organizer, 'PATCH', url, { title: '开放后再改' }, { 'if-match': '"3"' });
  expect(locked.status).toBe(409);
  expect((await body(locked)).detail).toBe('the call is open; only a draft call can be edited');
  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual(['call.create', 'call.update', 'call.open']);
});

test('illegal lifecycle steps are 409 ILLEGAL_TRANSITION; unknown actions are 422', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const { id } = await body(await send(organizer, 'POST', '/api/v1/calls', CALL));
  const step = (action: string) => send(organizer, 'POST', `/api/v1/calls/${id}/transitions`, { action });
  const publishDraft = await step('publish');
  expect(publishDraft.status).toBe(409);
  expect(await body(publishDraft)).toMatchObject({
    code: 'ILLEGAL_TRANSITION',
    detail: "call cannot 'publish' from 'draft'",
  });
  expect((await step('close')).status).toBe(409);
  expect((await step('reopen')).status).toBe(409);
  expect((await step('open')).status).toBe(200);
  expect((await step('open')).status).toBe(409);
  expect((await step('publish')).status).toBe(409);
  expect((await step('close')).status).toBe(200);
  expect((await step('publish')).status).toBe(200);
  expect((await step('reopen')).status).toBe(409);
  const bogus = await step('archive');
  expect(bogus.status).toBe(422);
  expect((await errors(bogus)).map((e) => e.path)).toEqual(['body.action']);
  expect(
    (
      await send(organizer, 'POST', '/api/v1/calls/01JZZZZZZZZZZZZZZZZZZZZZZZ/transitions', {
        action: 'open',
      })
    ).status,
  ).toBe(404);
});

test('bad list and progress requests name their fields', async () => {
  t = await makeTestApp();
  const res = await t.request('/api/v1/calls?status=archived&year=99&limit=0');
  expect(res.status).toBe(422);
  expect((await errors(res)).map((e) => e.path).sort()).toEqual([
    'query.limit',
    'query.status',
    'query.year',
  ]);
  expect((await errors(await t.request('/api/v1/calls?cursor=bm9wZQ'))).map((e) => e.path)).toEqual([
    'query.cursor',
  ]);
  expect((await t.request('/api/v1/calls/nope/progress')).status).toBe(422);
  expect((await t.request('/api/v1/calls/01JZZZZZZZZZZZZZZZZZZZZZZZ/progress')).status).toBe(404);
});
