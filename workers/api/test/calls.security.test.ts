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
};

test('only organizers create, edit and move calls: agencies and firms get 403, anonymous callers 401', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const agency = await signIn(t, { kind: 'agency' });
  const firm = await signIn(t, { kind: 'firm' });
  const pendingOrganizer = await signIn(t, { kind: 'organizer', orgStatus: 'pending' });
  const { id } = await body(await send(organizer, 'POST', '/api/v1/calls', CALL));
  const url = `/api/v1/calls/${id}`;
  for (const who of [agency, firm, pendingOrganizer]) {
    expect((await send(who, 'POST', '/api/v1/calls', CALL)).status).toBe(403);
    expect((await send(who, 'PATCH', url, { title: '改' }, { 'if-match': '"1"' })).status).toBe(403);
    expect((await send(who, 'POST', `${url}/transitions`, { action: 'open' })).status).toBe(403);
  }
  expect((await t.json('/api/v1/calls', CALL)).status).toBe(401);
  expect(
    (
      await t.request(url, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify({ title: '改' }),
      })
    ).status,
  ).toBe(401);
  expect((await t.json(`${url}/transitions`, { action: 'open' })).status).toBe(401);
  expect((await body(await send(organizer, 'GET', url))).version).toBe(1);
  expect(Number((await t.client.execute('SELECT count(*) AS n FROM calls')).rows[0]?.n)).toBe(1);
});

test('a draft call and its progress are invisible to the public and to other kinds of organization', async () => {
  t = await makeTestApp();
  const organizer = await signIn(t, { kind: 'organizer' });
  const agency = await signIn(t, { kind: 'agency' });
  const { id } = await body(await send(organizer, 'POST', '/api/v1/calls', CALL));
  expect((await t.request(`/api/v1/calls/${id}`)).status).toBe(404);
  expect((await t.request(`/api/v1/calls/${id}/progress`)).status).toBe(404);
  expect((await send(agency, 'GET', `/api/v1/calls/${id}`)).status).toBe(404);
  expect((await send(agency, 'GET', `/api/v1/calls/${id}/progress`)).status).toBe(404);
  expect((await send(organizer, 'GET', `/api/v1/calls/${id}/progress`)).status).toBe(200);
  // A stale or forged session on a public read is simply the public, not an error.
  const forged = await t.request(`/api/v1/calls/${id}`, { headers: { cookie: 'scx_session=forged' } });
  expect(forged.status).toBe(404);
  expect((await t.request('/api/v1/calls', { headers: { authorization: 'Bearer nope' } })).status).toBe(200);
});
