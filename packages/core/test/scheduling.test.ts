import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import {
  checkSchedule,
  ScheduleFileSchema,
  type ScheduleInput,
  scheduleMeetings,
  scheduleUpperBound,
} from '../src/index.ts';

const P = (id: string, available?: number[], extra: Record<string, unknown> = {}) => ({
  id,
  available,
  ...extra,
});
const run = (input: ScheduleInput) => {
  const out = scheduleMeetings(input);
  expect(checkSchedule(input, out)).toEqual([]);
  return out;
};
const reasons = (input: ScheduleInput) => run(input).unplaced.map((u) => [u.request, u.reason]);

describe('scheduleMeetings: constraints', () => {
  test('places a simple request in a common slot at a table', () => {
    const out = run({
      slots: 3,
      tables: 1,
      participants: [P('a', [1, 2]), P('b', [2])],
      requests: [{ a: 'a', b: 'b', priority: 1 }],
    });
    expect(out.meetings).toEqual([
      { a: 'a', b: 'b', slot: 2, table: 0, priority: 1, request: 0, confirmed: false },
    ]);
    expect(out.unplaced).toEqual([]);
  });

  test('one meeting per participant per slot', () => {
    const out = run({
      slots: 1,
      tables: 5,
      participants: [P('a'), P('b'), P('c')],
      requests: [
        { a: 'a', b: 'b', priority: 1 },
        { a: 'a', b: 'c', priority: 2 },
      ],
    });
    expect(out.meetings.map((m) => m.request)).toEqual([1]); // the must-meet wins
    expect(out.unplaced).toMatchObject([{ request: 0, reason: 'participant_busy' }]);
  });

  test('table count per slot (number or per-slot array)', () => {
    const input: ScheduleInput = {
      slots: 2,
      tables: [1, 0],
      participants: ['a', 'b', 'c', 'd'].map((id) => P(id)),
      requests: [
        { a: 'a', b: 'b', priority: 1 },
        { a: 'c', b: 'd', priority: 1 },
      ],
    };
    const out = run(input);
    expect(out.meetings).toHaveLength(1);
    expect(out.meetings[0]).toMatchObject({ slot: 0, table: 0 });
    expect(out.unplaced).toMatchObject([{ request: 1, reason: 'no_table_left' }]);
  });

  test('breaks have no meetings', () => {
    const out = run({
      slots: 3,
      tables: 2,
      breaks: [0, 1],
      participants: [P('a'), P('b'), P('c')],
      requests: [
        { a: 'a', b: 'b', priority: 1 },
        { a: 'a', b: 'c', priority: 1 },
      ],
    });
    expect(out.meetings.every((m) => m.slot === 2)).toBe(true);
    expect(out.meetings).toHaveLength(1);
  });

  test('every reason code', () => {
    const input: ScheduleInput = {
      slots: 2,
      tables: 1,
      breaks: [1],
      participants: [P('a'), P('b'), P('c', [1]), P('d', [0]), P('e', [0]), P('q', [0], { maxMeetings: 0 })],
      noThanks: [{ a: 'b', b: 'a' }],
      requests: [
        { a: 'a', b: 'a', priority: 1 }, // 0 self
        { a: 'a', b: 'zz', priority: 1 }, // 1 unknown
        { a: 'a', b: 'b', priority: 1 }, // 2 no-thanks
        { a: 'a', b: 'd', priority: 1 }, // 3 placed (slot 0)
        { a: 'd', b: 'a', priority: 1 }, // 4 duplicate of 3
        { a: 'a', b: 'c', priority: 1 }, // 5 c only available in the break
        { a: 'e', b: 'q', priority: 1 }, // 6 quota 0
        { a: 'e', b: 'b', priority: 1 }, // 7 table taken by 3
        { a: 'd', b: 'b', priority: 1 }, // 8 d busy
      ],
    };
    expect(reasons(input)).toEqual([
      [0, 'self_meeting'],
      [1, 'unknown_participant'],
      [2, 'no_thanks'],
      [4, 'duplicate'],
      [5, 'participant_unavailable'],
      [6, 'quota_reached'],
      [7, 'no_table_left'],
      [8, 'participant_busy'],
    ]);
    const out = scheduleMeetings(input);
    for (const u of out.unplaced) expect(u.message.length).toBeGreaterThan(5);
  });

  test('no common slot; quota reached after placing', () => {
    const input: ScheduleInput = {
      slots: 3,
      tables: 3,
      participants: [P('a', [0]), P('b', [1]), P('c', undefined, { maxMeetings: 1 }), P('d'), P('e')],
      requests: [
        { a: 'a', b: 'b', priority: 1 },
        { a: 'c', b: 'd', priority: 2 },
        { a: 'c', b: 'e', priority: 1 },
      ],
    };
    expect(reasons(input)).toEqual([
      [0, 'no_common_slot'],
      [2, 'quota_reached'],
    ]);
  });

  test('duplicate keeps the higher priority', () => {
    const out = run({
      slots: 1,
      tables: 1,
      participants: [P('a'), P('b')],
      requests: [
        { a: 'a', b: 'b', priority: 1 },
        { a: 'b', b: 'a', priority: 2 },
      ],
    });
    expect(out.meetings).toMatchObject([{ request: 1, priority: 2 }]);
    expect(out.unplaced).toMatchObject([{ request: 0, reason: 'duplicate' }]);
  });

  test('hosted-buyer mode: meetings happen at the host table; floating tables for the rest', () => {
    const input: ScheduleInput = {
      slots: 3,
      tables: 3,
      hosted: true,
      participants: [
        P('agencyA', undefined, { host: true, table: 2 }),
        P('agencyB', undefined, { host: true }),
        P('f1'),
        P('f2'),
        P('f3'),
      ],
      requests: [
        { a: 'f1', b: 'agencyA', priority: 1 },
        { a: 'f2', b: 'agencyA', priority: 1 },
        { a: 'agencyB', b: 'f1', priority: 2 },
        { a: 'f3', b: 'agencyB', priority: 1 },
        { a: 'f2', b: 'f3', priority: 1 },
      ],
    };
    const out = run(input);
    expect(out.unplaced).toEqual([]);
    for (const m of out.meetings) {
      if (m.a === 'agencyA' || m.b === 'agencyA') expect(m.table).toBe(2);
      else if (m.a === 'agencyB' || m.b === 'agencyB') expect(m.table).toBe(0);
      else expect(m.table).toBe(1);
    }
  });

  test('hosted-buyer mode: a host without a table', () => {
    const out = run({
      slots: 2,
      tables: 1,
      hosted: true,
      participants: [P('h1', undefined, { host: true }), P('h2', undefined, { host: true }), P('f')],
      requests: [
        { a: 'f', b: 'h1', priority: 1 },
        { a: 'f', b: 'h2', priority: 1 },
      ],
    });
    expect(out.meetings).toMatchObject([{ a: 'f', b: 'h1', table: 0 }]);
    expect(out.unplaced).toMatchObject([{ request: 1, reason: 'no_host_table' }]);
  });

  test('the improvement phase relocates blocking meetings (greedy alone misses it)', () => {
    // a–b can only be in slot 0; first-fit puts a–c there first.
    const input: ScheduleInput = {
      slots: 2,
      tables: 2,
      participants: [P('a'), P('b', [0]), P('c')],
      requests: [
        { a: 'a', b: 'c', priority: 1 },
        { a: 'a', b: 'b', priority: 1 },
      ],
    };
    expect(run({ ...input, options: { strategy: 'first-fit' } }).meetings).toHaveLength(1);
    expect(run(input).meetings).toHaveLength(2);
  });

  test('augmenting chain through a full table', () => {
    // slot 0 holds the only table for c–d (if placed first); a–b only fits in slot 0 once c–d moves to slot 1.
    const input: ScheduleInput = {
      slots: 2,
      tables: 1,
      participants: [P('a', [0]), P('b', [0]), P('c'), P('d')],
      requests: [
        { a: 'c', b: 'd', priority: 1 },
        { a: 'a', b: 'b', priority: 1 },
      ],
      options: { strategy: 'first-fit' },
    };
    expect(run(input).meetings).toHaveLength(1);
    expect(run({ ...input, options: {} }).meetings).toHaveLength(2);
  });
});

