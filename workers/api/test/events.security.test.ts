import { afterEach, expect, test } from 'vitest';
import { callerOf, EVENT, expectStatus, type Member, meet, setUpEvent, step } from './events.fixtures.ts';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('only organizers create, edit, move, schedule and report on events: agencies and firms 403, anonymous 401', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 1 });
  const [a] = e.agencies as [Member];
  const [f] = e.firms as [Member];
  const pendingOrganizer = callerOf(t, await signIn(t, { kind: 'organizer', orgStatus: 'pending' }));
  const organizerOnly: [string, string, unknown?][] = [
    ['POST', '/api/v1/events', EVENT],
    ['PATCH', e.url, { title: '改' }],
    ['POST', `${e.url}/transitions`, { action: 'start_scheduling' }],
    ['GET', `${e.url}/registrations`],
    ['POST', `${e.url}/registrations/${f.participantId}/reject`, {}],
    ['POST', `${e.url}/schedule`, {}],
    ['GET', `${e.url}/meetings`],
    ['GET', `${e.url}/table-plan`],
    ['POST', `${e.url}/participants/${f.participantId}/check-in`],
    ['GET', `${e.url}/report`],
  ];
  for (const [method, path, payload] of organizerOnly) {
    for (const who of [a.call, f.call, pendingOrganizer]) {
      expect((await who(method, path, payload, { 'if-match': '"2"' })).status, `${method} ${path}`).toBe(403);
    }
    const anon = await t.request(path, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    expect(anon.status, `${method} ${path}`).toBe(401);
  }
  expect((await body(await t.request(e.url))).version).toBe(2);
  const audit = await t.client.execute(
    "SELECT count(*) AS n FROM audit_log WHERE action IN ('event.update', 'event.start_scheduling', 'event.registration_reject')",
  );
  expect(Number(audit.rows[0]?.n)).toBe(0);
});

test('organizers, experts and organizations awaiting approval cannot register; a cookie session needs its CSRF token', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 0, firms: 0 });
  for (const spec of [
    { kind: 'organizer' as const },
    { kind: 'expert-body' as const, role: 'expert' as const },
    { kind: 'firm' as const, orgStatus: 'pending' as const },
    { kind: 'firm' as const, role: 'reviewer' as const },
  ]) {
    const res = await callerOf(t, await signIn(t, spec))('POST', `${e.url}/registrations`, {});
    expect(res.status, JSON.stringify(spec)).toBe(403);
  }
  const firm = await signIn(t, { kind: 'firm' });
  const noCsrf = await t.request(`${e.url}/registrations`, {
    method: 'POST',
    headers: { cookie: firm.headers.cookie as string, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(noCsrf.status).toBe(403);
  expect(Number((await t.client.execute('SELECT count(*) AS n FROM event_participants')).rows[0]?.n)).toBe(0);
});

test('a request is seen and answered by its two participants only; a firm cannot read or touch others’ requests', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 3 });
  const [a] = e.agencies as [Member];
  const [f1, f2, f3] = e.firms as [Member, Member, Member];
  const r = await meet(e, f1, a, { accept: false });
  const nt = await f3.call('POST', `${e.url}/requests`, {
    toParticipantId: f1.participantId,
    preference: 'no_thanks',
  });
  const noThanks = (await body(await expectStatus(nt, 201))).id;

  const seen = await body(await f2.call('GET', `${e.url}/requests`));
  expect(seen).toEqual({
    participantId: f2.participantId,
    quota: { used: 0, limit: 5 },
    sent: [],
    received: [],
  });
  // The target of a no-thanks never sees it.
  expect((await body(await f1.call('GET', `${e.url}/requests`))).received).toEqual([]);
  for (const action of ['accept', 'decline', 'cancel']) {
    const res = await f2.call('POST', `${e.url}/requests/${r}/${action}`);
    expect(res.status, action).toBe(404);
    expect((await body(res)).detail).toBe(`No meeting request ${r} that you can see.`);
  }
  expect((await f1.call('POST', `${e.url}/requests/${noThanks}/cancel`)).status).toBe(404);
  // The sender cannot answer its own request, the recipient cannot withdraw it.
  expect((await body(await f1.call('POST', `${e.url}/requests/${r}/accept`))).detail).toBe(
    'Only the participant asked can accept a request.',
  );
  expect((await body(await a.call('POST', `${e.url}/requests/${r}/cancel`))).detail).toBe(
    'Only the sender can cancel a pending request; decline it instead.',
  );
  // Organizers see counts in the report, never the requests themselves.
  expect((await e.organizer('GET', `${e.url}/requests`)).status).toBe(403);
  const outsider = callerOf(t, await signIn(t, { kind: 'firm' }));
  expect((await outsider('GET', `${e.url}/requests`)).status).toBe(403);
  // A request id of another event is not found through this one.
  const other = await setUpEvent(t, { agencies: 1, firms: 1 });
  const ro = await meet(other, other.firms[0] as Member, other.agencies[0] as Member, { accept: false });
  expect((await a.call('POST', `${e.url}/requests/${ro}/accept`)).status).toBe(404);
  const statuses = await t.client.execute({
    sql: 'SELECT status FROM meeting_requests WHERE id IN (?, ?)',
    args: [r, ro],
  });
  expect(statuses.rows.map((x) => x.status)).toEqual(['requested', 'requested']);
});

