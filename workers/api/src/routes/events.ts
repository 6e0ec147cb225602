import {
  AttendanceBody,
  DirectoryEntry,
  EventAgenda,
  EventBody,
  EventDetail,
  EventListQuery,
  EventPage,
  EventPatchBody,
  EventReport,
  EventTablePlan,
  EventTransitionBody,
  MatchQuerySchema,
  MeetingMoveBody,
  MeetingRequestBody,
  MeetingView,
  MyRequests,
  OutcomeBody,
  ParticipantView,
  REQUEST_ACTIONS,
  RegistrationBody,
  RegistrationDecisionBody,
  RegistrationPatchBody,
  ScheduleRunBody,
  ScheduleRunResult,
} from '@scx/core';
import {
  actOnRequest,
  checkInParticipant,
  confirmMeeting,
  createEvent,
  createMeetingRequest,
  decideRegistration,
  decodeCursor,
  getAgenda,
  getEvent,
  getEventReport,
  getOwnRegistration,
  getTablePlan,
  listDirectory,
  listEventMeetings,
  listEvents,
  listOwnRequests,
  listRegistrations,
  markAttendance,
  moveMeeting,
  recordOutcome,
  registerParticipant,
  runSchedule,
  suggestMeetings,
  transitionEvent,
  updateEvent,
  updateOwnRegistration,
  type WriteResult,
} from '@scx/db';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { createEvents, type EventAttributes } from 'ics';
import * as v from 'valibot';
import { scaleOf } from '../embedders.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { etagOf, ifMatchVersion } from '../lib/etag.ts';
import { unwrap } from '../lib/results.ts';
import { isOrganizer, principal, requireActor, SESSION_COOKIE } from '../middleware/auth.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { validate } from '../middleware/validate.ts';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

const Id = (what: string) =>
  v.pipe(v.string(), v.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, `must be ${what} id (ULID)`));
const IdParam = v.object({ id: Id('an event') });
const SuggestionFields = {
  participantId: v.string(),
  orgId: v.string(),
  orgName: v.string(),
  role: v.picklist(['agency', 'firm']),
  score: v.number(),
  scenarioId: v.string(),
  scenarioTitle: v.string(),
  productId: v.nullable(v.string()),
  productName: v.nullable(v.string()),
};
const MeetingSuggestionsSchema = v.object({
  participantId: v.string(),
  role: v.picklist(['agency', 'firm']),
  suggestions: v.array(
    v.object({
      ...SuggestionFields,
      reasons: v.array(v.object({ code: v.string(), zh: v.string(), en: v.string(), points: v.number() })),
    }),
  ),
  nearMisses: v.array(
    v.object({
      ...SuggestionFields,
      unmet: v.array(v.object({ rule: v.string(), zh: v.string(), en: v.string() })),
    }),
  ),
});

const ParticipantParam = v.object({ id: Id('an event'), participantId: Id('a participant') });
const MeetingParam = v.object({ id: Id('an event'), meetingId: Id('a meeting') });
const DecisionParam = v.object({
  ...ParticipantParam.entries,
  decision: v.picklist(['approve', 'reject'], 'must be approve or reject'),
});
const RequestParam = v.object({
  id: Id('an event'),
  requestId: Id('a meeting request'),
  action: v.picklist(REQUEST_ACTIONS, `must be one of: ${REQUEST_ACTIONS.join(', ')}`),
});
const Versioned = v.object({ id: v.string(), version: v.number() });
const IdStatus = v.object({ id: v.string(), status: v.string() });

type P = ReturnType<typeof principal>;
const actorOf = (p: P) => ({ userId: p.userId, orgId: p.acting?.orgId ?? null });
const orgOf = (p: P) => p.acting?.orgId as string;

/** Public reads that show more to organizers (drafts); bad or missing credentials read as the public. */
const maybeActor = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('authorization') || getCookie(c, SESSION_COOKIE)) {
    try {
      await requireActor()(c, async () => {});
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }
  await next();
});
const seesDrafts = (c: { get(key: 'principal'): P | undefined }) => {
  const p = c.get('principal');
  return p !== undefined && isOrganizer(p);
};

