// Types of the 1:1 meeting scheduler for matchmaking events (供需对接活动). Pure data, JSON-friendly.

/** 2 = must-meet, 1 = meet. A no-thanks preference is not a request: list it in `noThanks`. */
export type MeetingPriority = 1 | 2;

export interface ScheduleParticipant {
  id: string;
  /** Slot indexes (0-based) the participant can meet in; omitted = every slot. Out-of-range indexes are ignored. */
  available?: readonly number[];
  /** Hosted-buyer mode: a host (agency) keeps one table for the whole event; guests (firms) rotate. */
  host?: boolean;
  /** A host's fixed table (0-based); omitted = the lowest free table, hosts taken in input order. */
  table?: number;
  /** Quota: at most this many meetings (confirmed ones included). */
  maxMeetings?: number;
}

export interface ScheduleRequest {
  a: string;
  b: string;
  priority: MeetingPriority;
}

/** A meeting of an earlier run of the scheduler (for re-scheduling after late changes). */
export interface PreviousMeeting {
  a: string;
  b: string;
  slot: number;
  table: number;
  /** Confirmed meetings stay where they are unless `allowMove`; unconfirmed ones are kept when still possible. */
  confirmed?: boolean;
}

export interface ScheduleInput {
  slots: number;
  /** Tables per slot: one number for every slot, or one entry per slot. */
  tables: number | readonly number[];
  /** Slots without meetings (coffee, lunch, keynote). */
  breaks?: readonly number[];
  participants: readonly ScheduleParticipant[];
  requests: readonly ScheduleRequest[];
  /** Pairs that must never meet (either side said no-thanks). */
  noThanks?: readonly { a: string; b: string }[];
  /** Hosted-buyer mode: meetings with a host take place at the host's table. */
  hosted?: boolean;
  previous?: readonly PreviousMeeting[];
  /** Let the scheduler move confirmed meetings too (it still prefers their old place). */
  allowMove?: boolean;
  options?: ScheduleOptions;
}

export interface ScheduleOptions {
  /**
   * 'optimise' (default): ordered greedy, then improvement moves — ejection chains (relocate blocking
   * meetings), Kempe-chain slot swaps, exchanges through full participants, must-meet-over-meet evictions —
   * and a seeded ruin-and-recreate search. 'greedy': the ordered greedy only. 'first-fit': requests in input
   * order, each at its earliest free slot — the baseline of commercial "quick schedule" tools.
   */
  strategy?: 'optimise' | 'greedy' | 'first-fit';
  /**
   * What 'optimise' maximises. 'must-first' (default): must-meets placed, then total priority (= then
   * meetings) — a must-meet never gives way to meets. 'total-priority': Σ priority (must = 2, meet = 1), then
   * meetings — one must-meet may give way to two meets (same priority, one meeting more). It runs the
   * must-first search, then goes on from its result (with half of `maxNodes` more), so it never ends below it
   * in (priority, meetings).
   */
  objective?: 'must-first' | 'total-priority';
  /** Deepest chain of moved meetings per placement attempt (default 8). */
  maxDepth?: number;
  /** Bound on search nodes for the whole improvement phase (default 1,000,000); keeps the run time bounded. */
  maxNodes?: number;
  /**
   * Ruin-and-recreate iterations after the improvement moves (default 2,000, at most 25 per unplaced request;
   * 0 = none). Seeded by the instance size, so still deterministic; counted in `maxNodes` too.
   */
  lnsIterations?: number;
}

export const UNPLACED_REASONS = [
  'self_meeting',
  'unknown_participant',
  'duplicate',
  'no_thanks',
  'no_host_table',
  'participant_unavailable',
  'no_common_slot',
  'quota_reached',
  'participant_busy',
  'no_table_left',
] as const;
export type UnplacedReason = (typeof UNPLACED_REASONS)[number];

export interface ScheduledMeeting {
  a: string;
  b: string;
  slot: number;
  table: number;
  priority: MeetingPriority;
  /** Index of the request in `input.requests`. */
  request: number;
  /** A confirmed meeting of `previous` kept at its place. */
  confirmed: boolean;
}

export interface UnplacedRequest {
  a: string;
  b: string;
  priority: MeetingPriority;
  request: number;
  reason: UnplacedReason;
  message: string;
}

/** A meeting of `previous` that is not where it was (moved, or no longer scheduled). */
export interface ScheduleChange {
  a: string;
  b: string;
  confirmed: boolean;
  from: { slot: number; table: number };
  to: { slot: number; table: number } | null;
  why: string;
}

export interface ScheduleStats {
  requests: number;
  placed: number;
  mustRequested: number;
  mustPlaced: number;
  priorityRequested: number;
  priorityPlaced: number;
  /** Meetings / priority after the greedy phase, before improvement (same run). */
  greedyPlaced: number;
  greedyPriority: number;
  /** Search nodes spent by the improvement phase. */
  nodes: number;
  /**
   * Successful improvement moves by kind ('optimise' only): ejection chains, Kempe-chain slot swaps,
   * exchanges (alternating paths through full participants), must-meet evictions of meets, and
   * ruin-and-recreate steps that raised the objective.
   */
  moves?: { relocate: number; kempe: number; exchange: number; evict: number; lns: number };
}

export interface ScheduleResult {
  /** Sorted by slot, then table. */
  meetings: ScheduledMeeting[];
  /** In request order. */
  unplaced: UnplacedRequest[];
  changes: ScheduleChange[];
  stats: ScheduleStats;
}
