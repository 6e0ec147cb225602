import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { SCENARIO_SORTS, ScenarioListQuery } from '@scx/core';
import * as v from 'valibot';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb } from '../src/client.ts';
import { migrate } from '../src/migrate.ts';
import { MIGRATIONS } from '../src/migrations.generated.ts';
import { publicScenariosQuery } from '../src/queries/scenarios.ts';

const dir = mkdtempSync(join(tmpdir(), 'scx-plan-'));
const client = createClient({ url: `file:${join(dir, 'p.db')}` });
const db = createDb(client);
beforeAll(() => migrate(client, MIGRATIONS));
afterAll(() => {
  client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function plan(query: Record<string, string>, cursor: [string | number, string] | null = null) {
  const q = v.parse(ScenarioListQuery, query);
  const { sql, params } = publicScenariosQuery(db, q, cursor).toSQL();
  const rs = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
  return rs.rows.map((r) => String(r.detail)).join('\n');
}

test.each(SCENARIO_SORTS)('sort %s pages by an index range, never sorting the table', async (sort) => {
  const first = await plan({ sort });
  expect(first).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  expect(first).toMatch(/scenarios USING INDEX scenarios_(published|deadline_key|budget_key)_idx/);
  const key = sort.includes('budget') ? 100 : '2026-12-01T00:00:00.000Z';
  const next = await plan({ sort }, [key, '01JZZZZZZZZZZZZZZZZZZZZZZZ']);
  expect(next).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
});

test.each<Record<string, string>>([
  { domain: 'industry-it', sort: 'deadline' },
  { district: 'qiaokou', sort: '-budget' },
  { area: 'healthcare', sort: '-published' },
  { kind: 'challenge', district: 'hannan', sort: 'deadline' },
  { domain: 'eda', district: 'hongshan', sort: 'budget' },
])('filter %o pages by one index range, never sorting', async (query) => {
  const p = await plan(query);
  expect(p).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
  expect(p).toMatch(/USING INDEX scenarios_(domain|district|area)_(published|deadline|budget)_idx/);
});

test('the firm directory pages by its index, and the certification probe looks up one firm’s rows', async () => {
  const { FirmListQuery } = await import('@scx/core');
  const { publicFirmsQuery } = await import('../src/queries/firms.ts');
  for (const query of [{}, { sort: '-created' }, { cert: 'CSMM', certLevel: '3' }]) {
    const q = v.parse(FirmListQuery, query);
    const { sql, params } = publicFirmsQuery(db, q, null, new Date('2026-11-21T00:00:00Z')).toSQL();
    const rs = await client.execute({ sql: `EXPLAIN QUERY PLAN ${sql}`, args: params as never });
    const p = rs.rows.map((r) => String(r.detail)).join('\n');
    expect(p).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
    expect(p).toMatch(/organizations USING INDEX organizations_directory_(name|created)_idx/);
    if ('cert' in query) expect(p).toMatch(/USING INDEX certifications_org_code_idx/);
  }
});
