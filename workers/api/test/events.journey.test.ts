import { makeScenario } from '@scx/db/factories';
import { afterEach, expect, test } from 'vitest';
import { callerOf, expectStatus, type Member, meet, setUpEvent, step, unfoldIcs } from './events.fixtures.ts';
import { body, makeTestApp, signIn, type TestApp } from './harness.ts';

let t: TestApp;
afterEach(() => t?.close());

test('an organizer runs a matchmaking event end to end: registration, requests, schedule, agenda + ICS, check-in, outcomes, report', async () => {
  t = await makeTestApp({ now: '2026-12-10T00:30:00.000Z' });
  const e = await setUpEvent(t, { agencies: 0, firms: 0 });
  const { organizer, url } = e;

  // The organizer fixes the grid before anyone registers (If-Match), and the public sees the slot times.
  const read = await organizer('GET', url);
  expect(read.headers.get('etag')).toBe('"2"');
  await expectStatus(await organizer('PATCH', url, { tables: 3 }, { 'if-match': '"2"' }), 200);
  const detail = await body(await t.request(url));
  expect(detail).toMatchObject({
    status: 'registration_open',
    tables: 3,
    startsAt: '2026-12-10T01:00:00.000Z',
  });
  expect(detail.endsAt).toBe('2026-12-10T03:00:00.000Z');
  expect(detail.slots[0]).toEqual({
    index: 0,
    startsAt: '2026-12-10T01:00:00.000Z',
    endsAt: '2026-12-10T01:20:00.000Z',
    break: false,
  });
  expect(detail.slots[3].break).toBe(true);
  expect(detail.allowedActions).toEqual(['start_scheduling', 'cancel']);
  const listed = await body(await t.request('/api/v1/events'));
  expect(listed.items.map((x: { id: string }) => x.id)).toEqual([e.id]);

  // An agency (with its own scenario) and three firms (with their products) register; the organizer approves.
  const agencyActor = await signIn(t, { kind: 'agency', orgName: '武汉市中心医院' });
  const agency = callerOf(t, agencyActor);
  const scenario = await makeScenario(t.db, { issuerId: agencyActor.orgId });
  const reg = await expectStatus(
    await agency('POST', `${url}/registrations`, {
      needs: '智慧病房、院内导航',
      scenarioIds: [scenario.id],
      availability: [0, 1, 2, 4, 5],
    }),
    201,
  );
  const agencyP = (await body(reg)).id;
  const firms: Member[] = [];
  for (const [i, [name, domains, district]] of (
    [
      ['光谷智联科技有限公司', ['industry-it', 'geospatial'], 'east-lake-hightech'],
      ['江城数据科技有限公司', ['cybersecurity'], 'hongshan'],
      ['汉阳软件有限公司', [], 'hanyang'],
    ] as const
  ).entries()) {
    const actor = await signIn(t, { kind: 'firm', orgName: name });
    await t.client.execute({
      sql: 'UPDATE organizations SET domains = ?, district = ? WHERE id = ?',
      args: [JSON.stringify(domains), district, actor.orgId],
    });
    const call = callerOf(t, actor);
    const product = await body(await call('POST', '/api/v1/products', { name: `${name}产品${i}` }));
    const r = await expectStatus(
      await call('POST', `${url}/registrations`, { offers: `${name}的方案`, productIds: [product.id] }),
      201,
    );
    firms.push({ actor, call, name, participantId: (await body(r)).id as string });
  }
  const [f1, f2, f3] = firms as [Member, Member, Member];
  const regs = await body(await organizer('GET', `${url}/registrations`));
  expect(regs.items.map((r: { status: string }) => r.status)).toEqual([
    'registered',
    'registered',
    'registered',
    'registered',
  ]);
  expect(regs.items[0]).toMatchObject({
    orgName: '武汉市中心医院',
    role: 'agency',
    scenarioIds: [scenario.id],
  });
  for (const p of [agencyP, f1.participantId, f2.participantId, f3.participantId]) {
    await expectStatus(
      await organizer('POST', `${url}/registrations/${p}/approve`, { reason: '资质齐全' }),
      200,
    );
  }
  const directory = await body(await t.request(`${url}/participants`));
  expect(directory.items).toHaveLength(4);
  expect(directory.items[0]).toMatchObject({
    participantId: agencyP,
    role: 'agency',
    needs: '智慧病房、院内导航',
  });

  // Requests: two accepted, one no-thanks between firms, one left unanswered (it expires at scheduling).
  const agencyM: Member = {
    call: agency,
    participantId: agencyP,
    name: '武汉市中心医院',
    actor: agencyActor,
  };
  const r1 = await meet(e, f1, agencyM, { preference: 'must_meet' });
  const r2 = await meet(e, f2, agencyM);
  await expectStatus(
    await f1.call('POST', `${url}/requests`, { toParticipantId: f2.participantId, preference: 'no_thanks' }),
    201,
  );
  await meet(e, f3, agencyM, { accept: false });
  const mine = await body(await f1.call('GET', `${url}/requests`));
  expect(mine.quota).toEqual({ used: 1, limit: 5 });
  expect(mine.sent.map((r: { preference: string }) => r.preference).sort()).toEqual([
    'must_meet',
    'no_thanks',
  ]);
  // The other firm never learns of the no-thanks.
  expect((await body(await f2.call('GET', `${url}/requests`))).received).toEqual([]);

  const scheduling = await step(e, 'start_scheduling');
  expect(scheduling).toMatchObject({ status: 'scheduling', expiredRequests: 1 });

  const plan = await body(await expectStatus(await organizer('POST', `${url}/schedule`, {}), 200));
  expect(plan.unplaced).toEqual([]);
  expect(plan.meetings.map((m: { requestId: string }) => m.requestId).sort()).toEqual([r1, r2].sort());
  for (const m of plan.meetings) {
    expect([0, 1, 2, 4, 5]).toContain(m.slot);
    expect(m.table).toBeLessThan(3);
  }
  expect(new Set(plan.meetings.map((m: { slot: number }) => m.slot)).size).toBe(2);

  // Before publication a participant's agenda shows nothing.
  expect(await body(await f1.call('GET', `${url}/agenda`))).toMatchObject({ published: false, meetings: [] });
  const grid = await body(await organizer('GET', `${url}/table-plan`));
  expect(grid.slots).toHaveLength(6);
  expect(grid.slots[0].cells).toHaveLength(3);
  expect(
    grid.slots
      .flatMap((s: { cells: { meeting: unknown }[] }) => s.cells)
      .filter((c: { meeting: unknown }) => c.meeting),
  ).toHaveLength(2);

  await step(e, 'publish_schedule');
  const agenda = await body(await f1.call('GET', `${url}/agenda`));
  expect(agenda.published).toBe(true);
  expect(agenda.meetings).toHaveLength(1);
  const m1 = agenda.meetings[0];
  expect(m1.counterpart).toMatchObject({ orgName: '武汉市中心医院', role: 'agency' });
  expect(m1.tableLabel).toBe(`${m1.table + 1}号桌`);

  const icsRes = await f1.call('GET', `${url}/agenda.ics`);
  expect(icsRes.status).toBe(200);
  expect(icsRes.headers.get('content-type')).toContain('text/calendar');
  const ics = unfoldIcs(await icsRes.text());
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain(`SUMMARY:供需对接：武汉市中心医院（${m1.table + 1}号桌）`);
  expect(ics).toContain(`DTSTART:${m1.startsAt.replace(/[-:]/g, '').replace('.000', '')}`);
  expect(ics).toContain(`UID:${m1.meetingId}@scenario-exchange`);

  // Both sides confirm; the organizer starts the event and checks people in at the door.
  await expectStatus(await f1.call('POST', `${url}/meetings/${m1.meetingId}/confirm`), 200);
  const both = await body(
    await expectStatus(await agency('POST', `${url}/meetings/${m1.meetingId}/confirm`), 200),
  );
  expect(both.status).toBe('confirmed');
  await step(e, 'start');
  for (const p of [agencyP, f1.participantId]) {
    await expectStatus(await organizer('POST', `${url}/participants/${p}/check-in`), 200);
  }
  const again = await body(await organizer('POST', `${url}/participants/${agencyP}/check-in`));
  expect(again.checkedInAt).toBe('2026-12-10T00:30:00.000Z');

  // After the meetings: an agreement of 500,000 yuan; the other firm did not come.
  t.setNow('2026-12-10T03:30:00.000Z');
  const outcome = await f1.call('POST', `${url}/meetings/${m1.meetingId}/outcome`, {
    outcome: 'agreement',
    amountFen: 50_000_000,
    notes: '签署合作框架协议',
  });
  expect(await body(await expectStatus(outcome, 200))).toMatchObject({
    status: 'held',
    outcome: 'agreement',
  });
  const m2 = plan.meetings.find((m: { requestId: string }) => m.requestId === r2);
  await expectStatus(
    await organizer('POST', `${url}/meetings/${m2.id}/attendance`, {
      status: 'no_show',
      absentParticipantId: f2.participantId,
    }),
    200,
  );
  await step(e, 'close');

  const report = await body(await expectStatus(await organizer('GET', `${url}/report`), 200));
  expect(report.participants).toEqual({ registered: 4, approved: 4, agencies: 1, firms: 3, checkedIn: 2 });
  expect(report.requests).toEqual({
    total: 3,
    byStatus: { requested: 0, accepted: 2, declined: 0, expired: 1, cancelled: 0 },
    mustMeet: 1,
    noThanks: 1,
    acceptanceRate: 66.7,
  });
  expect(report.meetings).toEqual({
    scheduled: 2,
    confirmed: 0,
    held: 1,
    noShows: 1,
    intentions: 0,
    agreements: 1,
    intentionAmountFen: 0,
    dealAmountFen: 50_000_000,
  });
  const zero = { meetings: 0, held: 0, noShows: 0, intentions: 0, agreements: 0, dealAmountFen: 0 };
  expect(report.byDomain).toEqual([
    { domain: 'cybersecurity', requests: 1, accepted: 1, ...zero, meetings: 1, noShows: 1 },
    {
      domain: 'geospatial',
      requests: 1,
      accepted: 1,
      ...zero,
      meetings: 1,
      held: 1,
      agreements: 1,
      dealAmountFen: 50_000_000,
    },
    {
      domain: 'industry-it',
      requests: 1,
      accepted: 1,
      ...zero,
      meetings: 1,
      held: 1,
      agreements: 1,
      dealAmountFen: 50_000_000,
    },
    { domain: null, requests: 1, accepted: 0, ...zero },
  ]);
  expect(report.byDistrict).toEqual([
    {
      district: 'east-lake-hightech',
      requests: 1,
      accepted: 1,
      ...zero,
      meetings: 1,
      held: 1,
      agreements: 1,
      dealAmountFen: 50_000_000,
    },
    { district: 'hanyang', requests: 1, accepted: 0, ...zero },
    { district: 'hongshan', requests: 1, accepted: 1, ...zero, meetings: 1, noShows: 1 },
  ]);
  expect(report.byDomain.length + report.byDistrict.length).toBeGreaterThan(0);

  // Every step is in the hash-chained audit log, and the chain holds.
  const actions = await t.client.execute({
    sql: "SELECT action FROM audit_log WHERE action LIKE 'event.%' ORDER BY seq",
    args: [],
  });
  const seen = new Set(actions.rows.map((r) => String(r.action)));
  for (const a of [
    'event.create',
    'event.update',
    'event.open_registration',
    'event.register',
    'event.registration_approve',
    'event.request',
    'event.request_accept',
    'event.request_no_thanks',
    'event.start_scheduling',
    'event.schedule',
    'event.publish_schedule',
    'event.meeting_confirm',
    'event.start',
    'event.check_in',
    'event.meeting_outcome',
    'event.meeting_no_show',
    'event.close',
  ]) {
    expect(seen, a).toContain(a);
  }
  expect(await body(await organizer('GET', '/api/v1/audit/verify'))).toMatchObject({ ok: true });
});
