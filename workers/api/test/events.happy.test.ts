import { afterEach, expect, test } from 'vitest';
import { callerOf, EVENT, expectStatus, meet, setUpEvent, step } from './events.fixtures.ts';
import { body, makeTestApp, roundTrips, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('an organizer creates a draft event, edits it with If-Match and walks every lifecycle step', async () => {
  t = await makeTestApp();
  const organizer = callerOf(t, await signIn(t, { kind: 'organizer' }));
  const created = await expectStatus(await organizer('POST', '/api/v1/events', EVENT), 201);
  expect(created.headers.get('etag')).toBe('"1"');
  const { id } = await body(created);
  const url = `/api/v1/events/${id}`;
  expect(created.headers.get('location')).toBe(url);

  // A draft is the organizers' own.
  expect((await t.request(url)).status).toBe(404);
  expect((await body(await t.request('/api/v1/events'))).items).toEqual([]);
  const own = await body(await organizer('GET', url));
  expect(own).toMatchObject({
    status: 'draft',
    startsAt: '2026-12-10T01:00:00.000Z',
    endsAt: '2026-12-10T03:00:00.000Z',
    breaks: [3],
    hostedBuyer: false,
    online: false,
    requestQuota: 5,
    allowedActions: ['open_registration', 'cancel'],
  });
  expect(own.slots.map((s: { startsAt: string }) => s.startsAt.slice(11, 16))).toEqual([
    '01:00',
    '01:20',
    '01:40',
    '02:00',
    '02:20',
    '02:40',
  ]);

  const edited = await organizer('PATCH', url, { online: true, slotCount: 8 }, { 'if-match': '"1"' });
  expect(edited.headers.get('etag')).toBe('"2"');
  expect(await body(await expectStatus(edited, 200))).toEqual({ id, version: 2 });
  expect(await body(await organizer('GET', url))).toMatchObject({ online: true, slotCount: 8 });

  const path: [string, string][] = [
    ['open_registration', 'registration_open'],
    ['start_scheduling', 'scheduling'],
    ['reopen_registration', 'registration_open'],
    ['start_scheduling', 'scheduling'],
    ['publish_schedule', 'scheduled'],
    ['reschedule', 'scheduling'],
    ['publish_schedule', 'scheduled'],
    ['start', 'running'],
    ['close', 'closed'],
  ];
  for (const [action, status] of path) {
    const res = await organizer('POST', `${url}/transitions`, { action, comment: `第${action}步` });
    expect(await body(await expectStatus(res, 200)), action).toMatchObject({ id, status });
  }
  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'event.create',
    'event.update',
    ...path.map(([a]) => `event.${a}`),
  ]);
  // A published event is public; closed is the end.
  expect((await t.request(url)).status).toBe(200);
  const done = await body(await organizer('POST', `${url}/transitions`, { action: 'cancel' }));
  expect(done.code).toBe('ILLEGAL_TRANSITION');
});

