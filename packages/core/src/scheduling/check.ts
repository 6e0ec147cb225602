// Independent checks of a schedule (used by the property tests and the bench) and an upper bound on the
// priority any schedule can place.
import { tablesPerSlot } from './scheduler.ts';
import type { ScheduleInput, ScheduleResult } from './types.ts';

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Every hard constraint the schedule breaks, as text; empty = valid. */
export function checkSchedule(input: ScheduleInput, result: ScheduleResult): string[] {
  const problems: string[] = [];
  const tablesAt = tablesPerSlot(input);
  const breaks = new Set(input.breaks ?? []);
  const parts = new Map<string, ScheduleInput['participants'][number]>();
  for (const p of input.participants) if (!parts.has(p.id)) parts.set(p.id, p);
  const noThanks = new Set((input.noThanks ?? []).map((n) => pairKey(n.a, n.b)));
  const busy = new Set<string>();
  const tableUsed = new Set<string>();
  const perSlot = new Map<number, number>();
  const count = new Map<string, number>();
  const seen = new Map<number, string>();
  for (const m of result.meetings) {
    const at = `${m.a}–${m.b} @ slot ${m.slot} table ${m.table}`;
    const req = input.requests[m.request];
    if (!req || pairKey(req.a, req.b) !== pairKey(m.a, m.b))
      problems.push(`${at}: not the pair of request ${m.request}`);
    if (seen.has(m.request)) problems.push(`${at}: request ${m.request} placed twice`);
    seen.set(m.request, 'placed');
    if (!Number.isInteger(m.slot) || m.slot < 0 || m.slot >= input.slots)
      problems.push(`${at}: no such slot`);
    if (breaks.has(m.slot)) problems.push(`${at}: in a break`);
    if (!Number.isInteger(m.table) || m.table < 0 || m.table >= (tablesAt[m.slot] ?? 0)) {
      problems.push(`${at}: no such table in that slot`);
    }
    if (noThanks.has(pairKey(m.a, m.b))) problems.push(`${at}: a no-thanks pair`);
    if (m.a === m.b) problems.push(`${at}: meets itself`);
    for (const id of [m.a, m.b]) {
      const p = parts.get(id);
      if (!p) {
        problems.push(`${at}: unknown participant ${id}`);
        continue;
      }
      if (p.available && !p.available.includes(m.slot)) problems.push(`${at}: ${id} is not available`);
      if (busy.has(`${id}@${m.slot}`)) problems.push(`${at}: ${id} double-booked`);
      busy.add(`${id}@${m.slot}`);
      count.set(id, (count.get(id) ?? 0) + 1);
      if (input.hosted && p.host && p.table !== undefined && m.table !== p.table && !m.confirmed) {
        problems.push(`${at}: host ${id} is not at its table ${p.table}`);
      }
    }
    if (tableUsed.has(`${m.slot}/${m.table}`)) problems.push(`${at}: table used twice`);
    tableUsed.add(`${m.slot}/${m.table}`);
    perSlot.set(m.slot, (perSlot.get(m.slot) ?? 0) + 1);
  }
  for (const [s, n] of perSlot)
    if (n > (tablesAt[s] ?? 0)) problems.push(`slot ${s}: ${n} meetings, tables ${tablesAt[s]}`);
  for (const p of parts.values()) {
    if (p.maxMeetings !== undefined && (count.get(p.id) ?? 0) > p.maxMeetings)
      problems.push(`${p.id}: over quota`);
  }
  for (const u of result.unplaced) {
    if (seen.has(u.request)) problems.push(`request ${u.request} both placed and unplaced`);
    seen.set(u.request, 'unplaced');
  }
  for (let i = 0; i < input.requests.length; i++) {
    if (!seen.has(i)) problems.push(`request ${i} neither placed nor reported`);
  }
  return problems;
}

