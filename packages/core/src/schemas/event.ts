import * as v from 'valibot';
import { type ActionOf, type EVENT_LIFECYCLE, EVENT_STATES } from '../lifecycle.ts';
import { codesOf, DISTRICTS } from '../vocabulary.ts';
import { fen, isoDateTime, nonEmpty, picklistOf, queryInt } from './common.ts';

// 供需对接活动 (matchmaking events): request bodies, views and the pure rules of the slot grid.
// Slots and tables are 0-based indexes everywhere in the API (as in the scheduler); people see table t as
// "(t + 1)号桌".

/** An ISO-8601 instant with any offset, stored as UTC `…Z` so stored times compare as strings. */
const instant = v.pipe(
  isoDateTime,
  v.transform((s) => new Date(s).toISOString()),
);
const ulid = v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (ULID)'));
const int = (min: number, max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );
const text = (max: number) =>
  v.pipe(v.string('must be a string'), v.maxLength(max, `must have at most ${max} characters`));
const distinct = <T>(xs: T[]) => new Set(xs).size === xs.length;

export const EVENT_LIMITS = { slotCount: 96, tables: 1000, slotMinutes: 240, requestQuota: 200 } as const;

const eventFields = {
  title: nonEmpty(120),
  description: text(10000),
  venue: text(200),
  district: v.nullable(picklistOf(codesOf(DISTRICTS), 'districts')),
  startsAt: instant,
  slotMinutes: int(5, EVENT_LIMITS.slotMinutes),
  slotCount: int(1, EVENT_LIMITS.slotCount),
  /** Slot indexes that are breaks (coffee, lunch, keynote): nobody meets then. */
  breaks: v.pipe(
    v.array(int(0, EVENT_LIMITS.slotCount - 1), 'must be a list of slot indexes'),
    v.check(distinct, 'must not list the same slot twice'),
  ),
  tables: int(1, EVENT_LIMITS.tables),
  online: v.boolean('must be true or false'),
  /** Hosted-buyer mode: agencies stay at one table, firms rotate. */
  hostedBuyer: v.boolean('must be true or false'),
  /** How many meeting requests one participant may have open or accepted at once. */
  requestQuota: int(1, EVENT_LIMITS.requestQuota),
};

export interface EventGrid {
  startsAt: string;
  slotMinutes: number;
  slotCount: number;
  breaks: number[];
}

/** The rules across fields of a whole event (paths without the `body.` prefix); edits check the merged row. */
export function eventProblems(
  e: Pick<EventGrid, 'slotCount' | 'breaks'>,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  const outside = e.breaks.filter((b) => b >= e.slotCount);
  if (outside.length) {
    out.push({
      path: 'breaks',
      message: `slot ${outside.join(', ')} is not a slot of the event (slotCount ${e.slotCount})`,
    });
  } else if (new Set(e.breaks).size >= e.slotCount) {
    out.push({ path: 'breaks', message: 'leave at least one slot for meetings' });
  }
  return out;
}

/** POST /api/v1/events — a draft event with its slot grid. */
export const EventBody = v.pipe(
  v.object({
    title: eventFields.title,
    description: v.optional(eventFields.description, ''),
    venue: v.optional(eventFields.venue, ''),
    district: v.optional(eventFields.district, null),
    startsAt: eventFields.startsAt,
    slotMinutes: v.optional(eventFields.slotMinutes, 20),
    slotCount: v.optional(eventFields.slotCount, 12),
    breaks: v.optional(eventFields.breaks, []),
    tables: v.optional(eventFields.tables, 10),
    online: v.optional(eventFields.online, false),
    hostedBuyer: v.optional(eventFields.hostedBuyer, false),
    requestQuota: v.optional(eventFields.requestQuota, 10),
  }),
  v.forward(
    v.partialCheck(
      [['slotCount'], ['breaks']],
      (e) => eventProblems(e).length === 0,
      (issue) => eventProblems(issue.input).map((p) => p.message)[0] ?? 'is not valid',
    ),
    ['breaks'],
  ),
);
export type EventBody = v.InferOutput<typeof EventBody>;

