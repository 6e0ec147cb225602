import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkSchedule, type ScheduleInput, scheduleMeetings, scheduleUpperBound } from '../src/index.ts';

// --- generators ---------------------------------------------------------------------------------------
const instance = (opts: { hosted?: boolean; previous?: boolean } = {}) =>
  fc
    .record({
      slots: fc.integer({ min: 1, max: 6 }),
      tables: fc.oneof(
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
      ),
      n: fc.integer({ min: 2, max: 8 }),
      seedAvail: fc.array(
        fc.option(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }), { nil: undefined }),
        {
          minLength: 8,
          maxLength: 8,
        },
      ),
      hosts: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
      quota: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined, freq: 3 }), {
        minLength: 8,
        maxLength: 8,
      }),
      breaks: fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 2 }),
      requests: fc.array(
        fc.record({
          a: fc.integer({ min: 0, max: 8 }),
          b: fc.integer({ min: 0, max: 8 }),
          priority: fc.constantFrom(1, 2),
        }),
        { maxLength: 20 },
      ),
      noThanks: fc.array(
        fc.record({ a: fc.integer({ min: 0, max: 7 }), b: fc.integer({ min: 0, max: 7 }) }),
        { maxLength: 3 },
      ),
      previous: fc.array(
        fc.record({
          a: fc.integer({ min: 0, max: 7 }),
          b: fc.integer({ min: 0, max: 7 }),
          slot: fc.integer({ min: 0, max: 6 }),
          table: fc.integer({ min: 0, max: 3 }),
          confirmed: fc.boolean(),
        }),
        { maxLength: opts.previous ? 6 : 0 },
      ),
      allowMove: fc.boolean(),
      totalPriority: fc.boolean(),
    })
    .map((g): ScheduleInput => {
      const id = (i: number) => (i < g.n ? `p${i}` : 'ghost'); // index 8 (or ≥ n) = unknown participant
      return {
        slots: g.slots,
        tables: Array.isArray(g.tables) ? g.tables.slice(0, g.slots) : g.tables,
        breaks: g.breaks,
        hosted: opts.hosted === true,
        participants: Array.from({ length: g.n }, (_, i) => ({
          id: `p${i}`,
          available: g.seedAvail[i],
          host: g.hosts[i],
          maxMeetings: g.quota[i],
        })),
        requests: g.requests.map((r) => ({ a: id(r.a), b: id(r.b), priority: r.priority as 1 | 2 })),
        noThanks: g.noThanks.map((r) => ({ a: id(r.a), b: id(r.b) })),
        previous: g.previous.map((m) => ({ ...m, a: id(m.a), b: id(m.b) })),
        allowMove: g.allowMove,
        // Both objectives: every invariant holds whichever the organizer picks.
        options: { objective: g.totalPriority ? 'total-priority' : 'must-first' },
      };
    });

const noThanksKey = (a: string, b: string) => [a, b].sort().join('|');

