import {
  allowedActions,
  availabilityProblems,
  digestOf,
  EVENT_LIFECYCLE,
  type EventAction,
  type EventAgenda,
  type EventBody,
  type EventDetail,
  type EventListQuery,
  type EventPage,
  type EventPatchBody,
  type EventReport,
  type EventStatus,
  type EventTablePlan,
  type EventView,
  eventProblems,
  eventSlots,
  type MeetingRequestBody,
  type MeetingView,
  type MyRequests,
  meetingSlots,
  type OutcomeBody,
  type ParticipantView,
  PRIORITY_OF,
  type RegistrationBody,
  type RegistrationPatchBody,
  type RequestAction,
  type ScheduleInput,
  type ScheduleRunResult,
  scheduleMeetings,
  shareInPercent,
  tableLabel,
  transition,
} from '@scx/core';
import { aliasedTable, and, asc, desc, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { newId } from '../ids.ts';
import {
  eventParticipants,
  events,
  meetingRequests,
  meetings,
  organizations,
  products,
  scenarios,
} from '../schema/index.ts';
import { appendAudit } from './audit.ts';
import { type Cursor, encodeCursor } from './cursor.ts';
import { uniqueViolation } from './errors.ts';
import type { Actor, WriteResult } from './scenario-drafts.ts';
import type { Tx } from './tx.ts';

// 供需对接活动: events, registrations, meeting requests, the schedule, agendas, outcomes and the report.
// Every state change runs in one transaction with its audit entry; reads for one answer go in one batch.

type EventRow = typeof events.$inferSelect;
type ParticipantRow = typeof eventParticipants.$inferSelect;
type Role = ParticipantRow['role'];
type Field = { path: string; message: string };

const invalid = (fields: Field[]) => ({ ok: false as const, reason: 'invalid' as const, fields });
const illegal = (detail: string) => ({ ok: false as const, reason: 'illegal' as const, detail });
const conflict = (detail: string) => ({ ok: false as const, reason: 'exists' as const, detail });
/** The caller takes part but may not do this (the route answers 403 with the detail). */
const forbidden = (detail: string) => ({ ok: false as const, reason: 'forbidden' as const, detail });
const notFound = (detail?: string) => ({ ok: false as const, reason: 'not_found' as const, detail });

/** A concurrent writer that won a unique index (same pair, same registration, same table) is a plain conflict. */
async function unlessDuplicate<T>(
  write: () => Promise<WriteResult<T>>,
  detail: string,
): Promise<WriteResult<T>> {
  try {
    return await write();
  } catch (e) {
    if (uniqueViolation(e)) return conflict(detail);
    throw e;
  }
}

const endsAt = (e: Pick<EventRow, 'startsAt' | 'slotMinutes' | 'slotCount'>) =>
  new Date(Date.parse(e.startsAt) + e.slotCount * e.slotMinutes * 60_000).toISOString();

export const toEventView = (e: EventRow): EventView => ({
  id: e.id,
  organizerId: e.organizerId,
  title: e.title,
  description: e.description,
  venue: e.venue,
  district: e.district,
  startsAt: e.startsAt,
  endsAt: endsAt(e),
  slotMinutes: e.slotMinutes,
  slotCount: e.slotCount,
  breaks: e.breaks,
  tables: e.tables,
  online: e.online,
  hostedBuyer: e.hostedBuyer,
  requestQuota: e.requestQuota,
  status: e.status,
  version: e.version,
  createdAt: e.createdAt,
  updatedAt: e.updatedAt,
});

async function record(
  tx: Tx,
  actor: Actor,
  at: string,
  entry: {
    action: string;
    entityType: string;
    entityId: string;
    data?: unknown;
    before?: unknown;
    after?: unknown;
  },
) {
  await appendAudit(tx, {
    at,
    actorUserId: actor.userId,
    actorOrgId: actor.orgId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    ...(entry.before === undefined ? {} : { beforeDigest: await digestOf(entry.before) }),
    ...(entry.after === undefined ? {} : { afterDigest: await digestOf(entry.after) }),
    ...(entry.data === undefined ? {} : { data: entry.data }),
  });
}

// Events

export async function createEvent(
  db: Db,
  input: EventBody,
  organizerId: string,
  actor: Actor,
  now: Date,
): Promise<{ id: string; version: number }> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  return db.transaction(async (tx) => {
    await tx.insert(events).values({
      ...input,
      id,
      organizerId,
      status: 'draft',
      createdAt: at,
      updatedAt: at,
    });
    await record(tx, actor, at, {
      action: 'event.create',
      entityType: 'event',
      entityId: id,
      after: input,
      data: { title: input.title, startsAt: input.startsAt },
    });
    return { id, version: 1 };
  });
}

/** An event with its slot grid; drafts only when `includeDrafts` (organizers). */
export async function getEvent(db: Db, id: string, includeDrafts: boolean): Promise<EventDetail | null> {
  const [row] = await db
    .select()
    .from(events)
    .where(and(eq(events.id, id), includeDrafts ? undefined : ne(events.status, 'draft')))
    .limit(1);
  if (!row) return null;
  return {
    ...toEventView(row),
    slots: eventSlots(row),
    allowedActions: allowedActions(EVENT_LIFECYCLE, row.status),
  };
}

/** Events latest first (by startsAt, id), keyset-paginated: one statement per page. */
export async function listEvents(
  db: Db,
  q: EventListQuery,
  cursor: Cursor | null,
  includeDrafts: boolean,
): Promise<EventPage> {
  const where: (SQL | undefined)[] = [];
  if (!includeDrafts) where.push(ne(events.status, 'draft'));
  if (q.status) where.push(eq(events.status, q.status));
  if (cursor) where.push(sql`(${events.startsAt}, ${events.id}) < (${cursor[0]}, ${cursor[1]})`);
  const rows = await db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(desc(events.startsAt), desc(events.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEventView),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.startsAt, last.id]) : null,
  };
}

/** Statuses in which the organizer may still change the event's settings. */
const EDITABLE_EVENT: EventStatus[] = ['draft', 'registration_open', 'scheduling'];

