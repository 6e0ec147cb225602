import { expect } from 'vitest';
import { type Actor, body, signIn, type TestApp } from './harness.ts';

/** Shared set-up of the events tests (供需对接活动): a caller per actor and an event with approved participants. */

export const EVENT = {
  title: '2026年武汉市软件产业供需对接会（第四期）',
  description: '面向政务、医疗、交通场景的一对一洽谈',
  venue: '武汉国际会展中心 A2 馆',
  district: 'jianghan',
  // 09:00 in Asia/Shanghai.
  startsAt: '2026-12-10T09:00:00+08:00',
  slotMinutes: 20,
  slotCount: 6,
  breaks: [3],
  tables: 4,
  requestQuota: 5,
};

export type Call = (
  method: string,
  path: string,
  payload?: unknown,
  extra?: Record<string, string>,
) => Promise<Response>;

export const callerOf =
  (t: TestApp, a: Actor): Call =>
  async (method, path, payload, extra = {}) =>
    t.request(path, {
      method,
      headers: { ...a.headers, 'content-type': 'application/json', ...extra },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });

export interface Member {
  actor: Actor;
  call: Call;
  participantId: string;
  name: string;
}

export async function expectStatus(res: Response, status: number) {
  if (res.status !== status) expect(`${res.status} ${await res.clone().text()}`).toBe(status);
  return res;
}

/**
 * An organizer's event open for registration with approved agencies and firms (named 机构N / 企业N).
 * `hostTables` gives the agencies' fixed tables in hosted-buyer mode.
 */
export async function setUpEvent(
  t: TestApp,
  opts: {
    agencies?: number;
    firms?: number;
    event?: Record<string, unknown>;
    hostTables?: (number | null)[];
    approve?: boolean;
  } = {},
) {
  const organizerActor = await signIn(t, { kind: 'organizer', orgName: '武汉市经济和信息化局' });
  const organizer = callerOf(t, organizerActor);
  const created = await expectStatus(
    await organizer('POST', '/api/v1/events', { ...EVENT, ...opts.event }),
    201,
  );
  const { id } = await body(created);
  const url = `/api/v1/events/${id}`;
  await expectStatus(await organizer('POST', `${url}/transitions`, { action: 'open_registration' }), 200);
  const join = async (kind: 'agency' | 'firm', n: number, extra: Record<string, unknown> = {}) => {
    const name = kind === 'agency' ? `机构${n}` : `企业${n}`;
    const actor = await signIn(t, { kind, orgName: name });
    const call = callerOf(t, actor);
    const res = await expectStatus(
      await call('POST', `${url}/registrations`, {
        needs: kind === 'agency' ? `${name}需要数字化方案` : '',
        offers: kind === 'firm' ? `${name}提供成熟产品` : '',
        ...extra,
      }),
      201,
    );
    const { id: participantId } = await body(res);
    if (opts.approve !== false) {
      await expectStatus(await organizer('POST', `${url}/registrations/${participantId}/approve`, {}), 200);
    }
    return { actor, call, participantId, name } satisfies Member;
  };
  const agencies: Member[] = [];
  for (let i = 0; i < (opts.agencies ?? 1); i++) {
    const table = opts.hostTables?.[i];
    agencies.push(await join('agency', i + 1, table === undefined ? {} : { hostTable: table }));
  }
  const firms: Member[] = [];
  for (let i = 0; i < (opts.firms ?? 2); i++) firms.push(await join('firm', i + 1));
  return { id, url, organizer, organizerActor, agencies, firms };
}

export type EventSetUp = Awaited<ReturnType<typeof setUpEvent>>;

/** `from` asks `to` for a meeting; `to` accepts unless told otherwise. Returns the request id. */
export async function meet(
  e: EventSetUp,
  from: Member,
  to: Member,
  opts: { preference?: 'must_meet' | 'meet'; accept?: boolean } = {},
) {
  const res = await expectStatus(
    await from.call('POST', `${e.url}/requests`, {
      toParticipantId: to.participantId,
      preference: opts.preference ?? 'meet',
    }),
    201,
  );
  const { id } = await body(res);
  if (opts.accept !== false) {
    await expectStatus(await to.call('POST', `${e.url}/requests/${id}/accept`), 200);
  }
  return id as string;
}

export const step = async (e: EventSetUp, action: string) =>
  body(await expectStatus(await e.organizer('POST', `${e.url}/transitions`, { action }), 200));

/** Unfolds iCalendar content lines (RFC 5545 §3.1) so assertions read whole properties. */
export const unfoldIcs = (ics: string) => ics.replace(/\r\n[ \t]/g, '');
