import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, json, timestamp } from './columns.ts';

/**
 * Append-only audit log, hash-chained: hash = SHA-256(prevHash + canonical entry).
 * `seq` is internal ordering only and never leaves the API.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    at: timestamp('at').notNull(),
    actorUserId: text('actor_user_id'),
    actorOrgId: text('actor_org_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    data: json<unknown>('data'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('audit_log_id_uq').on(t.id),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
  ],
);

/** Stored responses for retried writes (Idempotency-Key). */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text('key').notNull(),
    scope: text('scope').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: text('body').notNull(),
    headers: json<Record<string, string>>('headers').notNull().default({}),
    expiresAt: timestamp('expires_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('idempotency_keys_uq').on(t.scope, t.key)],
);