/** Versioned edit; the grid rules are checked on the merged event. */
export async function updateEvent(
  db: Db,
  input: { id: string; expectedVersion: number; patch: EventPatchBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ version: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(events).where(eq(events.id, input.id));
    if (!cur) return notFound();
    if (cur.version !== input.expectedVersion) return { ok: false, reason: 'version', version: cur.version };
    if (!EDITABLE_EVENT.includes(cur.status)) {
      return illegal(`the event is ${cur.status}; it can be edited until its schedule is published`);
    }
    const merged = { ...cur, ...input.patch };
    const problems = eventProblems(merged);
    if (problems.length) return invalid(problems);
    const [next] = await tx
      .update(events)
      .set({ ...input.patch, updatedAt: at, version: sql`${events.version} + 1` })
      .where(and(eq(events.id, input.id), eq(events.version, input.expectedVersion)))
      .returning({ version: events.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    await record(tx, actor, at, {
      action: 'event.update',
      entityType: 'event',
      entityId: input.id,
      before: cur,
      after: merged,
      data: { fields: Object.keys(input.patch).sort() },
    });
    return { ok: true, value: { version: next.version } };
  });
}

/**
 * One lifecycle step decided by EVENT_LIFECYCLE. Moving to `scheduling` expires every request still
 * waiting for an answer, in the same transaction.
 */
export async function transitionEvent(
  db: Db,
  input: { id: string; action: EventAction; comment: string; expectedVersion?: number },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ status: EventStatus; version: number; expiredRequests: number }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [cur] = await tx.select().from(events).where(eq(events.id, input.id));
    if (!cur) return notFound();
    if (input.expectedVersion !== undefined && cur.version !== input.expectedVersion) {
      return { ok: false, reason: 'version', version: cur.version };
    }
    const step = transition(EVENT_LIFECYCLE, cur.status, input.action);
    if (!step.ok) return illegal(step.error.message);
    const [next] = await tx
      .update(events)
      .set({ status: step.value, updatedAt: at, version: sql`${events.version} + 1` })
      .where(and(eq(events.id, input.id), eq(events.version, cur.version)))
      .returning({ version: events.version });
    if (!next) return { ok: false, reason: 'version', version: cur.version };
    let expired: { id: string }[] = [];
    if (step.value === 'scheduling') {
      expired = await tx
        .update(meetingRequests)
        .set({ status: 'expired', respondedAt: at })
        .where(and(eq(meetingRequests.eventId, input.id), eq(meetingRequests.status, 'requested')))
        .returning({ id: meetingRequests.id });
    }
    await record(tx, actor, at, {
      action: `event.${input.action}`,
      entityType: 'event',
      entityId: input.id,
      data: {
        from: cur.status,
        to: step.value,
        comment: input.comment || undefined,
        expiredRequests: expired.length || undefined,
      },
    });
    return {
      ok: true,
      value: { status: step.value, version: next.version, expiredRequests: expired.length },
    };
  });
}

// Registrations

const participantColumns = {
  id: eventParticipants.id,
  eventId: eventParticipants.eventId,
  orgId: eventParticipants.orgId,
  orgName: organizations.name,
  role: eventParticipants.role,
  status: eventParticipants.status,
  needs: eventParticipants.needs,
  offers: eventParticipants.offers,
  scenarioIds: eventParticipants.scenarioIds,
  productIds: eventParticipants.productIds,
  availability: eventParticipants.availability,
  hostTable: eventParticipants.hostTable,
  maxMeetings: eventParticipants.maxMeetings,
  checkedInAt: eventParticipants.checkedInAt,
  createdAt: eventParticipants.createdAt,
};

const participantsWithNames = (db: Db | Tx) =>
  db
    .select(participantColumns)
    .from(eventParticipants)
    .innerJoin(organizations, eq(organizations.id, eventParticipants.orgId));

type RegistrationFields = Partial<
  Pick<ParticipantRow, 'scenarioIds' | 'productIds' | 'availability' | 'hostTable'>
>;

/** Ownership of linked scenarios/products, availability against the grid, a host table that exists and is free. */
async function registrationProblems(
  tx: Tx,
  event: EventRow,
  me: { orgId: string; role: Role; participantId?: string },
  f: RegistrationFields,
): Promise<Field[]> {
  const out: Field[] = [];
  if (f.scenarioIds?.length) {
    const own = await tx
      .select({ id: scenarios.id })
      .from(scenarios)
      .where(and(inArray(scenarios.id, f.scenarioIds), eq(scenarios.issuerId, me.orgId)));
    const ids = new Set(own.map((r) => r.id));
    f.scenarioIds.forEach((id, i) => {
      if (!ids.has(id)) out.push({ path: `scenarioIds.${i}`, message: 'is not one of your scenarios' });
    });
  }
  if (f.productIds?.length) {
    const own = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(inArray(products.id, f.productIds), eq(products.firmId, me.orgId)));
    const ids = new Set(own.map((r) => r.id));
    f.productIds.forEach((id, i) => {
      if (!ids.has(id)) out.push({ path: `productIds.${i}`, message: 'is not one of your products' });
    });
  }
  if (f.availability) out.push(...availabilityProblems(event, f.availability));
  if (f.hostTable !== undefined && f.hostTable !== null) {
    const t = f.hostTable;
    if (!event.hostedBuyer) {
      out.push({ path: 'hostTable', message: 'the event is not in hosted-buyer mode' });
    } else if (me.role !== 'agency') {
      out.push({ path: 'hostTable', message: 'only agencies host a table; firms rotate' });
    } else if (t >= event.tables) {
      out.push({ path: 'hostTable', message: `table ${t} does not exist (the event has ${event.tables})` });
    } else {
      const taken = await tx
        .select({ id: eventParticipants.id })
        .from(eventParticipants)
        .where(
          and(
            eq(eventParticipants.eventId, event.id),
            eq(eventParticipants.hostTable, t),
            inArray(eventParticipants.status, ['registered', 'approved']),
            me.participantId ? ne(eventParticipants.id, me.participantId) : undefined,
          ),
        )
        .limit(1);
      if (taken.length) out.push({ path: 'hostTable', message: `${tableLabel(t)} is another host's table` });
    }
  }
  return out;
}

const visibleEvent = async (tx: Tx, id: string) => {
  const [e] = await tx.select().from(events).where(eq(events.id, id));
  return e && e.status !== 'draft' ? e : null;
};

/** An approved agency or firm registers for an event open for registration; the role is its kind. */
export async function registerParticipant(
  db: Db,
  input: { eventId: string; orgId: string; role: Role; body: RegistrationBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: ParticipantRow['status'] }>> {
  const at = now.toISOString();
  const id = newId(now.getTime());
  const write = () =>
    db.transaction(async (tx): Promise<WriteResult<{ id: string; status: ParticipantRow['status'] }>> => {
      const event = await visibleEvent(tx, input.eventId);
      if (!event) return notFound('event');
      if (event.status !== 'registration_open') {
        return illegal(`registration is closed: the event is ${event.status}`);
      }
      const [existing] = await tx
        .select({ id: eventParticipants.id, status: eventParticipants.status })
        .from(eventParticipants)
        .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.orgId, input.orgId)));
      if (existing) {
        return conflict(`Your organization is already registered (${existing.status}) as ${existing.id}.`);
      }
      const availability = input.body.availability ?? meetingSlots(event);
      const fields = { ...input.body, availability };
      const problems = await registrationProblems(
        tx,
        event,
        { orgId: input.orgId, role: input.role },
        fields,
      );
      if (problems.length) return invalid(problems);
      await tx.insert(eventParticipants).values({
        ...fields,
        id,
        eventId: event.id,
        orgId: input.orgId,
        role: input.role,
        status: 'registered',
        createdAt: at,
      });
      await record(tx, actor, at, {
        action: 'event.register',
        entityType: 'event_participant',
        entityId: id,
        after: fields,
        data: { eventId: event.id, orgId: input.orgId, role: input.role },
      });
      return { ok: true, value: { id, status: 'registered' } };
    });
  return unlessDuplicate(write, 'Your organization is already registered for this event.');
}

/** The caller's own registration for an event (any status), or null. */
export async function getOwnRegistration(
  db: Db,
  eventId: string,
  orgId: string,
): Promise<ParticipantView | null> {
  const [row] = await participantsWithNames(db)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.orgId, orgId)))
    .limit(1);
  return row ?? null;
}

