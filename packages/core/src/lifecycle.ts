import { err, ok, type Result } from './result.ts';

/**
 * Every lifecycle of DESIGN.md as an explicit table: state → action → next state.
 * Routes never set a status directly; they ask `transition` and store what it answers.
 */
export interface Machine<S extends string, A extends string> {
  name: string;
  initial: S;
  states: readonly S[];
  transitions: { readonly [K in S]?: { readonly [X in A]?: S } };
}

const machine = <const S extends string, const A extends string>(m: Machine<S, A>) => m;

export const CALL_STATES = ['draft', 'open', 'closed', 'published'] as const;
export const SCENARIO_STATES = [
  'draft',
  'submitted',
  'returned',
  'published',
  'bidding_closed',
  'under_evaluation',
  'awarded',
  'failed',
  'in_delivery',
  'accepted',
  'terminated',
  'withdrawn',
] as const;
export const BID_STATES = [
  'draft',
  'submitted',
  'withdrawn',
  'opened',
  'qualified',
  'disqualified',
  'scored',
  'awarded',
  'not_awarded',
] as const;
export const NOTICE_STATES = ['published', 'objection_window', 'final', 'reopened'] as const;
export const EVENT_STATES = [
  'draft',
  'registration_open',
  'scheduling',
  'scheduled',
  'running',
  'closed',
  'cancelled',
] as const;

export const CALL_LIFECYCLE = machine({
  name: 'call',
  initial: 'draft',
  states: CALL_STATES,
  transitions: {
    draft: { open: 'open' },
    open: { close: 'closed' },
    closed: { publish: 'published', reopen: 'open' },
  },
});

export const SCENARIO_LIFECYCLE = machine({
  name: 'scenario',
  initial: 'draft',
  states: SCENARIO_STATES,
  transitions: {
    draft: { submit: 'submitted', withdraw: 'withdrawn' },
    submitted: { return: 'returned', publish: 'published', withdraw: 'withdrawn' },
    returned: { submit: 'submitted', withdraw: 'withdrawn' },
    published: { close_bidding: 'bidding_closed' },
    bidding_closed: { start_evaluation: 'under_evaluation', fail: 'failed' },
    under_evaluation: { award: 'awarded', fail: 'failed' },
    // An upheld objection re-opens evaluation.
    awarded: { start_delivery: 'in_delivery', reopen_evaluation: 'under_evaluation' },
    in_delivery: { accept: 'accepted', terminate: 'terminated' },
  },
});

export const BID_LIFECYCLE = machine({
  name: 'bid',
  initial: 'draft',
  states: BID_STATES,
  transitions: {
    draft: { submit: 'submitted', withdraw: 'withdrawn' },
    submitted: { amend: 'submitted', withdraw: 'withdrawn', open: 'opened' },
    opened: { qualify: 'qualified', disqualify: 'disqualified' },
    qualified: { score: 'scored', disqualify: 'disqualified' },
    scored: { award: 'awarded', not_award: 'not_awarded', rescore: 'qualified' },
    awarded: { reopen: 'scored' },
    not_awarded: { reopen: 'scored' },
  },
});

export const NOTICE_LIFECYCLE = machine({
  name: 'notice',
  initial: 'published',
  states: NOTICE_STATES,
  transitions: {
    published: { open_objections: 'objection_window', finalize: 'final' },
    objection_window: { finalize: 'final', uphold_objection: 'reopened' },
  },
});

export const EVENT_LIFECYCLE = machine({
  name: 'event',
  initial: 'draft',
  states: EVENT_STATES,
  transitions: {
    draft: { open_registration: 'registration_open', cancel: 'cancelled' },
    registration_open: { start_scheduling: 'scheduling', cancel: 'cancelled' },
    scheduling: {
      publish_schedule: 'scheduled',
      reopen_registration: 'registration_open',
      cancel: 'cancelled',
    },
    scheduled: { start: 'running', reschedule: 'scheduling', cancel: 'cancelled' },
    running: { close: 'closed' },
  },
});

export type StateOf<M> = M extends Machine<infer S, string> ? S : never;
export type ActionOf<M> = M extends Machine<string, infer A> ? A : never;

export type CallStatus = StateOf<typeof CALL_LIFECYCLE>;
export type ScenarioStatus = StateOf<typeof SCENARIO_LIFECYCLE>;
export type ScenarioAction = ActionOf<typeof SCENARIO_LIFECYCLE>;
export type BidStatus = StateOf<typeof BID_LIFECYCLE>;
export type NoticeStatus = StateOf<typeof NOTICE_LIFECYCLE>;
export type EventStatus = StateOf<typeof EVENT_LIFECYCLE>;

export function transition<S extends string, A extends string>(
  m: Machine<S, A>,
  from: S,
  action: A,
): Result<S> {
  const next = m.transitions[from]?.[action];
  if (next === undefined) {
    return err({
      code: 'ILLEGAL_TRANSITION',
      message: `${m.name} cannot '${action}' from '${from}'`,
    });
  }
  return ok(next);
}

/** Actions allowed from a state, for UIs that show only the buttons that can work. */
export function allowedActions<S extends string, A extends string>(m: Machine<S, A>, from: S): A[] {
  return Object.keys(m.transitions[from] ?? {}) as A[];
}

/** States the public may see (公开): everything from publication on, never drafts or withdrawn ones. */
export const PUBLIC_SCENARIO_STATUSES = [
  'published',
  'bidding_closed',
  'under_evaluation',
  'awarded',
  'failed',
  'in_delivery',
  'accepted',
  'terminated',
] as const satisfies readonly ScenarioStatus[];
