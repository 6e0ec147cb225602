// pnpm bench:api — loopback load on the public hall (list scenarios) against both hosts, with
// /api/v1/health of the same host as the floor. Prints a Markdown table for bench/RESULTS.md.
//   BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 32), BENCH_SCENARIOS (default 2000),
//   BENCH_FIRMS (default 2000; products = 2 per firm)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { MIGRATIONS, migrate } from '@scx/db';
import { seedDatabase } from '@scx/db/seed';
import autocannon from 'autocannon';
import { startNodeHost } from '../workers/api/src/node.ts';
import { startEdgeHost } from './edge-host.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const scenarios = Number(process.env.BENCH_SCENARIOS ?? 2000);
const firms = Number(process.env.BENCH_FIRMS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'scx-bench-'));
const file = join(dir, 'bench.db');

const ROUTES = [
  { name: 'health (floor)', path: '/api/v1/health' },
  { name: 'list scenarios', path: '/api/v1/scenarios?limit=20' },
  {
    name: 'list, filtered + sorted',
    path: '/api/v1/scenarios?kind=scenario&domain=industry-it&sort=deadline&limit=20',
  },
  { name: 'search 2-char word (交通)', path: `/api/v1/scenarios?limit=20&q=${encodeURIComponent('交通')}` },
  {
    name: 'search phrase + filter',
    path: `/api/v1/scenarios?limit=20&domain=industry-it&q=${encodeURIComponent('医疗影像')}`,
  },
  { name: 'firm directory page', path: '/api/v1/firms?limit=20' },
  { name: 'firms by certification', path: '/api/v1/firms?limit=20&cert=CSMM&certLevel=3' },
];

interface Row {
  host: string;
  route: string;
  rps: number;
  p50: number;
  p99: number;
  roundTrips: string;
  errors: number;
}

async function roundTripsOf(url: string): Promise<string> {
  const res = await fetch(url);
  await res.arrayBuffer();
  return /desc="(\d+) round trips"/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? '?';
}

async function load(host: string, base: string): Promise<Row[]> {
  const rows: Row[] = [];
  for (const r of ROUTES) {
    const url = base + r.path;
    await autocannon({ url, connections, duration: 2 }); // warm-up
    const out = await autocannon({ url, connections, duration: seconds });
    rows.push({
      host,
      route: r.name,
      rps: Math.round(out.requests.average),
      p50: out.latency.p50,
      p99: out.latency.p99,
      roundTrips: await roundTripsOf(url),
      errors: out.errors + out.non2xx,
    });
    console.error(`${host} ${r.name}: ${Math.round(out.requests.average)} req/s`);
  }
  return rows;
}

// One database for both hosts, seeded like a city after a few years of use.
const seedClient = createClient({ url: `file:${file}` });
await migrate(seedClient, MIGRATIONS);
const seeded = await seedDatabase(seedClient, { scenarios, firms, products: firms * 2, seed: 7 });
seedClient.close();
console.error('seeded', seeded.counts);

const results: Row[] = [];

// The match index is not needed for these routes (bench:match measures it).
const node = await startNodeHost({ url: `file:${file}`, port: 0, indexOnStart: false });
results.push(...(await load('embedded (Node + file)', node.url)));
await node.close();

const edge = await startEdgeHost(file, dir, { maxStreams: 256 });
results.push(...(await load('edge (workerd → libSQL HTTP)', edge.url)));
await edge.close();
rmSync(dir, { recursive: true, force: true });

const floor = new Map(results.filter((r) => r.route.startsWith('health')).map((r) => [r.host, r.rps]));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n### pnpm bench:api — ${new Date().toISOString().slice(0, 10)}\n`);
console.log(
  `Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
    `autocannon ${connections} connections × ${seconds} s per route on 127.0.0.1, after a 2 s warm-up. ` +
    `Database: ${seeded.counts.scenarios ?? scenarios} scenarios, ${seeded.counts.organizations ?? '?'} organizations.\n`,
);
console.log(
  '| host | route | req/s | p50 ms | p99 ms | DB round trips / request | vs health floor | errors |',
);
console.log('|---|---|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  const ratio = (r.rps / (floor.get(r.host) ?? r.rps)).toFixed(2);
  console.log(
    `| ${r.host} | ${r.route} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.roundTrips} | ${ratio}× | ${r.errors} |`,
  );
}
