// pnpm bench:schedule — the 1:1 meeting scheduler (packages/core/src/scheduling) on generated, deterministic
// matchmaking events. For each instance: time, meetings and priority placed by the optimiser, by the ordered
// greedy alone and by first-fit in input order (what "quick schedule" tools do), all in the same run, against
// the upper bound of `scheduleUpperBound` (max-weight fractional b-matching of the request graph with
// per-participant slot capacities, and table capacity). Prints a Markdown section for bench/RESULTS.md.
//   BENCH_RUNS (default 5): timed runs per instance (median reported), after one warm-up run.
//   BENCH_ONLY: run only the instances whose name contains this text.
//   BENCH_DUMP=DIR: also write each generated instance to DIR/NAME.json (a `pnpm scx schedule` file).
import { writeFileSync } from 'node:fs';
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
  /** Explicit agency count (default: 1 participant in 4). */
  agencies?: number;
  /**
   * The issue-size generator (`generateZipf`): a flat Zipf popularity (agency i drawn ∝ 1/(i + agencies/10):
   * the top ~60 of 300 agencies get 20–50 requests for 15 meeting slots) and partial availabilities (40 % all
   * day, 30 % a half day, 30 % a random window of 5–10 slots).
   */
  dense?: boolean;
  /** With `dense`: every agency equally popular (no Zipf), for instances where everyone is asked a lot. */
  flat?: boolean;
  /** Hosted-buyer mode: only the first (most requested) `hosts` agencies keep a table (default: all). */
  hosts?: number;
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

/**
 * The issue-size generator: `agencies` agencies and the rest firms; requests 85 % firm→agency, 15 %
 * agency→agency, the agency drawn with a flat Zipf popularity (∝ 1/(i + agencies/10); uniform with `flat`);
 * 30 % must-meets; availability 40 % all day, 30 % a half day, 30 % a random window of 5–10 slots (partial
 * availabilities make participants, not tables, the bottleneck). Requests are in submission order (random).
 */
