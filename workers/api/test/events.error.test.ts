import { makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { callerOf, EVENT, expectStatus, type Member, meet, setUpEvent, step } from './events.fixtures.ts';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

const count = async (table: string) =>
  Number((await t.client.execute(`SELECT count(*) AS n FROM "${table}"`)).rows[0]?.n);

test('bad event input is a 422 problem naming every bad field; cross-field rules are checked on the merged event', async () => {
  t = await makeTestApp();
  const organizer = callerOf(t, await signIn(t, { kind: 'organizer' }));
  const res = await organizer('POST', '/api/v1/events', {
    title: ' ',
    startsAt: '10 December',
    slotMinutes: 2,
    slotCount: 6,
    breaks: [1, 1],
    tables: 0,
    district: 'atlantis',
    hostedBuyer: 'yes',
  });
  expect(res.status).toBe(422);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const p = await body(res);
  expect(p.code).toBe('VALIDATION_FAILED');
  expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual([
    'body.breaks',
    'body.district',
    'body.hostedBuyer',
    'body.slotMinutes',
    'body.startsAt',
    'body.tables',
    'body.title',
  ]);
  const grid = await body(await organizer('POST', '/api/v1/events', { ...EVENT, slotCount: 3, breaks: [4] }));
  expect(grid.errors).toEqual([
    { path: 'body.breaks', message: 'slot 4 is not a slot of the event (slotCount 3)' },
  ]);
  expect(await count('events')).toBe(0);

  const { id } = await body(await organizer('POST', '/api/v1/events', EVENT));
  const url = `/api/v1/events/${id}`;
  // breaks [3] would fall outside a 3-slot grid.
  const merged = await organizer('PATCH', url, { slotCount: 3 }, { 'if-match': '"1"' });
  expect((await body(await expectStatus(merged, 422))).errors).toEqual([
    { path: 'body.breaks', message: 'slot 3 is not a slot of the event (slotCount 3)' },
  ]);
  expect((await organizer('PATCH', url, { title: '改' })).status).toBe(428);
  await expectStatus(await organizer('PATCH', url, { title: '改' }, { 'if-match': '"1"' }), 200);
  const stale = await organizer('PATCH', url, { title: '再改' }, { 'if-match': '"1"' });
  expect(stale.status).toBe(412);
  expect(stale.headers.get('etag')).toBe('"2"');
  expect((await body(await organizer('PATCH', url, {}, { 'if-match': '"2"' }))).errors[0].path).toBe('body');
  const badAction = await body(await organizer('POST', `${url}/transitions`, { action: 'launch' }));
  expect(badAction.errors[0].path).toBe('body.action');
});

test('illegal lifecycle moves answer 409 ILLEGAL_TRANSITION and change nothing', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 1 });
  for (const action of ['publish_schedule', 'start', 'close', 'open_registration', 'reschedule']) {
    const res = await e.organizer('POST', `${e.url}/transitions`, { action });
    expect(res.status, action).toBe(409);
    expect(await body(res)).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      detail: `event cannot '${action}' from 'registration_open'`,
    });
  }
  expect((await body(await t.request(e.url))).status).toBe('registration_open');
  // The schedule runs only while scheduling; meetings move and confirm only when they exist and it fits.
  const early = await e.organizer('POST', `${e.url}/schedule`, {});
  expect((await body(await expectStatus(early, 409))).detail).toMatch(/start_scheduling first/);
  await step(e, 'start_scheduling');
  await step(e, 'publish_schedule');
  await step(e, 'start');
  const edit = await e.organizer('PATCH', e.url, { title: '改' }, { 'if-match': '"5"' });
  expect((await body(await expectStatus(edit, 409))).detail).toMatch(/until its schedule is published/);
  const late = await callerOf(t, await signIn(t, { kind: 'firm' }))('POST', `${e.url}/registrations`, {});
  expect((await body(await expectStatus(late, 409))).detail).toBe(
    'registration is closed: the event is running',
  );
});

