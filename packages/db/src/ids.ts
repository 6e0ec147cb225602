import { monotonicFactory } from 'ulid';

// Monotonic so ids minted in the same millisecond still sort in creation order.
const next = monotonicFactory();

/** A new ULID; `at` (ms) lets seeds and tests mint ids for a given time. */
export const newId = (at?: number): string => next(at);
