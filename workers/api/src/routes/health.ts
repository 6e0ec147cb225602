import { migrationLevel } from '@scx/db';
import * as v from 'valibot';
import { describe } from '../openapi.ts';
import { createRouter } from '../router.ts';

export const HealthResponse = v.object({
  status: v.picklist(['ok', 'degraded']),
  version: v.string(),
  time: v.string(),
  db: v.object({
    reachable: v.boolean(),
    latencyMs: v.number(),
    migrations: v.object({
      applied: v.number(),
      latest: v.nullable(v.string()),
      pending: v.array(v.string()),
    }),
  }),
});

export const health = createRouter().get(
  '/',
  describe({
    operationId: 'getHealth',
    summary: 'Liveness and database readiness',
    description:
      'One statement against the database: reachable, and its migration level. 503 when the database is unreachable or behind.',
    tags: ['meta'],
    responses: {
      200: { description: 'Healthy', schema: HealthResponse },
      503: { description: 'Degraded', schema: HealthResponse },
    },
  }),
  async (c) => {
    const deps = c.get('deps');
    const start = performance.now();
    const level = await migrationLevel(c.get('db').$client, deps.migrations);
    const body: v.InferOutput<typeof HealthResponse> = {
      status: level.pending.length ? 'degraded' : 'ok',
      version: deps.config.version,
      time: deps.clock().toISOString(),
      db: {
        reachable: true,
        latencyMs: Math.round((performance.now() - start) * 10) / 10,
        migrations: level,
      },
    };
    return c.json(body, level.pending.length ? 503 : 200);
  },
);
