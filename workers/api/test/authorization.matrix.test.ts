import { describe, expect, test } from 'vitest';
import { ACTORS, buildWorld, OUTSIDE_THE_MATRIX, TABLE } from './routes.table.ts';

/**
 * The authorization matrix: every route × every kind of caller, expected allow or deny, from the
 * one table in routes.table.ts. Deny means 401, 403 or 404 (404 where existence itself must not
 * leak); anything else (2xx, or a 409/422 about the request itself) means the caller got past the
 * access checks. Each route runs in a fresh world, before the bidding deadline.
 */
describe('authorization matrix', () => {
  test.each(TABLE)('$route', async (row) => {
    const w = await buildWorld();
    try {
      const [method] = row.route.split(' ') as [string];
      // Denied callers first, so an allowed caller's change cannot mask a denial.
      const order = [...ACTORS].sort((a, b) => Number(row.allow.includes(a)) - Number(row.allow.includes(b)));
      const outcome: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const who of order) {
        const res = await w.t.request(row.path(w), {
          method,
          headers: {
            ...(who === 'anonymous' ? {} : w.actors[who].headers),
            'content-type': 'application/json',
            ...row.headers,
          },
          ...(row.body ? { body: JSON.stringify(row.body(w, who)) } : method === 'GET' ? {} : { body: '{}' }),
        });
        const denied = [401, 403, 404].includes(res.status);
        outcome[who] = `${denied ? 'deny' : 'allow'}`;
        expected[who] = row.allow.includes(who) ? 'allow' : 'deny';
        if (res.status >= 500) throw new Error(`${row.route} as ${who}: ${res.status} ${await res.text()}`);
      }
      expect(outcome).toEqual(expected);
    } finally {
      w.t.close();
    }
  });

  test('every route the app serves is in the table', async () => {
    const w = await buildWorld();
    try {
      const served = w.t.app.routes
        .filter(
          (r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && r.path !== '/api/v1/openapi.json',
        )
        .map((r) => `${r.method} ${r.path.replace(/\{[^}]*\}/g, '')}`);
      const listed = new Set([...TABLE.map((r) => r.route), ...OUTSIDE_THE_MATRIX]);
      expect([...new Set(served)].filter((r) => !listed.has(r))).toEqual([]);
    } finally {
      w.t.close();
    }
  });
});
