import fc from 'fast-check';
import { expect, test } from 'vitest';
import { body } from './harness.ts';
import { buildWorld, TABLE } from './routes.table.ts';

/**
 * Fuzzed bad input on every write route, sent by a caller who is allowed to use it: the answer is
 * never a 5xx, every 4xx is problem+json, and a refused request leaves every table as it was.
 */
const WRITES = TABLE.filter((r) => !r.route.startsWith('GET '));

async function tableCounts(client: Awaited<ReturnType<typeof buildWorld>>['t']['client']) {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const counts: Record<string, number> = {};
  for (const r of tables.rows) {
    const name = String(r.name);
    counts[name] = Number((await client.execute(`SELECT count(*) AS n FROM "${name}"`)).rows[0]?.n ?? 0);
  }
  return counts;
}

/** Bodies shaped like the route's own schema (its field names from the OpenAPI document) with hostile values. */
const hostile = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constantFrom('', ' ', '\u0000', '💥'.repeat(300), '<script>', "'; DROP TABLE bids; --", '9'.repeat(400)),
  fc.constantFrom(-1, 0, 1.5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308),
  fc.constant(null),
);

test.each(WRITES)(
  '$route survives hostile input',
  async (row) => {
    const w = await buildWorld();
    try {
      const spec = await body(await w.t.request('/api/v1/openapi.json'));
      const [method, path] = row.route.split(' ') as [string, string];
      const oaPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const schema =
        spec.paths[oaPath]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      const fields = Object.keys(schema?.properties ?? {});
      const who = row.allow[0] ?? row.fuzzAs;
      const headers = who === undefined || who === 'anonymous' ? {} : w.actors[who].headers;
      const payload = fc.oneof(
        fields.length
          ? fc.dictionary(fc.constantFrom(...fields), hostile)
          : fc.dictionary(fc.string(), hostile),
        hostile,
      );
      await fc.assert(
        fc.asyncProperty(payload, fc.boolean(), async (p, asText) => {
          const before = await tableCounts(w.t.client);
          const res = await w.t.request(row.path(w), {
            method,
            headers: { ...headers, 'content-type': 'application/json', ...row.headers },
            body: asText ? String(JSON.stringify(p)).slice(0, -1) : JSON.stringify(p),
          });
          expect(res.status, await res.clone().text()).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            expect(await tableCounts(w.t.client)).toEqual(before);
          }
        }),
        { numRuns: 25 },
      );
    } finally {
      w.t.close();
    }
  },
  60_000,
);
