import { EVENT_STATES } from '@scx/core';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { bool, createdAt, fen, id, json, timestamp, updatedAt, version } from './columns.ts';
import { organizations } from './organizations.ts';

/** 供需对接活动: a matchmaking event with a slot grid. */
export const events = sqliteTable(
  'events',
  {
    id: id(),
    organizerId: text('organizer_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    venue: text('venue').notNull().default(''),
    district: text('district'),
    startsAt: timestamp('starts_at').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(20),
    slotCount: integer('slot_count').notNull().default(12),
    /** Slot indexes that are breaks. */
    breaks: json<number[]>('breaks').notNull().default([]),
    tables: integer('tables').notNull().default(10),
    online: bool('online').notNull().default(false),
    hostedBuyer: bool('hosted_buyer').notNull().default(false),
    requestQuota: integer('request_quota').notNull().default(10),
    status: text('status', { enum: EVENT_STATES }).notNull().default('draft'),
    version: version(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('events_status_idx').on(t.status, t.startsAt)],
);

export const eventParticipants = sqliteTable(
  'event_participants',
  {
    id: id(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id),
    role: text('role', { enum: ['agency', 'firm'] }).notNull(),
    status: text('status', { enum: ['registered', 'approved', 'rejected', 'cancelled'] })
      .notNull()
      .default('registered'),
    needs: text('needs').notNull().default(''),
    offers: text('offers').notNull().default(''),
    scenarioIds: json<string[]>('scenario_ids').notNull().default([]),
    productIds: json<string[]>('product_ids').notNull().default([]),
    /** Slot indexes the participant can attend. */
    availability: json<number[]>('availability').notNull().default([]),
    hostTable: integer('host_table'),
    /** The participant's own cap on meetings (null: as many as fit). */
    maxMeetings: integer('max_meetings'),
    checkedInAt: timestamp('checked_in_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('event_participants_uq').on(t.eventId, t.orgId)],
);

export const meetingRequests = sqliteTable(
  'meeting_requests',
  {
    id: id(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    fromId: text('from_id')
      .notNull()
      .references(() => eventParticipants.id),
    toId: text('to_id')
      .notNull()
      .references(() => eventParticipants.id),
    preference: text('preference', { enum: ['must_meet', 'meet', 'no_thanks'] }).notNull(),
    /** `recorded` is a no-thanks preference: it needs no answer and blocks the pair. */
    status: text('status', {
      enum: ['requested', 'accepted', 'declined', 'expired', 'cancelled', 'recorded'],
    })
      .notNull()
      .default('requested'),
    message: text('message').notNull().default(''),
    respondedAt: timestamp('responded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('meeting_requests_pair_uq').on(t.eventId, t.fromId, t.toId),
    index('meeting_requests_to_idx').on(t.toId, t.status),
  ],
);

export const meetings = sqliteTable(
  'meetings',
  {
    id: id(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    requestId: text('request_id').references(() => meetingRequests.id),
    aId: text('a_id')
      .notNull()
      .references(() => eventParticipants.id),
    bId: text('b_id')
      .notNull()
      .references(() => eventParticipants.id),
    slot: integer('slot').notNull(),
    tableNo: integer('table_no').notNull(),
    status: text('status', { enum: ['scheduled', 'confirmed', 'held', 'no_show', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    /** Each side confirms its meeting; both confirmed → status `confirmed` (kept by re-scheduling). */
    aConfirmedAt: timestamp('a_confirmed_at'),
    bConfirmedAt: timestamp('b_confirmed_at'),
    /** The participant who did not come, when the organizer knows (no_show). */
    absentId: text('absent_id'),
    outcome: text('outcome', { enum: ['none', 'intention', 'agreement'] }),
    amountFen: fen('amount_fen'),
    notes: text('notes').notNull().default(''),
    /** The participant who recorded the outcome, and when. */
    outcomeBy: text('outcome_by'),
    outcomeAt: timestamp('outcome_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('meetings_slot_table_uq').on(t.eventId, t.slot, t.tableNo),
    index('meetings_a_idx').on(t.aId, t.slot),
    index('meetings_b_idx').on(t.bId, t.slot),
  ],
);
