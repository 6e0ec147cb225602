import { sha256Hex } from '@scx/core';
import { schema } from '@scx/db';
import { and, eq, lt } from 'drizzle-orm';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';

const { idempotencyKeys } = schema;
const TTL_MS = 24 * 3600 * 1000;
const KEPT_HEADERS = ['content-type', 'etag', 'location'];

/**
 * Idempotency-Key for writes a client may retry: the first request claims the key (a row, so
 * concurrent retries see it), its response is stored, and a retry with the same key and body
 * gets that response again (Idempotent-Replayed: true). The same key with another body is 409.
 * Scoped per user and route; 5xx responses release the key so the retry runs for real.
 */
export const idempotent = createMiddleware<AppEnv>(async (c, next) => {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return next();
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(key)) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'header.idempotency-key: must be 1–200 characters of A-Z a-z 0-9 . _ : -',
      [{ path: 'header.idempotency-key', message: 'must be 1–200 characters of A-Z a-z 0-9 . _ : -' }],
    );
  }
  const db = c.get('db');
  const now = c.get('deps').clock();
  const scope = `${c.get('principal')?.userId ?? 'anonymous'} ${c.req.method} ${c.req.path}`;
  const requestHash = await sha256Hex(await c.req.text());
  await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now.toISOString()));
  const claimed = await db
    .insert(idempotencyKeys)
    .values({
      key,
      scope,
      requestHash,
      status: 0,
      body: '',
      expiresAt: new Date(now.getTime() + TTL_MS).toISOString(),
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  const where = and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
  if (!claimed.length) {
    const [prior] = await db.select().from(idempotencyKeys).where(where);
    if (!prior) throw new ApiError('CONFLICT', 'The Idempotency-Key is being released; retry.');
    if (prior.requestHash !== requestHash) {
      throw new ApiError(
        'IDEMPOTENCY_CONFLICT',
        'This Idempotency-Key was used with a different request body.',
      );
    }
    if (prior.status === 0)
      throw new ApiError('CONFLICT', 'A request with this Idempotency-Key is still in progress.');
    return new Response(prior.body, {
      status: prior.status,
      headers: { ...prior.headers, 'Idempotent-Replayed': 'true' },
    });
  }
  await next();
  if (c.res.status >= 500) {
    await db.delete(idempotencyKeys).where(where);
    return;
  }
  const headers: Record<string, string> = {};
  for (const h of KEPT_HEADERS) {
    const v = c.res.headers.get(h);
    if (v !== null) headers[h] = v;
  }
  await db
    .update(idempotencyKeys)
    .set({ status: c.res.status, body: await c.res.clone().text(), headers })
    .where(where);
});