/** A participant edits its own registration while registration is open or the organizer is scheduling. */
export async function updateOwnRegistration(
  db: Db,
  input: { eventId: string; orgId: string; patch: RegistrationPatchBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const event = await visibleEvent(tx, input.eventId);
    if (!event) return notFound('event');
    const [me] = await tx
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.orgId, input.orgId)));
    if (!me) return notFound('registration');
    if (event.status !== 'registration_open' && event.status !== 'scheduling') {
      return illegal(`the event is ${event.status}; registrations change until scheduling ends`);
    }
    // A rejected registration may be fixed and approved after all; a cancelled one is over.
    if (me.status === 'cancelled') return illegal('your registration is cancelled');
    const problems = await registrationProblems(
      tx,
      event,
      { orgId: me.orgId, role: me.role, participantId: me.id },
      input.patch,
    );
    if (problems.length) return invalid(problems);
    await tx.update(eventParticipants).set(input.patch).where(eq(eventParticipants.id, me.id));
    await record(tx, actor, at, {
      action: 'event.registration_update',
      entityType: 'event_participant',
      entityId: me.id,
      before: me,
      after: { ...me, ...input.patch },
      data: { eventId: event.id, fields: Object.keys(input.patch).sort() },
    });
    return { ok: true, value: { id: me.id } };
  });
}

/** Every registration of an event, for the organizer (null when there is no such event). */
export async function listRegistrations(db: Db, eventId: string): Promise<ParticipantView[] | null> {
  const [found, rows] = await db.batch([
    db.select({ id: events.id }).from(events).where(eq(events.id, eventId)).limit(1),
    participantsWithNames(db)
      .where(eq(eventParticipants.eventId, eventId))
      .orderBy(asc(eventParticipants.createdAt), asc(eventParticipants.id)),
  ]);
  return found.length ? rows : null;
}

/** The organizer approves (registered or rejected → approved) or rejects (registered → rejected) a registration. */
export async function decideRegistration(
  db: Db,
  input: { eventId: string; participantId: string; decision: 'approve' | 'reject'; reason: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: ParticipantRow['status'] }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, input.eventId));
    if (!event) return notFound('event');
    const [p] = await tx
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.id, input.participantId), eq(eventParticipants.eventId, event.id)));
    if (!p) return notFound('participant');
    if (event.status !== 'registration_open' && event.status !== 'scheduling') {
      return illegal(`the event is ${event.status}; registrations are decided until scheduling ends`);
    }
    const from: ParticipantRow['status'][] =
      input.decision === 'approve' ? ['registered', 'rejected'] : ['registered'];
    if (!from.includes(p.status))
      return illegal(`cannot ${input.decision} a registration that is ${p.status}`);
    if (input.decision === 'approve' && p.hostTable !== null) {
      const problems = await registrationProblems(
        tx,
        event,
        { orgId: p.orgId, role: p.role, participantId: p.id },
        { hostTable: p.hostTable },
      );
      if (problems.length) return conflict(`hostTable: ${problems.map((x) => x.message).join('; ')}`);
    }
    const status = input.decision === 'approve' ? 'approved' : 'rejected';
    await tx.update(eventParticipants).set({ status }).where(eq(eventParticipants.id, p.id));
    await record(tx, actor, at, {
      action: `event.registration_${input.decision}`,
      entityType: 'event_participant',
      entityId: p.id,
      data: {
        eventId: event.id,
        orgId: p.orgId,
        from: p.status,
        to: status,
        reason: input.reason || undefined,
      },
    });
    return { ok: true, value: { id: p.id, status } };
  });
}

/** The public directory of a (non-draft) event: approved participants, what they need and offer. One round trip. */
export async function listDirectory(db: Db, eventId: string) {
  const [found, rows] = await db.batch([
    db
      .select({ id: events.id })
      .from(events)
      .where(and(eq(events.id, eventId), ne(events.status, 'draft')))
      .limit(1),
    db
      .select({
        participantId: eventParticipants.id,
        orgId: eventParticipants.orgId,
        orgName: organizations.name,
        role: eventParticipants.role,
        district: organizations.district,
        needs: eventParticipants.needs,
        offers: eventParticipants.offers,
      })
      .from(eventParticipants)
      .innerJoin(organizations, eq(organizations.id, eventParticipants.orgId))
      .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, 'approved')))
      .orderBy(asc(eventParticipants.role), asc(organizations.name), asc(eventParticipants.id)),
  ]);
  return found.length ? rows : null;
}

// Meeting requests

const LIVE: ('requested' | 'accepted')[] = ['requested', 'accepted'];

async function participantOf(tx: Tx, eventId: string, orgId: string) {
  const [p] = await tx
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.orgId, orgId)));
  return p ?? null;
}

/** Removes the (unheld) meeting of a request that no longer stands. */
const dropMeetingOf = (tx: Tx, requestId: string) =>
  tx
    .delete(meetings)
    .where(and(eq(meetings.requestId, requestId), inArray(meetings.status, ['scheduled', 'confirmed'])))
    .returning({ id: meetings.id });

/**
 * A participant asks another for a meeting (must-meet / meet) or records a no-thanks, which blocks the pair
 * from both sides: it replaces the caller's own request and answers any request from the other side.
 * Live requests sent (requested or accepted) are capped by the event's quota.
 */