const organizer = requireActor({ orgKinds: ['organizer'] });
const participantReads = requireActor({ orgKinds: ['agency', 'firm'] });
const participantWrites = requireActor({ orgKinds: ['agency', 'firm'], roles: ['admin', 'member'] });

/**
 * A db result as the API answers it. Events are public, so a participant who may not do something gets
 * 403 with the reason; a missing sub-resource is named with its own id.
 */
function settle<T>(r: WriteResult<T>, ids: Record<string, string>): T {
  if (r.ok) return r.value;
  if (r.reason === 'forbidden') throw new ApiError('FORBIDDEN', r.detail ?? 'Not allowed.');
  if (r.reason === 'not_found') {
    const kind = r.detail ?? 'event';
    throw new ApiError('NOT_FOUND', `No ${kind} ${ids[kind] ?? ids.event ?? ''} that you can see.`);
  }
  return unwrap(r, 'event', ids.event ?? '', { fieldPrefix: 'body' });
}

const notRegistered = (id: string) =>
  new ApiError('FORBIDDEN', `Your organization has no registration for event ${id}; register first.`);

const ICS_HEADER = { productId: 'scenario-exchange/events' };

/** A participant's agenda as iCalendar: UTC stamps, the counterpart and the table in Chinese. */
function agendaIcs(agenda: EventAgenda): string {
  const items: EventAttributes[] = agenda.meetings.map((m) => ({
    uid: `${m.meetingId}@scenario-exchange`,
    start: Date.parse(m.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: Date.parse(m.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    title: `供需对接：${m.counterpart.orgName}（${m.tableLabel}）`,
    description: `${agenda.event.title}\n对接单位：${m.counterpart.orgName}\n桌号：${m.tableLabel}`,
    location: [agenda.event.venue, m.tableLabel].filter(Boolean).join(' '),
    status: m.status === 'confirmed' ? 'CONFIRMED' : 'TENTATIVE',
    calName: agenda.event.title,
  }));
  const out = createEvents(items, { ...ICS_HEADER, calName: agenda.event.title });
  if (out.error || out.value === null) throw out.error ?? new Error('ics produced no calendar');
  return out.value;
}

/**
 * 供需对接活动 (matchmaking events). Organizers create events and run them draft → registration_open →
 * scheduling → scheduled → running → closed; approved agencies and firms register, ask each other for
 * meetings, get a schedule (the core scheduler), confirm, meet and record outcomes. A request is seen by its
 * two participants only. (Suggestions from the matching engine are not here: they come with that engine.)
 */
export const eventsRouter = createRouter()
  .get(
    '/',
    describe({
      operationId: 'listEvents',
      summary: 'Matchmaking events (供需对接活动), latest first; drafts are listed for organizers only',
      tags: ['events'],
      responses: { 200: { description: 'A page of events', schema: EventPage } },
    }),
    maybeActor,
    validate('query', EventListQuery),
    async (c) => {
      const q = c.req.valid('query');
      const cursor = q.cursor ? decodeCursor(q.cursor) : null;
      if (q.cursor && !cursor) {
        throw new ApiError('VALIDATION_FAILED', 'query.cursor: is not a cursor from this API', [
          { path: 'query.cursor', message: 'is not a cursor from this API' },
        ]);
      }
      return c.json(await listEvents(c.get('db'), q, cursor, seesDrafts(c)));
    },
  )
  .post(
    '/',
    describe({
      operationId: 'createEvent',
      summary: 'Create a draft event with its slot grid (organizer); accepts Idempotency-Key',
      description:
        'Slots are 0-based: slot i starts startsAt + i × slotMinutes (UTC). breaks are slot indexes; tables are ' +
        '0-based too (table t is "(t+1)号桌").',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Created as a draft', schema: Versioned } },
    }),
    organizer,
    idempotent,
    validate('json', EventBody),
    async (c) => {
      const p = principal(c);
      const orgId = p.acting?.orgId;
      if (!orgId) throw new ApiError('FORBIDDEN', 'Act for your organizer organization to create an event.');
      const out = await createEvent(
        c.get('db'),
        c.req.valid('json'),
        orgId,
        actorOf(p),
        c.get('deps').clock(),
      );
      c.header('ETag', etagOf(out.version));
      c.header('Location', `/api/v1/events/${out.id}`);
      return c.json(out, 201);
    },
  )
  .get(
    '/:id',
    describe({
      operationId: 'getEvent',
      summary: 'One event with its slot times (UTC); drafts for organizers only; the ETag is its version',
      tags: ['events'],
      responses: { 200: { description: 'The event', schema: EventDetail } },
    }),
    maybeActor,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const event = await getEvent(c.get('db'), id, seesDrafts(c));
      if (!event) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      c.header('ETag', etagOf(event.version));
      return c.json(event);
    },
  )
  .patch(
    '/:id',
    describe({
      operationId: 'updateEvent',
      summary: 'Edit an event until its schedule is published (organizer); If-Match required',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Updated', schema: Versioned } },
    }),
    organizer,
    validate('param', IdParam),
    validate('json', EventPatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const expectedVersion = ifMatchVersion(c.req.header('if-match'));
      const r = await updateEvent(
        c.get('db'),
        { id, expectedVersion, patch: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      const { version } = settle(r, { event: id });
      c.header('ETag', etagOf(version));
      return c.json({ id, version });
    },
  )
  .post(
    '/:id/transitions',
    describe({
      operationId: 'transitionEvent',
      summary:
        'Lifecycle step (organizer): open_registration, start_scheduling, publish_schedule, reopen_registration, ' +
        'reschedule, start, close, cancel',
      description:
        'An action the current status does not allow answers 409 ILLEGAL_TRANSITION. start_scheduling expires every ' +
        'request still waiting for an answer, in the same transaction. If-Match is optional.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'The new status',
          schema: v.object({
            id: v.string(),
            status: v.string(),
            version: v.number(),
            expiredRequests: v.number(),
          }),
        },
      },
    }),
    organizer,
    validate('param', IdParam),
    validate('json', EventTransitionBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const { action, comment } = c.req.valid('json');
      const ifMatch = c.req.header('if-match');
      const r = await transitionEvent(
        c.get('db'),
        { id, action, comment, expectedVersion: ifMatch ? ifMatchVersion(ifMatch) : undefined },
        actorOf(p),
        c.get('deps').clock(),
      );
      const out = settle(r, { event: id });
      c.header('ETag', etagOf(out.version));
      return c.json({ id, ...out });
    },
  )
  .get(
    '/:id/participants',
    describe({
      operationId: 'listEventParticipants',
      summary: 'The public directory of an event: approved participants, their role, needs and offers',
      tags: ['events'],
      responses: {
        200: { description: 'Approved participants', schema: v.object({ items: v.array(DirectoryEntry) }) },
      },
    }),
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const items = await listDirectory(c.get('db'), id);
      if (!items) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      return c.json({ items });
    },
  )
  .post(
    '/:id/registrations',
    describe({
      operationId: 'registerForEvent',
      summary: 'Register your agency or firm for an event open for registration; accepts Idempotency-Key',
      description:
        'The role is your organization’s kind. scenarioIds must be your own scenarios, productIds your own products; ' +
        'availability lists slot indexes (breaks excluded; omitted = every meeting slot); hostTable only for agencies ' +
        'at hosted-buyer events. An organizer then approves or rejects the registration.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Registered, awaiting approval', schema: IdStatus } },
    }),
    participantWrites,
    idempotent,
    validate('param', IdParam),
    validate('json', RegistrationBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await registerParticipant(
        c.get('db'),
        {
          eventId: id,
          orgId: orgOf(p),
          role: p.acting?.orgKind as 'agency' | 'firm',
          body: c.req.valid('json'),
        },
        actorOf(p),
        c.get('deps').clock(),
      );
      const out = settle(r, { event: id });
      c.header('Location', `/api/v1/events/${id}/registration`);
      return c.json(out, 201);
    },
  )
  .get(
    '/:id/registrations',
    describe({
      operationId: 'listEventRegistrations',
      summary: 'Every registration of an event, any status (organizer)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: { description: 'Registrations', schema: v.object({ items: v.array(ParticipantView) }) },
      },
    }),
    organizer,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const items = await listRegistrations(c.get('db'), id);
      if (!items) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      return c.json({ items });
    },
  )
  .post(
    '/:id/registrations/:participantId/:decision{approve|reject}',
    describe({
      operationId: 'decideEventRegistration',
      summary:
        'Approve or reject a registration (organizer), while registration is open or during scheduling',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The new status', schema: IdStatus } },
    }),
    organizer,
    validate('param', DecisionParam),
    validate('json', RegistrationDecisionBody),
    async (c) => {
      const p = principal(c);
      const { id, participantId, decision } = c.req.valid('param');
      const r = await decideRegistration(
        c.get('db'),
        { eventId: id, participantId, decision, reason: c.req.valid('json').reason },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, participant: participantId }));
    },
  )
  .get(
    '/:id/registration',
    describe({
      operationId: 'getMyEventRegistration',
      summary: 'Your own registration for an event (agency or firm)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Your registration', schema: ParticipantView } },
    }),
    participantReads,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const mine = await getOwnRegistration(c.get('db'), id, orgOf(principal(c)));
      if (!mine) throw new ApiError('NOT_FOUND', `No registration of yours for event ${id}.`);
      return c.json(mine);
    },
  )
  .patch(
    '/:id/registration',
    describe({
      operationId: 'updateMyEventRegistration',
      summary: 'Change your needs, offers, links, availability or host table (until scheduling ends)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Updated', schema: v.object({ id: v.string() }) } },
    }),
    participantWrites,
    validate('param', IdParam),
    validate('json', RegistrationPatchBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await updateOwnRegistration(
        c.get('db'),
        { eventId: id, orgId: orgOf(p), patch: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, registration: `of yours for event ${id}` }));
    },
  )
  .post(
    '/:id/requests',
    describe({
      operationId: 'requestMeeting',
      summary: 'Ask an approved participant for a meeting (must_meet / meet) or record a no_thanks',
      description:
        'Only approved participants, while registration is open. A no-thanks from either side blocks the pair ' +
        '(409); open or accepted requests you sent are capped by the event’s requestQuota (409 CONFLICT). ' +
        'Accepts Idempotency-Key.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 201: { description: 'Requested (or no-thanks recorded)', schema: IdStatus } },
    }),
    participantWrites,
    idempotent,
    validate('param', IdParam),
    validate('json', MeetingRequestBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await createMeetingRequest(
        c.get('db'),
        { eventId: id, orgId: orgOf(p), body: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id }), 201);
    },
  )
  .get(
    '/:id/requests',
    describe({
      operationId: 'listMyMeetingRequests',
      summary: 'Your meeting requests at an event, sent and received, with your quota (participants only)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Your requests', schema: MyRequests } },
    }),
    participantReads,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const mine = await listOwnRequests(c.get('db'), id, orgOf(principal(c)));
      if (!mine) throw notRegistered(id);
      return c.json(mine);
    },
  )
  .post(
    '/:id/requests/:requestId/:action{accept|decline|cancel}',
    describe({
      operationId: 'actOnMeetingRequest',
      summary: 'accept or decline a request sent to you; cancel one you sent (or an accepted one)',
      description:
        'accept/decline while registration is open; cancel until the event runs (a scheduled meeting of the request ' +
        'is removed). Someone else’s request answers 404.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The new status', schema: IdStatus } },
    }),
    participantWrites,
    validate('param', RequestParam),
    async (c) => {
      const p = principal(c);
      const { id, requestId, action } = c.req.valid('param');
      const r = await actOnRequest(
        c.get('db'),
        { eventId: id, requestId, orgId: orgOf(p), action },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, 'meeting request': requestId }));
    },
  )
  .post(
    '/:id/schedule',
    describe({
      operationId: 'scheduleEventMeetings',
      summary:
        'Run the meeting scheduler on the accepted requests and store the plan (organizer, while scheduling)',
      description:
        'Uses every approved participant’s availability, the tables, breaks, hosted-buyer tables and no-thanks ' +
        'pairs; answers the meetings and every request it could not place with the reason. Re-running keeps ' +
        'confirmed meetings where they are unless allowMove is true. objective: must-first (default) or ' +
        'total-priority (must = 2, meet = 1, then meetings: a must-meet may give way to two meets).',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The stored plan', schema: ScheduleRunResult } },
    }),
    organizer,
    validate('param', IdParam),
    validate('json', ScheduleRunBody),
    async (c) => {
      const p = principal(c);
      const { id } = c.req.valid('param');
      const r = await runSchedule(
        c.get('db'),
        { eventId: id, ...c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id }));
    },
  )
  .get(
    '/:id/meetings',
    describe({
      operationId: 'listEventMeetings',
      summary: 'Every meeting of an event with its slot, table and times (organizer)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Meetings', schema: v.object({ items: v.array(MeetingView) }) } },
    }),
    organizer,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const items = await listEventMeetings(c.get('db'), id);
      if (!items) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      return c.json({ items });
    },
  )
  .get(
    '/:id/table-plan',
    describe({
      operationId: 'getEventTablePlan',
      summary: 'The table plan: every slot × every table with its meeting (organizer)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The grid', schema: EventTablePlan } },
    }),
    organizer,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const plan = await getTablePlan(c.get('db'), id);
      if (!plan) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      return c.json(plan);
    },
  )
  .patch(
    '/:id/meetings/:meetingId',
    describe({
      operationId: 'moveEventMeeting',
      summary: 'Move a meeting by hand to another slot and table (organizer)',
      description:
        'Checked: a meeting slot (no break) both sides attend, an existing free table, no double booking, a host ' +
        'keeps its table in hosted-buyer mode. Moving clears the confirmations.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'Moved',
          schema: v.object({ id: v.string(), slot: v.number(), table: v.number(), status: v.string() }),
        },
      },
    }),
    organizer,
    validate('param', MeetingParam),
    validate('json', MeetingMoveBody),
    async (c) => {
      const p = principal(c);
      const { id, meetingId } = c.req.valid('param');
      const r = await moveMeeting(
        c.get('db'),
        { eventId: id, meetingId, ...c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, meeting: meetingId }));
    },
  )
  .post(
    '/:id/meetings/:meetingId/confirm',
    describe({
      operationId: 'confirmEventMeeting',
      summary: 'Confirm your meeting once the schedule is published; confirmed by both sides → confirmed',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'Confirmation state',
          schema: v.object({
            id: v.string(),
            status: v.string(),
            aConfirmedAt: v.nullable(v.string()),
            bConfirmedAt: v.nullable(v.string()),
          }),
        },
      },
    }),
    participantWrites,
    validate('param', MeetingParam),
    async (c) => {
      const p = principal(c);
      const { id, meetingId } = c.req.valid('param');
      const r = await confirmMeeting(
        c.get('db'),
        { eventId: id, meetingId, orgId: orgOf(p) },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, meeting: meetingId }));
    },
  )
  .post(
    '/:id/meetings/:meetingId/attendance',
    describe({
      operationId: 'markEventMeetingAttendance',
      summary: 'Mark a meeting held or a no-show (organizer, once the event runs)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'Marked',
          schema: v.object({ id: v.string(), status: v.string(), absentId: v.nullable(v.string()) }),
        },
      },
    }),
    organizer,
    validate('param', MeetingParam),
    validate('json', AttendanceBody),
    async (c) => {
      const p = principal(c);
      const { id, meetingId } = c.req.valid('param');
      const body = c.req.valid('json');
      const r = await markAttendance(
        c.get('db'),
        { eventId: id, meetingId, status: body.status, absentParticipantId: body.absentParticipantId },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, meeting: meetingId }));
    },
  )
  .post(
    '/:id/meetings/:meetingId/outcome',
    describe({
      operationId: 'recordEventMeetingOutcome',
      summary: 'Record the outcome of your meeting: none, intention or agreement, amount in fen, notes',
      description:
        'Either side, once the meeting has begun and the event is running or closed; marks it held.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: {
          description: 'Recorded',
          schema: v.object({
            id: v.string(),
            status: v.string(),
            outcome: v.string(),
            amountFen: v.nullable(v.number()),
          }),
        },
      },
    }),
    participantWrites,
    validate('param', MeetingParam),
    validate('json', OutcomeBody),
    async (c) => {
      const p = principal(c);
      const { id, meetingId } = c.req.valid('param');
      const r = await recordOutcome(
        c.get('db'),
        { eventId: id, meetingId, orgId: orgOf(p), body: c.req.valid('json') },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, meeting: meetingId }));
    },
  )
  .get(
    '/:id/suggestions',
    describe({
      operationId: 'suggestEventMeetings',
      summary:
        'Who to meet (对接建议): the event’s agencies or firms ranked by the matching engine, with reasons',
      description:
        'For an approved participant. A firm gets the agencies ranked by its fit to the scenarios they bring ' +
        '(linked at registration, else their published ones); an agency gets the firms ranked by their best fit to ' +
        'any of its scenarios. Hard rules as in matching: an ineligible firm is a near miss with the unmet rule.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Suggestions', schema: MeetingSuggestionsSchema } },
    }),
    participantReads,
    validate('param', IdParam),
    validate('query', MatchQuerySchema),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      const r = await suggestMeetings(c.get('db'), id, orgOf(principal(c)), {
        now: c.get('deps').clock().toISOString(),
        top: q.top ?? 10,
        nearMisses: q.nearMisses ?? 5,
        ...scaleOf(c.get('deps').embedder),
      });
      if (!r) throw new ApiError('NOT_FOUND', `You are not an approved participant of event ${id}.`);
      return c.json(r);
    },
  )
  .get(
    '/:id/agenda',
    describe({
      operationId: 'getMyEventAgenda',
      summary:
        'Your agenda: your meetings with counterpart, table and times (shown once the schedule is published)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'Your agenda', schema: EventAgenda } },
    }),
    participantReads,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await getAgenda(c.get('db'), id, orgOf(principal(c)));
      if (!found) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      if (!found.agenda) throw notRegistered(id);
      return c.json(found.agenda);
    },
  )
  .get(
    '/:id/agenda.ics',
    describe({
      operationId: 'getMyEventAgendaIcs',
      summary: 'Your agenda as an iCalendar file (UTC times; summary names the counterpart and table)',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: { description: 'text/calendar', schema: v.string(), contentType: 'text/calendar' },
      },
    }),
    participantReads,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const found = await getAgenda(c.get('db'), id, orgOf(principal(c)));
      if (!found) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      if (!found.agenda) throw notRegistered(id);
      return c.body(agendaIcs(found.agenda), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': `attachment; filename="agenda-${id}.ics"`,
      });
    },
  )
  .post(
    '/:id/participants/:participantId/check-in',
    describe({
      operationId: 'checkInEventParticipant',
      summary: 'Check a participant in at the door (organizer); checking in twice keeps the first time',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: {
        200: { description: 'Checked in', schema: v.object({ id: v.string(), checkedInAt: v.string() }) },
      },
    }),
    organizer,
    validate('param', ParticipantParam),
    async (c) => {
      const p = principal(c);
      const { id, participantId } = c.req.valid('param');
      const r = await checkInParticipant(
        c.get('db'),
        { eventId: id, participantId },
        actorOf(p),
        c.get('deps').clock(),
      );
      return c.json(settle(r, { event: id, participant: participantId }));
    },
  )
  .get(
    '/:id/report',
    describe({
      operationId: 'getEventReport',
      summary:
        'Event report (organizer): requests by status, acceptance rate, meetings scheduled / held / no-shows, ' +
        'intentions, agreements, deal amount — overall and by the firm’s domain and district',
      description: 'Computed in SQL: GROUP BY statements in one batch, one database round trip.',
      tags: ['events'],
      security: ['session', 'bearer'],
      responses: { 200: { description: 'The report', schema: EventReport } },
    }),
    organizer,
    validate('param', IdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      const report = await getEventReport(c.get('db'), id);
      if (!report) throw new ApiError('NOT_FOUND', `No event ${id}.`);
      return c.json(report);
    },
  );