describe('improvement moves', () => {
  test('Kempe chain: swaps two slots along an alternating path the depth-limited ejection chains miss', () => {
    // x is free only in slot 0, where y meets v1; y is free in slot 1. The s/t chain from y:
    // y–v1 (0→1), v1–v2 (1→0), v2–v3 (0→1); then x–y fits in slot 0.
    const input: ScheduleInput = {
      slots: 2,
      tables: 2,
      participants: [P('x', [0]), P('y'), P('v1'), P('v2'), P('v3')],
      requests: [
        { a: 'y', b: 'v1', priority: 2 },
        { a: 'v1', b: 'v2', priority: 2 },
        { a: 'v2', b: 'v3', priority: 2 },
        { a: 'x', b: 'y', priority: 1 },
      ],
      previous: [
        { a: 'y', b: 'v1', slot: 0, table: 0 },
        { a: 'v1', b: 'v2', slot: 1, table: 0 },
        { a: 'v2', b: 'v3', slot: 0, table: 1 },
      ],
    };
    expect(run({ ...input, options: { strategy: 'greedy' } }).meetings).toHaveLength(3);
    const out = run({ ...input, options: { maxDepth: 1, lnsIterations: 0 } });
    expect(out.stats.moves).toMatchObject({ kempe: 1, relocate: 0 });
    expect(out.meetings.map((m) => `${m.a}-${m.b}@${m.slot}`).sort()).toEqual([
      'v1-v2@0',
      'v2-v3@1',
      'x-y@0',
      'y-v1@1',
    ]);
    // The moved (unconfirmed) meetings are reported as changes.
    expect(out.changes.map((c) => `${c.a}-${c.b}`).sort()).toEqual(['v1-v2', 'v2-v3', 'y-v1']);
  });

  test('exchange: a full participant drops a meeting for two (an alternating path)', () => {
    // A and f1 can only meet in slot 0. Greedy gives it to A–f1 (1 meeting there); dropping it lets A–f2 and
    // f1–g both meet in slot 0.
    const input: ScheduleInput = {
      slots: 2,
      tables: 3,
      participants: [P('A', [0]), P('f1', [0]), P('f2'), P('g'), P('h', [1]), P('k', [1])],
      requests: [
        { a: 'A', b: 'f1', priority: 1 },
        { a: 'A', b: 'f2', priority: 1 },
        { a: 'f1', b: 'g', priority: 1 },
        { a: 'f2', b: 'h', priority: 1 },
        { a: 'g', b: 'k', priority: 1 },
      ],
    };
    expect(run({ ...input, options: { strategy: 'greedy' } }).meetings).toHaveLength(3);
    const out = run({ ...input, options: { lnsIterations: 0 } });
    expect(out.stats.moves).toMatchObject({ exchange: 1 });
    expect(out.meetings).toHaveLength(4);
    expect(out.unplaced).toMatchObject([{ request: 0, reason: 'participant_busy' }]);
  });

  test('an exchange never trades a must-meet for meets', () => {
    const input: ScheduleInput = {
      slots: 2,
      tables: 3,
      participants: [P('A', [0]), P('f1', [0]), P('f2'), P('g'), P('h', [1]), P('k', [1])],
      requests: [
        { a: 'A', b: 'f1', priority: 2 },
        { a: 'A', b: 'f2', priority: 1 },
        { a: 'f1', b: 'g', priority: 1 },
        { a: 'f2', b: 'h', priority: 1 },
        { a: 'g', b: 'k', priority: 1 },
      ],
    };
    const out = run(input);
    expect(out.stats.mustPlaced).toBe(1);
    expect(out.meetings).toContainEqual(expect.objectContaining({ a: 'A', b: 'f1', slot: 0 }));
  });

  test('augmenting path in one slot: drop v–w so that u–v and w–x both meet there (neither is full)', () => {
    // v–w, u–v and w–x can only meet in slot 0; v and w each have another free slot, but not a common one,
    // so v–w cannot move (no ejection chain, no Kempe chain) and nobody is full (no exchange).
    const input: ScheduleInput = {
      slots: 5,
      tables: 3,
      participants: [
        P('u', [0, 3]),
        P('v', [0, 1]),
        P('w', [0, 2]),
        P('x', [0, 4]),
        P('y1', [3]),
        P('y2', [4]),
      ],
      requests: [
        { a: 'v', b: 'w', priority: 1 },
        { a: 'u', b: 'v', priority: 1 },
        { a: 'w', b: 'x', priority: 1 },
        { a: 'u', b: 'y1', priority: 1 },
        { a: 'x', b: 'y2', priority: 1 },
      ],
    };
    expect(run({ ...input, options: { strategy: 'greedy' } }).meetings).toHaveLength(3);
    const out = run({ ...input, options: { lnsIterations: 0 } });
    expect(out.stats.moves).toMatchObject({ augment: 1 });
    expect(out.meetings).toHaveLength(4);
    expect(out.unplaced).toMatchObject([{ request: 0, reason: 'participant_busy' }]);
  });

  test('objective: must-first keeps a must-meet; total-priority lets it give way to two meets', () => {
    const input: ScheduleInput = {
      slots: 1,
      tables: 2,
      participants: [P('a'), P('b'), P('c'), P('d')],
      requests: [
        { a: 'a', b: 'b', priority: 2 },
        { a: 'a', b: 'c', priority: 1 },
        { a: 'b', b: 'd', priority: 1 },
      ],
    };
    const must = run(input);
    expect(must.meetings.map((m) => m.request)).toEqual([0]);
    expect(must.stats).toMatchObject({ placed: 1, mustPlaced: 1, priorityPlaced: 2 });
    const total = run({ ...input, options: { objective: 'total-priority' } });
    expect(total.meetings.map((m) => m.request).sort()).toEqual([1, 2]);
    expect(total.stats).toMatchObject({ placed: 2, mustPlaced: 0, priorityPlaced: 2 });
    expect(total.unplaced).toMatchObject([{ request: 0, reason: 'participant_busy' }]);
    // A must-meet worth more than what it displaces stays under both objectives.
    const one: ScheduleInput = { ...input, requests: input.requests.slice(0, 2) };
    expect(run({ ...one, options: { objective: 'total-priority' } }).meetings.map((m) => m.request)).toEqual([
      0,
    ]);
  });

  test('the file schema takes the objective', () => {
    const base = { slots: 1, tables: 1, participants: [], requests: [] };
    expect(v.safeParse(ScheduleFileSchema, { ...base, objective: 'total-priority' }).success).toBe(true);
    const bad = v.safeParse(ScheduleFileSchema, { ...base, objective: 'meetings' });
    expect(bad.success).toBe(false);
    expect(bad.issues?.[0]?.message).toMatch(/must-first/);
  });

  test('moves are reported for the optimiser only', () => {
    const input: ScheduleInput = {
      slots: 1,
      tables: 1,
      participants: [P('a'), P('b')],
      requests: [{ a: 'a', b: 'b', priority: 1 }],
    };
    expect(run(input).stats.moves).toEqual({
      relocate: 0,
      kempe: 0,
      exchange: 0,
      evict: 0,
      augment: 0,
      lns: 0,
    });
    expect(run({ ...input, options: { strategy: 'greedy' } }).stats.moves).toBeUndefined();
  });
});

