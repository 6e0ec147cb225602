// pnpm bench:schedule — the 1:1 meeting scheduler (packages/core/src/scheduling) on generated, deterministic
// matchmaking events. For each instance: time, meetings and priority placed by the optimiser, by the ordered
// greedy alone and by first-fit in input order (what "quick schedule" tools do), all in the same run, against
// the upper bound of `scheduleUpperBound` (max-weight fractional b-matching of the request graph with
// per-participant slot capacities, and table capacity). Prints a Markdown section for bench/RESULTS.md.
//   BENCH_RUNS (default 5): timed runs per instance (median reported), after one warm-up run.
//   BENCH_ONLY: run only the instances whose name contains this text.
//   BENCH_DUMP=DIR: also write each generated instance to DIR/NAME.json (a `pnpm scx schedule` file).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
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
  /** The dense-by-construction generator (`generateDense`) with these availability shares. */
  overAsked?: { fullDay: number; halfDay: number; agencyShare: number };
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

/**
 * Dense by construction (the definition of the "dense" family, fixed before measuring): participants, not
 * tables, are the bottleneck, and nearly everyone is over-asked — a participant's usable requests (with at least
 * one common usable slot) are at least its usable slots. Availability as at real one-day events: `fullDay` of
 * the participants all day, `halfDay` the morning or the afternoon (the break between them), the rest a window
 * of 4–8 slots. Each firm asks for its usable slots + 0–2 meetings with agencies it shares a usable slot with
 * (requests between participants who are never there at the same time are not drawn: no scheduler could
 * place them, so they would only dilute the density); the agencies' side is dealt out in proportion to their usable slots, so an agency is asked
 * about (firms' requests ÷ agencies' slots) times per slot; then `agencyShare` more agency↔agency requests.
 * Submission order is random; 30 % must-meets, 1 % no-thanks pairs.
 */
