import * as v from 'valibot';
import { checkUscc } from '../uscc.ts';

/** Query values arrive as strings; these parse them while keeping the wire type (string) for OpenAPI. */
export const queryInt = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^-?\d+$/, 'must be an integer'),
    v.transform(Number),
    v.number(),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  );

export const isoDateTime = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO-8601 UTC timestamp, e.g. 2026-12-31T16:00:00Z'),
);

/** Query form of a date or timestamp: "2026-12-31" or a full ISO timestamp. */
export const queryDate = v.pipe(
  v.string(),
  v.regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
    'must be a date (YYYY-MM-DD) or ISO timestamp',
  ),
);

export const picklistOf = <const T extends readonly string[]>(options: T, what: string) =>
  v.picklist(options, `must be one of the ${what}: ${options.join(', ')}`);

export const uscc = v.pipe(
  v.string('must be a string'),
  v.trim(),
  v.toUpperCase(),
  v.check((s) => s.length === 18, 'a USCC (统一社会信用代码) has 18 characters'),
  v.check((s) => checkUscc(s).ok, 'is not a valid USCC: the check character (GB 32100-2015) does not match'),
);

export const email = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.email('must be an email address'),
  v.maxLength(254),
);

export const password = v.pipe(
  v.string(),
  v.minLength(10, 'must have at least 10 characters'),
  v.maxLength(200, 'must have at most 200 characters'),
);

export const nonEmpty = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(1, 'must not be empty'),
    v.maxLength(max, `must have at most ${max} characters`),
  );

export const fen = v.pipe(
  v.number(),
  v.integer('must be an integer amount in fen'),
  v.minValue(0, 'must not be negative'),
);