test('registration input is checked against the caller’s own scenarios and products and the slot grid', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 0, firms: 0 });
  const agencyActor = await signIn(t, { kind: 'agency' });
  const agency = callerOf(t, agencyActor);
  const own = await makeScenario(t.db, { issuerId: agencyActor.orgId });
  const other = await makeScenario(t.db);
  const res = await agency('POST', `${e.url}/registrations`, {
    scenarioIds: [own.id, other.id],
    productIds: ['01JZZZZZZZZZZZZZZZZZZZZZZZ'],
    availability: [0, 3, 9],
    hostTable: 1,
  });
  expect((await body(await expectStatus(res, 422))).errors).toEqual([
    { path: 'body.scenarioIds.1', message: 'is not one of your scenarios' },
    { path: 'body.productIds.0', message: 'is not one of your products' },
    { path: 'body.availability.1', message: 'slot 3 is a break' },
    { path: 'body.availability.2', message: 'slot 9 does not exist (slotCount 6)' },
    { path: 'body.hostTable', message: 'the event is not in hosted-buyer mode' },
  ]);
  const shape = await agency('POST', `${e.url}/registrations`, { scenarioIds: ['x'], availability: [1, 1] });
  expect((await body(await expectStatus(shape, 422))).errors.map((x: { path: string }) => x.path)).toEqual([
    'body.scenarioIds.0',
    'body.availability',
  ]);
  expect(await count('event_participants')).toBe(0);
  await expectStatus(await agency('POST', `${e.url}/registrations`, { scenarioIds: [own.id] }), 201);
  const twice = await agency('POST', `${e.url}/registrations`, {});
  expect((await body(await expectStatus(twice, 409))).detail).toMatch(/already registered \(registered\)/);
  const missing = await agency('POST', '/api/v1/events/01JZZZZZZZZZZZZZZZZZZZZZZZ/registrations', {});
  expect(missing.status).toBe(404);
  const patch = await agency('PATCH', `${e.url}/registration`, { availability: [5, 3] });
  expect((await body(await expectStatus(patch, 422))).errors).toEqual([
    { path: 'body.availability.1', message: 'slot 3 is a break' },
  ]);
});

test('meeting requests: self, unapproved, duplicates, declined pairs and the per-participant quota answer clearly and write nothing', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 3, firms: 2, event: { requestQuota: 2 } });
  const [a1, a2, a3] = e.agencies as [Member, Member, Member];
  const [f1, f2] = e.firms as [Member, Member];
  const ask = (from: Member, to: string, preference = 'meet') =>
    from.call('POST', `${e.url}/requests`, { toParticipantId: to, preference });

  expect((await body(await expectStatus(await ask(f1, f1.participantId), 422))).errors).toEqual([
    { path: 'body.toParticipantId', message: 'is you' },
  ]);
  expect((await body(await expectStatus(await ask(f1, '01JZZZZZZZZZZZZZZZZZZZZZZZ'), 422))).errors).toEqual([
    { path: 'body.toParticipantId', message: 'is not a participant of this event' },
  ]);
  const pendingFirm = callerOf(t, await signIn(t, { kind: 'firm' }));
  const pending = await body(await pendingFirm('POST', `${e.url}/registrations`, {}));
  expect((await body(await expectStatus(await ask(f1, pending.id), 422))).errors).toEqual([
    { path: 'body.toParticipantId', message: 'is not an approved participant' },
  ]);
  const notYet = await pendingFirm('POST', `${e.url}/requests`, {
    toParticipantId: a1.participantId,
    preference: 'meet',
  });
  expect((await body(await expectStatus(notYet, 403))).detail).toBe(
    'Only approved participants of this event request meetings.',
  );
  const bad = await f1.call('POST', `${e.url}/requests`, {
    toParticipantId: a1.participantId,
    preference: 'maybe',
  });
  expect((await body(await expectStatus(bad, 422))).errors[0].path).toBe('body.preference');

  const r1 = await meet(e, f1, a1, { accept: false });
  expect((await body(await expectStatus(await ask(f1, a1.participantId), 409))).detail).toBe(
    `You have already asked: request ${r1} is requested.`,
  );
  await meet(e, f1, a2);
  // Quota 2: both live requests count; a no-thanks does not.
  const requestsBefore = await count('meeting_requests');
  const auditBefore = await count('audit_log');
  const over = await body(await expectStatus(await ask(f1, a3.participantId), 409));
  expect(over).toMatchObject({
    code: 'CONFLICT',
    detail:
      'Request quota reached: you have 2 open or accepted requests and the event allows 2 per participant; cancel one first.',
  });
  expect(await count('meeting_requests')).toBe(requestsBefore);
  expect(await count('audit_log')).toBe(auditBefore);
  await expectStatus(await ask(f1, f2.participantId, 'no_thanks'), 201);
  // Cancelling frees a place in the quota.
  await expectStatus(await f1.call('POST', `${e.url}/requests/${r1}/cancel`), 200);
  await expectStatus(await ask(f1, a3.participantId), 201);

  const declined = await meet(e, f2, a3, { accept: false });
  await expectStatus(await a3.call('POST', `${e.url}/requests/${declined}/decline`), 200);
  expect((await body(await expectStatus(await ask(f2, a3.participantId), 409))).detail).toBe(
    `They declined your request ${declined}.`,
  );
  const reanswer = await a3.call('POST', `${e.url}/requests/${declined}/accept`);
  expect((await body(await expectStatus(reanswer, 409))).code).toBe('ILLEGAL_TRANSITION');
  const action = await a3.call('POST', `${e.url}/requests/${declined}/ignore`);
  expect(action.status).toBe(404);
});

