import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { loginAttempts } from '../schema/index.ts';

/** Login throttling: fixed windows per key (an email, a client address), kept in the DB, not in memory. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_LIMITS = { email: 5, address: 50 } as const;

export interface ThrottleKey {
  key: string;
  limit: number;
}

export const loginKeys = (email: string, address: string | null): ThrottleKey[] => [
  { key: `email:${email}`, limit: LOGIN_LIMITS.email },
  ...(address ? [{ key: `addr:${address}`, limit: LOGIN_LIMITS.address }] : []),
];

/** The instant until which login is refused for any of these keys, or null if it may proceed. */
export async function loginLockedUntil(db: Db, keys: ThrottleKey[], now: Date): Promise<string | null> {
  const rows = await db
    .select({ lockedUntil: loginAttempts.lockedUntil })
    .from(loginAttempts)
    .where(
      inArray(
        loginAttempts.key,
        keys.map((k) => k.key),
      ),
    );
  const at = now.toISOString();
  const locks = rows.map((r) => r.lockedUntil).filter((l): l is string => l !== null && l > at);
  return locks.sort().at(-1) ?? null;
}

/** Counts a failure in each key's window; a key over its limit is locked until its window ends. */
export async function recordLoginFailure(db: Db, keys: ThrottleKey[], now: Date): Promise<void> {
  const at = now.toISOString();
  const windowFloor = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
  const lockUntil = new Date(now.getTime() + LOGIN_WINDOW_MS).toISOString();
  const [first, ...rest] = keys.map((k) =>
    db
      .insert(loginAttempts)
      .values({ key: k.key, windowStart: at, failures: 1 })
      .onConflictDoUpdate({
        target: loginAttempts.key,
        // A window older than LOGIN_WINDOW_MS starts over.
        set: {
          failures: sql`CASE WHEN ${loginAttempts.windowStart} < ${windowFloor} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
          windowStart: sql`CASE WHEN ${loginAttempts.windowStart} < ${windowFloor} THEN ${at} ELSE ${loginAttempts.windowStart} END`,
          lockedUntil: sql`CASE WHEN ${loginAttempts.windowStart} >= ${windowFloor} AND ${loginAttempts.failures} + 1 >= ${k.limit} THEN ${lockUntil} ELSE ${loginAttempts.lockedUntil} END`,
        },
      }),
  );
  if (first) await db.batch([first, ...rest]);
}

export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db.delete(loginAttempts).where(inArray(loginAttempts.key, [`email:${email}`]));
}
