import { addWorkingDays, drawFromPool, minimumPanelSize, objectionWindowEnd, recusalReason } from '@scx/core';
import fc from 'fast-check';
import { expect, test } from 'vitest';

test('a draw depends on the seed and the pool only, and picks distinct members of the pool', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 30 }),
      fc.string(),
      fc.nat(40),
      (pool, seed, size) => {
        const drawn = drawFromPool(pool, size, seed);
        expect(drawn).toHaveLength(Math.min(size, pool.length));
        expect(new Set(drawn).size).toBe(drawn.length);
        for (const d of drawn) expect(pool).toContain(d);
        expect(drawFromPool([...pool].reverse(), size, seed)).toEqual(drawn);
      },
    ),
  );
  const pool = Array.from({ length: 20 }, (_, i) => `e${String(i).padStart(2, '0')}`);
  expect(drawFromPool(pool, 5, 'a')).not.toEqual(drawFromPool(pool, 5, 'b'));
});

test('panel minimums: 3, 5 for tenders, 7 above 10,000,000 yuan', () => {
  expect(minimumPanelSize({ kind: 'challenge', budgetFen: null })).toBe(3);
  expect(minimumPanelSize({ kind: 'scenario', budgetFen: 1_000_000_000 })).toBe(5);
  expect(minimumPanelSize({ kind: 'scenario', budgetFen: 1_000_000_001 })).toBe(7);
  expect(minimumPanelSize({ kind: 'challenge', budgetFen: 2_000_000_000 })).toBe(7);
});

test('recusal: the agency’s staff, a bidder’s staff, declared conflicts', () => {
  const firms = new Set(['F1', 'P1']);
  const r = (employerOrgId: string | null, conflictOrgIds: string[] = []) =>
    recusalReason({ id: 'e', employerOrgId, conflictOrgIds }, 'A', firms);
  expect(r('A')).toBe('employed by the issuing agency');
  expect(r('P1')).toBe('employed by a bidding firm');
  expect(r(null, ['A'])).toBe('declared a conflict with the issuing agency');
  expect(r('X', ['F1'])).toBe('declared a conflict with a bidding firm');
  expect(r('X', ['Z'])).toBeNull();
  const member = (memberOrgIds: string[]) =>
    recusalReason({ id: 'e', employerOrgId: null, conflictOrgIds: [], memberOrgIds }, 'A', firms);
  expect(member(['A'])).toBe('a member of the issuing agency');
  expect(member(['Q', 'F1'])).toBe('a member of a bidding firm');
  expect(member(['Q'])).toBeNull();
});

test('objection windows: 7 days for challenges, 1 + 3 working days (Shanghai) otherwise, configurable', () => {
  // Friday 10:00 Shanghai → skips the weekend → Thursday 10:00.
  expect(addWorkingDays('2026-12-04T02:00:00.000Z', 4)).toBe('2026-12-10T02:00:00.000Z');
  // Friday 23:30 UTC is Saturday 07:30 in Shanghai: one working day later is Monday 07:30 there.
  expect(addWorkingDays('2026-12-04T23:30:00.000Z', 1)).toBe('2026-12-06T23:30:00.000Z');
  expect(objectionWindowEnd('challenge', '2026-12-01T00:00:00.000Z')).toBe('2026-12-08T00:00:00.000Z');
  expect(objectionWindowEnd('challenge', '2026-12-01T00:00:00.000Z', { noticeDays: 10 })).toBe(
    '2026-12-11T00:00:00.000Z',
  );
  expect(objectionWindowEnd('scenario', '2026-12-01T02:00:00.000Z')).toBe('2026-12-07T02:00:00.000Z');
  expect(objectionWindowEnd('scenario', '2026-12-01T02:00:00.000Z', { objectionWorkingDays: 5 })).toBe(
    '2026-12-09T02:00:00.000Z',
  );
});