/** PATCH /api/v1/events/{id} — any subset; the grid rules are checked on the merged event. */
export const EventPatchBody = v.pipe(
  v.partial(v.object(eventFields)),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type EventPatchBody = v.InferOutput<typeof EventPatchBody>;

export type EventAction = ActionOf<typeof EVENT_LIFECYCLE>;
export const EVENT_ACTIONS = [
  'open_registration',
  'start_scheduling',
  'publish_schedule',
  'reopen_registration',
  'reschedule',
  'start',
  'close',
  'cancel',
] as const satisfies readonly EventAction[];

export const EventTransitionBody = v.object({
  action: picklistOf(EVENT_ACTIONS, 'event actions'),
  comment: v.optional(text(2000), ''),
});
export type EventTransitionBody = v.InferOutput<typeof EventTransitionBody>;

/** GET /api/v1/events — soonest first; drafts only for organizers. */
export const EventListQuery = v.object({
  status: v.optional(picklistOf(EVENT_STATES, 'event statuses')),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200, 'must have at most 200 characters'))),
  limit: v.optional(queryInt(1, 100), '20'),
});
export type EventListQuery = v.InferOutput<typeof EventListQuery>;

export const EventSlot = v.object({
  index: v.number(),
  startsAt: v.string(),
  endsAt: v.string(),
  break: v.boolean(),
});
export type EventSlot = v.InferOutput<typeof EventSlot>;

/** The slot grid in UTC ISO-8601 (clients show it in Asia/Shanghai): slot i starts i × slotMinutes after startsAt. */
export function eventSlots(e: EventGrid): EventSlot[] {
  const start = Date.parse(e.startsAt);
  const breaks = new Set(e.breaks);
  return Array.from({ length: e.slotCount }, (_, index) => ({
    index,
    startsAt: new Date(start + index * e.slotMinutes * 60_000).toISOString(),
    endsAt: new Date(start + (index + 1) * e.slotMinutes * 60_000).toISOString(),
    break: breaks.has(index),
  }));
}

/** Slots a participant can meet in: every slot but the breaks. */
export const meetingSlots = (e: Pick<EventGrid, 'slotCount' | 'breaks'>): number[] =>
  Array.from({ length: e.slotCount }, (_, i) => i).filter((i) => !e.breaks.includes(i));

export const tableLabel = (table: number) => `${table + 1}号桌`;