test('agendas are the caller’s own: a firm never sees another’s meetings, confirms or records outcomes on them', async () => {
  t = await makeTestApp({ now: '2026-12-10T00:00:00.000Z' });
  const e = await setUpEvent(t, { agencies: 1, firms: 2 });
  const [a] = e.agencies as [Member];
  const [f1, f2] = e.firms as [Member, Member];
  await meet(e, f1, a);
  await step(e, 'start_scheduling');
  const m = (await body(await e.organizer('POST', `${e.url}/schedule`, {}))).meetings[0];
  await step(e, 'publish_schedule');
  await step(e, 'start');
  t.setNow('2026-12-10T03:00:00.000Z');

  const agenda = await body(await f2.call('GET', `${e.url}/agenda`));
  expect(agenda).toMatchObject({ published: true, meetings: [], participant: { id: f2.participantId } });
  const ics = await (await f2.call('GET', `${e.url}/agenda.ics`)).text();
  expect(ics).not.toContain('BEGIN:VEVENT');
  expect(ics).not.toContain(m.id);
  expect((await f2.call('POST', `${e.url}/meetings/${m.id}/confirm`)).status).toBe(404);
  expect(
    (await f2.call('POST', `${e.url}/meetings/${m.id}/outcome`, { outcome: 'agreement', amountFen: 1 }))
      .status,
  ).toBe(404);
  const outsider = callerOf(t, await signIn(t, { kind: 'firm' }));
  expect((await outsider('GET', `${e.url}/agenda`)).status).toBe(403);
  expect((await outsider('GET', `${e.url}/agenda.ics`)).status).toBe(403);
  expect((await e.organizer('GET', `${e.url}/agenda`)).status).toBe(403);
  expect((await t.request(`${e.url}/agenda`)).status).toBe(401);
  const row = await t.client.execute({
    sql: 'SELECT outcome, a_confirmed_at FROM meetings WHERE id = ?',
    args: [m.id],
  });
  expect(row.rows[0]).toMatchObject({ outcome: null, a_confirmed_at: null });
});

test('a draft event is invisible outside organizers: no detail, no directory, no registration', async () => {
  t = await makeTestApp();
  const organizer = callerOf(t, await signIn(t, { kind: 'organizer' }));
  const { id } = await body(await organizer('POST', '/api/v1/events', EVENT));
  const firm = callerOf(t, await signIn(t, { kind: 'firm' }));
  expect((await t.request(`/api/v1/events/${id}`)).status).toBe(404);
  expect((await firm('GET', `/api/v1/events/${id}`)).status).toBe(404);
  expect((await t.request(`/api/v1/events/${id}/participants`)).status).toBe(404);
  expect((await firm('POST', `/api/v1/events/${id}/registrations`, {})).status).toBe(404);
  expect((await firm('GET', `/api/v1/events/${id}/agenda`)).status).toBe(404);
  // Bad or stale credentials on a public read are just the public.
  expect((await t.request('/api/v1/events', { headers: { authorization: 'Bearer nope' } })).status).toBe(200);
  expect((await t.request('/api/v1/events/not-an-id')).status).toBe(422);
});