describe('re-scheduling after late changes', () => {
  const base: ScheduleInput = {
    slots: 2,
    tables: 1,
    participants: [P('a'), P('b'), P('c', [0])],
    requests: [
      { a: 'a', b: 'b', priority: 1 },
      { a: 'a', b: 'c', priority: 2 },
    ],
    previous: [{ a: 'a', b: 'b', slot: 0, table: 0, confirmed: true }],
  };

  test('confirmed meetings stay where they are, even against a must-meet', () => {
    const out = run(base);
    expect(out.meetings).toContainEqual({
      a: 'a',
      b: 'b',
      slot: 0,
      table: 0,
      priority: 1,
      request: 0,
      confirmed: true,
    });
    expect(out.unplaced).toMatchObject([{ request: 1, reason: 'participant_busy' }]);
    expect(out.changes).toEqual([]);
  });

  test('allowMove lets the scheduler move them, and reports the change', () => {
    const out = run({ ...base, allowMove: true });
    expect(out.meetings).toHaveLength(2);
    expect(out.meetings).toContainEqual(expect.objectContaining({ a: 'a', b: 'c', slot: 0 }));
    expect(out.changes).toMatchObject([
      { a: 'a', b: 'b', from: { slot: 0, table: 0 }, to: { slot: 1, table: 0 } },
    ]);
  });

  test('a confirmed meeting whose slot became impossible is re-placed and reported', () => {
    const out = run({ ...base, participants: [P('a'), P('b', [1]), P('c', [0])] });
    expect(out.meetings).toHaveLength(2);
    expect(out.changes).toMatchObject([{ a: 'a', b: 'b', confirmed: true, to: { slot: 1 } }]);
  });

  test('a withdrawn request drops its meeting and reports it', () => {
    const out = run({ ...base, requests: [{ a: 'a', b: 'c', priority: 2 }] });
    expect(out.meetings).toMatchObject([{ a: 'a', b: 'c', slot: 0 }]);
    expect(out.changes).toMatchObject([{ a: 'a', b: 'b', to: null }]);
  });

  test('unconfirmed meetings keep their place when still possible', () => {
    const input: ScheduleInput = {
      slots: 4,
      tables: 3,
      participants: ['a', 'b', 'c', 'd'].map((id) => P(id)),
      requests: [
        { a: 'a', b: 'b', priority: 1 },
        { a: 'c', b: 'd', priority: 1 },
      ],
      previous: [
        { a: 'a', b: 'b', slot: 3, table: 2 },
        { a: 'd', b: 'c', slot: 2, table: 1 },
      ],
    };
    const out = run(input);
    expect(out.meetings.map((m) => [m.slot, m.table])).toEqual([
      [2, 1],
      [3, 2],
    ]);
    expect(out.changes).toEqual([]);
  });
});