/** Max flow (Dinic) on a small graph given as edge lists; used for the matching bound. */
function maxFlow(n: number, edges: [number, number, number][], source: number, sink: number): number {
  const head = new Int32Array(n).fill(-1);
  const to: number[] = [];
  const cap: number[] = [];
  const next: number[] = [];
  const add = (u: number, v: number, c: number) => {
    to.push(v, u);
    cap.push(c, 0);
    next.push(head[u] ?? -1, head[v] ?? -1);
    head[u] = to.length - 2;
    head[v] = to.length - 1;
  };
  for (const [u, v, c] of edges) add(u, v, c);
  const level = new Int32Array(n);
  const it = new Int32Array(n);
  const bfs = () => {
    level.fill(-1);
    level[source] = 0;
    const q = [source];
    for (let i = 0; i < q.length; i++) {
      const u = q[i] as number;
      for (let e = head[u] ?? -1; e !== -1; e = next[e] ?? -1) {
        const v = to[e] as number;
        if ((cap[e] ?? 0) > 0 && level[v] === -1) {
          level[v] = (level[u] ?? 0) + 1;
          q.push(v);
        }
      }
    }
    return level[sink] !== -1;
  };
  const dfs = (u: number, f: number): number => {
    if (u === sink) return f;
    for (; (it[u] ?? -1) !== -1; it[u] = next[it[u] ?? 0] ?? -1) {
      const e = it[u] as number;
      const v = to[e] as number;
      if ((cap[e] ?? 0) > 0 && level[v] === (level[u] ?? 0) + 1) {
        const d = dfs(v, Math.min(f, cap[e] ?? 0));
        if (d > 0) {
          cap[e] = (cap[e] ?? 0) - d;
          cap[e ^ 1] = (cap[e ^ 1] ?? 0) + d;
          return d;
        }
      }
    }
    return 0;
  };
  let flow = 0;
  while (bfs()) {
    it.set(head);
    for (let f = dfs(source, Number.MAX_SAFE_INTEGER); f > 0; f = dfs(source, Number.MAX_SAFE_INTEGER))
      flow += f;
  }
  return flow;
}

/**
 * Upper bounds on what any schedule can place, ignoring which slots the pairs share:
 * meetings ≤ min(valid requests, tables in all non-break slots, max fractional b-matching where each
 * participant meets at most min(usable slots, quota) times); priority = meetings + must-meets, each bounded
 * the same way (must-meets on the must-meet requests only), and by the best priorities that fit all tables.
 * The fractional b-matching is half a max flow in the bipartite double cover of the request graph.
 */
export function scheduleUpperBound(input: ScheduleInput): { priority: number; meetings: number } {
  const tablesAt = tablesPerSlot(input);
  const breaks = new Set(input.breaks ?? []);
  const ids: string[] = [];
  const index = new Map<string, number>();
  const capOf: number[] = [];
  for (const p of input.participants) {
    if (index.has(p.id)) continue;
    index.set(p.id, ids.length);
    ids.push(p.id);
    const slots = new Set(
      (p.available ?? Array.from({ length: input.slots }, (_, s) => s)).filter(
        (s) => Number.isInteger(s) && s >= 0 && s < input.slots && !breaks.has(s),
      ),
    );
    capOf.push(Math.min(slots.size, p.maxMeetings ?? Number.POSITIVE_INFINITY));
  }
  const noThanks = new Set((input.noThanks ?? []).map((n) => pairKey(n.a, n.b)));
  const best = new Map<string, { a: number; b: number; p: number }>();
  for (const r of input.requests) {
    const a = index.get(r.a);
    const b = index.get(r.b);
    if (r.a === r.b || a === undefined || b === undefined) continue;
    const k = pairKey(r.a, r.b);
    if (noThanks.has(k)) continue;
    const cur = best.get(k);
    best.set(k, { a, b, p: Math.max(cur?.p ?? 0, r.priority) });
  }
  const valid = [...best.values()];
  const tableCap = tablesAt.filter((_, s) => !breaks.has(s)).reduce((n, t) => n + t, 0);
  const P = ids.length;
  const matching = (list: typeof valid) => {
    const edges: [number, number, number][] = [];
    const source = 2 * P;
    const sink = 2 * P + 1;
    for (let i = 0; i < P; i++) {
      const c = Math.min(capOf[i] ?? 0, list.length);
      edges.push([source, i, c], [P + i, sink, c]);
    }
    for (const e of list) edges.push([e.a, P + e.b, 1], [e.b, P + e.a, 1]);
    return Math.floor(maxFlow(2 * P + 2, edges, source, sink) / 2);
  };
  const meetings = Math.min(valid.length, tableCap, matching(valid));
  const musts = valid.filter((e) => e.p === 2);
  const mustBound = Math.min(musts.length, tableCap, matching(musts));
  const sorted = valid.map((v) => v.p).sort((x, y) => y - x);
  const byTables = sorted.slice(0, Math.min(sorted.length, tableCap)).reduce((n, p) => n + p, 0);
  return { priority: Math.min(byTables, meetings + Math.min(mustBound, meetings)), meetings };
}