export async function createMeetingRequest(
  db: Db,
  input: { eventId: string; orgId: string; body: MeetingRequestBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: 'requested' | 'recorded' }>> {
  const at = now.toISOString();
  const { toParticipantId, preference, message } = input.body;
  const write = () =>
    db.transaction(async (tx): Promise<WriteResult<{ id: string; status: 'requested' | 'recorded' }>> => {
      const event = await visibleEvent(tx, input.eventId);
      if (!event) return notFound('event');
      const me = await participantOf(tx, event.id, input.orgId);
      if (me?.status !== 'approved') {
        return forbidden('Only approved participants of this event request meetings.');
      }
      if (event.status !== 'registration_open') {
        return illegal(`meeting requests are made while registration is open; the event is ${event.status}`);
      }
      const [target] = await tx
        .select()
        .from(eventParticipants)
        .where(and(eq(eventParticipants.id, toParticipantId), eq(eventParticipants.eventId, event.id)));
      if (!target)
        return invalid([{ path: 'toParticipantId', message: 'is not a participant of this event' }]);
      if (target.id === me.id) return invalid([{ path: 'toParticipantId', message: 'is you' }]);
      if (target.status !== 'approved') {
        return invalid([{ path: 'toParticipantId', message: 'is not an approved participant' }]);
      }
      const pair = await tx
        .select()
        .from(meetingRequests)
        .where(
          and(
            eq(meetingRequests.eventId, event.id),
            or(
              and(eq(meetingRequests.fromId, me.id), eq(meetingRequests.toId, target.id)),
              and(eq(meetingRequests.fromId, target.id), eq(meetingRequests.toId, me.id)),
            ),
          ),
        );
      const own = pair.find((r) => r.fromId === me.id);
      const theirs = pair.find((r) => r.fromId === target.id);
      const id = own?.id ?? newId(now.getTime());
      const write = async (status: 'requested' | 'recorded') => {
        const row = { preference, status, message, respondedAt: null, createdAt: at };
        if (own) await tx.update(meetingRequests).set(row).where(eq(meetingRequests.id, own.id));
        else
          await tx
            .insert(meetingRequests)
            .values({ ...row, id, eventId: event.id, fromId: me.id, toId: target.id });
      };

      if (preference === 'no_thanks') {
        let droppedMeetings = 0;
        if (own && own.status === 'accepted') droppedMeetings += (await dropMeetingOf(tx, own.id)).length;
        await write('recorded');
        let answered: string | undefined;
        if (theirs && (theirs.status === 'requested' || theirs.status === 'accepted')) {
          answered = theirs.status === 'requested' ? 'declined' : 'cancelled';
          await tx
            .update(meetingRequests)
            .set({ status: answered as 'declined' | 'cancelled', respondedAt: at })
            .where(eq(meetingRequests.id, theirs.id));
          droppedMeetings += (await dropMeetingOf(tx, theirs.id)).length;
        }
        await record(tx, actor, at, {
          action: 'event.request_no_thanks',
          entityType: 'meeting_request',
          entityId: id,
          data: {
            eventId: event.id,
            from: me.id,
            to: target.id,
            replaced: own ? own.status : undefined,
            theirs: answered ? { id: theirs?.id, status: answered } : undefined,
            droppedMeetings: droppedMeetings || undefined,
          },
        });
        return { ok: true, value: { id, status: 'recorded' } };
      }

      if (theirs?.status === 'recorded') {
        return conflict('This pair cannot meet: a no-thanks preference blocks it.');
      }
      if (theirs?.status === 'requested') {
        return conflict(`They have already asked you: accept their request ${theirs.id} instead.`);
      }
      if (theirs?.status === 'accepted') {
        return conflict(`You already meet: their request ${theirs.id} is accepted.`);
      }
      if (own && (own.status === 'requested' || own.status === 'accepted')) {
        return conflict(`You have already asked: request ${own.id} is ${own.status}.`);
      }
      if (own?.status === 'declined') return conflict(`They declined your request ${own.id}.`);
      const [used] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(meetingRequests)
        .where(
          and(
            eq(meetingRequests.eventId, event.id),
            eq(meetingRequests.fromId, me.id),
            inArray(meetingRequests.status, LIVE),
          ),
        );
      const n = Number(used?.n ?? 0);
      if (n >= event.requestQuota) {
        return {
          ok: false,
          reason: 'limit',
          detail:
            `Request quota reached: you have ${n} open or accepted requests and the event allows ${event.requestQuota} ` +
            'per participant; cancel one first.',
        };
      }
      await write('requested');
      await record(tx, actor, at, {
        action: 'event.request',
        entityType: 'meeting_request',
        entityId: id,
        data: { eventId: event.id, from: me.id, to: target.id, preference },
      });
      return { ok: true, value: { id, status: 'requested' } };
    });
  return unlessDuplicate(write, 'A request between you two was just made; reload your requests.');
}

const fp = aliasedTable(eventParticipants, 'fp');
const tp = aliasedTable(eventParticipants, 'tp');
const fo = aliasedTable(organizations, 'fo');
const to = aliasedTable(organizations, 'to_org');

const requestRows = (db: Db) =>
  db
    .select({
      id: meetingRequests.id,
      eventId: meetingRequests.eventId,
      preference: meetingRequests.preference,
      status: meetingRequests.status,
      message: meetingRequests.message,
      respondedAt: meetingRequests.respondedAt,
      createdAt: meetingRequests.createdAt,
      fromId: fp.id,
      fromOrgId: fp.orgId,
      fromName: fo.name,
      fromRole: fp.role,
      toId: tp.id,
      toOrgId: tp.orgId,
      toName: to.name,
      toRole: tp.role,
    })
    .from(meetingRequests)
    .innerJoin(fp, eq(fp.id, meetingRequests.fromId))
    .innerJoin(fo, eq(fo.id, fp.orgId))
    .innerJoin(tp, eq(tp.id, meetingRequests.toId))
    .innerJoin(to, eq(to.id, tp.orgId));

/**
 * The caller's requests, sent and received, in one round trip; nobody else's. A no-thanks is seen by its
 * author only. Null when the caller has no registration for the event.
 */
export async function listOwnRequests(db: Db, eventId: string, orgId: string): Promise<MyRequests | null> {
  const [meRows, eventRows, rows] = await db.batch([
    db
      .select({ id: eventParticipants.id })
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.orgId, orgId)))
      .limit(1),
    db.select({ quota: events.requestQuota }).from(events).where(eq(events.id, eventId)).limit(1),
    requestRows(db)
      .where(
        and(
          eq(meetingRequests.eventId, eventId),
          or(eq(fp.orgId, orgId), and(eq(tp.orgId, orgId), ne(meetingRequests.status, 'recorded'))),
        ),
      )
      .orderBy(desc(meetingRequests.createdAt), desc(meetingRequests.id)),
  ]);
  const me = meRows[0];
  if (!me) return null;
  const view = (r: (typeof rows)[number]) => ({
    id: r.id,
    eventId: r.eventId,
    from: { participantId: r.fromId, orgId: r.fromOrgId, orgName: r.fromName, role: r.fromRole },
    to: { participantId: r.toId, orgId: r.toOrgId, orgName: r.toName, role: r.toRole },
    preference: r.preference,
    status: r.status,
    message: r.message,
    respondedAt: r.respondedAt,
    createdAt: r.createdAt,
  });
  const sent = rows.filter((r) => r.fromId === me.id);
  return {
    participantId: me.id,
    quota: {
      used: sent.filter((r) => r.preference !== 'no_thanks' && (LIVE as string[]).includes(r.status)).length,
      limit: eventRows[0]?.quota ?? 0,
    },
    sent: sent.map(view),
    received: rows.filter((r) => r.toId === me.id).map(view),
  };
}

/**
 * accept / decline (the participant asked, while registration is open) and cancel (the sender of a pending
 * request or either side of an accepted one, until the event runs; a scheduled meeting of it is removed).
 */
export async function actOnRequest(
  db: Db,
  input: { eventId: string; requestId: string; orgId: string; action: RequestAction },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const event = await visibleEvent(tx, input.eventId);
    if (!event) return notFound('event');
    const [req] = await tx
      .select()
      .from(meetingRequests)
      .where(and(eq(meetingRequests.id, input.requestId), eq(meetingRequests.eventId, event.id)));
    const me = await participantOf(tx, event.id, input.orgId);
    const mine = req && me && (req.fromId === me.id || (req.toId === me.id && req.status !== 'recorded'));
    if (!req || !me || !mine) return notFound('meeting request');
    const sender = req.fromId === me.id;
    let next: 'accepted' | 'declined' | 'cancelled';
    if (input.action === 'accept' || input.action === 'decline') {
      if (sender) return forbidden(`Only the participant asked can ${input.action} a request.`);
      if (req.status !== 'requested')
        return illegal(`the request is ${req.status}, not waiting for an answer`);
      if (event.status !== 'registration_open') {
        return illegal(`requests are answered while registration is open; the event is ${event.status}`);
      }
      next = input.action === 'accept' ? 'accepted' : 'declined';
    } else {
      if (req.status === 'requested' && !sender) {
        return forbidden('Only the sender can cancel a pending request; decline it instead.');
      }
      if (!['requested', 'accepted', 'recorded'].includes(req.status)) {
        return illegal(`the request is ${req.status}`);
      }
      if (!['registration_open', 'scheduling', 'scheduled'].includes(event.status)) {
        return illegal(`the event is ${event.status}; requests can no longer be cancelled`);
      }
      next = 'cancelled';
    }
    await tx
      .update(meetingRequests)
      .set({ status: next, respondedAt: at })
      .where(eq(meetingRequests.id, req.id));
    const dropped = next === 'cancelled' ? await dropMeetingOf(tx, req.id) : [];
    await record(tx, actor, at, {
      action: `event.request_${input.action}`,
      entityType: 'meeting_request',
      entityId: req.id,
      data: {
        eventId: event.id,
        from: req.status,
        to: next,
        droppedMeeting: dropped[0]?.id,
      },
    });
    return { ok: true, value: { id: req.id, status: next } };
  });
}

