import { afterEach, expect, test } from 'vitest';
import { callerOf, expectStatus, type Member, meet, setUpEvent, step } from './events.fixtures.ts';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

type MeetingOut = { id: string; requestId: string; slot: number; table: number; status: string };

const availability = (m: Member, url: string, slots: number[]) =>
  m.call('PATCH', `${url}/registration`, { availability: slots });

test('the scheduler answers every request it could not place with the reason, and never double-books', async () => {
  t = await makeTestApp();
  // One table: two firms both want the agency, which can only come in slot 0.
  const e = await setUpEvent(t, { agencies: 1, firms: 3, event: { tables: 1 } });
  const [a] = e.agencies as [Member];
  const [f1, f2, f3] = e.firms as [Member, Member, Member];
  await expectStatus(await availability(a, e.url, [0, 1]), 200);
  await expectStatus(await availability(f3, e.url, [4, 5]), 200);
  const must = await meet(e, f1, a, { preference: 'must_meet' });
  const plain = await meet(e, f2, a);
  const apart = await meet(e, f3, a, { preference: 'must_meet' });
  await step(e, 'start_scheduling');
  const plan = await body(await expectStatus(await e.organizer('POST', `${e.url}/schedule`, {}), 200));
  expect(plan.stats).toEqual({ requests: 3, placed: 2, mustRequested: 2, mustPlaced: 1 });
  expect(plan.meetings.map((m: MeetingOut) => m.requestId).sort()).toEqual([must, plain].sort());
  expect(new Set(plan.meetings.map((m: MeetingOut) => m.slot))).toEqual(new Set([0, 1]));
  expect(plan.unplaced).toEqual([
    {
      requestId: apart,
      a: expect.objectContaining({ participantId: f3.participantId, orgName: f3.name }),
      b: expect.objectContaining({ participantId: a.participantId }),
      priority: 2,
      reason: 'no_common_slot',
      message: expect.any(String),
    },
  ]);
  const stored = await body(await e.organizer('GET', `${e.url}/meetings`));
  expect(stored.items.map((m: MeetingOut) => m.id).sort()).toEqual(
    plan.meetings.map((m: MeetingOut) => m.id).sort(),
  );
});

test('re-running keeps confirmed meetings where they are unless allowMove, and a moved meeting loses its confirmations', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 1, event: { tables: 2 } });
  const [a] = e.agencies as [Member];
  const [f1] = e.firms as [Member];
  await meet(e, f1, a, { preference: 'must_meet' });
  await step(e, 'start_scheduling');
  const first = await body(await e.organizer('POST', `${e.url}/schedule`, {}));
  const confirmed: MeetingOut = first.meetings[0];
  await step(e, 'publish_schedule');
  await expectStatus(await f1.call('POST', `${e.url}/meetings/${confirmed.id}/confirm`), 200);
  await expectStatus(await a.call('POST', `${e.url}/meetings/${confirmed.id}/confirm`), 200);

  // A late firm that can only come in the confirmed meeting's slot, and must meet the same agency.
  await step(e, 'reschedule');
  await step(e, 'reopen_registration');
  const lateActor = await signIn(t, { kind: 'firm', orgName: '迟到科技' });
  const late = callerOf(t, lateActor);
  const reg = await body(
    await expectStatus(await late('POST', `${e.url}/registrations`, { availability: [confirmed.slot] }), 201),
  );
  await expectStatus(await e.organizer('POST', `${e.url}/registrations/${reg.id}/approve`, {}), 200);
  const lateM: Member = { actor: lateActor, call: late, participantId: reg.id, name: '迟到科技' };
  const lateReq = await meet(e, lateM, a, { preference: 'must_meet' });
  await step(e, 'start_scheduling');

  const kept = await body(await e.organizer('POST', `${e.url}/schedule`, {}));
  expect(kept.meetings.find((m: MeetingOut) => m.id === confirmed.id)).toMatchObject({
    slot: confirmed.slot,
    table: confirmed.table,
    status: 'confirmed',
  });
  expect(kept.unplaced).toEqual([expect.objectContaining({ requestId: lateReq })]);

  const moved = await body(await e.organizer('POST', `${e.url}/schedule`, { allowMove: true }));
  expect(moved.unplaced).toEqual([]);
  expect(moved.meetings.find((m: MeetingOut) => m.requestId === lateReq)).toMatchObject({
    slot: confirmed.slot,
  });
  const again = moved.meetings.find((m: MeetingOut) => m.id === confirmed.id);
  expect(again.slot).not.toBe(confirmed.slot);
  expect(again).toMatchObject({ status: 'scheduled', aConfirmedAt: null, bConfirmedAt: null });
  expect(moved.changes).toEqual([
    expect.objectContaining({ confirmed: true, from: { slot: confirmed.slot, table: confirmed.table } }),
  ]);
});

