// The offline planning file of `pnpm scx schedule FILE.json` (and the body an API route can reuse).
import * as v from 'valibot';

const id = v.pipe(v.string('must be a string'), v.minLength(1, 'must not be empty'));
const index = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must be ≥ 0'),
);
const count = (max: number) =>
  v.pipe(
    v.number('must be a number'),
    v.integer('must be an integer'),
    v.minValue(0, 'must be ≥ 0'),
    v.maxValue(max, `must be ≤ ${max}`),
  );

export const ScheduleFileSchema = v.pipe(
  v.object({
    slots: v.pipe(count(1000), v.minValue(1, 'must be at least 1')),
    tables: v.union(
      [count(100_000), v.array(count(100_000))],
      'must be a number or an array of numbers (one per slot)',
    ),
    breaks: v.optional(v.array(index)),
    hosted: v.optional(v.boolean('must be true or false')),
    allowMove: v.optional(v.boolean('must be true or false')),
    objective: v.optional(
      v.picklist(['must-first', 'total-priority'], "must be 'must-first' or 'total-priority'"),
    ),
    participants: v.array(
      v.object({
        id,
        available: v.optional(v.array(index)),
        host: v.optional(v.boolean('must be true or false')),
        table: v.optional(index),
        maxMeetings: v.optional(count(1000)),
      }),
      'must be an array',
    ),
    requests: v.array(
      v.object({ a: id, b: id, priority: v.picklist([1, 2], 'must be 1 (meet) or 2 (must-meet)') }),
      'must be an array',
    ),
    noThanks: v.optional(v.array(v.object({ a: id, b: id }))),
    previous: v.optional(
      v.array(v.object({ a: id, b: id, slot: index, table: index, confirmed: v.optional(v.boolean()) })),
    ),
  }),
  v.forward(
    v.check(
      (f) => Array.isArray(f.tables) === false || (f.tables as number[]).length === f.slots,
      'must have one entry per slot',
    ),
    ['tables'],
  ),
  v.forward(
    v.check(
      (f) => new Set(f.participants.map((p) => p.id)).size === f.participants.length,
      'participant ids must be unique',
    ),
    ['participants'],
  ),
  v.forward(
    v.check((f) => (f.breaks ?? []).every((s) => s < f.slots), 'a break is not a slot (index ≥ slots)'),
    ['breaks'],
  ),
  v.forward(
    v.check(
      (f) => f.participants.every((p) => (p.available ?? []).every((s) => s < f.slots)),
      'an available slot index is ≥ slots',
    ),
    ['participants'],
  ),
);
export type ScheduleFile = v.InferOutput<typeof ScheduleFileSchema>;
