// Independent checks of a schedule (used by the property tests and the bench) and an upper bound on the
// priority any schedule can place.
import { hostTables } from './hosts.ts';
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

/**
 * Max-weight flow from source to sink of value ≤ limit (primal-dual: Dijkstra with potentials, then blocking
 * flows on the zero-reduced-cost arcs; stops when no path of positive weight is left). Arcs: [from, to,
 * capacity, weight], integer weights; the graph must have no positive-weight cycle (here: a DAG).
 */
function maxWeightFlow(
  n: number,
  arcs: readonly [number, number, number, number][],
  source: number,
  sink: number,
  limit: number,
): { flow: number; weight: number } {
  const m = arcs.length * 2;
  const head = new Int32Array(n).fill(-1);
  const to = new Int32Array(m);
  const next = new Int32Array(m);
  const cap = new Float64Array(m);
  const cost = new Float64Array(m);
  arcs.forEach(([u, v, c, w], i) => {
    const e = 2 * i;
    to[e] = v;
    cap[e] = c;
    cost[e] = -w;
    next[e] = head[u] ?? -1;
    head[u] = e;
    to[e + 1] = u;
    cap[e + 1] = 0;
    cost[e + 1] = w;
    next[e + 1] = head[v] ?? -1;
    head[v] = e + 1;
  });
  const from = (e: number) => to[e ^ 1] ?? 0;
  // Initial potentials: shortest distances (Bellman-Ford queue; no negative cycle in a DAG).
  const INF = Number.POSITIVE_INFINITY;
  const pi = new Float64Array(n).fill(INF);
  pi[source] = 0;
  const inQueue = new Uint8Array(n);
  const queue = [source];
  inQueue[source] = 1;
  for (let qi = 0; qi < queue.length; qi++) {
    const u = queue[qi] as number;
    inQueue[u] = 0;
    for (let e = head[u] ?? -1; e !== -1; e = next[e] ?? -1) {
      const v = to[e] as number;
      if ((cap[e] ?? 0) > 0 && (pi[u] ?? 0) + (cost[e] ?? 0) < (pi[v] ?? 0)) {
        pi[v] = (pi[u] ?? 0) + (cost[e] ?? 0);
        if (!inQueue[v]) {
          inQueue[v] = 1;
          queue.push(v);
        }
      }
    }
  }
  if (pi[sink] === INF) return { flow: 0, weight: 0 };
  for (let v = 0; v < n; v++) if (pi[v] === INF) pi[v] = pi[sink] ?? 0;
  const rc = (e: number) => (cost[e] ?? 0) + (pi[from(e)] ?? 0) - (pi[to[e] ?? 0] ?? 0);
  let flow = 0;
  let weight = 0;
  const dist = new Float64Array(n);
  const level = new Int32Array(n);
  const it = new Int32Array(n);
  // A binary heap of (distance, node).
  const heapD: number[] = [];
  const heapV: number[] = [];
  const push = (d: number, v: number) => {
    let i = heapD.length;
    heapD.push(d);
    heapV.push(v);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((heapD[p] ?? 0) <= d) break;
      heapD[i] = heapD[p] ?? 0;
      heapV[i] = heapV[p] ?? 0;
      i = p;
    }
    heapD[i] = d;
    heapV[i] = v;
  };
  const pop = (): [number, number] => {
    const d0 = heapD[0] ?? 0;
    const v0 = heapV[0] ?? 0;
    const d = heapD.pop() as number;
    const v = heapV.pop() as number;
    const len = heapD.length;
    if (len > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= len) break;
        if (c + 1 < len && (heapD[c + 1] ?? 0) < (heapD[c] ?? 0)) c++;
        if ((heapD[c] ?? 0) >= d) break;
        heapD[i] = heapD[c] ?? 0;
        heapV[i] = heapV[c] ?? 0;
        i = c;
      }
      heapD[i] = d;
      heapV[i] = v;
    }
    return [d0, v0];
  };
  while (flow < limit) {
    dist.fill(INF);
    dist[source] = 0;
    push(0, source);
    while (heapD.length > 0) {
      const [d, u] = pop();
      if (d > (dist[u] ?? 0)) continue;
      for (let e = head[u] ?? -1; e !== -1; e = next[e] ?? -1) {
        if ((cap[e] ?? 0) <= 0) continue;
        const v = to[e] as number;
        const nd = d + rc(e);
        if (nd < (dist[v] ?? 0)) {
          dist[v] = nd;
          push(nd, v);
        }
      }
    }
    const dt = dist[sink] ?? INF;
    if (dt === INF) break;
    for (let v = 0; v < n; v++) pi[v] = (pi[v] ?? 0) + Math.min(dist[v] ?? 0, dt);
    if ((pi[sink] ?? 0) - (pi[source] ?? 0) >= 0) break; // the cheapest path gains nothing
    // Blocking flows on the admissible arcs (reduced cost 0).
    for (;;) {
      level.fill(-1);
      level[source] = 0;
      const q = [source];
      for (let qi = 0; qi < q.length; qi++) {
        const u = q[qi] as number;
        for (let e = head[u] ?? -1; e !== -1; e = next[e] ?? -1) {
          const v = to[e] as number;
          if ((cap[e] ?? 0) > 0 && level[v] === -1 && rc(e) === 0) {
            level[v] = (level[u] ?? 0) + 1;
            q.push(v);
          }
        }
      }
      if (level[sink] === -1) break;
      it.set(head);
      const dfs = (u: number, f: number): number => {
        if (u === sink) return f;
        for (; (it[u] ?? -1) !== -1; it[u] = next[it[u] ?? 0] ?? -1) {
          const e = it[u] as number;
          const v = to[e] as number;
          if ((cap[e] ?? 0) > 0 && level[v] === (level[u] ?? 0) + 1 && rc(e) === 0) {
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
      let pushed = 0;
      for (let f = dfs(source, limit - flow); f > 0; f = flow < limit ? dfs(source, limit - flow) : 0) {
        flow += f;
        weight -= f * ((pi[sink] ?? 0) - (pi[source] ?? 0));
        pushed += f;
      }
      if (pushed === 0 || flow >= limit) break;
    }
  }
  return { flow, weight };
}

/** Size of a maximum matching of `lists[i]` (candidate slots of item i) into slots (Kuhn, small inputs). */
function slotMatching(lists: readonly (readonly number[])[], slots: number): number {
  const owner = new Int32Array(slots).fill(-1);
  let size = 0;
  for (let i = 0; i < lists.length; i++) {
    const seen = new Uint8Array(slots);
    const aug = (x: number): boolean => {
      for (const s of lists[x] ?? []) {
        if (seen[s]) continue;
        seen[s] = 1;
        const o = owner[s] ?? -1;
        if (o === -1 || aug(o)) {
          owner[s] = x;
          return true;
        }
      }
      return false;
    };
    if (aug(i)) size++;
    if (size === slots) break;
  }
  return size;
}

/**
 * Upper bounds on what any schedule can place (a relaxation: it ignores how the slots of different
 * participants interlock, and confirmed meetings):
 * - only pairs with a usable common slot count (both available, not a break, a table — in hosted-buyer
 *   mode the host's table, else a floating one);
 * - each participant meets at most cap = min(quota, a maximum matching of its pairs into their common
 *   slots) times;
 * - meetings ≤ Σ over slots of min(tables, ⌊participants usable in the slot / 2⌋), and ≤ the maximum
 *   fractional b-matching of the request graph with these caps (half a max flow in its bipartite double
 *   cover); hosted-buyer mode: ≤ that of the host pairs + min(floating tables, that of the other pairs);
 * - priority ≤ the maximum-weight fractional b-matching (weights 2 / 1, a min-cost flow in the same
 *   network) with at most that many meetings, and ≤ the best priorities of that many pairs.
 */
export function scheduleUpperBound(input: ScheduleInput): { priority: number; meetings: number } {
  const S = Math.max(0, Math.floor(input.slots));
  const tablesAt = tablesPerSlot(input);
  const maxTables = tablesAt.reduce((m, t) => Math.max(m, t), 0);
  const breaks = new Set(input.breaks ?? []);
  const hosted = input.hosted === true;
  const index = new Map<string, number>();
  const parts: ScheduleInput['participants'][number][] = [];
  for (const p of input.participants) {
    if (index.has(p.id)) continue;
    index.set(p.id, parts.length);
    parts.push(p);
  }
  const P = parts.length;
  const usable = parts.map((p) => {
    const u = new Uint8Array(S);
    for (const s of p.available ?? Array.from({ length: S }, (_, k) => k)) {
      if (Number.isInteger(s) && s >= 0 && s < S && !breaks.has(s) && (tablesAt[s] ?? 0) > 0) u[s] = 1;
    }
    return u;
  });
  const { hostTable, isHostTable } = hostTables(parts, hosted, maxTables);
  const floatCap = tablesAt.map((t) => {
    let c = 0;
    for (let k = 0; k < t; k++) if (!isHostTable[k]) c++;
    return c;
  });
  const isHost = (i: number) => hosted && parts[i]?.host === true;
  const noThanks = new Set((input.noThanks ?? []).map((n) => pairKey(n.a, n.b)));
  const best = new Map<string, { a: number; b: number; p: number; slots: number[]; host: boolean }>();
  for (const r of input.requests) {
    const a = index.get(r.a);
    const b = index.get(r.b);
    if (r.a === r.b || a === undefined || b === undefined) continue;
    const k = pairKey(r.a, r.b);
    if (noThanks.has(k)) continue;
    const cur = best.get(k);
    if (cur) {
      cur.p = Math.max(cur.p, r.priority);
      continue;
    }
    const host = isHost(a) || isHost(b);
    const table = host ? (isHost(a) ? (hostTable[a] ?? -1) : (hostTable[b] ?? -1)) : -1;
    if (host && table < 0) continue;
    const ua = usable[a] as Uint8Array;
    const ub = usable[b] as Uint8Array;
    const slots: number[] = [];
    for (let s = 0; s < S; s++) {
      if (ua[s] && ub[s] && (host ? table < (tablesAt[s] ?? 0) : (floatCap[s] ?? 0) > 0)) slots.push(s);
    }
    if (slots.length > 0) best.set(k, { a, b, p: r.priority, slots, host });
  }
  const valid = [...best.values()];
  const lists: number[][][] = Array.from({ length: P }, () => []);
  for (const e of valid) {
    lists[e.a]?.push(e.slots);
    lists[e.b]?.push(e.slots);
  }
  const cap = lists.map((l, i) =>
    Math.min(parts[i]?.maxMeetings ?? Number.POSITIVE_INFINITY, slotMatching(l, S)),
  );
  /** Max (weighted) fractional b-matching of `list` with at most `limit` meetings. */
  const matching = (list: typeof valid, weighted: boolean, limit: number) => {
    if (list.length === 0 || limit <= 0) return 0;
    const arcs: [number, number, number, number][] = [];
    const source = 2 * P;
    const sink = 2 * P + 1;
    for (let i = 0; i < P; i++) {
      const c = cap[i] ?? 0;
      if (c > 0) arcs.push([source, i, c, 0], [P + i, sink, c, 0]);
    }
    for (const e of list) {
      const w = weighted ? e.p : 1;
      arcs.push([e.a, P + e.b, 1, w], [e.b, P + e.a, 1, w]);
    }
    const limitFlow = Math.min(2 * limit, 2 * list.length);
    return Math.floor(maxWeightFlow(2 * P + 2, arcs, source, sink, limitFlow).weight / 2 + 1e-9);
  };
  // Per slot: tables, and half the participants who can meet someone in it (all, and at floating tables).
  const active = Array.from({ length: S }, () => new Set<number>());
  const activeFloat = Array.from({ length: S }, () => new Set<number>());
  for (const e of valid) {
    for (const s of e.slots) {
      for (const set of e.host ? [active[s]] : [active[s], activeFloat[s]]) {
        set?.add(e.a);
        set?.add(e.b);
      }
    }
  }
  let slotCap = 0;
  let floatTotal = 0;
  for (let s = 0; s < S; s++) {
    if (breaks.has(s)) continue;
    slotCap += Math.min(tablesAt[s] ?? 0, Math.floor((active[s]?.size ?? 0) / 2));
    floatTotal += Math.min(floatCap[s] ?? 0, Math.floor((activeFloat[s]?.size ?? 0) / 2));
  }
  let meetings = Math.min(valid.length, slotCap, matching(valid, false, slotCap));
  const hostPairs = valid.filter((e) => e.host);
  const floatPairs = valid.filter((e) => !e.host);
  if (hosted && hostPairs.length > 0) {
    const fm = Math.min(floatTotal, matching(floatPairs, false, floatTotal));
    meetings = Math.min(meetings, matching(hostPairs, false, slotCap) + fm);
  }
  const sorted = valid.map((v) => v.p).sort((x, y) => y - x);
  const byCount = sorted.slice(0, meetings).reduce((n, p) => n + p, 0);
  let priority = Math.min(byCount, matching(valid, true, meetings));
  if (hosted && hostPairs.length > 0) {
    priority = Math.min(
      priority,
      matching(hostPairs, true, meetings) + matching(floatPairs, true, Math.min(meetings, floatTotal)),
    );
  }
  return { priority, meetings };
}
