// The 1:1 meeting scheduler (issue 6 item 4). Pure and deterministic: no clock, no randomness, no I/O;
// the same input gives the same output in Node and in workerd.
//
// Objective: place as many must-meets as possible, then as much total priority (must = 2, meet = 1).
// 1. Ordered greedy: must-meets first, then the most constrained requests (fewest common slots), then busier
//    participants, then input order; each request goes to its old slot if it still fits, else to the slot
//    where its two participants have the least remaining demand (ties: more free tables, earlier slot).
// 2. Improvement: every unplaced request is retried with augmenting moves — the meetings that block it
//    (the other meeting of either participant in a slot, or any meeting holding the last free table) are
//    relocated recursively, up to `maxDepth` moves deep (iterative deepening, bounded node budget). A
//    must-meet may evict up to two meets when they cannot be relocated; evicted meets are retried.
import type {
  MeetingPriority,
  PreviousMeeting,
  ScheduleChange,
  ScheduledMeeting,
  ScheduleInput,
  ScheduleResult,
  UnplacedReason,
  UnplacedRequest,
} from './types.ts';

interface Req {
  index: number;
  a: number;
  b: number;
  priority: MeetingPriority;
  /** Common usable slots (both available, not a break, table exists). */
  cands: number[];
  /** Fixed table (hosted mode: the host's table), or -1 for any floating table. */
  hostTable: number;
  pinned: boolean;
  hintSlot: number;
  hintTable: number;
  prev: PreviousMeeting | null;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function tablesPerSlot(input: Pick<ScheduleInput, 'slots' | 'tables'>): number[] {
  const out: number[] = [];
  for (let s = 0; s < input.slots; s++) {
    const t = typeof input.tables === 'number' ? input.tables : (input.tables[s] ?? 0);
    out.push(Math.max(0, Math.floor(t)));
  }
  return out;
}

export function scheduleMeetings(input: ScheduleInput): ScheduleResult {
  const S = Math.max(0, Math.floor(input.slots));
  const tablesAt = tablesPerSlot(input);
  const maxTables = tablesAt.reduce((m, t) => Math.max(m, t), 0);
  const strategy = input.options?.strategy ?? 'optimise';
  const maxDepth = input.options?.maxDepth ?? 3;
  let nodesLeft = input.options?.maxNodes ?? 400_000;
  const hosted = input.hosted === true;

  const isBreak = new Uint8Array(S);
  for (const s of input.breaks ?? []) if (Number.isInteger(s) && s >= 0 && s < S) isBreak[s] = 1;

  // Participants: first occurrence of an id wins.
  const pIndex = new Map<string, number>();
  const parts: ScheduleInput['participants'][number][] = [];
  for (const p of input.participants) {
    if (pIndex.has(p.id)) continue;
    pIndex.set(p.id, parts.length);
    parts.push(p);
  }
  const P = parts.length;
  const avail = new Uint8Array(P * S);
  const usableCount = new Int32Array(P);
  const quota = new Float64Array(P);
  parts.forEach((p, i) => {
    quota[i] = p.maxMeetings === undefined ? Number.POSITIVE_INFINITY : Math.max(0, p.maxMeetings);
    const list = p.available ?? Array.from({ length: S }, (_, s) => s);
    for (const s of list) {
      if (Number.isInteger(s) && s >= 0 && s < S && !isBreak[s] && !avail[i * S + s]) {
        avail[i * S + s] = 1;
        usableCount[i] = (usableCount[i] ?? 0) + 1;
      }
    }
  });

  // Hosted-buyer mode: each host keeps one table. Explicit tables first, then the lowest free ones.
  const hostTable = new Int32Array(P).fill(-1);
  const isHostTable = new Uint8Array(maxTables);
  if (hosted) {
    parts.forEach((p, i) => {
      const t = p.table;
      if (p.host && t !== undefined && Number.isInteger(t) && t >= 0 && t < maxTables && !isHostTable[t]) {
        hostTable[i] = t;
        isHostTable[t] = 1;
      }
    });
    let next = 0;
    parts.forEach((p, i) => {
      if (!p.host || hostTable[i] !== -1) return;
      while (next < maxTables && isHostTable[next]) next++;
      if (next < maxTables) {
        hostTable[i] = next;
        isHostTable[next] = 1;
      }
    });
  }
  const floatCap = tablesAt.map((t) => {
    let c = 0;
    for (let k = 0; k < t; k++) if (!isHostTable[k]) c++;
    return c;
  });
  const isHost = (i: number) => hosted && parts[i]?.host === true;

  // Requests: validate, deduplicate (keep the highest priority, then the first), attach previous placements.
  const noThanks = new Set((input.noThanks ?? []).map((n) => pairKey(n.a, n.b)));
  const unplaced: UnplacedRequest[] = [];
  const fail = (i: number, reason: UnplacedReason, message: string) => {
    const r = input.requests[i];
    if (r) unplaced.push({ a: r.a, b: r.b, priority: r.priority, request: i, reason, message });
  };
  const keeper = new Map<string, number>();
  input.requests.forEach((r, i) => {
    if (r.a === r.b || !pIndex.has(r.a) || !pIndex.has(r.b)) return;
    const k = pairKey(r.a, r.b);
    const cur = keeper.get(k);
    if (cur === undefined || (input.requests[cur]?.priority ?? 0) < r.priority) keeper.set(k, i);
  });
  const prevByPair = new Map<string, PreviousMeeting>();
  for (const m of input.previous ?? []) {
    const k = pairKey(m.a, m.b);
    if (!prevByPair.has(k)) prevByPair.set(k, m);
  }

  const reqs: Req[] = [];
  for (const [i, r] of input.requests.entries()) {
    if (r.a === r.b) {
      fail(i, 'self_meeting', `${r.a} cannot meet itself`);
      continue;
    }
    const a = pIndex.get(r.a);
    const b = pIndex.get(r.b);
    if (a === undefined || b === undefined) {
      const who = [r.a, r.b].filter((x) => !pIndex.has(x)).join(', ');
      fail(i, 'unknown_participant', `unknown participant: ${who}`);
      continue;
    }
    const k = pairKey(r.a, r.b);
    const kept = keeper.get(k) ?? i;
    if (kept !== i) {
      fail(i, 'duplicate', `duplicate of request ${kept} (same pair)`);
      continue;
    }
    if (noThanks.has(k)) {
      fail(i, 'no_thanks', `${r.a} and ${r.b} must not meet (no-thanks)`);
      continue;
    }
    let fixed = -1;
    if (hosted && (isHost(a) || isHost(b))) {
      fixed = isHost(a) ? (hostTable[a] ?? -1) : (hostTable[b] ?? -1);
      if (fixed === -1) {
        const h = isHost(a) ? r.a : r.b;
        fail(i, 'no_host_table', `host ${h} has no table (more hosts than tables)`);
        continue;
      }
    }
    const noSlots = [a, b].filter((x) => usableCount[x] === 0).map((x) => parts[x]?.id);
    if (noSlots.length > 0) {
      fail(i, 'participant_unavailable', `${noSlots.join(' and ')} not available in any meeting slot`);
      continue;
    }
    const cands: number[] = [];
    for (let s = 0; s < S; s++) {
      if (!avail[a * S + s] || !avail[b * S + s]) continue;
      if (fixed >= 0 ? fixed < (tablesAt[s] ?? 0) : (floatCap[s] ?? 0) > 0) cands.push(s);
    }
    if (cands.length === 0) {
      fail(i, 'no_common_slot', `${r.a} and ${r.b} have no common free slot with a table`);
      continue;
    }
    if (quota[a] === 0 || quota[b] === 0) {
      fail(i, 'quota_reached', `${quota[a] === 0 ? r.a : r.b} accepts no meetings (quota 0)`);
      continue;
    }
    const prev = prevByPair.get(k) ?? null;
    reqs.push({
      index: i,
      a,
      b,
      priority: r.priority,
      cands,
      hostTable: fixed,
      pinned: false,
      hintSlot: prev ? prev.slot : -1,
      hintTable: prev ? prev.table : -1,
      prev,
    });
  }
  const R = reqs.length;

  // --- state ---------------------------------------------------------------------------------------
  const occ = new Int32Array(P * S).fill(-1);
  const slotOf = new Int32Array(R).fill(-1);
  const count = new Int32Array(P);
  const floatUsed = new Int32Array(S);
  const blockedTable = new Uint8Array(S * maxTables); // tables taken by pinned meetings
  const pinnedTable = new Int32Array(R).fill(-1);
  /** A pinned meeting at a host's table, or any host meeting, does not use a floating table. */
  const usesFloat = (ri: number) => {
    const r = reqs[ri] as Req;
    return r.pinned ? !isHostTable[pinnedTable[ri] ?? 0] : r.hostTable < 0;
  };
  const log: number[] = []; // +(r+1) assigned, -(r+1) unassigned

  const rawAssign = (ri: number, s: number) => {
    const r = reqs[ri] as Req;
    occ[r.a * S + s] = ri;
    occ[r.b * S + s] = ri;
    slotOf[ri] = s;
    count[r.a] = (count[r.a] ?? 0) + 1;
    count[r.b] = (count[r.b] ?? 0) + 1;
    if (usesFloat(ri)) floatUsed[s] = (floatUsed[s] ?? 0) + 1;
  };
  const rawUnassign = (ri: number) => {
    const r = reqs[ri] as Req;
    const s = slotOf[ri] ?? -1;
    occ[r.a * S + s] = -1;
    occ[r.b * S + s] = -1;
    slotOf[ri] = -1;
    count[r.a] = (count[r.a] ?? 0) - 1;
    count[r.b] = (count[r.b] ?? 0) - 1;
    if (usesFloat(ri)) floatUsed[s] = (floatUsed[s] ?? 0) - 1;
    return s;
  };
  const slotLog: number[] = [];
  const assign = (ri: number, s: number) => {
    rawAssign(ri, s);
    log.push(ri + 1);
    slotLog.push(s);
  };
  const unassign = (ri: number) => {
    const s = rawUnassign(ri);
    log.push(-(ri + 1));
    slotLog.push(s);
  };
  const rollback = (cp: number) => {
    while (log.length > cp) {
      const e = log.pop() as number;
      const s = slotLog.pop() as number;
      if (e > 0) rawUnassign(e - 1);
      else rawAssign(-e - 1, s);
    }
  };
  const tableOk = (r: Req, s: number) =>
    r.hostTable >= 0 ? !blockedTable[s * maxTables + r.hostTable] : (floatUsed[s] ?? 0) < (floatCap[s] ?? 0);
  const quotaOk = (r: Req) => (count[r.a] ?? 0) < (quota[r.a] ?? 0) && (count[r.b] ?? 0) < (quota[r.b] ?? 0);
  const fits = (r: Req, s: number) => occ[r.a * S + s] === -1 && occ[r.b * S + s] === -1 && tableOk(r, s);

  // --- pinned (confirmed) meetings -----------------------------------------------------------------
  const changes: ScheduleChange[] = [];
  const reqByPair = new Map<string, number>();
  reqs.forEach((r, ri) => {
    reqByPair.set(pairKey(parts[r.a]?.id ?? '', parts[r.b]?.id ?? ''), ri);
  });
  for (const m of input.previous ?? []) {
    const k = pairKey(m.a, m.b);
    if (prevByPair.get(k) !== m) continue;
    const ri = reqByPair.get(k);
    if (ri === undefined) {
      changes.push({
        a: m.a,
        b: m.b,
        confirmed: m.confirmed === true,
        from: { slot: m.slot, table: m.table },
        to: null,
        why: 'the request was withdrawn, declined or is invalid',
      });
      continue;
    }
    if (!m.confirmed || input.allowMove) continue;
    const r = reqs[ri] as Req;
    const s = m.slot;
    const t = m.table;
    const ok =
      Number.isInteger(s) &&
      Number.isInteger(t) &&
      s >= 0 &&
      s < S &&
      t >= 0 &&
      t < (tablesAt[s] ?? 0) &&
      avail[r.a * S + s] === 1 &&
      avail[r.b * S + s] === 1 &&
      occ[r.a * S + s] === -1 &&
      occ[r.b * S + s] === -1 &&
      !blockedTable[s * maxTables + t] &&
      (count[r.a] ?? 0) < (quota[r.a] ?? 0) &&
      (count[r.b] ?? 0) < (quota[r.b] ?? 0) &&
      (isHostTable[t] ? true : (floatUsed[s] ?? 0) < (floatCap[s] ?? 0));
    if (!ok) continue; // reported as a change if it ends up elsewhere
    r.pinned = true;
    pinnedTable[ri] = t;
    blockedTable[s * maxTables + t] = 1;
    rawAssign(ri, s);
  }

  // --- greedy ----------------------------------------------------------------------------------------
  const demand = new Int32Array(P * S);
  for (const r of reqs) {
    if (r.pinned) continue;
    for (const s of r.cands) {
      demand[r.a * S + s] = (demand[r.a * S + s] ?? 0) + 1;
      demand[r.b * S + s] = (demand[r.b * S + s] ?? 0) + 1;
    }
  }
  const degree = new Int32Array(P);
  for (const r of reqs) {
    degree[r.a] = (degree[r.a] ?? 0) + 1;
    degree[r.b] = (degree[r.b] ?? 0) + 1;
  }
  const order = reqs.map((_, ri) => ri).filter((ri) => !reqs[ri]?.pinned);
  if (strategy !== 'first-fit') {
    const key = (ri: number) => {
      const r = reqs[ri] as Req;
      return [-r.priority, r.cands.length, (degree[r.a] ?? 0) + (degree[r.b] ?? 0), r.index];
    };
    const keys = new Map(order.map((ri) => [ri, key(ri)]));
    order.sort((x, y) => {
      const kx = keys.get(x) as number[];
      const ky = keys.get(y) as number[];
      for (let i = 0; i < kx.length; i++) if (kx[i] !== ky[i]) return (kx[i] ?? 0) - (ky[i] ?? 0);
      return 0;
    });
  }
  const greedy = (list: number[]) => {
    for (const ri of list) {
      const r = reqs[ri] as Req;
      for (const s of r.cands) {
        demand[r.a * S + s] = (demand[r.a * S + s] ?? 0) - 1;
        demand[r.b * S + s] = (demand[r.b * S + s] ?? 0) - 1;
      }
      if (!quotaOk(r)) continue;
      let best = -1;
      if (strategy === 'first-fit') {
        best = r.cands.find((s) => fits(r, s)) ?? -1;
      } else if (r.hintSlot >= 0 && r.cands.includes(r.hintSlot) && fits(r, r.hintSlot)) {
        best = r.hintSlot;
      } else {
        let bestScore = Number.POSITIVE_INFINITY;
        let bestFree = -1;
        for (const s of r.cands) {
          if (!fits(r, s)) continue;
          const score = (demand[r.a * S + s] ?? 0) + (demand[r.b * S + s] ?? 0);
          const free = (floatCap[s] ?? 0) - (floatUsed[s] ?? 0);
          if (score < bestScore || (score === bestScore && free > bestFree)) {
            best = s;
            bestScore = score;
            bestFree = free;
          }
        }
      }
      if (best >= 0) rawAssign(ri, best);
    }
  };
  let greedyPlaced = 0;
  let greedyPriority = 0;
  const snapshot = () => {
    greedyPlaced = 0;
    greedyPriority = 0;
    for (let ri = 0; ri < R; ri++) {
      if ((slotOf[ri] ?? -1) >= 0) {
        greedyPlaced++;
        greedyPriority += reqs[ri]?.priority ?? 0;
      }
    }
  };

  // --- improvement: augmenting moves ------------------------------------------------------------------
  const totalNodes = nodesLeft;
  if (strategy !== 'optimise') {
    greedy(order);
    snapshot();
  } else {
    const inPath = new Uint8Array(R);
    const dropped: number[] = [];
    const candOrder = (r: Req) =>
      r.hintSlot >= 0 && r.cands.includes(r.hintSlot)
        ? [r.hintSlot, ...r.cands.filter((s) => s !== r.hintSlot)]
        : r.cands;
    const freeFloatAnywhere = () => {
      for (let s = 0; s < S; s++) if ((floatUsed[s] ?? 0) < (floatCap[s] ?? 0)) return true;
      return false;
    };
    /** Meetings of slot s at a floating table that may move. */
    const movableInSlot = (s: number) => {
      const out: number[] = [];
      const seen = new Set<number>();
      for (let p = 0; p < P; p++) {
        const m = occ[p * S + s] ?? -1;
        if (m < 0 || seen.has(m)) continue;
        seen.add(m);
        const mr = reqs[m] as Req;
        if (!mr.pinned && !inPath[m] && mr.hostTable < 0) out.push(m);
      }
      return out;
    };
    // Try to (re)place ri (currently unassigned); `drops` = how many meets a must-meet may evict.
    const tryPlace = (ri: number, depth: number, drops: number): boolean => {
      if (--nodesLeft < 0) return false;
      const r = reqs[ri] as Req;
      if (!quotaOk(r)) return false;
      const slots = candOrder(r);
      for (const s of slots) {
        if (fits(r, s)) {
          assign(ri, s);
          return true;
        }
      }
      if (depth === 0) return false;
      inPath[ri] = 1;
      try {
        for (const s of slots) {
          if (r.hostTable >= 0 && blockedTable[s * maxTables + r.hostTable]) continue;
          const blockers: number[] = [];
          for (const p of [r.a, r.b]) {
            const m = occ[p * S + s] ?? -1;
            if (m >= 0 && !blockers.includes(m)) blockers.push(m);
          }
          if (blockers.some((m) => reqs[m]?.pinned || inPath[m])) continue;
          const cp = log.length;
          const dcp = dropped.length;
          for (const m of blockers) unassign(m);
          if (tableOk(r, s)) {
            assign(ri, s);
            if (relocate(blockers, depth - 1, drops)) return true;
          } else if (r.hostTable < 0) {
            for (const m of movableInSlot(s)) {
              const cp2 = log.length;
              const dcp2 = dropped.length;
              unassign(m);
              assign(ri, s);
              if (relocate([...blockers, m], depth - 1, drops)) return true;
              rollback(cp2);
              dropped.length = dcp2;
              if (nodesLeft < 0) break;
            }
          }
          rollback(cp);
          dropped.length = dcp;
          if (nodesLeft < 0) return false;
        }
        return false;
      } finally {
        inPath[ri] = 0;
      }
    };
    const relocate = (moved: number[], depth: number, drops: number): boolean => {
      let left = drops;
      for (const m of moved) inPath[m] = 1;
      try {
        for (const m of moved) {
          inPath[m] = 0;
          const ok = tryPlace(m, depth, 0);
          inPath[m] = 1;
          if (ok) continue;
          if (left > 0 && reqs[m]?.priority === 1) {
            left--;
            dropped.push(m);
            continue;
          }
          return false;
        }
        return true;
      } finally {
        for (const m of moved) inPath[m] = 0;
      }
    };

    const improve = (minPriority: number) => {
      for (let depth = 1; depth <= maxDepth && nodesLeft > 0; depth++) {
        let improved = true;
        let rounds = 0;
        while (improved && nodesLeft > 0 && rounds++ < 20) {
          improved = false;
          const pending = reqs
            .map((_, ri) => ri)
            .filter((ri) => slotOf[ri] === -1 && (reqs[ri]?.priority ?? 0) >= minPriority)
            .sort((x, y) => (reqs[y]?.priority ?? 0) - (reqs[x]?.priority ?? 0) || x - y);
          for (const ri of pending) {
            if (slotOf[ri] !== -1 || nodesLeft <= 0) continue;
            const r = reqs[ri] as Req;
            // Moving meetings never creates a table: without a free one, only an eviction can help.
            if (r.hostTable < 0 && !freeFloatAnywhere() && r.priority === 1) continue;
            // A participant busy in every slot it can meet in cannot be freed by moves either.
            const full = (p: number) => (count[p] ?? 0) >= Math.min(usableCount[p] ?? 0, quota[p] ?? 0);
            if (r.priority === 1 && (full(r.a) || full(r.b))) continue;
            // ...and a must-meet can only evict one of their meets (never a must-meet or a confirmed one).
            const evictable = (p: number) =>
              r.cands.some((s) => {
                const m = reqs[occ[p * S + s] ?? -1];
                return m !== undefined && m.priority === 1 && !m.pinned;
              });
            if ((full(r.a) && !evictable(r.a)) || (full(r.b) && !evictable(r.b))) continue;
            const budgetBefore = nodesLeft;
            const cap = Math.min(nodesLeft, 1500 * depth);
            nodesLeft = cap;
            const cp = log.length;
            dropped.length = 0;
            // A must-meet may evict up to two meets (one more must-meet placed); evicted meets are retried.
            const ok = tryPlace(ri, depth, r.priority === 2 ? 2 : 0);
            if (!ok) rollback(cp);
            nodesLeft = budgetBefore - (cap - Math.max(0, nodesLeft));
            log.length = 0;
            slotLog.length = 0;
            if (ok) improved = true;
          }
        }
      }
    };
    // Must-meets alone first (nothing else in the way), then the meets around them.
    greedy(order.filter((ri) => reqs[ri]?.priority === 2));
    improve(2);
    greedy(order.filter((ri) => reqs[ri]?.priority !== 2));
    snapshot();
    improve(1);
  }

  // --- tables, output --------------------------------------------------------------------------------
  const tableOf = new Int32Array(R).fill(-1);
  const taken = new Uint8Array(S * maxTables);
  for (let ri = 0; ri < R; ri++) {
    const r = reqs[ri] as Req;
    const s = slotOf[ri] ?? -1;
    if (s < 0) continue;
    const t = r.pinned ? (pinnedTable[ri] ?? -1) : r.hostTable;
    if (t >= 0) {
      tableOf[ri] = t;
      taken[s * maxTables + t] = 1;
    }
  }
  // Floating meetings: the old table if it is free, else the lowest free floating table.
  for (const pass of [0, 1]) {
    for (let ri = 0; ri < R; ri++) {
      const r = reqs[ri] as Req;
      const s = slotOf[ri] ?? -1;
      if (s < 0 || (tableOf[ri] ?? -1) >= 0) continue;
      if (pass === 0) {
        const t = r.hintTable;
        if (
          r.hintSlot === s &&
          t >= 0 &&
          t < (tablesAt[s] ?? 0) &&
          !isHostTable[t] &&
          !taken[s * maxTables + t]
        ) {
          tableOf[ri] = t;
          taken[s * maxTables + t] = 1;
        }
        continue;
      }
      for (let t = 0; t < (tablesAt[s] ?? 0); t++) {
        if (!isHostTable[t] && !taken[s * maxTables + t]) {
          tableOf[ri] = t;
          taken[s * maxTables + t] = 1;
          break;
        }
      }
    }
  }

  const meetings: ScheduledMeeting[] = [];
  for (let ri = 0; ri < R; ri++) {
    const r = reqs[ri] as Req;
    const s = slotOf[ri] ?? -1;
    const src = input.requests[r.index];
    if (!src) continue;
    if (s < 0) {
      const [reason, message] = whyUnplaced(r, src);
      fail(r.index, reason, message);
      if (r.prev) {
        changes.push({
          a: src.a,
          b: src.b,
          confirmed: r.prev.confirmed === true,
          from: { slot: r.prev.slot, table: r.prev.table },
          to: null,
          why: message,
        });
      }
      continue;
    }
    const table = tableOf[ri] ?? -1;
    meetings.push({
      a: src.a,
      b: src.b,
      slot: s,
      table,
      priority: r.priority,
      request: r.index,
      confirmed: r.pinned,
    });
    if (r.prev && (r.prev.slot !== s || r.prev.table !== table)) {
      changes.push({
        a: src.a,
        b: src.b,
        confirmed: r.prev.confirmed === true,
        from: { slot: r.prev.slot, table: r.prev.table },
        to: { slot: s, table },
        why:
          r.prev.confirmed && !input.allowMove
            ? 'its old place is no longer possible (availability, break, table count or a conflict changed)'
            : 'moved to make room for other meetings',
      });
    }
  }
  function whyUnplaced(r: Req, src: { a: string; b: string }): [UnplacedReason, string] {
    if ((count[r.a] ?? 0) >= (quota[r.a] ?? 0) || (count[r.b] ?? 0) >= (quota[r.b] ?? 0)) {
      const who = (count[r.a] ?? 0) >= (quota[r.a] ?? 0) ? src.a : src.b;
      return ['quota_reached', `${who} already has its maximum number of meetings`];
    }
    const bothFree = r.cands.filter((s) => occ[r.a * S + s] === -1 && occ[r.b * S + s] === -1);
    if (bothFree.length > 0) {
      return [
        'no_table_left',
        `no table left in the slots where both are free (${bothFree.join(', ')})${r.hostTable >= 0 ? ` (host table ${r.hostTable} taken)` : ''}`,
      ];
    }
    return [
      'participant_busy',
      `${src.a} or ${src.b} already has a higher-ranked meeting in every common slot (${r.cands.join(', ')})`,
    ];
  }
  meetings.sort((x, y) => x.slot - y.slot || x.table - y.table);
  unplaced.sort((x, y) => x.request - y.request);
  changes.sort((x, y) => x.from.slot - y.from.slot || x.from.table - y.from.table);

  let mustRequested = 0;
  let priorityRequested = 0;
  for (const r of input.requests) {
    if (r.priority === 2) mustRequested++;
    priorityRequested += r.priority;
  }
  return {
    meetings,
    unplaced,
    changes,
    stats: {
      requests: input.requests.length,
      placed: meetings.length,
      mustRequested,
      mustPlaced: meetings.filter((m) => m.priority === 2).length,
      priorityRequested,
      priorityPlaced: meetings.reduce((n, m) => n + m.priority, 0),
      greedyPlaced,
      greedyPriority,
      nodes: totalNodes - Math.max(0, nodesLeft),
    },
  };
}
