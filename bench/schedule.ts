// pnpm bench:schedule — the 1:1 meeting scheduler (packages/core/src/scheduling) on generated, deterministic
// matchmaking events. For each instance: time, meetings and priority placed by the optimiser, by the ordered
// greedy alone and by first-fit in input order (what "quick schedule" tools do), all in the same run, against
// an upper bound (min of: all valid requests; best priorities fitting all tables; half the per-participant
// capacity). Prints a Markdown section for bench/RESULTS.md.
//   BENCH_RUNS (default 5): timed runs per instance (median reported), after one warm-up run.
import { cpus, totalmem } from 'node:os';
import {
  checkSchedule,
  type ScheduleInput,
  type ScheduleResult,
  scheduleMeetings,
  scheduleUpperBound,
} from '../packages/core/src/index.ts';

const runs = Number(process.env.BENCH_RUNS ?? 5);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Spec {
  name: string;
  participants: number;
  slots: number;
  tables: number;
  requests: number;
  breaks: number[];
  hosted?: boolean;
  seed: number;
}

/**
 * Agencies (1 in 4) and firms; requests mostly firm→agency with a popularity skew (a few agencies are asked a
 * lot), 30 % must-meets; availability: 70 % of participants all day, the others a random half-day block.
 */
function generate(spec: Spec): ScheduleInput {
  const rnd = mulberry32(spec.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const agencies = Math.max(2, Math.floor(spec.participants / 4));
  const participants = Array.from({ length: spec.participants }, (_, i) => {
    const id = i < agencies ? `agency${i}` : `firm${i - agencies}`;
    const all = Array.from({ length: spec.slots }, (_, s) => s);
    const half = Math.ceil(spec.slots / 2);
    const available =
      rnd() < 0.7 ? undefined : rnd() < 0.5 ? all.slice(0, half) : all.slice(spec.slots - half);
    return { id, available, host: i < agencies };
  });
  const seen = new Set<string>();
  const requests: ScheduleInput['requests'][number][] = [];
  while (requests.length < spec.requests) {
    const ag = Math.floor(agencies * rnd() ** 2); // skewed popularity
    const other = rnd() < 0.85 ? agencies + int(spec.participants - agencies) : int(agencies);
    if (other === ag) continue;
    const a = participants[other]?.id as string;
    const b = participants[ag]?.id as string;
    const key = [a, b].sort().join('|');
    if (seen.has(key)) continue;
    seen.add(key);
    requests.push({ a, b, priority: rnd() < 0.3 ? 2 : 1 });
  }
  const noThanks = requests.slice(0, Math.floor(spec.requests / 100)).map((r) => ({ a: r.a, b: r.b }));
  return {
    slots: spec.slots,
    tables: spec.tables,
    breaks: spec.breaks,
    hosted: spec.hosted === true,
    participants,
    requests,
    noThanks,
  };
}

const SPECS: Spec[] = [
  { name: 'small', participants: 40, slots: 10, tables: 12, requests: 150, breaks: [5], seed: 1 },
  { name: 'medium', participants: 150, slots: 12, tables: 25, requests: 700, breaks: [6], seed: 2 },
  { name: 'large', participants: 300, slots: 16, tables: 40, requests: 2000, breaks: [8], seed: 3 },
  {
    name: 'large, 90 tables',
    participants: 300,
    slots: 16,
    tables: 90,
    requests: 2000,
    breaks: [8],
    seed: 3,
  },
  {
    name: 'large hosted-buyer',
    participants: 300,
    slots: 16,
    tables: 90,
    requests: 2000,
    breaks: [8],
    hosted: true,
    seed: 3,
  },
];

const time = (input: ScheduleInput): { ms: number; out: ScheduleResult } => {
  scheduleMeetings(input); // warm-up
  const times: number[] = [];
  let out: ScheduleResult | null = null;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    out = scheduleMeetings(input);
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, out: out as ScheduleResult };
};

const pct = (x: number, y: number) => (y === 0 ? '–' : `${((100 * x) / y).toFixed(1)} %`);
const rows: string[] = [];
for (const spec of SPECS) {
  const input = generate(spec);
  const bound = scheduleUpperBound(input);
  const opt = time(input);
  const greedy = time({ ...input, options: { strategy: 'greedy' } });
  const ff = time({ ...input, options: { strategy: 'first-fit' } });
  for (const [label, r] of [
    ['optimise', opt],
    ['greedy', greedy],
    ['first-fit', ff],
  ] as const) {
    const problems = checkSchedule(input, r.out);
    if (problems.length > 0) throw new Error(`${spec.name}/${label}: ${problems.slice(0, 3).join('; ')}`);
  }
  const o = opt.out.stats;
  const f = ff.out.stats;
  rows.push(
    `| ${spec.name} | ${spec.participants} × ${spec.slots} slots × ${spec.tables} tables, ${spec.requests} req (${o.mustRequested} must) | ` +
      `${opt.ms.toFixed(1)} | ${greedy.ms.toFixed(1)} | ${ff.ms.toFixed(1)} | ` +
      `${o.placed} (${pct(o.placed, o.requests)}) | ${greedy.out.stats.placed} | ${f.placed} | ${bound.meetings} | ` +
      `${o.mustPlaced} / ${greedy.out.stats.mustPlaced} / ${f.mustPlaced} | ` +
      `${o.priorityPlaced} / ${greedy.out.stats.priorityPlaced} / ${f.priorityPlaced} | ${bound.priority} | ` +
      `${pct(o.priorityPlaced, bound.priority)} | ${(o.priorityPlaced / f.priorityPlaced).toFixed(3)}× | ${(o.placed / f.placed).toFixed(3)}× |`,
  );
  console.error(`${spec.name}: ${opt.ms.toFixed(1)} ms, nodes ${o.nodes}`);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`### pnpm bench:schedule — ${new Date().toISOString().slice(0, 10)}

Command: \`pnpm bench:schedule\` (bench/schedule.ts). Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. In process; median of ${runs} runs after a warm-up. Instances are generated from a fixed seed (1 agency in 4, firm→agency requests with a popularity skew, 30 % must-meets, 30 % of participants available half a day, one break slot, 1 % of pairs no-thanks). "first-fit" = requests in input order, each at its earliest free slot (the commercial quick-schedule baseline); "greedy" = the ordered greedy without improvement; bound = min(valid requests, best priorities that fit all tables, ½ Σ per-participant capacity). Every schedule is re-checked by \`checkSchedule\`.

| instance | size | optimise ms | greedy ms | first-fit ms | meetings placed | greedy | first-fit | meetings bound | must placed (opt / greedy / ff) | priority (opt / greedy / ff) | priority bound | opt vs bound | priority vs first-fit | meetings vs first-fit |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`);