function generateZipf(spec: Spec): ScheduleInput {
  const rnd = mulberry32(spec.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const agencies = spec.agencies ?? Math.floor(spec.participants / 4);
  const hosts = spec.hosts ?? agencies;
  const S = spec.slots;
  const all = Array.from({ length: S }, (_, s) => s);
  const half = Math.ceil(S / 2);
  const participants = Array.from({ length: spec.participants }, (_, i) => {
    const id = i < agencies ? `agency${i}` : `firm${i - agencies}`;
    const u = rnd();
    let available: number[] | undefined;
    if (u < 0.4) available = undefined;
    else if (u < 0.7) available = rnd() < 0.5 ? all.slice(0, half) : all.slice(S - half);
    else {
      const len = Math.min(S, 5 + int(6));
      const start = int(S - len + 1);
      available = all.slice(start, start + len);
    }
    return { id, available, host: i < hosts };
  });
  const c = spec.flat ? Number.MAX_SAFE_INTEGER : Math.max(1, agencies / 10);
  const cum: number[] = [];
  let total = 0;
  for (let i = 0; i < agencies; i++) {
    total += 1 / (i + c);
    cum.push(total);
  }
  const pickAgency = () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = agencies - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const seen = new Set<string>();
  const requests: ScheduleInput['requests'][number][] = [];
  while (requests.length < spec.requests) {
    const ag = pickAgency();
    const other = rnd() < 0.85 ? agencies + int(spec.participants - agencies) : pickAgency();
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
    slots: S,
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
  // Dense: participants, not tables, are the bottleneck (popular agencies asked 20–60 times for 15 slots,
  // partial availabilities).
  {
    name: 'medium dense',
    participants: 400,
    agencies: 80,
    slots: 16,
    tables: 80,
    requests: 1200,
    breaks: [8],
    dense: true,
    seed: 4,
  },
  // The size: 1,000 firms + 300 agencies, 3,000 accepted requests, 16 slots, 60 tables (table-bound).
  {
    name: 'XL, 60 tables',
    participants: 1300,
    agencies: 300,
    slots: 16,
    tables: 60,
    requests: 3000,
    breaks: [8],
    dense: true,
    seed: 5,
  },
  {
    name: 'XL hosted-buyer, 60 tables',
    participants: 1300,
    agencies: 300,
    hosts: 40,
    slots: 16,
    tables: 60,
    requests: 3000,
    breaks: [8],
    hosted: true,
    dense: true,
    seed: 5,
  },
  // The same participants and requests with enough tables: participants are the bottleneck (popular
  // agencies).
  {
    name: 'XL dense, 200 tables',
    participants: 1300,
    agencies: 300,
    slots: 16,
    tables: 200,
    requests: 3000,
    breaks: [8],
    dense: true,
    seed: 5,
  },
  {
    name: 'XL dense hosted-buyer, 360 tables',
    participants: 1300,
    agencies: 300,
    slots: 16,
    tables: 360,
    requests: 3000,
    breaks: [8],
    hosted: true,
    dense: true,
    seed: 5,
  },
  // Dense everywhere: every participant asked ~16 times for ≤ 15 slots, partial availabilities.
  {
    name: 'dense 200, 1,600 req',
    participants: 200,
    agencies: 100,
    slots: 16,
    tables: 100,
    requests: 1600,
    breaks: [8],
    dense: true,
    flat: true,
    seed: 6,
  },
  {
    name: 'dense 400, 3,000 req',
    participants: 400,
    agencies: 200,
    slots: 16,
    tables: 200,
    requests: 3000,
    breaks: [8],
    dense: true,
    flat: true,
    seed: 7,
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
const ratio = (x: number, y: number) => (y === 0 ? '–' : `${(x / y).toFixed(3)}×`);
const rows: string[] = [];
const only = process.env.BENCH_ONLY;
for (const spec of SPECS) {
  if (only && !spec.name.includes(only)) continue;
  const input = spec.dense ? generateZipf(spec) : generate(spec);
  if (process.env.BENCH_DUMP) {
    const file = `${process.env.BENCH_DUMP}/${spec.name.replace(/[^a-z0-9]+/gi, '-')}.json`;
    writeFileSync(file, JSON.stringify(input));
  }
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
    if (r.out.stats.placed > bound.meetings || r.out.stats.priorityPlaced > bound.priority)
      throw new Error(`${spec.name}/${label}: above the upper bound`);
  }
  // The same requests all as plain meets (no must-meets): what a meetings-first objective could place.
  const allMeets = { ...input, requests: input.requests.map((r) => ({ ...r, priority: 1 as const })) };
  const flat = scheduleMeetings(allMeets);
  if (checkSchedule(allMeets, flat).length > 0) throw new Error(`${spec.name}/all meets: invalid`);
  const o = opt.out.stats;
  const g = greedy.out.stats;
  const f = ff.out.stats;
  const hosts = spec.hosted ? `, hosted (${spec.hosts ?? 'all'} agencies host)` : '';
  rows.push(
    `| ${spec.name} | ${spec.agencies ?? Math.floor(spec.participants / 4)} agencies + ${spec.participants - (spec.agencies ?? Math.floor(spec.participants / 4))} firms × ${spec.slots} slots × ${spec.tables} tables${hosts}, ${spec.requests} req (${o.mustRequested} must) | ` +
      `${opt.ms.toFixed(1)} | ${greedy.ms.toFixed(1)} | ${ff.ms.toFixed(1)} | ` +
      `${o.placed} / ${g.placed} / ${f.placed} | ${bound.meetings} | ` +
      `${o.mustPlaced} / ${g.mustPlaced} / ${f.mustPlaced} | ` +
      `${o.priorityPlaced} / ${g.priorityPlaced} / ${f.priorityPlaced} | ${bound.priority} | ` +
      `**${pct(o.priorityPlaced, bound.priority)}** | ${pct(o.placed, bound.meetings)} | ` +
      `**${ratio(o.placed, f.placed)}** | ${ratio(o.priorityPlaced, f.priorityPlaced)} | ${ratio(bound.meetings, f.placed)} | ` +
      `${flat.stats.placed} (${ratio(flat.stats.placed, f.placed)}) |`,
  );
  console.error(`${spec.name}: ${opt.ms.toFixed(1)} ms, nodes ${o.nodes}, moves ${JSON.stringify(o.moves)}`);
}

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`### pnpm bench:schedule — ${new Date().toISOString().slice(0, 10)}

Command: \`pnpm bench:schedule\` (bench/schedule.ts). Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. In process; median of ${runs} runs after a warm-up (the machine is shared, so single timings are noisy). Instances are generated from fixed seeds; all have one break slot (15 meeting slots), 30 % must-meets and 1 % no-thanks pairs. The first five (small … large hosted-buyer) are the earlier skewed instances (1 agency in 4, a steep popularity skew, 30 % of participants available half a day); the others use the issue-size generator (Zipf popularity over agencies, 85 % firm→agency requests, 40 % of participants all day, 30 % half a day, 30 % a 5–10-slot window); "dense" ones have every agency equally popular and ~16 requests per participant. "first-fit" = requests in input (submission) order, each at its earliest slot where both are free and a table is free — b2match's Quick Schedule; "greedy" = the ordered greedy without improvement. Bound = \`scheduleUpperBound\`: max-weight fractional b-matching of the request graph (each participant at most min(quota, a max matching of its requests into their common slots) meetings), table capacity per slot, host tables. Every schedule is re-checked by \`checkSchedule\` and against the bound.

| instance | size | optimise ms | greedy ms | first-fit ms | meetings (opt / greedy / ff) | meetings bound | must-meets (opt / greedy / ff) | priority (opt / greedy / ff) | priority bound | priority vs bound | meetings vs bound | meetings vs first-fit | priority vs first-fit | meetings bound vs first-fit | opt with all requests as meets (vs first-fit) |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}
`);