// Meetings and the schedule

const pa = aliasedTable(eventParticipants, 'pa');
const pb = aliasedTable(eventParticipants, 'pb');
const oa = aliasedTable(organizations, 'oa');
const ob = aliasedTable(organizations, 'ob');

const meetingRows = (db: Db | Tx) =>
  db
    .select({
      id: meetings.id,
      requestId: meetings.requestId,
      slot: meetings.slot,
      table: meetings.tableNo,
      status: meetings.status,
      aConfirmedAt: meetings.aConfirmedAt,
      bConfirmedAt: meetings.bConfirmedAt,
      absentId: meetings.absentId,
      outcome: meetings.outcome,
      amountFen: meetings.amountFen,
      notes: meetings.notes,
      aId: pa.id,
      aOrgId: pa.orgId,
      aName: oa.name,
      aRole: pa.role,
      bId: pb.id,
      bOrgId: pb.orgId,
      bName: ob.name,
      bRole: pb.role,
    })
    .from(meetings)
    .innerJoin(pa, eq(pa.id, meetings.aId))
    .innerJoin(oa, eq(oa.id, pa.orgId))
    .innerJoin(pb, eq(pb.id, meetings.bId))
    .innerJoin(ob, eq(ob.id, pb.orgId));
type MeetingRow = Awaited<ReturnType<typeof meetingRows>>[number];

const slotTimes = (e: EventRow, slot: number) => {
  const start = Date.parse(e.startsAt) + slot * e.slotMinutes * 60_000;
  return {
    startsAt: new Date(start).toISOString(),
    endsAt: new Date(start + e.slotMinutes * 60_000).toISOString(),
  };
};

const toMeetingView = (e: EventRow, m: MeetingRow): MeetingView => ({
  id: m.id,
  requestId: m.requestId,
  a: { participantId: m.aId, orgId: m.aOrgId, orgName: m.aName, role: m.aRole },
  b: { participantId: m.bId, orgId: m.bOrgId, orgName: m.bName, role: m.bRole },
  slot: m.slot,
  table: m.table,
  ...slotTimes(e, m.slot),
  status: m.status,
  aConfirmedAt: m.aConfirmedAt,
  bConfirmedAt: m.bConfirmedAt,
  absentId: m.absentId,
  outcome: m.outcome,
  amountFen: m.amountFen,
  notes: m.notes,
});

/**
 * Runs the core scheduler on the accepted requests between approved participants (their availability, the
 * tables, breaks, hosted-buyer tables, every no-thanks pair) and stores the plan in one transaction.
 * Confirmed meetings stay where they are unless `allowMove`; a meeting that moves loses its confirmations.
 */
export async function runSchedule(
  db: Db,
  input: { eventId: string; allowMove: boolean; objective?: 'must-first' | 'total-priority' },
  actor: Actor,
  now: Date,
): Promise<WriteResult<ScheduleRunResult>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, input.eventId));
    if (!event) return notFound();
    if (event.status !== 'scheduling') {
      return illegal(
        `the scheduler runs while the event is scheduling (start_scheduling first); it is ${event.status}`,
      );
    }
    const parts = await participantsWithNames(tx).where(
      and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.status, 'approved')),
    );
    const byId = new Map(parts.map((p) => [p.id, p]));
    const pairRows = await tx
      .select()
      .from(meetingRequests)
      .where(
        and(eq(meetingRequests.eventId, event.id), inArray(meetingRequests.status, ['accepted', 'recorded'])),
      )
      .orderBy(asc(meetingRequests.createdAt), asc(meetingRequests.id));
    const accepted = pairRows.filter(
      (r) =>
        r.status === 'accepted' && r.preference !== 'no_thanks' && byId.has(r.fromId) && byId.has(r.toId),
    );
    const previous = await tx.select().from(meetings).where(eq(meetings.eventId, event.id));
    const prevByRequest = new Map(previous.filter((m) => m.requestId).map((m) => [m.requestId as string, m]));

    const schedule: ScheduleInput = {
      slots: event.slotCount,
      tables: event.tables,
      breaks: event.breaks,
      hosted: event.hostedBuyer,
      participants: parts.map((p) => ({
        id: p.id,
        available: p.availability,
        ...(p.maxMeetings === null ? {} : { maxMeetings: p.maxMeetings }),
        ...(event.hostedBuyer && p.role === 'agency'
          ? { host: true, ...(p.hostTable === null ? {} : { table: p.hostTable }) }
          : {}),
      })),
      requests: accepted.map((r) => ({
        a: r.fromId,
        b: r.toId,
        priority: PRIORITY_OF[r.preference as 'must_meet' | 'meet'],
      })),
      noThanks: pairRows.filter((r) => r.status === 'recorded').map((r) => ({ a: r.fromId, b: r.toId })),
      previous: previous
        .filter((m) => m.status === 'scheduled' || m.status === 'confirmed')
        .map((m) => ({
          a: m.aId,
          b: m.bId,
          slot: m.slot,
          table: m.tableNo,
          confirmed: m.status === 'confirmed',
        })),
      allowMove: input.allowMove,
      options: { objective: input.objective ?? 'must-first' },
    };
    const result = scheduleMeetings(schedule);

    const rows = result.meetings.map((m) => {
      const req = accepted[m.request] as (typeof accepted)[number];
      const prev = prevByRequest.get(req.id);
      const same = prev !== undefined && prev.slot === m.slot && prev.tableNo === m.table;
      return {
        id: prev?.id ?? newId(now.getTime()),
        eventId: event.id,
        requestId: req.id,
        aId: req.fromId,
        bId: req.toId,
        slot: m.slot,
        tableNo: m.table,
        status: same ? prev.status : ('scheduled' as const),
        aConfirmedAt: same ? prev.aConfirmedAt : null,
        bConfirmedAt: same ? prev.bConfirmedAt : null,
        createdAt: prev?.createdAt ?? at,
      };
    });
    // Replace the plan whole: (slot, table) is unique, so moving rows one by one could collide midway.
    await tx.delete(meetings).where(eq(meetings.eventId, event.id));
    for (let i = 0; i < rows.length; i += 200) await tx.insert(meetings).values(rows.slice(i, i + 200));

    const party = (id: string) => {
      const p = byId.get(id);
      return { participantId: id, orgId: p?.orgId ?? '', orgName: p?.orgName ?? '', role: p?.role ?? 'firm' };
    };
    const reqByPair = new Map(previous.map((m) => [`${m.aId}|${m.bId}`, m.requestId]));
    const moved = rows.filter((r) => {
      const prev = prevByRequest.get(r.requestId);
      return prev && (prev.slot !== r.slot || prev.tableNo !== r.tableNo);
    }).length;
    await record(tx, actor, at, {
      action: 'event.schedule',
      entityType: 'event',
      entityId: event.id,
      after: rows.map((r) => [r.requestId, r.slot, r.tableNo]),
      data: {
        allowMove: input.allowMove,
        objective: input.objective ?? 'must-first',
        requests: accepted.length,
        placed: rows.length,
        unplaced: result.unplaced.length,
        moved,
        dropped: result.changes.filter((c) => c.to === null).length,
      },
    });
    const meetingView = (r: (typeof rows)[number]): MeetingView => ({
      id: r.id,
      requestId: r.requestId,
      a: party(r.aId),
      b: party(r.bId),
      slot: r.slot,
      table: r.tableNo,
      ...slotTimes(event, r.slot),
      status: r.status,
      aConfirmedAt: r.aConfirmedAt,
      bConfirmedAt: r.bConfirmedAt,
      absentId: null,
      outcome: null,
      amountFen: null,
      notes: '',
    });
    return {
      ok: true,
      value: {
        eventId: event.id,
        meetings: rows.map(meetingView),
        unplaced: result.unplaced.map((u) => ({
          requestId: (accepted[u.request] as (typeof accepted)[number]).id,
          a: party(u.a),
          b: party(u.b),
          priority: u.priority,
          reason: u.reason,
          message: u.message,
        })),
        changes: result.changes.map((c) => ({
          requestId: reqByPair.get(`${c.a}|${c.b}`) ?? reqByPair.get(`${c.b}|${c.a}`) ?? null,
          confirmed: c.confirmed,
          from: c.from,
          to: c.to,
          why: c.why,
        })),
        stats: {
          requests: result.stats.requests,
          placed: result.stats.placed,
          mustRequested: result.stats.mustRequested,
          mustPlaced: result.stats.mustPlaced,
        },
      },
    };
  });
}