export const EventView = v.object({
  id: v.string(),
  organizerId: v.string(),
  title: v.string(),
  description: v.string(),
  venue: v.string(),
  district: v.nullable(v.string()),
  startsAt: v.string(),
  endsAt: v.string(),
  slotMinutes: v.number(),
  slotCount: v.number(),
  breaks: v.array(v.number()),
  tables: v.number(),
  online: v.boolean(),
  hostedBuyer: v.boolean(),
  requestQuota: v.number(),
  status: v.picklist(EVENT_STATES),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type EventView = v.InferOutput<typeof EventView>;

export const EventDetail = v.object({
  ...EventView.entries,
  slots: v.array(EventSlot),
  /** Lifecycle actions the current status allows (for organizers' buttons). */
  allowedActions: v.array(v.string()),
});
export type EventDetail = v.InferOutput<typeof EventDetail>;

export const EventPage = v.object({ items: v.array(EventView), nextCursor: v.nullable(v.string()) });
export type EventPage = v.InferOutput<typeof EventPage>;

// Registration (报名)

const idList = (max: number) =>
  v.pipe(
    v.array(ulid, 'must be a list of ids'),
    v.maxLength(max, `must list at most ${max}`),
    v.check(distinct, 'must not list the same id twice'),
  );

const registrationFields = {
  needs: text(2000),
  offers: text(2000),
  /** The caller's own scenarios (agencies). */
  scenarioIds: idList(20),
  /** The caller's own products (firms). */
  productIds: idList(20),
  /** Slot indexes the participant can attend; breaks excluded. Omitted on registration = every meeting slot. */
  availability: v.pipe(
    v.array(int(0, EVENT_LIMITS.slotCount - 1), 'must be a list of slot indexes'),
    v.check(distinct, 'must not list the same slot twice'),
  ),
  /** Hosted-buyer events: the agency's fixed table (0-based); null = any free table. */
  hostTable: v.nullable(int(0, EVENT_LIMITS.tables - 1)),
  /** The most meetings this participant wants in the day (its quota); null = as many as fit. */
  maxMeetings: v.nullable(int(1, EVENT_LIMITS.slotCount)),
};

export const RegistrationBody = v.object({
  needs: v.optional(registrationFields.needs, ''),
  offers: v.optional(registrationFields.offers, ''),
  scenarioIds: v.optional(registrationFields.scenarioIds, []),
  productIds: v.optional(registrationFields.productIds, []),
  availability: v.optional(registrationFields.availability),
  hostTable: v.optional(registrationFields.hostTable, null),
  maxMeetings: v.optional(registrationFields.maxMeetings, null),
});
export type RegistrationBody = v.InferOutput<typeof RegistrationBody>;

export const RegistrationPatchBody = v.pipe(
  v.partial(v.object(registrationFields)),
  v.check((p) => Object.keys(p).length > 0, 'must change at least one field'),
);
export type RegistrationPatchBody = v.InferOutput<typeof RegistrationPatchBody>;

/** Problems of an availability list against the event's grid (paths without the `body.` prefix). */
export function availabilityProblems(
  e: Pick<EventGrid, 'slotCount' | 'breaks'>,
  availability: readonly number[],
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  availability.forEach((s, i) => {
    if (s >= e.slotCount) {
      out.push({ path: `availability.${i}`, message: `slot ${s} does not exist (slotCount ${e.slotCount})` });
    } else if (e.breaks.includes(s)) {
      out.push({ path: `availability.${i}`, message: `slot ${s} is a break` });
    }
  });
  return out;
}

export const RegistrationDecisionBody = v.object({ reason: v.optional(text(1000), '') });

export const PARTICIPANT_STATUSES = ['registered', 'approved', 'rejected', 'cancelled'] as const;

export const ParticipantView = v.object({
  id: v.string(),
  eventId: v.string(),
  orgId: v.string(),
  orgName: v.string(),
  role: v.picklist(['agency', 'firm']),
  status: v.picklist(PARTICIPANT_STATUSES),
  needs: v.string(),
  offers: v.string(),
  scenarioIds: v.array(v.string()),
  productIds: v.array(v.string()),
  availability: v.array(v.number()),
  hostTable: v.nullable(v.number()),
  maxMeetings: v.nullable(v.number()),
  checkedInAt: v.nullable(v.string()),
  createdAt: v.string(),
});
export type ParticipantView = v.InferOutput<typeof ParticipantView>;

/** The public directory of an event: approved participants only, what they need and offer. */
export const DirectoryEntry = v.object({
  participantId: v.string(),
  orgId: v.string(),
  orgName: v.string(),
  role: v.picklist(['agency', 'firm']),
  district: v.string(),
  needs: v.string(),
  offers: v.string(),
});
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntry>;

// Meeting requests (约见)

export const MEETING_PREFERENCES = ['must_meet', 'meet', 'no_thanks'] as const;
export type MeetingPreference = (typeof MEETING_PREFERENCES)[number];
/** The scheduler's priority of a preference; no-thanks is not a request but a blocked pair. */
export const PRIORITY_OF = { must_meet: 2, meet: 1 } as const;

export const MeetingRequestBody = v.object({
  toParticipantId: ulid,
  preference: picklistOf(MEETING_PREFERENCES, 'preferences'),
  message: v.optional(text(500), ''),
});
export type MeetingRequestBody = v.InferOutput<typeof MeetingRequestBody>;

export const REQUEST_ACTIONS = ['accept', 'decline', 'cancel'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];
export const REQUEST_STATUSES = [
  'requested',
  'accepted',
  'declined',
  'expired',
  'cancelled',
  'recorded',
] as const;

const Party = v.object({
  participantId: v.string(),
  orgId: v.string(),
  orgName: v.string(),
  role: v.picklist(['agency', 'firm']),
});

export const MeetingRequestView = v.object({
  id: v.string(),
  eventId: v.string(),
  from: Party,
  to: Party,
  preference: v.picklist(MEETING_PREFERENCES),
  status: v.picklist(REQUEST_STATUSES),
  message: v.string(),
  respondedAt: v.nullable(v.string()),
  createdAt: v.string(),
});
export type MeetingRequestView = v.InferOutput<typeof MeetingRequestView>;

export const MyRequests = v.object({
  participantId: v.string(),
  quota: v.object({ used: v.number(), limit: v.number() }),
  /** Includes the caller's own no-thanks preferences (status `recorded`), which the other side never sees. */
  sent: v.array(MeetingRequestView),
  received: v.array(MeetingRequestView),
});
export type MyRequests = v.InferOutput<typeof MyRequests>;

// Scheduling, meetings, agendas

export const ScheduleRunBody = v.object({
  /** Let the scheduler move confirmed meetings too (it still prefers their old place). */
  allowMove: v.optional(v.boolean('must be true or false'), false),
  /**
   * 'must-first' (default): as many must-meets as possible, then as many meetings. 'total-priority': as much
   * total priority (must = 2, meet = 1), then as many meetings — a must-meet may give way to two meets.
   */
  objective: v.optional(
    v.picklist(['must-first', 'total-priority'], "must be 'must-first' or 'total-priority'"),
    'must-first',
  ),
});
export type ScheduleRunBody = v.InferOutput<typeof ScheduleRunBody>;

export const MeetingMoveBody = v.object({
  slot: int(0, EVENT_LIMITS.slotCount - 1),
  table: int(0, EVENT_LIMITS.tables - 1),
});
export type MeetingMoveBody = v.InferOutput<typeof MeetingMoveBody>;

export const AttendanceBody = v.object({
  status: v.picklist(['held', 'no_show'], 'must be held or no_show'),
  /** For a no-show: the participant who did not come, when known. */
  absentParticipantId: v.optional(v.nullable(ulid), null),
});
export type AttendanceBody = v.InferOutput<typeof AttendanceBody>;

export const MEETING_OUTCOMES = ['none', 'intention', 'agreement'] as const;

export const OutcomeBody = v.pipe(
  v.object({
    outcome: picklistOf(MEETING_OUTCOMES, 'outcomes'),
    /** Intended or agreed amount in fen. */
    amountFen: v.optional(v.nullable(v.pipe(fen, v.maxValue(1e15, 'must be at most 10^15 fen'))), null),
    notes: v.optional(text(2000), ''),
  }),
  v.forward(
    v.check(
      (o) => o.outcome !== 'none' || o.amountFen === null,
      'only an intention or an agreement has an amount',
    ),
    ['amountFen'],
  ),
);
export type OutcomeBody = v.InferOutput<typeof OutcomeBody>;

export const MEETING_STATUSES = ['scheduled', 'confirmed', 'held', 'no_show', 'cancelled'] as const;

export const MeetingView = v.object({
  id: v.string(),
  requestId: v.nullable(v.string()),
  a: Party,
  b: Party,
  slot: v.number(),
  table: v.number(),
  startsAt: v.string(),
  endsAt: v.string(),
  status: v.picklist(MEETING_STATUSES),
  aConfirmedAt: v.nullable(v.string()),
  bConfirmedAt: v.nullable(v.string()),
  absentId: v.nullable(v.string()),
  outcome: v.nullable(v.picklist(MEETING_OUTCOMES)),
  amountFen: v.nullable(v.number()),
  notes: v.string(),
});
export type MeetingView = v.InferOutput<typeof MeetingView>;

export const ScheduleRunResult = v.object({
  eventId: v.string(),
  meetings: v.array(MeetingView),
  unplaced: v.array(
    v.object({
      requestId: v.string(),
      a: Party,
      b: Party,
      priority: v.number(),
      reason: v.string(),
      message: v.string(),
    }),
  ),
  /** Meetings of the previous run that moved or were dropped, and why. */
  changes: v.array(
    v.object({
      requestId: v.nullable(v.string()),
      confirmed: v.boolean(),
      from: v.object({ slot: v.number(), table: v.number() }),
      to: v.nullable(v.object({ slot: v.number(), table: v.number() })),
      why: v.string(),
    }),
  ),
  stats: v.object({
    requests: v.number(),
    placed: v.number(),
    mustRequested: v.number(),
    mustPlaced: v.number(),
  }),
});
export type ScheduleRunResult = v.InferOutput<typeof ScheduleRunResult>;

export const EventAgendaItem = v.object({
  meetingId: v.string(),
  slot: v.number(),
  startsAt: v.string(),
  endsAt: v.string(),
  table: v.number(),
  tableLabel: v.string(),
  counterpart: Party,
  status: v.picklist(MEETING_STATUSES),
  confirmedByMe: v.boolean(),
  confirmedByCounterpart: v.boolean(),
  outcome: v.nullable(v.picklist(MEETING_OUTCOMES)),
  amountFen: v.nullable(v.number()),
  notes: v.string(),
});

export const EventAgenda = v.object({
  event: v.object({
    id: v.string(),
    title: v.string(),
    venue: v.string(),
    online: v.boolean(),
    status: v.picklist(EVENT_STATES),
    startsAt: v.string(),
    endsAt: v.string(),
  }),
  participant: v.object({
    id: v.string(),
    role: v.picklist(['agency', 'firm']),
    status: v.picklist(PARTICIPANT_STATUSES),
    hostTable: v.nullable(v.number()),
    checkedInAt: v.nullable(v.string()),
  }),
  /** False until the organizer publishes the schedule: no meetings are shown before. */
  published: v.boolean(),
  meetings: v.array(EventAgendaItem),
});
export type EventAgenda = v.InferOutput<typeof EventAgenda>;

export const EventTablePlan = v.object({
  eventId: v.string(),
  status: v.picklist(EVENT_STATES),
  tables: v.number(),
  slots: v.array(
    v.object({
      ...EventSlot.entries,
      cells: v.array(
        v.object({
          table: v.number(),
          meeting: v.nullable(
            v.object({ id: v.string(), status: v.picklist(MEETING_STATUSES), a: Party, b: Party }),
          ),
        }),
      ),
    }),
  ),
});
export type EventTablePlan = v.InferOutput<typeof EventTablePlan>;

// The event report (活动成效)

const ReportGroup = {
  requests: v.number(),
  accepted: v.number(),
  meetings: v.number(),
  held: v.number(),
  noShows: v.number(),
  intentions: v.number(),
  agreements: v.number(),
  dealAmountFen: v.number(),
};

export const EventReport = v.object({
  event: v.object({ id: v.string(), title: v.string(), status: v.picklist(EVENT_STATES) }),
  participants: v.object({
    registered: v.number(),
    approved: v.number(),
    agencies: v.number(),
    firms: v.number(),
    checkedIn: v.number(),
  }),
  requests: v.object({
    total: v.number(),
    byStatus: v.record(v.string(), v.number()),
    mustMeet: v.number(),
    noThanks: v.number(),
    /** accepted ÷ requests not cancelled by their sender, in percent with one decimal; null without any. */
    acceptanceRate: v.nullable(v.number()),
  }),
  meetings: v.object({
    scheduled: v.number(),
    confirmed: v.number(),
    held: v.number(),
    noShows: v.number(),
    intentions: v.number(),
    agreements: v.number(),
    intentionAmountFen: v.number(),
    dealAmountFen: v.number(),
  }),
  /** By the software domains of the firm in each pair (a firm with several domains counts in each; null = none). */
  byDomain: v.array(v.object({ domain: v.nullable(v.string()), ...ReportGroup })),
  /** By the district of the firm in each pair (null = a pair without a firm). */
  byDistrict: v.array(v.object({ district: v.nullable(v.string()), ...ReportGroup })),
});
export type EventReport = v.InferOutput<typeof EventReport>;

/** part ÷ whole in percent with one decimal; null when there is nothing to divide by. */
export const shareInPercent = (part: number, whole: number): number | null =>
  whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
