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