async function meetingIn(tx: Tx, eventId: string, meetingId: string) {
  const [m] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.eventId, eventId)));
  return m ?? null;
}

/**
 * The organizer moves a meeting by hand: the slot must be a meeting slot both sides attend, the table must
 * exist and be free, neither side may meet someone else then, and a host keeps its table. Moving clears
 * the confirmations.
 */
export async function moveMeeting(
  db: Db,
  input: { eventId: string; meetingId: string; slot: number; table: number },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; slot: number; table: number; status: string }>> {
  const at = now.toISOString();
  const { slot, table } = input;
  const write = () =>
    db.transaction(
      async (tx): Promise<WriteResult<{ id: string; slot: number; table: number; status: string }>> => {
        const [event] = await tx.select().from(events).where(eq(events.id, input.eventId));
        if (!event) return notFound('event');
        const m = await meetingIn(tx, event.id, input.meetingId);
        if (!m) return notFound('meeting');
        if (event.status !== 'scheduling' && event.status !== 'scheduled') {
          return illegal(`meetings are moved while scheduling or scheduled; the event is ${event.status}`);
        }
        if (m.status !== 'scheduled' && m.status !== 'confirmed')
          return illegal(`the meeting is ${m.status}`);
        if (m.slot === slot && m.tableNo === table) {
          return { ok: true, value: { id: m.id, slot, table, status: m.status } };
        }
        const problems: Field[] = [];
        if (slot >= event.slotCount) {
          problems.push({
            path: 'slot',
            message: `slot ${slot} does not exist (slotCount ${event.slotCount})`,
          });
        } else if (event.breaks.includes(slot))
          problems.push({ path: 'slot', message: `slot ${slot} is a break` });
        if (table >= event.tables) {
          problems.push({
            path: 'table',
            message: `table ${table} does not exist (the event has ${event.tables})`,
          });
        }
        const sides = await tx
          .select()
          .from(eventParticipants)
          .where(inArray(eventParticipants.id, [m.aId, m.bId]));
        for (const p of problems.some((x) => x.path === 'slot') ? [] : sides) {
          if (!p.availability.includes(slot)) {
            problems.push({ path: 'slot', message: `participant ${p.id} is not available in slot ${slot}` });
          }
        }
        if (problems.length) return invalid(problems);
        const others = await tx
          .select()
          .from(meetings)
          .where(and(eq(meetings.eventId, event.id), ne(meetings.id, m.id)));
        const taken = others.find((o) => o.slot === slot && o.tableNo === table);
        if (taken) return conflict(`${tableLabel(table)} is taken in slot ${slot} by meeting ${taken.id}.`);
        const busy = others.find(
          (o) =>
            o.slot === slot &&
            [o.aId, o.bId].some((x) => x === m.aId || x === m.bId) &&
            o.status !== 'cancelled',
        );
        if (busy)
          return conflict(
            `A participant of this meeting already meets in slot ${slot} (meeting ${busy.id}).`,
          );
        if (event.hostedBuyer) {
          for (const p of sides) {
            if (p.role !== 'agency') continue;
            const hostAt = p.hostTable ?? others.find((o) => o.aId === p.id || o.bId === p.id)?.tableNo;
            if (hostAt !== undefined && hostAt !== table) {
              return invalid([
                {
                  path: 'table',
                  message: `in hosted-buyer mode host ${p.id} stays at ${tableLabel(hostAt)} (table ${hostAt})`,
                },
              ]);
            }
          }
        }
        await tx
          .update(meetings)
          .set({ slot, tableNo: table, status: 'scheduled', aConfirmedAt: null, bConfirmedAt: null })
          .where(eq(meetings.id, m.id));
        await record(tx, actor, at, {
          action: 'event.meeting_move',
          entityType: 'meeting',
          entityId: m.id,
          data: { eventId: event.id, from: { slot: m.slot, table: m.tableNo }, to: { slot, table } },
        });
        return { ok: true, value: { id: m.id, slot, table, status: 'scheduled' } };
      },
    );
  return unlessDuplicate(
    write,
    `${tableLabel(table)} was just taken in slot ${slot}; reload the table plan.`,
  );
}

/** A side confirms its meeting once the schedule is published; both sides confirmed → `confirmed`. */
export async function confirmMeeting(
  db: Db,
  input: { eventId: string; meetingId: string; orgId: string },
  actor: Actor,
  now: Date,
): Promise<
  WriteResult<{ id: string; status: string; aConfirmedAt: string | null; bConfirmedAt: string | null }>
> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const event = await visibleEvent(tx, input.eventId);
    if (!event) return notFound('event');
    const m = await meetingIn(tx, event.id, input.meetingId);
    const me = await participantOf(tx, event.id, input.orgId);
    if (!m || !me || (m.aId !== me.id && m.bId !== me.id)) return notFound('meeting');
    if (event.status !== 'scheduled' && event.status !== 'running') {
      return illegal(`meetings are confirmed once the schedule is published; the event is ${event.status}`);
    }
    if (m.status !== 'scheduled' && m.status !== 'confirmed') return illegal(`the meeting is ${m.status}`);
    const isA = m.aId === me.id;
    const already = isA ? m.aConfirmedAt : m.bConfirmedAt;
    const next = {
      aConfirmedAt: isA ? (m.aConfirmedAt ?? at) : m.aConfirmedAt,
      bConfirmedAt: isA ? m.bConfirmedAt : (m.bConfirmedAt ?? at),
    };
    const status = next.aConfirmedAt && next.bConfirmedAt ? 'confirmed' : 'scheduled';
    if (already === null) {
      await tx
        .update(meetings)
        .set({ ...next, status })
        .where(eq(meetings.id, m.id));
      await record(tx, actor, at, {
        action: 'event.meeting_confirm',
        entityType: 'meeting',
        entityId: m.id,
        data: { eventId: event.id, participant: me.id, status },
      });
    }
    return { ok: true, value: { id: m.id, status, ...next } };
  });
}

