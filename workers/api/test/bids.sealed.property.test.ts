import { makeScenario } from '@scx/db/factories';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { type Actor, makeTestApp, signIn, type TestApp } from './harness.ts';

/**
 * Sealed bids, as a property: whatever the bidding firms do before the deadline, everyone else
 * (the issuing agency, an organizer, another firm, the public) sees exactly what they would see if
 * no bid existed — not the content, not the price, not even how many bids there are.
 */
type Step = {
  firm: 'x' | 'y';
  kind: 'create' | 'consortium' | 'price' | 'submit' | 'withdraw' | 'confirm';
  price: number;
};
const step = fc.record({
  firm: fc.constantFrom('x' as const, 'y' as const),
  kind: fc.constantFrom(
    'create' as const,
    'consortium' as const,
    'price' as const,
    'submit' as const,
    'withdraw' as const,
    'confirm' as const,
  ),
  price: fc.integer({ min: 1, max: 1_000_000_000 }),
});

async function call(
  t: TestApp,
  who: Actor | null,
  method: string,
  path: string,
  payload?: unknown,
  extra: Record<string, string> = {},
) {
  const res = await t.request(path, {
    method,
    headers: { ...(who?.headers ?? {}), 'content-type': 'application/json', ...extra },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
  return { status: res.status, text: await res.text(), etag: res.headers.get('etag') };
}

/** What an observer sees, with per-request noise removed and any bid id replaced by a placeholder. */
const normalize = (text: string, bidIds: string[]) => {
  let out = text.replace(/"requestId":"[^"]*"/g, '"requestId":""').replace(/"time":"[^"]*"/g, '"time":""');
  for (const id of bidIds) out = out.replaceAll(id, '<bid>');
  return out;
};

test('before the deadline, no sequence of bidding actions changes what outsiders can see', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 8 }), async (steps: Step[]) => {
      const t = await makeTestApp({ now: '2026-11-27T08:00:00.000Z' });
      try {
        const agency = await signIn(t, { kind: 'agency' });
        const organizer = await signIn(t, { kind: 'organizer' });
        const firms = { x: await signIn(t, { kind: 'firm' }), y: await signIn(t, { kind: 'firm' }) };
        const partner = await signIn(t, { kind: 'firm' });
        const stranger = await signIn(t, { kind: 'firm' });
        const s = await makeScenario(t.db, {
          issuerId: agency.orgId,
          deadline: '2026-12-01T09:00:00.000Z',
          consortiumAllowed: true,
        });
        const views: [Actor | null, string, string][] = [
          [agency, 'GET', `/api/v1/scenarios/${s.id}/bids`],
          [agency, 'POST', `/api/v1/scenarios/${s.id}/open-bids`],
          [agency, 'GET', `/api/v1/workspace/scenarios/${s.id}`],
          [agency, 'GET', '/api/v1/workspace/scenarios'],
          [organizer, 'GET', `/api/v1/scenarios/${s.id}/bids`],
          [organizer, 'POST', `/api/v1/scenarios/${s.id}/open-bids`],
          [organizer, 'GET', '/api/v1/workspace/scenarios?status=published'],
          [stranger, 'GET', '/api/v1/bids'],
          [null, 'GET', '/api/v1/scenarios'],
          [null, 'GET', `/api/v1/scenarios/${s.id}`],
          [stranger, 'GET', `/api/v1/scenarios/${s.id}`],
        ];
        const look = async (bidIds: string[]) =>
          Promise.all(
            views.map(async ([who, m, p]) => {
              const r = await call(t, who, m, p);
              return `${m} ${p} → ${r.status} ${normalize(r.text, bidIds)}`;
            }),
          );
        const baseline = await look([]);
        const notFound = async (who: Actor) => {
          const r = await call(t, who, 'GET', '/api/v1/bids/01JZZZZZZZZZZZZZZZZZZZZZZZ');
          return `${r.status} ${normalize(r.text, ['01JZZZZZZZZZZZZZZZZZZZZZZZ'])}`;
        };
        const unknown = {
          agency: await notFound(agency),
          organizer: await notFound(organizer),
          stranger: await notFound(stranger),
        };

        const bids: Partial<Record<'x' | 'y', { id: string; etag: string }>> = {};
        for (const st of steps) {
          const f = firms[st.firm];
          const mine = bids[st.firm];
          if (st.kind === 'create' || st.kind === 'consortium') {
            const r = await call(t, f, 'POST', `/api/v1/scenarios/${s.id}/bids`, {
              priceFen: st.price,
              content: { approach: `SECRET-${st.firm}-${st.price}` },
              partners: st.kind === 'consortium' ? [{ firmId: partner.orgId, shareBp: 3000 }] : [],
            });
            if (r.status === 201) bids[st.firm] = { id: JSON.parse(r.text).id, etag: r.etag ?? '' };
          } else if (mine && st.kind === 'price') {
            const r = await call(
              t,
              f,
              'PATCH',
              `/api/v1/bids/${mine.id}`,
              { priceFen: st.price },
              { 'if-match': mine.etag },
            );
            if (r.status === 200) mine.etag = r.etag ?? mine.etag;
          } else if (mine && (st.kind === 'submit' || st.kind === 'withdraw')) {
            const r = await call(t, f, 'POST', `/api/v1/bids/${mine.id}/transitions`, { action: st.kind });
            if (r.status === 200) mine.etag = r.etag ?? mine.etag;
          } else if (mine && st.kind === 'confirm') {
            await call(t, partner, 'POST', `/api/v1/bids/${mine.id}/confirm`);
          }
          const ids = Object.values(bids).map((b) => b.id);
          const now = await look(ids);
          expect(now).toEqual(baseline);
          for (const text of now) expect(text).not.toMatch(/SECRET|priceFen":[1-9]/);
          for (const id of ids) {
            for (const [name, who] of [
              ['agency', agency],
              ['organizer', organizer],
              ['stranger', stranger],
            ] as const) {
              const r = await call(t, who, 'GET', `/api/v1/bids/${id}`);
              expect(`${r.status} ${normalize(r.text, [id])}`).toBe(unknown[name]);
            }
          }
        }
      } finally {
        t.close();
      }
    }),
    { numRuns: 12 },
  );
}, 120_000);