test('start_scheduling expires every open request in the same transaction; late answers and requests are refused', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 2 });
  const [a] = e.agencies as [Member];
  const [f1, f2] = e.firms as [Member, Member];
  const open1 = await meet(e, f1, a, { accept: false });
  const open2 = await meet(e, f2, a, { accept: false });
  const moved = await step(e, 'start_scheduling');
  expect(moved.expiredRequests).toBe(2);
  const inbox = await body(await a.call('GET', `${e.url}/requests`));
  expect(inbox.received.map((r: { id: string; status: string }) => [r.id, r.status]).sort()).toEqual(
    [
      [open1, 'expired'],
      [open2, 'expired'],
    ].sort(),
  );
  const answer = await a.call('POST', `${e.url}/requests/${open1}/accept`);
  expect((await body(await expectStatus(answer, 409))).detail).toBe(
    'the request is expired, not waiting for an answer',
  );
  const ask = await f1.call('POST', `${e.url}/requests`, {
    toParticipantId: a.participantId,
    preference: 'meet',
  });
  expect((await body(await expectStatus(ask, 409))).detail).toMatch(/while registration is open/);
  const audit = await t.client.execute({
    sql: "SELECT data FROM audit_log WHERE action = 'event.start_scheduling' AND entity_id = ?",
    args: [e.id],
  });
  expect(JSON.parse(String(audit.rows[0]?.data))).toMatchObject({ expiredRequests: 2 });
});

test('outcomes and attendance: after the meeting began only, never for a no-show, amounts only with an intention or agreement', async () => {
  t = await makeTestApp({ now: '2026-12-10T00:00:00.000Z' });
  const e = await setUpEvent(t, { agencies: 1, firms: 1 });
  const [a] = e.agencies as [Member];
  const [f] = e.firms as [Member];
  await meet(e, f, a);
  await step(e, 'start_scheduling');
  const plan = await body(await e.organizer('POST', `${e.url}/schedule`, {}));
  const m = plan.meetings[0];
  const url = `${e.url}/meetings/${m.id}`;
  await step(e, 'publish_schedule');
  const beforeRun = await f.call('POST', `${url}/outcome`, { outcome: 'intention' });
  expect((await body(await expectStatus(beforeRun, 409))).detail).toMatch(/once the event runs/);
  const mark = await e.organizer('POST', `${url}/attendance`, { status: 'held' });
  expect((await body(await expectStatus(mark, 409))).detail).toMatch(/once the event runs/);
  await step(e, 'start');
  const tooEarly = await f.call('POST', `${url}/outcome`, { outcome: 'intention' });
  expect((await body(await expectStatus(tooEarly, 409))).detail).toBe(
    `the meeting has not begun (it starts at ${m.startsAt})`,
  );
  t.setNow('2026-12-10T03:00:00.000Z');
  const none = await f.call('POST', `${url}/outcome`, { outcome: 'none', amountFen: 5 });
  expect((await body(await expectStatus(none, 422))).errors).toEqual([
    { path: 'body.amountFen', message: 'only an intention or an agreement has an amount' },
  ]);
  const fraction = await f.call('POST', `${url}/outcome`, { outcome: 'agreement', amountFen: 1.5 });
  expect((await body(await expectStatus(fraction, 422))).errors[0].path).toBe('body.amountFen');
  const who = await e.organizer('POST', `${url}/attendance`, {
    status: 'held',
    absentParticipantId: f.participantId,
  });
  expect((await body(await expectStatus(who, 422))).errors[0].path).toBe('body.absentParticipantId');
  const stranger = await e.organizer('POST', `${url}/attendance`, {
    status: 'no_show',
    absentParticipantId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
  });
  expect((await body(await expectStatus(stranger, 422))).errors).toEqual([
    { path: 'body.absentParticipantId', message: 'is not a side of this meeting' },
  ]);
  await expectStatus(await e.organizer('POST', `${url}/attendance`, { status: 'no_show' }), 200);
  const afterNoShow = await a.call('POST', `${url}/outcome`, { outcome: 'agreement', amountFen: 100 });
  expect((await body(await expectStatus(afterNoShow, 409))).detail).toBe('the meeting is no_show');
  const checkIn = await e.organizer('POST', `${e.url}/participants/01JZZZZZZZZZZZZZZZZZZZZZZZ/check-in`);
  expect((await body(await expectStatus(checkIn, 404))).detail).toBe(
    'No participant 01JZZZZZZZZZZZZZZZZZZZZZZZ that you can see.',
  );
});