test('events list latest first, filter by status and paginate every row once', async () => {
  t = await makeTestApp();
  const organizer = callerOf(t, await signIn(t, { kind: 'organizer' }));
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const { id } = await body(
      await organizer('POST', '/api/v1/events', {
        ...EVENT,
        title: `对接会${i}`,
        startsAt: `2026-12-1${i}T01:00:00Z`,
      }),
    );
    ids.push(id);
    if (i % 2 === 0)
      await organizer('POST', `/api/v1/events/${id}/transitions`, { action: 'open_registration' });
  }
  const publicList = await body(await t.request('/api/v1/events'));
  expect(publicList.items.map((e: { id: string }) => e.id)).toEqual([ids[4], ids[2], ids[0]]);
  const all: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = await body(
      await organizer('GET', `/api/v1/events?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
    );
    all.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(all).toEqual([...ids].reverse());
  const drafts = await body(await organizer('GET', '/api/v1/events?status=draft'));
  expect(drafts.items.map((e: { id: string }) => e.id)).toEqual([ids[3], ids[1]]);
});

test('registration: the role comes from the organization kind, availability defaults to every meeting slot, the organizer approves or rejects', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 0, firms: 0 });
  const agency = callerOf(t, await signIn(t, { kind: 'agency', orgName: '武汉市交通运输局' }));
  const firm = callerOf(t, await signIn(t, { kind: 'firm', orgName: '楚天数智科技' }));
  const a = await body(
    await expectStatus(await agency('POST', `${e.url}/registrations`, { needs: '信号优化' }), 201),
  );
  const f = await body(
    await expectStatus(
      await firm('POST', `${e.url}/registrations`, { offers: '车路协同', availability: [0, 1] }),
      201,
    ),
  );
  expect(a.status).toBe('registered');
  expect(await body(await agency('GET', `${e.url}/registration`))).toMatchObject({
    id: a.id,
    role: 'agency',
    orgName: '武汉市交通运输局',
    availability: [0, 1, 2, 4, 5],
    hostTable: null,
    status: 'registered',
  });
  expect(await body(await firm('GET', `${e.url}/registration`))).toMatchObject({
    role: 'firm',
    availability: [0, 1],
  });

  // Nobody is in the public directory before approval.
  expect((await body(await t.request(`${e.url}/participants`))).items).toEqual([]);
  await expectStatus(await e.organizer('POST', `${e.url}/registrations/${a.id}/approve`, {}), 200);
  const rejected = await e.organizer('POST', `${e.url}/registrations/${f.id}/reject`, { reason: '材料不全' });
  expect(await body(await expectStatus(rejected, 200))).toEqual({ id: f.id, status: 'rejected' });
  expect((await body(await t.request(`${e.url}/participants`))).items).toEqual([
    {
      participantId: a.id,
      orgId: expect.any(String),
      orgName: '武汉市交通运输局',
      role: 'agency',
      district: 'hongshan',
      needs: '信号优化',
      offers: '',
    },
  ]);
  // A rejected firm fixes its registration and is approved after all.
  await expectStatus(await firm('PATCH', `${e.url}/registration`, { offers: '车路协同与信号配时' }), 200);
  await expectStatus(await e.organizer('POST', `${e.url}/registrations/${f.id}/approve`, {}), 200);
  expect((await body(await t.request(`${e.url}/participants`))).items).toHaveLength(2);
  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq',
    args: [f.id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual([
    'event.register',
    'event.registration_reject',
    'event.registration_update',
    'event.registration_approve',
  ]);
});

test('requests: request, accept, decline, cancel and ask again; a quota view for the sender', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 2, firms: 1 });
  const [a1, a2] = e.agencies as [(typeof e.agencies)[0], (typeof e.agencies)[0]];
  const [f1] = e.firms as [(typeof e.firms)[0]];
  const r1 = await meet(e, f1, a1, { preference: 'must_meet', accept: false });
  const r2 = await meet(e, f1, a2, { accept: false });
  const inbox = await body(await a1.call('GET', `${e.url}/requests`));
  expect(inbox.received).toEqual([
    expect.objectContaining({
      id: r1,
      preference: 'must_meet',
      status: 'requested',
      from: expect.objectContaining({ participantId: f1.participantId, orgName: f1.name, role: 'firm' }),
    }),
  ]);
  expect(await body(await a1.call('POST', `${e.url}/requests/${r1}/accept`))).toEqual({
    id: r1,
    status: 'accepted',
  });
  expect(await body(await a2.call('POST', `${e.url}/requests/${r2}/decline`))).toEqual({
    id: r2,
    status: 'declined',
  });
  let mine = await body(await f1.call('GET', `${e.url}/requests`));
  expect(mine.quota).toEqual({ used: 1, limit: 5 });
  expect(mine.sent.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([
    [r2, 'declined'],
    [r1, 'accepted'],
  ]);
  // Either side may cancel an accepted request; the sender may then ask again (the same request, revived).
  expect(await body(await a1.call('POST', `${e.url}/requests/${r1}/cancel`))).toEqual({
    id: r1,
    status: 'cancelled',
  });
  const again = await f1.call('POST', `${e.url}/requests`, {
    toParticipantId: a1.participantId,
    preference: 'meet',
  });
  expect(await body(await expectStatus(again, 201))).toEqual({ id: r1, status: 'requested' });
  mine = await body(await f1.call('GET', `${e.url}/requests`));
  expect(mine.sent.find((r: { id: string }) => r.id === r1)).toMatchObject({
    preference: 'meet',
    status: 'requested',
  });
  // The agency asks the firm's counterpart directly the other way round: it is told to answer instead.
  const reverse = await a1.call('POST', `${e.url}/requests`, {
    toParticipantId: f1.participantId,
    preference: 'meet',
  });
  expect(await body(await expectStatus(reverse, 409))).toMatchObject({
    code: 'CONFLICT',
    detail: `They have already asked you: accept their request ${r1} instead.`,
  });
});

test('a no-thanks replaces the sender’s own request, declines the other side’s and blocks the pair both ways', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 2 });
  const [a] = e.agencies as [(typeof e.agencies)[0]];
  const [f1, f2] = e.firms as [(typeof e.firms)[0], (typeof e.firms)[0]];
  const incoming = await meet(e, f1, a, { accept: false });
  const accepted = await meet(e, f2, a);
  for (const f of [f1, f2]) {
    await expectStatus(
      await a.call('POST', `${e.url}/requests`, {
        toParticipantId: f.participantId,
        preference: 'no_thanks',
      }),
      201,
    );
  }
  const f1View = await body(await f1.call('GET', `${e.url}/requests`));
  expect(f1View.sent).toEqual([expect.objectContaining({ id: incoming, status: 'declined' })]);
  expect(f1View.received).toEqual([]);
  const f2View = await body(await f2.call('GET', `${e.url}/requests`));
  expect(f2View.sent).toEqual([expect.objectContaining({ id: accepted, status: 'cancelled' })]);
  // Neither side can ask now, in either direction.
  const blocked = await f2.call('POST', `${e.url}/requests`, {
    toParticipantId: a.participantId,
    preference: 'must_meet',
  });
  expect(await body(await expectStatus(blocked, 409))).toMatchObject({
    detail: 'This pair cannot meet: a no-thanks preference blocks it.',
  });
  // The agency may withdraw its own no-thanks, and then the firm can ask.
  const nt = (await body(await a.call('GET', `${e.url}/requests`))).sent.find(
    (r: { to: { participantId: string } }) => r.to.participantId === f2.participantId,
  );
  expect(nt).toMatchObject({ preference: 'no_thanks', status: 'recorded' });
  await expectStatus(await a.call('POST', `${e.url}/requests/${nt.id}/cancel`), 200);
  await expectStatus(
    await f2.call('POST', `${e.url}/requests`, { toParticipantId: a.participantId, preference: 'meet' }),
    201,
  );
  const report = await body(await e.organizer('GET', `${e.url}/report`));
  expect(report.requests.noThanks).toBe(1);
});

test('cancelling an accepted request after the schedule is published removes its meeting from both agendas', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 1 });
  const [a] = e.agencies as [(typeof e.agencies)[0]];
  const [f] = e.firms as [(typeof e.firms)[0]];
  const r = await meet(e, f, a);
  await step(e, 'start_scheduling');
  await expectStatus(await e.organizer('POST', `${e.url}/schedule`, {}), 200);
  await step(e, 'publish_schedule');
  expect((await body(await a.call('GET', `${e.url}/agenda`))).meetings).toHaveLength(1);
  await expectStatus(await f.call('POST', `${e.url}/requests/${r}/cancel`), 200);
  expect((await body(await a.call('GET', `${e.url}/agenda`))).meetings).toEqual([]);
  expect((await body(await e.organizer('GET', `${e.url}/meetings`))).items).toEqual([]);
  const audit = await t.client.execute({
    sql: 'SELECT data FROM audit_log WHERE entity_id = ? ORDER BY seq DESC LIMIT 1',
    args: [r],
  });
  expect(JSON.parse(String(audit.rows[0]?.data))).toMatchObject({
    from: 'accepted',
    to: 'cancelled',
    droppedMeeting: expect.any(String),
  });
});

test('creating an event or a request replays with the same Idempotency-Key; reads are one round trip after the session', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 1 });
  const [a] = e.agencies as [(typeof e.agencies)[0]];
  const [f] = e.firms as [(typeof e.firms)[0]];
  const key = { 'idempotency-key': 'event-create-1' };
  const first = await expectStatus(await e.organizer('POST', '/api/v1/events', EVENT, key), 201);
  const replay = await e.organizer('POST', '/api/v1/events', EVENT, key);
  expect(replay.headers.get('idempotent-replayed')).toBe('true');
  expect(await body(replay)).toEqual(await body(first));
  const conflicting = await e.organizer('POST', '/api/v1/events', { ...EVENT, title: '另一个' }, key);
  expect((await body(conflicting)).code).toBe('IDEMPOTENCY_CONFLICT');
  const ask = { toParticipantId: a.participantId, preference: 'meet' };
  const k2 = { 'idempotency-key': 'ask-1' };
  const r1 = await body(await expectStatus(await f.call('POST', `${e.url}/requests`, ask, k2), 201));
  const r2 = await f.call('POST', `${e.url}/requests`, ask, k2);
  expect(r2.status).toBe(201);
  expect(await body(r2)).toEqual(r1);

  expect(roundTrips(await t.request(`${e.url}/participants`))).toBe(1);
  expect(roundTrips(await f.call('GET', `${e.url}/requests`))).toBe(2);
  expect(roundTrips(await f.call('GET', `${e.url}/agenda`))).toBe(2);
  expect(roundTrips(await e.organizer('GET', `${e.url}/report`))).toBe(2);
  expect(roundTrips(await e.organizer('GET', `${e.url}/table-plan`))).toBe(2);
});