/** The organizer marks a meeting held or a no-show (optionally naming who did not come) once the event runs. */
export async function markAttendance(
  db: Db,
  input: {
    eventId: string;
    meetingId: string;
    status: 'held' | 'no_show';
    absentParticipantId: string | null;
  },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: string; absentId: string | null }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, input.eventId));
    if (!event) return notFound('event');
    const m = await meetingIn(tx, event.id, input.meetingId);
    if (!m) return notFound('meeting');
    if (event.status !== 'running' && event.status !== 'closed') {
      return illegal(`attendance is marked once the event runs; it is ${event.status}`);
    }
    if (m.status === 'cancelled') return illegal('the meeting was cancelled');
    const absent = input.absentParticipantId;
    if (absent !== null && input.status !== 'no_show') {
      return invalid([{ path: 'absentParticipantId', message: 'only a no-show names who did not come' }]);
    }
    if (absent !== null && absent !== m.aId && absent !== m.bId) {
      return invalid([{ path: 'absentParticipantId', message: 'is not a side of this meeting' }]);
    }
    await tx.update(meetings).set({ status: input.status, absentId: absent }).where(eq(meetings.id, m.id));
    await record(tx, actor, at, {
      action: `event.meeting_${input.status}`,
      entityType: 'meeting',
      entityId: m.id,
      data: { eventId: event.id, from: m.status, absent: absent ?? undefined },
    });
    return { ok: true, value: { id: m.id, status: input.status, absentId: absent } };
  });
}

/** Either side records the outcome after the meeting began (event running or closed); it marks the meeting held. */
export async function recordOutcome(
  db: Db,
  input: { eventId: string; meetingId: string; orgId: string; body: OutcomeBody },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; status: string; outcome: string; amountFen: number | null }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const event = await visibleEvent(tx, input.eventId);
    if (!event) return notFound('event');
    const m = await meetingIn(tx, event.id, input.meetingId);
    const me = await participantOf(tx, event.id, input.orgId);
    if (!m || !me || (m.aId !== me.id && m.bId !== me.id)) return notFound('meeting');
    if (event.status !== 'running' && event.status !== 'closed') {
      return illegal(`outcomes are recorded once the event runs; it is ${event.status}`);
    }
    if (m.status === 'no_show' || m.status === 'cancelled') return illegal(`the meeting is ${m.status}`);
    const { startsAt } = slotTimes(event, m.slot);
    if (startsAt > at) return illegal(`the meeting has not begun (it starts at ${startsAt})`);
    const status = 'held';
    await tx
      .update(meetings)
      .set({ ...input.body, status, outcomeBy: me.id, outcomeAt: at })
      .where(eq(meetings.id, m.id));
    await record(tx, actor, at, {
      action: 'event.meeting_outcome',
      entityType: 'meeting',
      entityId: m.id,
      before: { outcome: m.outcome, amountFen: m.amountFen, notes: m.notes },
      after: input.body,
      data: {
        eventId: event.id,
        by: me.id,
        outcome: input.body.outcome,
        amountFen: input.body.amountFen ?? undefined,
      },
    });
    return {
      ok: true,
      value: { id: m.id, status, outcome: input.body.outcome, amountFen: input.body.amountFen },
    };
  });
}

/** The organizer checks a participant in at the door (once; checking in again changes nothing). */
export async function checkInParticipant(
  db: Db,
  input: { eventId: string; participantId: string },
  actor: Actor,
  now: Date,
): Promise<WriteResult<{ id: string; checkedInAt: string }>> {
  const at = now.toISOString();
  return db.transaction(async (tx) => {
    const [event] = await tx.select().from(events).where(eq(events.id, input.eventId));
    if (!event) return notFound('event');
    const [p] = await tx
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.id, input.participantId), eq(eventParticipants.eventId, event.id)));
    if (!p) return notFound('participant');
    if (event.status !== 'scheduled' && event.status !== 'running') {
      return illegal(`check-in opens when the schedule is published; the event is ${event.status}`);
    }
    if (p.status !== 'approved') return illegal(`the registration is ${p.status}, not approved`);
    if (p.checkedInAt) return { ok: true, value: { id: p.id, checkedInAt: p.checkedInAt } };
    await tx.update(eventParticipants).set({ checkedInAt: at }).where(eq(eventParticipants.id, p.id));
    await record(tx, actor, at, {
      action: 'event.check_in',
      entityType: 'event_participant',
      entityId: p.id,
      data: { eventId: event.id, orgId: p.orgId },
    });
    return { ok: true, value: { id: p.id, checkedInAt: at } };
  });
}

const PUBLISHED: EventStatus[] = ['scheduled', 'running', 'closed'];

/**
 * A participant's agenda: its meetings with the counterpart and table, shown once the schedule is published.
 * One round trip. `null` = no such event; `{ participant: null }` = the caller is not registered.
 */
export async function getAgenda(db: Db, eventId: string, orgId: string) {
  const [eventRows, meRows, rows] = await db.batch([
    db
      .select()
      .from(events)
      .where(and(eq(events.id, eventId), ne(events.status, 'draft')))
      .limit(1),
    db
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.orgId, orgId)))
      .limit(1),
    meetingRows(db)
      .where(and(eq(meetings.eventId, eventId), or(eq(pa.orgId, orgId), eq(pb.orgId, orgId))))
      .orderBy(asc(meetings.slot), asc(meetings.tableNo)),
  ]);
  const event = eventRows[0];
  if (!event) return null;
  const me = meRows[0];
  if (!me) return { event, participant: null };
  const published = PUBLISHED.includes(event.status);
  const agenda: EventAgenda = {
    event: {
      id: event.id,
      title: event.title,
      venue: event.venue,
      online: event.online,
      status: event.status,
      startsAt: event.startsAt,
      endsAt: endsAt(event),
    },
    participant: {
      id: me.id,
      role: me.role,
      status: me.status,
      hostTable: me.hostTable,
      checkedInAt: me.checkedInAt,
    },
    published,
    meetings: (published ? rows : [])
      .filter((m) => m.status !== 'cancelled')
      .map((m) => {
        const mine = m.aId === me.id;
        return {
          meetingId: m.id,
          slot: m.slot,
          ...slotTimes(event, m.slot),
          table: m.table,
          tableLabel: tableLabel(m.table),
          counterpart: mine
            ? { participantId: m.bId, orgId: m.bOrgId, orgName: m.bName, role: m.bRole }
            : { participantId: m.aId, orgId: m.aOrgId, orgName: m.aName, role: m.aRole },
          status: m.status,
          confirmedByMe: (mine ? m.aConfirmedAt : m.bConfirmedAt) !== null,
          confirmedByCounterpart: (mine ? m.bConfirmedAt : m.aConfirmedAt) !== null,
          outcome: m.outcome,
          amountFen: m.amountFen,
          notes: m.notes,
        };
      }),
  };
  return { event, participant: me, agenda };
}

/** The organizer's table plan: every slot × every table, with the meeting there (any status). One round trip. */
export async function getTablePlan(db: Db, eventId: string): Promise<EventTablePlan | null> {
  const [eventRows, rows] = await db.batch([
    db.select().from(events).where(eq(events.id, eventId)).limit(1),
    meetingRows(db).where(eq(meetings.eventId, eventId)),
  ]);
  const event = eventRows[0];
  if (!event) return null;
  const at = new Map(rows.map((m) => [`${m.slot}/${m.table}`, m]));
  return {
    eventId: event.id,
    status: event.status,
    tables: event.tables,
    slots: eventSlots(event).map((s) => ({
      ...s,
      cells: Array.from({ length: event.tables }, (_, table) => {
        const m = at.get(`${s.index}/${table}`);
        const v = m ? toMeetingView(event, m) : null;
        return { table, meeting: v ? { id: v.id, status: v.status, a: v.a, b: v.b } : null };
      }),
    })),
  };
}

