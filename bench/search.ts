// pnpm bench:search — the hall's Chinese full-text search (migrations/0002_hall_search.sql) against
// the old LIKE on title/summary, on the same seeded database, in process (no HTTP), then through
// the embedded HTTP host with autocannon. Prints a Markdown section for bench/RESULTS.md.
//   BENCH_SCENARIOS (default 10000), BENCH_ITERATIONS (default 300), BENCH_SECONDS (default 5, 0 = no HTTP)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { createDb, MIGRATIONS, migrate, publicScenariosQuery } from '@scx/db';
import { seedDatabase } from '@scx/db/seed';
import autocannon from 'autocannon';
import type { ScenarioListQuery } from '../packages/core/src/index.ts';
import { startNodeHost } from '../workers/api/src/node.ts';

const scenarios = Number(process.env.BENCH_SCENARIOS ?? 10_000);
const iterations = Number(process.env.BENCH_ITERATIONS ?? 300);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = 32;
const dir = mkdtempSync(join(tmpdir(), 'scx-bench-search-'));
const file = join(dir, 'bench.db');

const client = createClient({ url: `file:${file}` });
await migrate(client, MIGRATIONS);
const t0 = performance.now();
const seeded = await seedDatabase(client, { scenarios, firms: 10_000, products: 20_000, seed: 11 });
const seedMs = performance.now() - t0;
console.error(`seeded in ${(seedMs / 1000).toFixed(1)} s`, seeded.counts.scenarios, 'scenarios');
const db = createDb(client);

const q = (over: Partial<ScenarioListQuery>): ScenarioListQuery => ({
  sort: '-published',
  limit: 20,
  ...over,
});

/** The keyset cursor of page `n` (1-based) for a '-published' query, walked with the same search path. */
async function cursorOfPage(query: ScenarioListQuery, n: number, search: 'fts' | 'like') {
  let cursor: [string, string] | null = null;
  for (let i = 1; i < n; i++) {
    const rows = await publicScenariosQuery(db, query, cursor, { search });
    const last = rows[query.limit - 1];
    if (!last) return null;
    cursor = [last.publishedAt as string, last.id];
  }
  return cursor;
}

interface Case {
  name: string;
  query: ScenarioListQuery;
  page?: number;
  like: boolean;
}
const CASES: Case[] = [
  { name: 'default list page (no q)', query: q({}), like: false },
  { name: '2-char term 交通', query: q({ q: '交通' }), like: true },
  { name: '2-char term 园区 (rarer)', query: q({ q: '园区' }), like: true },
  { name: 'rare 2-char term 硚口', query: q({ q: '硚口' }), like: true },
  { name: 'no match (zzzz)', query: q({ q: 'zzzz' }), like: true },
  { name: 'long phrase 轨道交通大客流预警', query: q({ q: '轨道交通大客流预警' }), like: true },
  {
    name: 'filter + term: domain=industry-it & 医疗',
    query: q({ domain: 'industry-it', q: '医疗' }),
    like: true,
  },
  { name: 'page 5 via cursor, q=数据', query: q({ q: '数据' }), page: 5, like: true },
];

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}

async function measure(
  query: ScenarioListQuery,
  cursor: [string | number, string] | null,
  search: 'fts' | 'like',
) {
  let rows = 0;
  for (let i = 0; i < 20; i++) rows = (await publicScenariosQuery(db, query, cursor, { search })).length;
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    await publicScenariosQuery(db, query, cursor, { search });
    ms.push(performance.now() - t);
  }
  const total = query.q
    ? (await publicScenariosQuery(db, { ...query, limit: 100_000 - 1 }, null, { search })).length
    : Number.NaN;
  return { p50: pct(ms, 50), p99: pct(ms, 99), rows, total };
}

const lines: string[] = [];
for (const c of CASES) {
  const ftsCursor = c.page ? await cursorOfPage(c.query, c.page, 'fts') : null;
  const fts = await measure(c.query, ftsCursor, 'fts');
  const like = c.like
    ? await measure(c.query, c.page ? await cursorOfPage(c.query, c.page, 'like') : null, 'like')
    : null;
  const ratio = like ? `${(like.p50 / fts.p50).toFixed(1)}×` : '—';
  lines.push(
    `| ${c.name} | ${fts.p50.toFixed(2)} | ${fts.p99.toFixed(2)} | ${Number.isNaN(fts.total) ? '—' : fts.total} | ` +
      `${like ? like.p50.toFixed(2) : '—'} | ${like ? like.p99.toFixed(2) : '—'} | ${like ? like.total : '—'} | ${ratio} |`,
  );
  console.error(lines.at(-1));
}

const http: string[] = [];
if (seconds > 0) {
  const node = await startNodeHost({ url: `file:${file}`, port: 0 });
  for (const [name, path] of [
    ['list (no q)', '/api/v1/scenarios?limit=20'],
    ['q=交通', `/api/v1/scenarios?limit=20&q=${encodeURIComponent('交通')}`],
    ['q=轨道交通大客流预警', `/api/v1/scenarios?limit=20&q=${encodeURIComponent('轨道交通大客流预警')}`],
    ['domain + q=医疗', `/api/v1/scenarios?limit=20&domain=industry-it&q=${encodeURIComponent('医疗')}`],
  ] as const) {
    const url = node.url + path;
    await autocannon({ url, connections, duration: 2 });
    const out = await autocannon({ url, connections, duration: seconds });
    http.push(
      `| ${name} | ${Math.round(out.requests.average)} | ${out.latency.p50} | ${out.latency.p99} | ${out.errors + out.non2xx} |`,
    );
    console.error(http.at(-1));
  }
  await node.close();
}
client.close();
rmSync(dir, { recursive: true, force: true });

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n### pnpm bench:search — ${new Date().toISOString().slice(0, 10)}\n`);
console.log(
  `Command: \`pnpm bench:search\`. Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
    `Node ${process.version}. Database: \`seedDatabase({ scenarios: ${scenarios}, firms: 10000, products: 20000, seed: 11 })\` ` +
    `= ${seeded.counts.scenarios} scenarios (${seeded.counts.organizations} organizations), seeded and indexed by the ` +
    `triggers in ${(seedMs / 1000).toFixed(1)} s. In process (drizzle over @libsql/client on the file, no HTTP), ` +
    `${iterations} runs after 20 warm-up runs; "matches" = all rows the search selects. The LIKE baseline is the ` +
    `old path (substring of title or summary only); the FTS path searches title, summary, problem, goals, ` +
    `issuer name and domain/area labels, so it finds more.\n`,
);
console.log(
  '| case | FTS p50 ms | FTS p99 ms | FTS matches | LIKE p50 ms | LIKE p99 ms | LIKE matches | LIKE p50 / FTS p50 |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const l of lines) console.log(l);
if (http.length) {
  console.log(
    `\nThrough the embedded HTTP host (\`@hono/node-server\`, file database), autocannon ${connections} connections × ${seconds} s after a 2 s warm-up:\n`,
  );
  console.log('| route | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|');
  for (const l of http) console.log(l);
}
