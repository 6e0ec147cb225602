// The 1:1 meeting scheduler (issue 6 item 4). Pure and deterministic: no clock, no randomness (the search
// uses a PRNG seeded by the instance size), no I/O; the same input gives the same output in Node and workerd.
//
// Objective (`options.objective`): 'must-first' (default) places as many must-meets as possible, then as much
// total priority (must = 2, meet = 1) — with the must-meets fixed, that is as many meetings as possible;
// 'total-priority' places as much total priority as possible, then as many meetings (so one must-meet may
// give way to two meets). Every move below is accepted only when it raises the chosen objective.
// 1. Ordered greedy: must-meets first, then the most constrained requests (fewest common slots), then busier
//    participants, then input order; each request goes to its old slot if it still fits, else to the slot
//    where its two participants have the least remaining demand (ties: more free tables, earlier slot).
// 2. Improvement (must-meets alone first, then everything): every unplaced request is retried with
//    - ejection chains: the meetings in its way (the other meeting of either participant in a slot, or one
//      holding the last free table) are re-placed the same way, recursively (iterative deepening up to
//      `maxDepth`; within an attempt each meeting is ejected at most once, Kuhn-style);
//    - Kempe chains: x free in slot s, y free in t: swap s and t along the alternating s/t path from y
//      (the classic edge-colouring move; it fixes conflicts an ejection chain of bounded depth cannot);
//    - exchanges: when a participant is full, drop one of its meetings, place the request, and place another
//      request of the dropped partner instead (an alternating path of the b-matching, two levels deep);
//    - evictions: a must-meet may evict up to two meets (re-placed when possible);
//    - augmenting paths inside one slot: u–v with u free in s, v meeting w there: drop v–w, place u–v and a
//      request w–x in s (x free in s, or x's meeting in s dropped the same way, up to three deep) — for when
//      nobody is full and the blocking meeting has nowhere else to go.
// 3. Ruin and recreate (`lnsIterations`): free both participants of an unplaced request, re-place everything
//    with ejection chains and slot augmenting paths, keep the result when it is at least as good, else undo.
// 'total-priority' runs steps 1–3 must-first, then 2–3 again under its objective (half a node budget more).
// Every search is bounded by a node budget (`maxNodes`), so the run time is bounded too.

