import { makeOrganization } from '@scx/db/factories';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { body } from '../harness.ts';
import { type Edge, signInAt, startEdge } from './harness.ts';

/** The matchmaking-event journey through the bundled Worker in workerd (ics bundled), over Hrana/HTTP. */
let edge: Edge;
beforeAll(async () => {
  edge = await startEdge();
});
afterAll(() => edge?.close());

async function member(
  kind: 'agency' | 'firm' | 'organizer',
  name: string,
  extra: Record<string, unknown> = {},
) {
  const org = await makeOrganization(edge.db, { kind, name, ...extra });
  const { headers: session } = await signInAt(edge, org.id, { name: kind });
  const call = async (method: string, path: string, payload?: unknown, expected?: number) => {
    const r = await edge.fetch(path, {
      method,
      headers: { ...session, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
    if (expected !== undefined && r.status !== expected) {
      expect(`${method} ${path}: ${r.status} ${await r.text()}`).toBe(expected);
    }
    return r;
  };
  return { orgId: org.id, call };
}

test('event journey inside workerd: register → request → schedule → publish → agenda + ICS → check-in → outcome → report', async () => {
  const organizer = await member('organizer', '武汉市数据局');
  const agency = await member('agency', '武汉市第一医院');
  const firmA = await member('firm', '光谷医疗软件有限公司', {
    domains: ['industry-it'],
    district: 'east-lake-hightech',
  });
  const firmB = await member('firm', '江城安全科技有限公司', {
    domains: ['cybersecurity'],
    district: 'hongshan',
  });
  // The Worker judges "after the meeting" by the real clock: the event began an hour ago.
  const startsAt = new Date(Date.now() - 3600_000).toISOString();

  const created = await organizer.call(
    'POST',
    '/api/v1/events',
    {
      title: '边缘环境供需对接会',
      venue: '光谷会议中心',
      startsAt,
      slotCount: 4,
      slotMinutes: 15,
      tables: 2,
    },
    201,
  );
  const { id } = await body(created);
  const url = `/api/v1/events/${id}`;
  await organizer.call('POST', `${url}/transitions`, { action: 'open_registration' }, 200);
  // An illegal step answers 409 inside workerd too.
  const bad = await organizer.call('POST', `${url}/transitions`, { action: 'close' }, 409);
  expect((await body(bad)).code).toBe('ILLEGAL_TRANSITION');

  const pid: Record<string, string> = {};
  for (const [name, m] of [
    ['agency', agency],
    ['firmA', firmA],
    ['firmB', firmB],
  ] as const) {
    const r = await m.call(
      'POST',
      `${url}/registrations`,
      { needs: `${name} needs`, offers: `${name} offers` },
      201,
    );
    pid[name] = (await body(r)).id;
    await organizer.call('POST', `${url}/registrations/${pid[name]}/approve`, {}, 200);
  }
  expect((await body(await edge.fetch(`${url}/participants`))).items).toHaveLength(3);

  const req = async (from: typeof agency, to: string, preference: string) =>
    (await body(await from.call('POST', `${url}/requests`, { toParticipantId: to, preference }, 201))).id;
  const rA = await req(firmA, pid.agency as string, 'must_meet');
  const rB = await req(firmB, pid.agency as string, 'meet');
  await agency.call('POST', `${url}/requests/${rA}/accept`, undefined, 200);
  await agency.call('POST', `${url}/requests/${rB}/accept`, undefined, 200);
  // firmA cannot see firmB's request.
  const seen = await body(await firmA.call('GET', `${url}/requests`, undefined, 200));
  expect([...seen.sent, ...seen.received].map((r: { id: string }) => r.id)).toEqual([rA]);

  await organizer.call('POST', `${url}/transitions`, { action: 'start_scheduling' }, 200);
  const plan = await body(await organizer.call('POST', `${url}/schedule`, {}, 200));
  expect(plan.meetings).toHaveLength(2);
  expect(plan.unplaced).toEqual([]);
  await organizer.call('POST', `${url}/transitions`, { action: 'publish_schedule' }, 200);

  const agenda = await body(await firmA.call('GET', `${url}/agenda`, undefined, 200));
  expect(agenda.meetings).toHaveLength(1);
  const m = agenda.meetings[0];
  const ics = await firmA.call('GET', `${url}/agenda.ics`, undefined, 200);
  expect(ics.headers.get('content-type')).toContain('text/calendar');
  const text = (await ics.text()).replace(/\r\n[ \t]/g, '');
  expect(text).toContain(`SUMMARY:供需对接：武汉市第一医院（${m.table + 1}号桌）`);
  expect(text).toMatch(/DTSTART:\d{8}T\d{6}Z/);

  await firmA.call('POST', `${url}/meetings/${m.meetingId}/confirm`, undefined, 200);
  await organizer.call('POST', `${url}/transitions`, { action: 'start' }, 200);
  await organizer.call('POST', `${url}/participants/${pid.firmA}/check-in`, undefined, 200);
  await firmA.call(
    'POST',
    `${url}/meetings/${m.meetingId}/outcome`,
    { outcome: 'intention', amountFen: 1_000_000 },
    200,
  );
  const other = plan.meetings.find((x: { requestId: string }) => x.requestId === rB);
  await organizer.call('POST', `${url}/meetings/${other.id}/attendance`, { status: 'no_show' }, 200);
  await organizer.call('POST', `${url}/transitions`, { action: 'close' }, 200);

  const reportRes = await organizer.call('GET', `${url}/report`, undefined, 200);
  // The report is one batch: the session lookup plus one round trip.
  expect(reportRes.headers.get('server-timing')).toMatch(/desc="2 round trips"/);
  const report = await body(reportRes);
  expect(report.requests).toMatchObject({ total: 2, acceptanceRate: 100 });
  expect(report.meetings).toMatchObject({
    scheduled: 2,
    held: 1,
    noShows: 1,
    intentions: 1,
    intentionAmountFen: 1_000_000,
  });
  expect(report.byDomain.map((g: { domain: string }) => g.domain)).toEqual(['cybersecurity', 'industry-it']);
  expect(report.participants.checkedIn).toBe(1);
  expect(await body(await organizer.call('GET', '/api/v1/audit/verify'))).toMatchObject({ ok: true });
});

test('a refused event write inside workerd leaves nothing behind', async () => {
  const organizer = await member('organizer', '武汉市经信局');
  const before = await edge.client.execute('SELECT count(*) AS n FROM events');
  const res = await organizer.call('POST', '/api/v1/events', {
    title: '坏活动',
    startsAt: '2026-12-01T01:00:00Z',
    slotCount: 2,
    breaks: [0, 1],
  });
  expect(res.status).toBe(422);
  expect((await body(res)).errors).toEqual([
    { path: 'body.breaks', message: 'leave at least one slot for meetings' },
  ]);
  const after = await edge.client.execute('SELECT count(*) AS n FROM events');
  expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
});