function generateDense(spec: Spec): ScheduleInput {
  const { fullDay, halfDay, agencyShare } = spec.overAsked ?? {
    fullDay: 0.5,
    halfDay: 0.4,
    agencyShare: 0.1,
  };
  const rnd = mulberry32(spec.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const S = spec.slots;
  const agencies = spec.agencies ?? Math.floor(spec.participants / 4);
  const hosts = spec.hosts ?? agencies;
  const breaks = new Set(spec.breaks);
  const all = Array.from({ length: S }, (_, s) => s);
  const mid = spec.breaks[0] ?? Math.floor(S / 2);
  const participants = Array.from({ length: spec.participants }, (_, i) => {
    const id = i < agencies ? `agency${i}` : `firm${i - agencies}`;
    const u = rnd();
    let available: number[] | undefined;
    if (u < fullDay) available = undefined;
    else if (u < fullDay + halfDay) available = rnd() < 0.5 ? all.slice(0, mid) : all.slice(mid + 1);
    else {
      const len = Math.min(S, 4 + int(5));
      const start = int(S - len + 1);
      available = all.slice(start, start + len);
    }
    return { id, available, host: i < hosts };
  });
  const usable = participants.map((p) => (p.available ?? all).filter((s) => !breaks.has(s)));
  const overlap = (i: number, j: number) => usable[i]?.some((s) => usable[j]?.includes(s)) === true;
  const seen = new Set<string>();
  const pairs: [number, number][] = [];
  const add = (i: number, j: number) => {
    const key = i < j ? `${i}|${j}` : `${j}|${i}`;
    if (i === j || seen.has(key) || !overlap(i, j)) return false;
    seen.add(key);
    pairs.push(rnd() < 0.5 ? [i, j] : [j, i]);
    return true;
  };
  // Agencies' stubs ∝ their usable slots; firms draw from them (rejection: same pair, no overlap).
  const weights = Array.from({ length: agencies }, (_, a) => usable[a]?.length ?? 0);
  const totalW = weights.reduce((x, y) => x + y, 0);
  const pickAgency = () => {
    let x = rnd() * totalW;
    for (let a = 0; a < agencies; a++) {
      x -= weights[a] ?? 0;
      if (x < 0) return a;
    }
    return agencies - 1;
  };
  for (let f = agencies; f < spec.participants; f++) {
    const want = (usable[f]?.length ?? 0) + int(3);
    let got = 0;
    for (let tries = 0; got < want && tries < 50 * want; tries++) if (add(f, pickAgency())) got++;
  }
  const extra = Math.round(pairs.length * agencyShare);
  for (let k = 0, tries = 0; k < extra && tries < 50 * extra; tries++)
    if (add(pickAgency(), pickAgency())) k++;
  // Submission order: random.
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [pairs[i], pairs[j]] = [pairs[j] as [number, number], pairs[i] as [number, number]];
  }
  const requests = pairs.map(([i, j]) => ({
    a: participants[i]?.id as string,
    b: participants[j]?.id as string,
    priority: (rnd() < 0.3 ? 2 : 1) as 1 | 2,
  }));
  const noThanks = requests.slice(0, Math.floor(requests.length / 100)).map((r) => ({ a: r.a, b: r.b }));
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

/**
 * How dense an instance is, by the definition above: the share of participants (with a usable request) whose
 * usable requests (a common usable slot, not a no-thanks pair) are at least their usable slots, and whether the
 * tables can bind (some slot has fewer tables than half the participants who can meet in it).
 */
function density(input: ScheduleInput): { overAsked: number; tablesBind: boolean } {
  const S = input.slots;
  const breaks = new Set(input.breaks ?? []);
  const tablesAt = Array.from({ length: S }, (_, s) =>
    typeof input.tables === 'number' ? input.tables : (input.tables[s] ?? 0),
  );
  const slotsOf = new Map(
    input.participants.map((p) => [
      p.id,
      (p.available ?? Array.from({ length: S }, (_, s) => s)).filter((s) => !breaks.has(s)),
    ]),
  );
  const no = new Set((input.noThanks ?? []).map((n) => [n.a, n.b].sort().join('|')));
  const deg = new Map<string, number>();
  const active = Array.from({ length: S }, () => new Set<string>());
  const seen = new Set<string>();
  for (const r of input.requests) {
    const key = [r.a, r.b].sort().join('|');
    if (no.has(key) || seen.has(key)) continue;
    seen.add(key);
    const common = (slotsOf.get(r.a) ?? []).filter((s) => slotsOf.get(r.b)?.includes(s));
    if (common.length === 0) continue;
    for (const id of [r.a, r.b]) deg.set(id, (deg.get(id) ?? 0) + 1);
    for (const s of common) {
      active[s]?.add(r.a);
      active[s]?.add(r.b);
    }
  }
  let over = 0;
  for (const [id, d] of deg) if (d >= (slotsOf.get(id)?.length ?? 0)) over++;
  const tablesBind = active.some((set, s) => !breaks.has(s) && (tablesAt[s] ?? 0) < Math.floor(set.size / 2));
  return { overAsked: deg.size === 0 ? 0 : over / deg.size, tablesBind };
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
  // Dense by construction (generateDense; the definition is in its comment): every firm asks for at least its
  // usable slots, agencies are asked more than theirs, tables never bind; real availability windows.
  {
    name: 'over-asked 200',
    participants: 200,
    agencies: 60,
    slots: 16,
    tables: 100,
    requests: 0,
    breaks: [8],
    overAsked: { fullDay: 0.5, halfDay: 0.4, agencyShare: 0.1 },
    seed: 11,
  },
  {
    name: 'over-asked 320',
    participants: 320,
    agencies: 100,
    slots: 16,
    tables: 160,
    requests: 0,
    breaks: [8],
    overAsked: { fullDay: 0.5, halfDay: 0.4, agencyShare: 0.1 },
    seed: 12,
  },
  {
    name: 'over-asked 320 hosted-buyer',
    participants: 320,
    agencies: 100,
    slots: 16,
    tables: 160,
    requests: 0,
    breaks: [8],
    hosted: true,
    overAsked: { fullDay: 0.5, halfDay: 0.4, agencyShare: 0.1 },
    seed: 12,
  },
  {
    name: 'over-asked 320, mostly half-day',
    participants: 320,
    agencies: 100,
    slots: 16,
    tables: 160,
    requests: 0,
    breaks: [8],
    overAsked: { fullDay: 0.2, halfDay: 0.7, agencyShare: 0.1 },
    seed: 14,
  },
];

/** Median wall-clock and CPU milliseconds (this process, user + system: what the run costs on a shared machine). */
const time = (input: ScheduleInput): { ms: number; cpu: number; out: ScheduleResult } => {
  scheduleMeetings(input); // warm-up
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let out: ScheduleResult | null = null;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = scheduleMeetings(input);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpuTimes.push((c.user + c.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
  return { ms: median(times), cpu: median(cpuTimes), out: out as ScheduleResult };
};

const pct = (x: number, y: number) => (y === 0 ? '–' : `${((100 * x) / y).toFixed(1)} %`);
const ratio = (x: number, y: number) => (y === 0 ? '–' : `${(x / y).toFixed(3)}×`);
const rows: string[] = [];
const objectiveRows: string[] = [];
const only = process.env.BENCH_ONLY;
for (const spec of SPECS) {
  if (only && !spec.name.includes(only)) continue;
  const input = spec.overAsked ? generateDense(spec) : spec.dense ? generateZipf(spec) : generate(spec);
  const dens = density(input);
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
  // The other objective: total priority (must = 2, meet = 1), then meetings.
  const tp = time({ ...input, options: { objective: 'total-priority' } });
  if (checkSchedule(input, tp.out).length > 0) throw new Error(`${spec.name}/total-priority: invalid`);
  if (tp.out.stats.placed > bound.meetings || tp.out.stats.priorityPlaced > bound.priority)
    throw new Error(`${spec.name}/total-priority: above the upper bound`);
  const o = opt.out.stats;
  const g = greedy.out.stats;
  const f = ff.out.stats;
  const t = tp.out.stats;
  const hosts = spec.hosted ? `, hosted (${spec.hosts ?? 'all'} agencies host)` : '';
  const agencies = spec.agencies ?? Math.floor(spec.participants / 4);
  const isDense = dens.overAsked >= 0.9 && !dens.tablesBind;
  objectiveRows.push(
    `| ${spec.name} | ${(100 * dens.overAsked).toFixed(0)} % / ${dens.tablesBind ? 'yes' : 'no'} → ${isDense ? '**dense**' : 'not dense'} | ` +
      `${f.placed} / ${f.mustPlaced} / ${f.priorityPlaced} | ` +
      `${o.placed} / ${o.mustPlaced} / ${o.priorityPlaced} (${opt.ms.toFixed(0)} ms, CPU ${opt.cpu.toFixed(0)}) | **${ratio(o.placed, f.placed)}** | ` +
      `${t.placed} / ${t.mustPlaced} / ${t.priorityPlaced} (${tp.ms.toFixed(0)} ms, CPU ${tp.cpu.toFixed(0)}) | **${ratio(t.placed, f.placed)}** | ` +
      `${flat.stats.placed} (${ratio(flat.stats.placed, f.placed)}) | ${bound.meetings} / ${bound.priority} |`,
  );
  rows.push(
    `| ${spec.name} | ${agencies} agencies + ${spec.participants - agencies} firms × ${spec.slots} slots × ${spec.tables} tables${hosts}, ${input.requests.length} req (${o.mustRequested} must) | ` +
      `${opt.ms.toFixed(1)} (CPU ${opt.cpu.toFixed(0)}) | ${greedy.ms.toFixed(1)} | ${ff.ms.toFixed(1)} | ` +
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
const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' / ');
console.log(`### pnpm bench:schedule — ${new Date().toISOString().slice(0, 10)}

Load average at the end of the run (1 / 5 / 15 min): ${load} on ${cpus().length} cores.

Command: \`pnpm bench:schedule\` (bench/schedule.ts). Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. In process; median of ${runs} runs after a warm-up (the machine is shared, so single timings are noisy). Instances are generated from fixed seeds; all have one break slot (15 meeting slots), 30 % must-meets and 1 % no-thanks pairs. The first five (small … large hosted-buyer) are the earlier skewed instances (1 agency in 4, a steep popularity skew, 30 % of participants available half a day); the others use the issue-size generator (Zipf popularity over agencies, 85 % firm→agency requests, 40 % of participants all day, 30 % half a day, 30 % a 5–10-slot window); "dense 200/400" have every agency equally popular and ~16 requests per participant (named before the definition below; the second table says whether they meet it). The last four ("over-asked …", \`generateDense\`) are dense by construction: 50 % of the participants all day, 40 % (70 % in "mostly half-day") the morning or the afternoon, the rest a 4–8-slot window; each firm asks for its usable slots + 0–2 agencies it shares a slot with, agencies are asked in proportion to their slots, plus 10 % agency↔agency requests (≈ 3 requests per usable slot of an agency, 1.1 per slot of a firm); tables never bind. "first-fit" = requests in input (submission) order, each at its earliest slot where both are free and a table is free — b2match's Quick Schedule; "greedy" = the ordered greedy without improvement. Bound = \`scheduleUpperBound\`: max-weight fractional b-matching of the request graph (each participant at most min(quota, a max matching of its requests into their common slots) meetings), table capacity per slot, host tables. Every schedule is re-checked by \`checkSchedule\` and against the bound.

| instance | size | optimise ms (CPU ms) | greedy ms | first-fit ms | meetings (opt / greedy / ff) | meetings bound | must-meets (opt / greedy / ff) | priority (opt / greedy / ff) | priority bound | priority vs bound | meetings vs bound | meetings vs first-fit | priority vs first-fit | meetings bound vs first-fit | opt with all requests as meets (vs first-fit) |
|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Objectives on the same instances ("dense" by the definition of \`generateDense\`: ≥ 90 % of the participants over-asked — usable requests ≥ usable slots — and no slot with fewer tables than half the participants who can meet in it). Cells: meetings / must-meets / priority.

| instance | over-asked / tables bind → dense? | first-fit | must-first (default) | meetings vs first-fit | total-priority | meetings vs first-fit | all requests as meets (vs first-fit) | bound meetings / priority |
|---|---|---:|---:|---:|---:|---:|---:|---:|
${objectiveRows.join('\n')}
`);