import { hostTables } from './hosts.ts';
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
  const maxDepth = Math.max(0, input.options?.maxDepth ?? 8);
  let nodesLeft = input.options?.maxNodes ?? 1_000_000;
  const lnsIterations = Math.max(0, input.options?.lnsIterations ?? 2000);
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
  const { hostTable, isHostTable } = hostTables(parts, hosted, maxTables);
  // Floating tables per slot (none in a break).
  const floatCap = tablesAt.map((t, s) => {
    let c = 0;
    for (let k = 0; k < t; k++) if (!isHostTable[k]) c++;
    return isBreak[s] ? 0 : c;
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

  /** Per slot: the meetings at floating tables (for table ejections); posInSlot = index in that list. */
  const inSlot: number[][] = Array.from({ length: S }, () => []);
  const posInSlot = new Int32Array(R).fill(-1);

  // The objective (must-meets, priority) and two tie-breaks (meetings kept at their old slot, then earlier
  // requests: a lower sum of request indexes), kept up to date for the ruin-and-recreate search.
  let valueMust = 0;
  let valuePriority = 0;
  let valueKept = 0;
  let valueIndex = 0;
  // The objective as two numbers compared in order: 'must-first' = (must-meets, total priority) — with the
  // must-meets fixed that is (must-meets, meetings); 'total-priority' = (total priority, meetings).
  const wantTotal = input.options?.objective === 'total-priority';
  let totalPriority = false; // switched on for the second phase of 'total-priority'
  const key1 = () => (totalPriority ? valuePriority : valueMust);
  const key2 = () => (totalPriority ? valuePriority - valueMust : valuePriority);
  const rawAssign = (ri: number, s: number) => {
    const r = reqs[ri] as Req;
    valuePriority += r.priority;
    if (r.priority === 2) valueMust++;
    if (r.hintSlot === s) valueKept++;
    valueIndex += r.index;
    occ[r.a * S + s] = ri;
    occ[r.b * S + s] = ri;
    slotOf[ri] = s;
    count[r.a] = (count[r.a] ?? 0) + 1;
    count[r.b] = (count[r.b] ?? 0) + 1;
    if (usesFloat(ri)) {
      floatUsed[s] = (floatUsed[s] ?? 0) + 1;
      const list = inSlot[s] as number[];
      posInSlot[ri] = list.length;
      list.push(ri);
    }
  };
  const rawUnassign = (ri: number) => {
    const r = reqs[ri] as Req;
    const s = slotOf[ri] ?? -1;
    valuePriority -= r.priority;
    if (r.priority === 2) valueMust--;
    if (r.hintSlot === s) valueKept--;
    valueIndex -= r.index;
    occ[r.a * S + s] = -1;
    occ[r.b * S + s] = -1;
    slotOf[ri] = -1;
    count[r.a] = (count[r.a] ?? 0) - 1;
    count[r.b] = (count[r.b] ?? 0) - 1;
    if (usesFloat(ri)) {
      floatUsed[s] = (floatUsed[s] ?? 0) - 1;
      const list = inSlot[s] as number[];
      const at = posInSlot[ri] ?? -1;
      const last = list.pop() as number;
      if (last !== ri) {
        list[at] = last;
        posInSlot[last] = at;
      }
      posInSlot[ri] = -1;
    }
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
      if ((slotOf[ri] ?? -1) >= 0 || !quotaOk(r)) continue;
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
  const moves = { relocate: 0, kempe: 0, exchange: 0, evict: 0, augment: 0, lns: 0 };
  if (strategy !== 'optimise') {
    greedy(order);
    snapshot();
  } else {
    /** candSet[ri·S + s] = 1 when s is a usable slot of request ri. */
    const candSet = new Uint8Array(R * S);
    reqs.forEach((r, ri) => {
      for (const s of r.cands) candSet[ri * S + s] = 1;
    });
    const reqsOf: number[][] = Array.from({ length: P }, () => []);
    reqs.forEach((r, ri) => {
      reqsOf[r.a]?.push(ri);
      reqsOf[r.b]?.push(ri);
    });
    const candOrder = (r: Req) =>
      r.hintSlot >= 0 && r.cands.includes(r.hintSlot)
        ? [r.hintSlot, ...r.cands.filter((s) => s !== r.hintSlot)]
        : r.cands;
    const freeFloatAnywhere = () => {
      for (let s = 0; s < S; s++) if ((floatUsed[s] ?? 0) < (floatCap[s] ?? 0)) return true;
      return false;
    };
    /** Busy in every slot it can meet in, or at its quota. */
    const full = (p: number) => (count[p] ?? 0) >= Math.min(usableCount[p] ?? 0, quota[p] ?? 0);
    // Kuhn-style marks: within one attempt, a meeting is ejected at most once (keeps each attempt linear).
    let stamp = 0;
    const visit = new Int32Array(R);
    const movable = (m: number) => m >= 0 && !reqs[m]?.pinned && visit[m] !== stamp;
    const other = (m: number, p: number) => {
      const r = reqs[m] as Req;
      return r.a === p ? r.b : r.a;
    };
    /** Would request r find a table in slot s once meeting `gone` (or none, -1) leaves s? */
    const tableAfter = (r: Req, s: number, gone1: number, gone2: number) => {
      if (r.hostTable >= 0) return !blockedTable[s * maxTables + r.hostTable];
      let free = (floatCap[s] ?? 0) - (floatUsed[s] ?? 0);
      if (gone1 >= 0 && usesFloat(gone1)) free++;
      if (gone2 >= 0 && gone2 !== gone1 && usesFloat(gone2)) free++;
      return free > 0;
    };

    // Move 1 — ejection chains: put ri in a slot, eject the meetings in the way (the other meeting of either
    // participant, or one holding the last free table) and re-place them the same way, up to `depth` deep.
    const place = (ri: number, depth: number): boolean => {
      if (--nodesLeft < 0) return false;
      const r = reqs[ri] as Req;
      if (!quotaOk(r)) return false;
      // Moves keep the number of meetings at floating tables: one more needs a free one somewhere now.
      if (r.hostTable < 0 && !freeFloatAnywhere()) return false;
      const slots = candOrder(r);
      for (const s of slots) {
        if (fits(r, s)) {
          assign(ri, s);
          return true;
        }
      }
      if (depth <= 0) return false;
      visit[ri] = stamp;
      const tablesFree = r.hostTable < 0; // and there is a free floating table (checked above)
      // One blocker first (a chain), then two (a tree), then a full table.
      for (let pass = 0; pass < 3; pass++) {
        for (const s of slots) {
          if (r.hostTable >= 0 && blockedTable[s * maxTables + r.hostTable]) continue;
          const ma = occ[r.a * S + s] ?? -1;
          const mb = occ[r.b * S + s] ?? -1;
          const n = (ma >= 0 ? 1 : 0) + (mb >= 0 ? 1 : 0);
          if (n !== (pass === 2 ? 0 : pass + 1)) continue;
          if ((ma >= 0 && !movable(ma)) || (mb >= 0 && !movable(mb))) continue;
          let extra: number[] = [];
          if (!tableAfter(r, s, ma, mb)) {
            // A full slot: someone must leave it for a slot with a free table.
            if (!tablesFree || n === 2) continue;
            extra = (inSlot[s] as number[]).filter((m) => m !== ma && m !== mb && movable(m)).slice(0, 4);
            extra.sort((x, y) => x - y);
            if (extra.length === 0) continue;
          } else if (n === 0) continue;
          for (const e of extra.length > 0 ? extra : [-1]) {
            const out = [ma, mb, e].filter((m) => m >= 0);
            for (const m of out) visit[m] = stamp;
            const cp = log.length;
            for (const m of out) unassign(m);
            assign(ri, s);
            let ok = true;
            for (const m of out) {
              if (!place(m, depth - 1)) {
                ok = false;
                break;
              }
            }
            if (ok) return true;
            rollback(cp);
            if (nodesLeft < 0) return false;
          }
        }
      }
      return false;
    };

    // Move 2 — Kempe chain: x is free in s, y is free in t; y's meeting in s moves to t, the meeting of y's
    // partner in t moves to s, and so on along the s/t alternating path from y; then x–y meet in s.
    const chain: number[] = [];
    const kempe = (ri: number): boolean => {
      const r = reqs[ri] as Req;
      if (!quotaOk(r)) return false;
      for (const [x, y] of [
        [r.a, r.b],
        [r.b, r.a],
      ] as const) {
        for (const s of r.cands) {
          if (occ[x * S + s] !== -1 || occ[y * S + s] === -1) continue;
          if (r.hostTable >= 0 && blockedTable[s * maxTables + r.hostTable]) continue;
          for (let t = 0; t < S; t++) {
            if (t === s || !avail[y * S + t] || occ[y * S + t] !== -1) continue;
            if (--nodesLeft < 0) return false;
            chain.length = 0;
            let v = y;
            let c = s;
            let ok = true;
            let dS = 0;
            let dT = 0;
            for (;;) {
              const m = occ[v * S + c] ?? -1;
              if (m < 0) break;
              const mr = reqs[m] as Req;
              const to = c === s ? t : s;
              if (mr.pinned || !candSet[m * S + to]) ok = false;
              else if (mr.hostTable >= 0 && blockedTable[to * maxTables + mr.hostTable]) ok = false;
              const w = other(m, v);
              if (w === x) ok = false; // x would lose its free slot s
              if (!ok || chain.length >= R) break;
              chain.push(m);
              if (usesFloat(m)) {
                if (c === s) {
                  dS--;
                  dT++;
                } else {
                  dT--;
                  dS++;
                }
              }
              v = w;
              c = to;
            }
            if (!ok) continue;
            if ((floatUsed[t] ?? 0) + dT > (floatCap[t] ?? 0)) continue;
            if ((floatUsed[s] ?? 0) + dS + (r.hostTable < 0 ? 1 : 0) > (floatCap[s] ?? 0)) continue;
            const cp = log.length;
            const from = chain.map((m) => slotOf[m] ?? -1);
            for (const m of chain) unassign(m);
            chain.forEach((m, k) => {
              assign(m, from[k] === s ? t : s);
            });
            if (fits(r, s)) {
              assign(ri, s);
              return true;
            }
            rollback(cp); // not reached: the chain keeps every constraint
          }
        }
      }
      return false;
    };

    // Move 3 — exchange (an alternating path of the b-matching): a participant p of ri is full; drop one of
    // its meetings m (priority ≤ ri's), place ri, then place another request of m's other participant
    // (recursively through a full participant, `level` deep). A must-meet may replace a meet outright.
    let minPriority = 1;
    // The objective when the current improvement attempt began: a move succeeds only when it beats it.
    let base1 = 0;
    let base2 = 0;
    const gained = () => key1() > base1 || (key1() === base1 && key2() > base2);
    const exchange = (ri: number, level: number, depth: number): boolean => {
      const r = reqs[ri] as Req;
      visit[ri] = stamp;
      // Same-priority swaps need one more meeting placed: at a floating table (unless hosted), so a free one.
      const swapsOk = hosted || freeFloatAnywhere();
      for (const p of [r.a, r.b]) {
        const q = p === r.a ? r.b : r.a;
        if (!full(p) || full(q)) continue;
        for (let s = 0; s < S; s++) {
          const m = occ[p * S + s] ?? -1;
          // Must-first: never drop a must-meet for a meet. Total priority: a must-meet may give way to a meet
          // when another meeting then takes place (2 = 1 + 1, one meeting more).
          const pm = reqs[m]?.priority ?? 3;
          if (!movable(m) || pm > r.priority + (totalPriority ? 1 : 0)) continue;
          if (!swapsOk && pm >= r.priority) continue;
          if (--nodesLeft < 0) return false;
          visit[m] = stamp;
          const cp = log.length;
          unassign(m);
          if (place(ri, depth)) {
            if (gained()) return true;
            const g = other(m, p);
            for (const r2 of reqsOf[g] as number[]) {
              if (r2 === m || slotOf[r2] !== -1 || visit[r2] === stamp) continue;
              if ((reqs[r2]?.priority ?? 0) < minPriority) continue;
              const cp2 = log.length;
              if (place(r2, depth)) {
                if (gained()) return true;
                rollback(cp2);
              }
              visit[r2] = stamp;
              if (level > 1 && exchange(r2, level - 1, depth)) return true;
              if (nodesLeft < 0) break;
            }
          }
          rollback(cp);
          if (nodesLeft < 0) return false;
        }
      }
      return false;
    };

    // Move 4 — a must-meet evicts up to two meets in one of its slots (and the table it needs); they are
    // re-placed when possible, else left unplaced.
    const evict = (ri: number, depth: number): boolean => {
      const r = reqs[ri] as Req;
      if (r.priority !== 2 || !quotaOk(r)) return false;
      for (const s of candOrder(r)) {
        if (r.hostTable >= 0 && blockedTable[s * maxTables + r.hostTable]) continue;
        const ma = occ[r.a * S + s] ?? -1;
        const mb = occ[r.b * S + s] ?? -1;
        const out = [ma, mb].filter((m) => m >= 0);
        if (out.some((m) => reqs[m]?.pinned || reqs[m]?.priority === 2)) continue;
        if (!tableAfter(r, s, ma, mb)) {
          const e = (inSlot[s] as number[])
            .filter((m) => m !== ma && m !== mb && !reqs[m]?.pinned && reqs[m]?.priority === 1)
            .sort((x, y) => x - y)[0];
          if (e === undefined || out.length === 2) continue;
          out.push(e);
        }
        if (--nodesLeft < 0) return false;
        for (const m of out) visit[m] = stamp;
        const cp = log.length;
        for (const m of out) unassign(m);
        assign(ri, s);
        for (const m of out) place(m, depth); // a failed re-placement leaves it unplaced
        // Must-first: always a gain (one must-meet more). Total priority: not when two meets are lost.
        if (gained()) return true;
        rollback(cp);
      }
      return false;
    };

    // Move 5 — augmenting path inside one slot s (of the slot's matching): ri = u–v with u free in s and v
    // meeting w there; drop v–w, put u–v in s, and put in s a request w–x of w with x free in s — or, `level`
    // deep, with x meeting y in s, dropped the same way, and so on. One meeting more in s, the dropped ones
    // unplaced; kept only when it beats the objective (so a must-meet is dropped for must-meets only, unless
    // total priority).
    const augmentFrom = (w: number, s: number, level: number): boolean => {
      for (const r2 of reqsOf[w] as number[]) {
        if (slotOf[r2] !== -1 || visit[r2] === stamp || !candSet[r2 * S + s]) continue;
        const q = reqs[r2] as Req;
        if (q.priority < minPriority || !quotaOk(q)) continue;
        if (--nodesLeft < 0) return false;
        const x = other(r2, w);
        const mx = occ[x * S + s] ?? -1;
        const cp = log.length;
        if (mx === -1) {
          if (fits(q, s)) {
            assign(r2, s);
            if (gained()) return true;
            rollback(cp);
          }
          continue;
        }
        if (level <= 1 || !movable(mx)) continue;
        visit[r2] = stamp;
        visit[mx] = stamp;
        unassign(mx);
        if (fits(q, s)) {
          assign(r2, s);
          if (augmentFrom(other(mx, x), s, level - 1)) return true;
        }
        rollback(cp);
        if (nodesLeft < 0) return false;
      }
      return false;
    };
    const augment = (ri: number, level: number): boolean => {
      const r = reqs[ri] as Req;
      if (!quotaOk(r)) return false;
      visit[ri] = stamp;
      for (const s of r.cands) {
        for (const [u, v] of [
          [r.a, r.b],
          [r.b, r.a],
        ] as const) {
          const m = occ[v * S + s] ?? -1;
          if (occ[u * S + s] !== -1 || !movable(m)) continue;
          if (--nodesLeft < 0) return false;
          const cp = log.length;
          visit[m] = stamp;
          unassign(m);
          if (fits(r, s)) {
            assign(ri, s);
            if (augmentFrom(other(m, v), s, level)) return true;
          }
          rollback(cp);
          if (nodesLeft < 0) return false;
        }
      }
      return false;
    };

    const improve = (least: number) => {
      minPriority = least;
      const depths = [1, 2, 4, maxDepth].filter((d, i, all) => d <= maxDepth && all.indexOf(d) === i);
      for (const depth of depths) {
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
            if (!quotaOk(r)) continue;
            const budgetBefore = nodesLeft;
            const cap = Math.min(nodesLeft, 1500 * depth);
            nodesLeft = cap;
            const cp = log.length;
            let ok = false;
            base1 = key1();
            base2 = key2();
            stamp++;
            if (!full(r.a) && !full(r.b) && (r.hostTable >= 0 || freeFloatAnywhere())) {
              ok = place(ri, depth);
              if (ok) moves.relocate++;
              if (!ok) {
                rollback(cp);
                stamp++;
                ok = kempe(ri);
                if (ok) moves.kempe++;
              }
            }
            // Without a free floating table, an exchange for a meet cannot end in a gain (outside hosted mode).
            if (!ok && (r.priority === 2 || hosted || r.hostTable >= 0 || freeFloatAnywhere())) {
              rollback(cp);
              stamp++;
              ok = exchange(ri, 2, depth);
              if (ok) moves.exchange++;
            }
            if (!ok && r.priority === 2) {
              rollback(cp);
              stamp++;
              ok = evict(ri, depth);
              if (ok) moves.evict++;
            }
            if (!ok) {
              rollback(cp);
              stamp++;
              ok = augment(ri, Math.min(depth, 3));
              if (ok) moves.augment++;
            }
            if (!ok) rollback(cp);
            nodesLeft = budgetBefore - (cap - Math.max(0, nodesLeft));
            log.length = 0;
            slotLog.length = 0;
            if (ok) improved = true;
          }
        }
      }
    };
    // Move 6 — ruin and recreate (large-neighbourhood search): free both participants of an unplaced
    // request, place it, re-place their meetings (with ejection chains) and try the requests of the partners
    // who lost a meeting; keep the result when it is at least as good (by the objective), else undo.
    // Equal results are kept too (to walk across plateaus); the best schedule seen — ties broken by meetings
    // kept at their old slot, then by earlier requests — is restored at the end. Seeded by the instance size,
    // so it is deterministic.
    const lns = (iterations: number) => {
      let seed = (R * 2654435761 + P * 40503 + S) >>> 0;
      const rnd = () => {
        seed = (seed + 0x6d2b79f5) >>> 0;
        let t = seed;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const best = Int32Array.from(slotOf);
      let bestKey = [key1(), key2(), valueKept, -valueIndex];
      const beatsBest = () => {
        const key = [key1(), key2(), valueKept, -valueIndex];
        for (let k = 0; k < key.length; k++) {
          if ((key[k] ?? 0) !== (bestKey[k] ?? 0)) return (key[k] ?? 0) > (bestKey[k] ?? 0);
        }
        return false;
      };
      let pending = reqs.map((_, ri) => ri).filter((ri) => slotOf[ri] === -1);
      // A few unplaced requests need few tries (each try frees all meetings of its two participants).
      const total = Math.min(iterations, 25 * pending.length);
      for (let iter = 0; iter < total && nodesLeft > 0; iter++) {
        if (iter % 50 === 0) {
          pending = reqs.map((_, ri) => ri).filter((ri) => slotOf[ri] === -1);
          if (pending.length === 0) break;
        }
        const ri = pending[Math.floor(rnd() * pending.length)];
        if (ri === undefined || slotOf[ri] !== -1) continue;
        const r = reqs[ri] as Req;
        const before1 = key1();
        const before2 = key2();
        stamp++;
        const removed: number[] = [];
        for (const p of [r.a, r.b]) {
          for (let s = 0; s < S; s++) {
            const m = occ[p * S + s] ?? -1;
            if (m >= 0 && !reqs[m]?.pinned) {
              unassign(m);
              removed.push(m);
            }
          }
        }
        const depth = Math.min(maxDepth, 4);
        place(ri, depth);
        removed.sort(
          (x, y) =>
            (reqs[y]?.priority ?? 0) - (reqs[x]?.priority ?? 0) ||
            (reqs[x]?.cands.length ?? 0) - (reqs[y]?.cands.length ?? 0) ||
            x - y,
        );
        for (const m of removed) place(m, depth);
        for (const m of removed) {
          if (slotOf[m] !== -1) continue;
          const mr = reqs[m] as Req;
          for (const g of [mr.a, mr.b]) {
            if (g === r.a || g === r.b) continue;
            for (const r2 of reqsOf[g] as number[]) if (slotOf[r2] === -1 && r2 !== m) place(r2, depth);
          }
        }
        // Still unplaced: an augmenting path inside one slot (Move 5), against the objective right now.
        for (const m of [ri, ...removed]) {
          if (slotOf[m] !== -1) continue;
          base1 = key1();
          base2 = key2();
          stamp++;
          augment(m, 2);
        }
        const keep = key1() > before1 || (key1() === before1 && key2() >= before2);
        if (!keep) rollback(0);
        else if (key1() > before1 || key2() > before2) moves.lns++;
        log.length = 0;
        slotLog.length = 0;
        if (keep && beatsBest()) {
          best.set(slotOf);
          bestKey = [key1(), key2(), valueKept, -valueIndex];
        }
      }
      for (let ri = 0; ri < R; ri++) if ((slotOf[ri] ?? -1) >= 0 && slotOf[ri] !== best[ri]) rawUnassign(ri);
      for (let ri = 0; ri < R; ri++) {
        const s = best[ri] ?? -1;
        if (s >= 0 && slotOf[ri] !== s) rawAssign(ri, s);
      }
    };

    // Must-meets alone first (nothing else in the way), then the meets around them.
    greedy(order.filter((ri) => reqs[ri]?.priority === 2));
    improve(2);
    greedy(order.filter((ri) => reqs[ri]?.priority !== 2));
    snapshot();
    // 'total-priority': the whole must-first search first (the better road to a high total priority: its
    // result is where the second search starts, so 'total-priority' never ends below it in (priority,
    // meetings)), then the same moves under (priority, meetings) with half a node budget more — they may now
    // let a must-meet give way to two meets.
    improve(1);
    lns(lnsIterations);
    if (wantTotal) {
      nodesLeft = Math.max(0, nodesLeft) + Math.floor(totalNodes / 2);
      totalPriority = true;
      improve(1);
      lns(lnsIterations);
    }
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
      nodes:
        totalNodes +
        (wantTotal && strategy === 'optimise' ? Math.floor(totalNodes / 2) : 0) -
        Math.max(0, nodesLeft),
      ...(strategy === 'optimise' ? { moves } : {}),
    },
  };
}
