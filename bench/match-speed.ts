// pnpm bench:match — latency of the match queries with 10,000 firms + 20,000 products seeded:
// in process, through the embedded host (Node + file) and through the edge host (workerd → local
// libSQL HTTP server), against the scan-everything-and-rerank baseline in the same run. Markdown out.
//   BENCH_FIRMS (default 10000), BENCH_PRODUCTS (default 20000), BENCH_QUERIES (default 200)
//   BENCH_DB=path: keep the seeded, indexed database in that file and reuse it on the next run
//   (seeding and indexing take ~4 minutes; repeated runs then measure the queries only).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createLocalEmbedder } from '@scx/core';
import {
  createDb,
  drainAllMatchQueue,
  MIGRATIONS,
  matchScenario,
  migrate,
  recommendScenarios,
  scanMatchScenario,
} from '@scx/db';
import { DEMO_LOGINS, seedDatabase } from '@scx/db/seed';
import { openEmbeddedClient, startNodeHost } from '../workers/api/src/node.ts';
import { startEdgeHost } from './edge-host.ts';

const firms = Number(process.env.BENCH_FIRMS ?? 10_000);
const productCount = Number(process.env.BENCH_PRODUCTS ?? 20_000);
const queries = Number(process.env.BENCH_QUERIES ?? 200);
const dir = mkdtempSync(join(tmpdir(), 'scx-bench-match-'));
const file = process.env.BENCH_DB ?? join(dir, 'match.db');
const reuse = process.env.BENCH_DB !== undefined && existsSync(file);
const NOW = new Date().toISOString();

interface Row {
  where: string;
  what: string;
  n: number;
  p50: number;
  p99: number;
  note?: string;
}
const rows: Row[] = [];
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN;
};
async function time(
  where: string,
  what: string,
  n: number,
  run: (i: number) => Promise<unknown>,
  note?: string,
) {
  for (let i = 0; i < Math.min(5, n); i++) await run(i); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await run(i);
    ms.push(performance.now() - t);
  }
  const row = { where, what, n, p50: percentile(ms, 0.5), p99: percentile(ms, 0.99), note };
  rows.push(row);
  console.error(`${where} ${what}: p50 ${row.p50.toFixed(1)} ms, p99 ${row.p99.toFixed(1)} ms`);
  return row;
}

// Seed a city's worth of supply, then build the match index (timed). The file is opened as the
// embedded host opens it (WAL, its page cache), so "in process" is the host's query without HTTP.
const client = await openEmbeddedClient(`file:${file}`);
await migrate(client, MIGRATIONS);
const seeded = reuse
  ? {
      counts: {
        organizations: Number((await client.execute('SELECT count(*) AS n FROM organizations')).rows[0]?.n),
      },
    }
  : await seedDatabase(client, { firms, products: productCount, seed: 11, now: new Date(NOW) });
console.error(reuse ? `reusing ${file}` : 'seeded', seeded.counts);
const db = createDb(client);
const t0 = performance.now();
const built = await drainAllMatchQueue(db, createLocalEmbedder(), { chunk: 1000 });
const indexSeconds = (performance.now() - t0) / 1000;
console.error(`indexed ${built.indexed} documents in ${indexSeconds.toFixed(1)} s`);

const open = (
  await client.execute(
    "SELECT id FROM scenarios WHERE status = 'published' AND (deadline IS NULL OR deadline > ?) ORDER BY id",
    [NOW],
  )
).rows.map((r) => String(r.id));
const firmIds = (
  await client.execute(
    "SELECT id FROM organizations WHERE kind = 'firm' AND status = 'approved' ORDER BY id LIMIT 500",
  )
).rows.map((r) => String(r.id));
const scenarioAt = (i: number) => open[(i * 7919) % open.length] as string;
const firmAt = (i: number) => firmIds[(i * 104729) % firmIds.length] as string;
const docs = Number((await client.execute('SELECT count(*) AS n FROM supply_docs')).rows[0]?.n);

const ours = await time('in process (embedded file)', 'match scenario → firms', queries, (i) =>
  matchScenario(db, scenarioAt(i), { now: NOW, top: 10 }),
);
await time('in process (embedded file)', 'recommend firm → scenarios', queries, (i) =>
  recommendScenarios(db, firmAt(i), { now: NOW, top: 10 }),
);
const scanN = Math.min(20, queries);
const scan = await time(
  'in process (embedded file)',
  'baseline: scan every firm + product, re-rank all',
  scanN,
  (i) => scanMatchScenario(db, scenarioAt(i), { now: NOW, top: 10 }),
);
// Agreement of the indexed top 10 with the scan's top 10 (same scorer; only candidate generation differs).
let overlap = 0;
for (let i = 0; i < scanN; i++) {
  const a =
    (await matchScenario(db, scenarioAt(i), { now: NOW, top: 10 }))?.results.map((r) => r.firmId) ?? [];
  const b = new Set(
    (await scanMatchScenario(db, scenarioAt(i), { now: NOW, top: 10 }))?.results.map((r) => r.firmId),
  );
  overlap += a.filter((id) => b.has(id)).length / Math.max(1, b.size);
}
client.close();

// Both hosts over HTTP, signed in as the demo organizer (may see every scenario's matches).
const organizer = DEMO_LOGINS.find((d) => d.role === 'organizer_admin') ?? DEMO_LOGINS[0];
async function signIn(base: string): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: organizer?.email, password: organizer?.password }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}
async function overHttp(where: string, base: string) {
  const headers = await signIn(base);
  const get = async (path: string) => {
    const res = await fetch(base + path, { headers });
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  await time(where, 'GET /scenarios/:id/matches', queries, (i) =>
    get(`/api/v1/scenarios/${scenarioAt(i)}/matches`),
  );
  await time(where, 'GET /firms/:id/recommendations', queries, (i) =>
    get(`/api/v1/firms/${firmAt(i)}/recommendations`),
  );
}

const node = await startNodeHost({ url: `file:${file}`, port: 0, indexOnStart: false });
await overHttp('embedded host (Node + file, HTTP)', node.url);
await node.close();

const edge = await startEdgeHost(file, dir, { maxStreams: 64 });
await overHttp('edge host (workerd → libSQL HTTP)', edge.url);
await edge.close();
rmSync(dir, { recursive: true, force: true });

const f1 = (x: number) => x.toFixed(1);
console.log(`\n### pnpm bench:match — ${NOW.slice(0, 10)}\n`);
console.log(
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    `Seeded ${seeded.counts.organizations ?? '?'} organizations (${firms} firms), ${productCount} products, ` +
    `${open.length} open scenarios; ${docs} supply documents (256-d vectors, FTS5). ` +
    (reuse
      ? 'Database reused (BENCH_DB, seeded and indexed by an earlier run). '
      : `Index build: ${indexSeconds.toFixed(1)} s for ${built.indexed} documents. `) +
    `Sequential requests (one at a time), ${queries} queries over ${Math.min(queries, open.length)} ` +
    `different scenarios / firms after a 5-query warm-up; HTTP rows include the session lookup and JSON.\n`,
);
console.log('| where | query | n | p50 ms | p99 ms |');
console.log('|---|---|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.where} | ${r.what} | ${r.n} | ${f1(r.p50)} | ${f1(r.p99)} |`);
console.log(
  `\nIndexed match vs scan baseline (p50): ${(scan.p50 / ours.p50).toFixed(1)}× faster; ` +
    `top-10 agreement with the scan: ${((overlap / scanN) * 100).toFixed(1)} %.`,
);