test('the organizer moves a meeting by hand: free table, no double booking, availability and breaks are checked', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 2, firms: 1, event: { tables: 2 } });
  const [a1, a2] = e.agencies as [Member, Member];
  const [f] = e.firms as [Member];
  await expectStatus(await availability(a2, e.url, [0, 1, 2]), 200);
  await meet(e, f, a1);
  await meet(e, f, a2);
  await step(e, 'start_scheduling');
  const plan = await body(await e.organizer('POST', `${e.url}/schedule`, {}));
  type WithB = MeetingOut & { b: { participantId: string } };
  const m1 = plan.meetings.find((m: WithB) => m.b.participantId === a1.participantId) as MeetingOut;
  const m2 = plan.meetings.find((m: WithB) => m.b.participantId === a2.participantId) as MeetingOut;
  const move = (m: MeetingOut, slot: number, table: number) =>
    e.organizer('PATCH', `${e.url}/meetings/${m.id}`, { slot, table });

  const taken = await body(await expectStatus(await move(m1, m2.slot, m2.table), 409));
  expect(taken.detail).toMatch(/is taken in slot/);
  // The firm sits in both meetings: the other table of the same slot would double-book it.
  const twice = await body(await expectStatus(await move(m1, m2.slot, 1 - m2.table), 409));
  expect(twice.detail).toMatch(/already meets in slot/);
  const brk = await body(await expectStatus(await move(m1, 3, 0), 422));
  expect(brk.errors).toEqual([{ path: 'body.slot', message: 'slot 3 is a break' }]);
  const off = await body(await expectStatus(await move(m2, 5, 0), 422));
  expect(off.errors).toEqual([
    { path: 'body.slot', message: `participant ${a2.participantId} is not available in slot 5` },
  ]);
  const noTable = await body(await expectStatus(await move(m1, 5, 2), 422));
  expect(noTable.errors).toEqual([
    { path: 'body.table', message: 'table 2 does not exist (the event has 2)' },
  ]);
  const free = [0, 1, 2, 4, 5].find((s) => s !== m1.slot && s !== m2.slot) as number;
  const ok = await body(await expectStatus(await move(m1, free, 1), 200));
  expect(ok).toEqual({ id: m1.id, slot: free, table: 1, status: 'scheduled' });
  const plan2 = await body(await e.organizer('GET', `${e.url}/table-plan`));
  expect(plan2.slots[free].cells[1].meeting).toMatchObject({ id: m1.id });
  expect(plan2.slots[m1.slot].cells[m1.table].meeting).toBeNull();
  const audit = await t.client.execute({
    sql: 'SELECT action FROM audit_log WHERE entity_id = ?',
    args: [m1.id],
  });
  expect(audit.rows.map((r) => r.action)).toEqual(['event.meeting_move']);
});

test('hosted-buyer mode: each agency stays at its table while firms rotate; a host’s meeting cannot leave its table', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, {
    agencies: 2,
    firms: 3,
    event: { hostedBuyer: true, tables: 3 },
    hostTables: [2, null],
  });
  // Agencies host; firms do not, and a table is hosted once.
  const firm = callerOf(t, await signIn(t, { kind: 'firm' }));
  const bad = await firm('POST', `${e.url}/registrations`, { hostTable: 0 });
  expect((await body(await expectStatus(bad, 422))).errors).toEqual([
    { path: 'body.hostTable', message: 'only agencies host a table; firms rotate' },
  ]);
  const agency = callerOf(t, await signIn(t, { kind: 'agency' }));
  const twice = await agency('POST', `${e.url}/registrations`, { hostTable: 2 });
  expect((await body(await expectStatus(twice, 422))).errors).toEqual([
    { path: 'body.hostTable', message: "3号桌 is another host's table" },
  ]);
  const [a1, a2] = e.agencies as [Member, Member];
  for (const f of e.firms) {
    await meet(e, f, a1);
    await meet(e, f, a2);
  }
  await step(e, 'start_scheduling');
  const plan = await body(await e.organizer('POST', `${e.url}/schedule`, {}));
  expect(plan.unplaced).toEqual([]);
  const tablesOf = (p: string) =>
    new Set(
      plan.meetings
        .filter((m: { a: { participantId: string }; b: { participantId: string } }) =>
          [m.a.participantId, m.b.participantId].includes(p),
        )
        .map((m: MeetingOut) => m.table),
    );
  expect(tablesOf(a1.participantId)).toEqual(new Set([2]));
  expect(tablesOf(a2.participantId).size).toBe(1);
  const hosted = plan.meetings.find(
    (m: { b: { participantId: string } }) => m.b.participantId === a1.participantId,
  ) as MeetingOut;
  const res = await e.organizer('PATCH', `${e.url}/meetings/${hosted.id}`, { slot: hosted.slot, table: 1 });
  expect((await body(await expectStatus(res, 422))).errors).toEqual([
    {
      path: 'body.table',
      message: `in hosted-buyer mode host ${a1.participantId} stays at 3号桌 (table 2)`,
    },
  ]);
});