describe('upper bound and schema', () => {
  test('upper bound: tables and per-participant capacity', () => {
    const input: ScheduleInput = {
      slots: 2,
      tables: 1,
      participants: ['a', 'b', 'c', 'd'].map((id) => P(id)),
      requests: [
        { a: 'a', b: 'b', priority: 2 },
        { a: 'a', b: 'c', priority: 2 },
        { a: 'a', b: 'd', priority: 2 },
        { a: 'c', b: 'd', priority: 1 },
      ],
    };
    expect(scheduleUpperBound(input)).toEqual({ priority: 4, meetings: 2 });
  });

  test('upper bound: only pairs with a usable common slot; a participant meets at most its matched slots', () => {
    const input: ScheduleInput = {
      slots: 3,
      tables: 5,
      breaks: [2],
      participants: [P('a', [0]), P('b', [1]), P('c', [0, 2]), P('d'), P('e'), P('f')],
      requests: [
        { a: 'a', b: 'b', priority: 2 }, // no common slot
        { a: 'c', b: 'd', priority: 2 }, // c: only slot 0 (2 is a break)
        { a: 'c', b: 'e', priority: 2 },
        { a: 'c', b: 'f', priority: 2 },
        { a: 'd', b: 'e', priority: 1 },
      ],
    };
    expect(scheduleUpperBound(input)).toEqual({ meetings: 2, priority: 3 });
    expect(run(input).stats).toMatchObject({ placed: 2, priorityPlaced: 3 });
  });

  test('upper bound, hosted-buyer mode: host tables and the floating tables left', () => {
    // 2 tables: h keeps table 0, one floating table. h can meet 2 firms; the 4 firm pairs share 1 table × 2 slots.
    const input: ScheduleInput = {
      slots: 2,
      tables: 2,
      hosted: true,
      participants: [P('h', undefined, { host: true }), ...['f1', 'f2', 'f3', 'f4', 'f5'].map((id) => P(id))],
      requests: [
        { a: 'f1', b: 'h', priority: 1 },
        { a: 'f2', b: 'h', priority: 1 },
        { a: 'f3', b: 'h', priority: 1 },
        { a: 'f1', b: 'f2', priority: 1 },
        { a: 'f3', b: 'f4', priority: 1 },
        { a: 'f4', b: 'f5', priority: 1 },
        { a: 'f5', b: 'f3', priority: 1 },
      ],
    };
    expect(scheduleUpperBound(input)).toEqual({ meetings: 4, priority: 4 });
    expect(run(input).stats.placed).toBe(4);
  });

  test('the file schema names each bad field', () => {
    const r = v.safeParse(ScheduleFileSchema, {
      slots: 2,
      tables: 1,
      participants: [{ id: 'a', available: [0, 'x'] }, { id: 'a' }],
      requests: [{ a: 'a', b: '', priority: 3 }],
    });
    expect(r.success).toBe(false);
    const paths = (r.issues ?? []).map((i) => v.getDotPath(i));
    expect(paths).toEqual(
      expect.arrayContaining(['participants.0.available.1', 'requests.0.b', 'requests.0.priority']),
    );
  });
});