/** Every meeting of an event as the organizer sees it. */
export async function listEventMeetings(db: Db, eventId: string): Promise<MeetingView[] | null> {
  const [eventRows, rows] = await db.batch([
    db.select().from(events).where(eq(events.id, eventId)).limit(1),
    meetingRows(db).where(eq(meetings.eventId, eventId)).orderBy(asc(meetings.slot), asc(meetings.tableNo)),
  ]);
  const event = eventRows[0];
  return event ? rows.map((m) => toMeetingView(event, m)) : null;
}

type GroupRow = {
  grp: string | null;
  requests: number;
  accepted: number;
  meetings: number;
  held: number;
  no_shows: number;
  intentions: number;
  agreements: number;
  deal_fen: number | null;
};

/**
 * Requests (no-thanks aside) with their meeting, attributed to the firm of the pair (the sender when both
 * are firms), grouped by `grp` — the firm's domains (json_each) or its district.
 */
const pairGroups = (eventId: string, by: 'domain' | 'district') => sql`
  WITH pairs AS (
    SELECT r.status AS rs, m.status AS ms, m.outcome AS outcome, m.amount_fen AS amount_fen,
           CASE WHEN pf.role = 'firm' THEN pf.org_id WHEN pt.role = 'firm' THEN pt.org_id END AS firm_id
    FROM ${meetingRequests} r
    JOIN ${eventParticipants} pf ON pf.id = r.from_id
    JOIN ${eventParticipants} pt ON pt.id = r.to_id
    LEFT JOIN ${meetings} m ON m.request_id = r.id AND m.status <> 'cancelled'
    WHERE r.event_id = ${eventId} AND r.preference <> 'no_thanks'
  )
  SELECT ${by === 'domain' ? sql.raw('d.value') : sql.raw('o.district')} AS grp,
         count(*) AS requests,
         coalesce(sum(rs = 'accepted'), 0) AS accepted,
         count(ms) AS meetings,
         coalesce(sum(ms = 'held'), 0) AS held,
         coalesce(sum(ms = 'no_show'), 0) AS no_shows,
         coalesce(sum(outcome = 'intention'), 0) AS intentions,
         coalesce(sum(outcome = 'agreement'), 0) AS agreements,
         coalesce(sum(CASE WHEN outcome = 'agreement' THEN amount_fen END), 0) AS deal_fen
  FROM pairs p
  LEFT JOIN ${organizations} o ON o.id = p.firm_id
  ${by === 'domain' ? sql.raw('LEFT JOIN json_each(o.domains) d') : sql.raw('')}
  GROUP BY grp
  ORDER BY grp IS NULL, grp`;

const group = (r: GroupRow) => ({
  requests: Number(r.requests),
  accepted: Number(r.accepted),
  meetings: Number(r.meetings),
  held: Number(r.held),
  noShows: Number(r.no_shows),
  intentions: Number(r.intentions),
  agreements: Number(r.agreements),
  dealAmountFen: Number(r.deal_fen ?? 0),
});

/**
 * The event report for the organizer: participants, requests by status and the acceptance rate, meetings
 * scheduled / confirmed / held / no-shows, intentions, agreements and the deal amount, overall and by the
 * firm's domain and district — six GROUP BY statements in one batch, one round trip.
 */
export async function getEventReport(db: Db, eventId: string): Promise<EventReport | null> {
  const n = (x: unknown) => Number(x ?? 0);
  const [eventRows, partRows, reqRows, meetRows, domainRows, districtRows] = await db.batch([
    db
      .select({ id: events.id, title: events.title, status: events.status })
      .from(events)
      .where(eq(events.id, eventId))
      .limit(1),
    db
      .select({
        registered: sql<number>`count(*)`,
        approved: sql<number>`coalesce(sum(${eventParticipants.status} = 'approved'), 0)`,
        agencies: sql<number>`coalesce(sum(${eventParticipants.status} = 'approved' and ${eventParticipants.role} = 'agency'), 0)`,
        firms: sql<number>`coalesce(sum(${eventParticipants.status} = 'approved' and ${eventParticipants.role} = 'firm'), 0)`,
        checkedIn: sql<number>`count(${eventParticipants.checkedInAt})`,
      })
      .from(eventParticipants)
      .where(eq(eventParticipants.eventId, eventId)),
    db
      .select({
        status: meetingRequests.status,
        preference: meetingRequests.preference,
        n: sql<number>`count(*)`,
      })
      .from(meetingRequests)
      .where(eq(meetingRequests.eventId, eventId))
      .groupBy(meetingRequests.status, meetingRequests.preference),
    db
      .select({
        scheduled: sql<number>`count(*)`,
        confirmed: sql<number>`coalesce(sum(${meetings.status} = 'confirmed'), 0)`,
        held: sql<number>`coalesce(sum(${meetings.status} = 'held'), 0)`,
        noShows: sql<number>`coalesce(sum(${meetings.status} = 'no_show'), 0)`,
        intentions: sql<number>`coalesce(sum(${meetings.outcome} = 'intention'), 0)`,
        agreements: sql<number>`coalesce(sum(${meetings.outcome} = 'agreement'), 0)`,
        intentionAmountFen: sql<number>`coalesce(sum(case when ${meetings.outcome} = 'intention' then ${meetings.amountFen} end), 0)`,
        dealAmountFen: sql<number>`coalesce(sum(case when ${meetings.outcome} = 'agreement' then ${meetings.amountFen} end), 0)`,
      })
      .from(meetings)
      .where(and(eq(meetings.eventId, eventId), ne(meetings.status, 'cancelled'))),
    db.all<GroupRow>(pairGroups(eventId, 'domain')),
    db.all<GroupRow>(pairGroups(eventId, 'district')),
  ]);
  const event = eventRows[0];
  if (!event) return null;
  const byStatus: Record<string, number> = {
    requested: 0,
    accepted: 0,
    declined: 0,
    expired: 0,
    cancelled: 0,
  };
  let total = 0;
  let mustMeet = 0;
  let noThanks = 0;
  for (const r of reqRows) {
    if (r.preference === 'no_thanks') {
      if (r.status === 'recorded') noThanks += n(r.n);
      continue;
    }
    byStatus[r.status] = (byStatus[r.status] ?? 0) + n(r.n);
    total += n(r.n);
    if (r.preference === 'must_meet') mustMeet += n(r.n);
  }
  const p = partRows[0];
  const m = meetRows[0];
  return {
    event,
    participants: {
      registered: n(p?.registered),
      approved: n(p?.approved),
      agencies: n(p?.agencies),
      firms: n(p?.firms),
      checkedIn: n(p?.checkedIn),
    },
    requests: {
      total,
      byStatus,
      mustMeet,
      noThanks,
      acceptanceRate: shareInPercent(byStatus.accepted ?? 0, total - (byStatus.cancelled ?? 0)),
    },
    meetings: {
      scheduled: n(m?.scheduled),
      confirmed: n(m?.confirmed),
      held: n(m?.held),
      noShows: n(m?.noShows),
      intentions: n(m?.intentions),
      agreements: n(m?.agreements),
      intentionAmountFen: n(m?.intentionAmountFen),
      dealAmountFen: n(m?.dealAmountFen),
    },
    byDomain: domainRows.map((r) => ({ domain: r.grp, ...group(r) })),
    byDistrict: districtRows.map((r) => ({ district: r.grp, ...group(r) })),
  };
}