describe('scheduler invariants (fast-check)', () => {
  for (const mode of [
    { name: 'plain', hosted: false, previous: false },
    { name: 'hosted-buyer', hosted: true, previous: false },
    { name: 're-scheduling', hosted: false, previous: true },
    { name: 'hosted re-scheduling', hosted: true, previous: true },
  ]) {
    test(`${mode.name}: no double-booking, tables, breaks, availability, no-thanks, quotas, each request once`, () => {
      fc.assert(
        fc.property(instance(mode), (input) => {
          const out = scheduleMeetings(input);
          // checkSchedule covers: participant once per slot, table count per slot and table once per slot,
          // break and availability, no-thanks pairs, quotas, every request placed once or reported once.
          expect(checkSchedule(input, out)).toEqual([]);
          const nt = new Set((input.noThanks ?? []).map((n) => noThanksKey(n.a, n.b)));
          for (const m of out.meetings) expect(nt.has(noThanksKey(m.a, m.b))).toBe(false);
          expect(out.meetings.length + out.unplaced.length).toBe(input.requests.length);
          // The upper bound is one: no schedule places more (here: the optimiser's and first-fit's).
          const bound = scheduleUpperBound(input);
          const ff = scheduleMeetings({ ...input, options: { strategy: 'first-fit' } });
          // The other objective on the same input keeps every constraint too.
          const other = scheduleMeetings({
            ...input,
            options: {
              objective: input.options?.objective === 'total-priority' ? 'must-first' : 'total-priority',
            },
          });
          expect(checkSchedule(input, other)).toEqual([]);
          // total-priority goes on from the must-first result: never below it in (priority, meetings).
          const [mf, tp] = (input.options?.objective === 'total-priority' ? [other, out] : [out, other]).map(
            (r) => r.stats,
          ) as [typeof out.stats, typeof out.stats];
          expect(tp.priorityPlaced).toBeGreaterThanOrEqual(mf.priorityPlaced);
          if (tp.priorityPlaced === mf.priorityPlaced) expect(tp.placed).toBeGreaterThanOrEqual(mf.placed);
          for (const r of [out, ff]) {
            expect(r.stats.placed).toBeLessThanOrEqual(bound.meetings);
            expect(r.stats.priorityPlaced).toBeLessThanOrEqual(bound.priority);
          }
        }),
        { numRuns: 400 },
      );
    });
  }

  test('deterministic: same input, same output (and independent of earlier runs)', () => {
    fc.assert(
      fc.property(instance({ previous: true }), (input) => {
        const first = JSON.stringify(scheduleMeetings(input));
        scheduleMeetings({ ...input, requests: [...input.requests].reverse() });
        expect(JSON.stringify(scheduleMeetings(structuredClone(input)))).toBe(first);
      }),
      { numRuns: 200 },
    );
  });

  test('ruin-and-recreate never makes a schedule worse (by the objective)', () => {
    fc.assert(
      fc.property(instance({ previous: true }), fc.boolean(), (input0, hosted) => {
        const input = { ...input0, hosted };
        const total = input.options?.objective === 'total-priority';
        const without = scheduleMeetings({ ...input, options: { ...input.options, lnsIterations: 0 } }).stats;
        const out = scheduleMeetings(input);
        expect(checkSchedule(input, out)).toEqual([]);
        const s = out.stats;
        // must-first: (must-meets, priority); total-priority: (priority, meetings).
        const [k1, k2, w1, w2] = total
          ? [s.priorityPlaced, s.placed, without.priorityPlaced, without.placed]
          : [s.mustPlaced, s.priorityPlaced, without.mustPlaced, without.priorityPlaced];
        expect(k1).toBeGreaterThanOrEqual(w1);
        if (k1 === w1) expect(k2).toBeGreaterThanOrEqual(w2);
      }),
      { numRuns: 200 },
    );
  });

  test('confirmed meetings never move without allowMove (unless their place became impossible)', () => {
    fc.assert(
      fc.property(instance({ previous: true }), fc.boolean(), (input0, hosted) => {
        // Take a schedule, confirm all of it, then add late requests: every confirmed meeting stays put.
        const first = scheduleMeetings({ ...input0, hosted, previous: [] });
        const confirmed = first.meetings.map((m) => ({
          a: m.a,
          b: m.b,
          slot: m.slot,
          table: m.table,
          confirmed: true,
        }));
        const late: ScheduleInput = {
          ...input0,
          hosted,
          allowMove: false,
          previous: confirmed,
          requests: [
            ...input0.requests,
            ...input0.requests.slice(0, 3).map((r) => ({ ...r, priority: 2 as const })),
          ],
        };
        const out = scheduleMeetings(late);
        expect(checkSchedule(late, out)).toEqual([]);
        for (const c of confirmed) {
          expect(out.meetings).toContainEqual(
            expect.objectContaining({ a: c.a, b: c.b, slot: c.slot, table: c.table, confirmed: true }),
          );
        }
        expect(out.changes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

// --- optimality against an exact branch-and-bound on tiny instances -------------------------------------
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function tinyInstance(seed: number): ScheduleInput {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const slots = 2 + int(3);
  const n = 4 + int(4);
  const participants = Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    available: Array.from({ length: slots }, (_, s) => s).filter(() => rnd() < 0.75),
  }));
  const seen = new Set<string>();
  const requests: ScheduleInput['requests'][number][] = [];
  const want = 5 + int(6);
  for (let k = 0; k < want * 3 && requests.length < want; k++) {
    const a = int(n);
    const b = int(n);
    const key = [a, b].sort().join('|');
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    requests.push({ a: `p${a}`, b: `p${b}`, priority: rnd() < 0.4 ? 2 : 1 });
  }
  return { slots, tables: 1 + int(2), participants, requests };
}

/** Exact optimum, lexicographic: (must-meets placed, total priority). */
function bruteForce(input: ScheduleInput): { must: number; priority: number } {
  const S = input.slots;
  const T = input.tables as number;
  const av = new Map(input.participants.map((p) => [p.id, new Set(p.available)]));
  const reqs = [...input.requests].sort((x, y) => y.priority - x.priority);
  const busy = new Set<string>();
  const used = new Array<number>(S).fill(0);
  let best = { must: -1, priority: -1 };
  const suffix = reqs.map((_, i) => reqs.slice(i).reduce((n, r) => n + r.priority, 0));
  const suffixMust = reqs.map((_, i) => reqs.slice(i).filter((r) => r.priority === 2).length);
  const rec = (i: number, must: number, pr: number) => {
    if (i === reqs.length) {
      if (must > best.must || (must === best.must && pr > best.priority)) best = { must, priority: pr };
      return;
    }
    const canMust = must + (suffixMust[i] ?? 0);
    if (canMust < best.must || (canMust === best.must && pr + (suffix[i] ?? 0) <= best.priority)) return;
    const r = reqs[i] as ScheduleInput['requests'][number];
    for (let s = 0; s < S; s++) {
      if (!av.get(r.a)?.has(s) || !av.get(r.b)?.has(s)) continue;
      if (busy.has(`${r.a}@${s}`) || busy.has(`${r.b}@${s}`) || (used[s] ?? 0) >= T) continue;
      busy.add(`${r.a}@${s}`);
      busy.add(`${r.b}@${s}`);
      used[s] = (used[s] ?? 0) + 1;
      rec(i + 1, must + (r.priority === 2 ? 1 : 0), pr + r.priority);
      busy.delete(`${r.a}@${s}`);
      busy.delete(`${r.b}@${s}`);
      used[s] = (used[s] ?? 0) - 1;
    }
    rec(i + 1, must, pr);
  };
  rec(0, 0, 0);
  return best;
}

test('optimality on 500 random tiny instances vs exact branch-and-bound', () => {
  let opt = 0;
  let got = 0;
  let greedyGot = 0;
  let firstFitGot = 0;
  let optimalCount = 0;
  let mustShort = 0;
  let worst = 1;
  let boundSum = 0;
  const N = 500;
  for (let seed = 1; seed <= N; seed++) {
    const input = tinyInstance(seed);
    const exact = bruteForce(input);
    const bound = scheduleUpperBound(input);
    expect(bound.priority).toBeGreaterThanOrEqual(exact.priority);
    boundSum += bound.priority;
    const out = scheduleMeetings(input);
    expect(checkSchedule(input, out)).toEqual([]);
    const greedy = scheduleMeetings({ ...input, options: { strategy: 'greedy' } });
    const ff = scheduleMeetings({ ...input, options: { strategy: 'first-fit' } });
    if (out.stats.mustPlaced < exact.must) {
      mustShort++;
      console.log('must-meets short on seed', seed, JSON.stringify(input), exact, out.stats);
    }
    expect(out.stats.mustPlaced).toBeLessThanOrEqual(exact.must);
    opt += exact.priority;
    got += out.stats.priorityPlaced;
    greedyGot += greedy.stats.priorityPlaced;
    firstFitGot += ff.stats.priorityPlaced;
    if (out.stats.priorityPlaced >= exact.priority) optimalCount++;
    if (exact.priority > 0) worst = Math.min(worst, out.stats.priorityPlaced / exact.priority);
  }
  const ratio = got / opt;
  console.log(
    `tiny instances: ${N}; optimal on ${optimalCount}; must-meets short of optimum on ${mustShort}; ` +
      `priority ${got}/${opt} = ${(100 * ratio).toFixed(2)} % (worst instance ${(100 * worst).toFixed(0)} %); ` +
      `greedy only ${((100 * greedyGot) / opt).toFixed(2)} %, first-fit ${((100 * firstFitGot) / opt).toFixed(2)} %; ` +
      `upper bound ${boundSum} = ${((100 * boundSum) / opt).toFixed(2)} % of the optimum`,
  );
  expect(mustShort).toBe(0);
  expect(ratio).toBeGreaterThanOrEqual(0.995);
});

/** Exact optimum for 'total-priority': (total priority, then meetings). */
function bruteForceTotal(input: ScheduleInput): { priority: number; meetings: number } {
  const S = input.slots;
  const T = input.tables as number;
  const av = new Map(input.participants.map((p) => [p.id, new Set(p.available)]));
  const reqs = [...input.requests].sort((x, y) => y.priority - x.priority);
  const busy = new Set<string>();
  const used = new Array<number>(S).fill(0);
  let best = { priority: -1, meetings: -1 };
  const suffix = reqs.map((_, i) => reqs.slice(i).reduce((n, r) => n + r.priority, 0));
  const rec = (i: number, pr: number, n: number) => {
    if (i === reqs.length) {
      if (pr > best.priority || (pr === best.priority && n > best.meetings))
        best = { priority: pr, meetings: n };
      return;
    }
    const canPr = pr + (suffix[i] ?? 0);
    if (canPr < best.priority || (canPr === best.priority && n + reqs.length - i <= best.meetings)) return;
    const r = reqs[i] as ScheduleInput['requests'][number];
    for (let s = 0; s < S; s++) {
      if (!av.get(r.a)?.has(s) || !av.get(r.b)?.has(s)) continue;
      if (busy.has(`${r.a}@${s}`) || busy.has(`${r.b}@${s}`) || (used[s] ?? 0) >= T) continue;
      busy.add(`${r.a}@${s}`);
      busy.add(`${r.b}@${s}`);
      used[s] = (used[s] ?? 0) + 1;
      rec(i + 1, pr + r.priority, n + 1);
      busy.delete(`${r.a}@${s}`);
      busy.delete(`${r.b}@${s}`);
      used[s] = (used[s] ?? 0) - 1;
    }
    rec(i + 1, pr, n);
  };
  rec(0, 0, 0);
  return best;
}

test('objective total-priority: optimality on the same 500 tiny instances vs exact branch-and-bound', () => {
  let opt = 0;
  let got = 0;
  let optimal = 0;
  let meetingsMust = 0;
  let meetingsTotal = 0;
  const N = 500;
  for (let seed = 1; seed <= N; seed++) {
    const input = tinyInstance(seed);
    const exact = bruteForceTotal(input);
    const out = scheduleMeetings({ ...input, options: { objective: 'total-priority' } });
    expect(checkSchedule(input, out)).toEqual([]);
    expect(out.stats.priorityPlaced).toBeLessThanOrEqual(exact.priority);
    if (out.stats.priorityPlaced === exact.priority) {
      expect(out.stats.placed).toBeLessThanOrEqual(exact.meetings);
      if (out.stats.placed === exact.meetings) optimal++;
    }
    opt += exact.priority;
    got += out.stats.priorityPlaced;
    meetingsTotal += out.stats.placed;
    meetingsMust += scheduleMeetings(input).stats.placed;
  }
  console.log(
    `total-priority on ${N} tiny instances: optimal (priority, then meetings) on ${optimal}; priority ` +
      `${got}/${opt} = ${((100 * got) / opt).toFixed(2)} %; meetings ${meetingsTotal} vs ${meetingsMust} with must-first`,
  );
  expect(got / opt).toBeGreaterThanOrEqual(0.995);
  expect(optimal).toBeGreaterThanOrEqual(0.97 * N);
});