test('participants confirm only a published schedule, and only their own meetings', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 2 });
  const [a] = e.agencies as [Member];
  const [f1, f2] = e.firms as [Member, Member];
  await meet(e, f1, a);
  await step(e, 'start_scheduling');
  const plan = await body(await e.organizer('POST', `${e.url}/schedule`, {}));
  const m = plan.meetings[0] as MeetingOut;
  const early = await f1.call('POST', `${e.url}/meetings/${m.id}/confirm`);
  expect((await body(await expectStatus(early, 409))).code).toBe('ILLEGAL_TRANSITION');
  await step(e, 'publish_schedule');
  await expectStatus(await f2.call('POST', `${e.url}/meetings/${m.id}/confirm`), 404);
  const one = await body(await expectStatus(await f1.call('POST', `${e.url}/meetings/${m.id}/confirm`), 200));
  expect(one).toMatchObject({ status: 'scheduled', aConfirmedAt: expect.any(String), bConfirmedAt: null });
  const agenda = await body(await a.call('GET', `${e.url}/agenda`));
  expect(agenda.meetings[0]).toMatchObject({ confirmedByMe: false, confirmedByCounterpart: true });
  // Confirming twice changes nothing.
  await expectStatus(await f1.call('POST', `${e.url}/meetings/${m.id}/confirm`), 200);
  const audit = await t.client.execute({
    sql: 'SELECT count(*) AS n FROM audit_log WHERE entity_id = ?',
    args: [m.id],
  });
  expect(Number(audit.rows[0]?.n)).toBe(1);
});

test('objective: must-first keeps a must-meet; total-priority lets it give way to two meets; a bad one is a 422', async () => {
  t = await makeTestApp();
  // Everyone can come in slot 0 only, two tables: f1–A1 (must) or both f1–A2 and f2–A1 (meets).
  const e = await setUpEvent(t, { agencies: 2, firms: 2, event: { tables: 2 } });
  const [a1, a2] = e.agencies as [Member, Member];
  const [f1, f2] = e.firms as [Member, Member];
  for (const m of [a1, a2, f1, f2]) await expectStatus(await availability(m, e.url, [0]), 200);
  const must = await meet(e, f1, a1, { preference: 'must_meet' });
  const m1 = await meet(e, f1, a2);
  const m2 = await meet(e, f2, a1);
  await step(e, 'start_scheduling');
  const bad = await e.organizer('POST', `${e.url}/schedule`, { objective: 'meetings' });
  expect((await body(await expectStatus(bad, 422))).errors).toEqual([
    { path: 'body.objective', message: "must be 'must-first' or 'total-priority'" },
  ]);
  const first = await body(await expectStatus(await e.organizer('POST', `${e.url}/schedule`, {}), 200));
  expect(first.meetings.map((m: MeetingOut) => m.requestId)).toEqual([must]);
  expect(first.unplaced.map((u: { requestId: string }) => u.requestId).sort()).toEqual([m1, m2].sort());
  const total = await body(
    await expectStatus(await e.organizer('POST', `${e.url}/schedule`, { objective: 'total-priority' }), 200),
  );
  expect(total.meetings.map((m: MeetingOut) => m.requestId).sort()).toEqual([m1, m2].sort());
  expect(total.unplaced).toEqual([expect.objectContaining({ requestId: must, reason: 'participant_busy' })]);
  expect(total.stats).toEqual({ requests: 3, placed: 2, mustRequested: 1, mustPlaced: 0 });
});

test('a participant’s own meeting cap (maxMeetings) is kept; the rest are unplaced as quota_reached', async () => {
  t = await makeTestApp();
  const e = await setUpEvent(t, { agencies: 1, firms: 3, event: { tables: 3 } });
  const [a] = e.agencies as [Member];
  const [f1, f2, f3] = e.firms as [Member, Member, Member];
  // A bad cap is named; then the agency takes at most two meetings in the day.
  const bad = await a.call('PATCH', `${e.url}/registration`, { maxMeetings: 0 });
  await expectStatus(bad, 422);
  expect((await body(bad)).errors.map((x: { path: string }) => x.path)).toEqual(['body.maxMeetings']);
  await expectStatus(await a.call('PATCH', `${e.url}/registration`, { maxMeetings: 2 }), 200);
  expect((await body(await a.call('GET', `${e.url}/registration`))).maxMeetings).toBe(2);
  const must = await meet(e, f1, a, { preference: 'must_meet' });
  await meet(e, f2, a);
  await meet(e, f3, a);
  await step(e, 'start_scheduling');
  const plan = await body(await expectStatus(await e.organizer('POST', `${e.url}/schedule`, {}), 200));
  expect(plan.meetings).toHaveLength(2);
  expect(plan.meetings.map((m: MeetingOut) => m.requestId)).toContain(must);
  expect(plan.unplaced).toEqual([expect.objectContaining({ reason: 'quota_reached', priority: 1 })]);
});
