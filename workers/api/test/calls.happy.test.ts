import { callAcceptsScenarios } from '@scx/db';
import { afterEach, expect, test } from 'vitest';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const send = (...args: Parameters<TestApp['send']>) => t.send(...args);

const CALL = {
  title: '2027年度武汉市数字应用场景征集',
  year: 2027,
  description: '面向全市征集 200 个数字应用场景',
  opensAt: '2027-01-01T00:00:00+08:00',
  closesAt: '2027-06-30T23:59:59+08:00',
  targetCount: 200,
  domains: ['industry-it', 'industrial-software', 'geospatial'],
  targets: { 'industry-it': 120, 'industrial-software': 50 },
};

test('an organizer creates a draft call, edits it with If-Match, then opens, closes, reopens, closes and publishes it', async () => {
  t = await makeTestApp({ now: '2026-12-01T00:00:00.000Z' });
  const organizer = await signIn(t, { kind: 'organizer' });
  const created = await send(organizer, 'POST', '/api/v1/calls', CALL);
  expect(created.status).toBe(201);
  expect(created.headers.get('etag')).toBe('"1"');
  const { id } = await body(created);
  const url = `/api/v1/calls/${id}`;
  expect(created.headers.get('location')).toBe(url);

  // A draft is the organizer's: the public does not see it.
  expect((await t.request(url)).status).toBe(404);
  expect((await body(await t.request('/api/v1/calls'))).items).toEqual([]);
  const own = await send(organizer, 'GET', url);
  expect(own.status).toBe(200);
  expect(await body(own)).toMatchObject({
    status: 'draft',
    opensAt: '2026-12-31T16:00:00.000Z',
    closesAt: '2027-06-30T15:59:59.000Z',
    targets: CALL.targets,
    organizerId: organizer.orgId,
  });

  const edited = await send(
    organizer,
    'PATCH',
    url,
    { targets: { 'industry-it': 100, 'industrial-software': 60, geospatial: 40 } },
    { 'if-match': '"1"' },
  );
  expect(edited.status).toBe(200);
  expect(edited.headers.get('etag')).toBe('"2"');

  const step = async (action: string, expected: string) => {
    const res = await send(organizer, 'POST', `${url}/transitions`, { action });
    expect(res.status, action).toBe(200);
    expect(await body(res)).toMatchObject({ id, status: expected });
    return res;
  };
  await step('open', 'open');
  expect(await callAcceptsScenarios(t.db, id, new Date('2027-03-01T00:00:00.000Z'))).toEqual({ ok: true });
  // Past closesAt an open call no longer accepts scenarios, whatever its status says.
  expect(await callAcceptsScenarios(t.db, id, new Date('2027-07-01T00:00:00.000Z'))).toMatchObject({
    ok: false,
  });
  const publicRead = await t.request(url);
  expect(publicRead.status).toBe(200);
  expect(publicRead.headers.get('etag')).toBe('"3"');
  await step('close', 'closed');
  expect(await callAcceptsScenarios(t.db, id, new Date('2027-03-01T00:00:00.000Z'))).toEqual({
    ok: false,
    message: 'the call is closed, not open for scenarios',
  });
  await step('reopen', 'open');
  await step('close', 'closed');
  await step('publish', 'published');

  const list = await body(await t.request('/api/v1/calls'));
  expect(list.items.map((c: { id: string; status: string }) => [c.id, c.status])).toEqual([
    [id, 'published'],
  ]);

  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'call.create',
    'call.update',
    'call.open',
    'call.close',
    'call.reopen',
    'call.close',
    'call.publish',
  ]);
  expect(await callAcceptsScenarios(t.db, '01JZZZZZZZZZZZZZZZZZZZZZZZ', new Date())).toEqual({
    ok: false,
    message: 'is not a call',
  });
});

test('calls list newest first, filter by status and year, and paginate every row once', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const ids: string[] = [];
  for (let i = 0; i < 7; i++) {
    const res = await send(organizer, 'POST', '/api/v1/calls', {
      ...CALL,
      title: `征集${i}`,
      year: 2026 + (i % 2),
      opensAt: `2026-0${(i % 3) + 1}-01T00:00:00Z`,
      closesAt: '2027-12-31T00:00:00Z',
    });
    const { id } = await body(res);
    ids.push(id);
    if (i < 6) await send(organizer, 'POST', `/api/v1/calls/${id}/transitions`, { action: 'open' });
  }
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const qs: string = `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await body(await t.request(`/api/v1/calls?${qs}`));
    seen.push(...page.items.map((c: { id: string }) => c.id));
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(new Set(seen)).toEqual(new Set(ids.slice(0, 6)));
  expect(seen.length).toBe(6);
  const open2027 = await body(await t.request('/api/v1/calls?status=open&year=2027'));
  expect(open2027.items.map((c: { title: string }) => c.title).sort()).toEqual(['征集1', '征集3', '征集5']);
  // Organizers see drafts too; the public never does.
  const drafts = await body(await send(organizer, 'GET', '/api/v1/calls?status=draft'));
  expect(drafts.items.map((c: { id: string }) => c.id)).toEqual([ids[6]]);
  expect((await body(await t.request('/api/v1/calls?status=draft'))).items).toEqual([]);
});
