import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  allowedActions,
  BID_LIFECYCLE,
  CALL_LIFECYCLE,
  EVENT_LIFECYCLE,
  type Machine,
  NOTICE_LIFECYCLE,
  PUBLIC_SCENARIO_STATUSES,
  SCENARIO_LIFECYCLE,
  transition,
} from '../src/lifecycle.ts';

const MACHINES = [
  CALL_LIFECYCLE,
  SCENARIO_LIFECYCLE,
  BID_LIFECYCLE,
  NOTICE_LIFECYCLE,
  EVENT_LIFECYCLE,
] as Machine<string, string>[];

test('the scenario lifecycle of DESIGN.md, step by step', () => {
  const path: [string, string][] = [
    ['submit', 'submitted'],
    ['return', 'returned'],
    ['submit', 'submitted'],
    ['publish', 'published'],
    ['close_bidding', 'bidding_closed'],
    ['start_evaluation', 'under_evaluation'],
    ['award', 'awarded'],
    ['reopen_evaluation', 'under_evaluation'],
    ['award', 'awarded'],
    ['start_delivery', 'in_delivery'],
    ['accept', 'accepted'],
  ];
  let s: string = SCENARIO_LIFECYCLE.initial;
  for (const [action, expected] of path) {
    const r = transition(SCENARIO_LIFECYCLE as Machine<string, string>, s, action);
    expect(r).toEqual({ ok: true, value: expected });
    if (r.ok) s = r.value;
  }
});

test('illegal transitions are refused with ILLEGAL_TRANSITION and a message naming both', () => {
  const r = transition(SCENARIO_LIFECYCLE, 'published', 'withdraw');
  expect(r).toEqual({
    ok: false,
    error: { code: 'ILLEGAL_TRANSITION', message: "scenario cannot 'withdraw' from 'published'" },
  });
  expect(transition(BID_LIFECYCLE, 'draft', 'open').ok).toBe(false);
  expect(transition(CALL_LIFECYCLE, 'published', 'open').ok).toBe(false);
});

test('bids open only after submission; withdrawn and disqualified bids are terminal for scoring', () => {
  expect(allowedActions(BID_LIFECYCLE, 'submitted').sort()).toEqual(['amend', 'open', 'withdraw']);
  expect(allowedActions(BID_LIFECYCLE, 'withdrawn')).toEqual([]);
  expect(allowedActions(BID_LIFECYCLE, 'disqualified')).toEqual([]);
});

test('every machine: targets are declared states, and random walks stay inside the machine', () => {
  for (const m of MACHINES) {
    for (const [from, actions] of Object.entries(m.transitions)) {
      expect(m.states).toContain(from);
      for (const to of Object.values(actions ?? {})) expect(m.states).toContain(to);
    }
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 30 }), (choices) => {
        let s = m.initial;
        for (const c of choices) {
          const acts = allowedActions(m, s);
          if (acts.length === 0) break;
          const r = transition(m, s, acts[c % acts.length] as string);
          expect(r.ok).toBe(true);
          if (r.ok) s = r.value;
        }
        expect(m.states).toContain(s);
      }),
    );
  }
});

test('drafts, submissions, returned and withdrawn scenarios are never public', () => {
  for (const s of ['draft', 'submitted', 'returned', 'withdrawn'] as const) {
    expect(PUBLIC_SCENARIO_STATUSES as readonly string[]).not.toContain(s);
  }
});
