import type { Client, Transaction } from '@libsql/client';
import { createDb } from '@scx/db';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, DbStats } from '../env.ts';

const COUNTED = new Set(['execute', 'batch', 'migrate', 'executeMultiple']);

/** Counts round trips (one per execute/batch, one per statement inside an interactive transaction). */
function counting<T extends Client | Transaction>(target: T, stats: DbStats): T {
  return new Proxy(target, {
    get(t, prop, _recv) {
      const value = Reflect.get(t, prop, t);
      if (typeof value !== 'function') return value;
      if (COUNTED.has(String(prop)) || prop === 'commit' || prop === 'rollback') {
        return async (...args: unknown[]) => {
          const start = performance.now();
          stats.roundTrips++;
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(t, args);
          } finally {
            stats.ms += performance.now() - start;
          }
        };
      }
      if (prop === 'transaction') {
        return async (...args: unknown[]) =>
          counting(await (value as (...a: unknown[]) => Promise<Transaction>).apply(t, args), stats);
      }
      return (value as (...a: unknown[]) => unknown).bind(t);
    },
  });
}

/**
 * Per-request database: the host opens a client (a fresh one per request on Workers), drizzle wraps
 * it, and the response reports the round trips in Server-Timing.
 */
export const database = createMiddleware<AppEnv>(async (c, next) => {
  const lease = c.get('deps').openDb();
  const stats: DbStats = { roundTrips: 0, ms: 0 };
  c.set('dbStats', stats);
  c.set('db', createDb(counting(lease.client, stats)));
  try {
    await next();
  } finally {
    lease.release();
    c.header('Server-Timing', `db;dur=${stats.ms.toFixed(1)};desc="${stats.roundTrips} round trips"`, {
      append: true,
    });
  }
});
