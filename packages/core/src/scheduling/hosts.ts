// Shared by the scheduler and the bound (not part of the public API): which table each host keeps.
import type { ScheduleParticipant } from './types.ts';

/**
 * Hosted-buyer mode: each host keeps one table. Explicit tables first (first claim wins), then the lowest
 * free ones, hosts taken in input order. `parts` = participants with duplicate ids removed. -1 = no table.
 */
export function hostTables(
  parts: readonly ScheduleParticipant[],
  hosted: boolean,
  maxTables: number,
): { hostTable: Int32Array; isHostTable: Uint8Array } {
  const hostTable = new Int32Array(parts.length).fill(-1);
  const isHostTable = new Uint8Array(maxTables);
  if (!hosted) return { hostTable, isHostTable };
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
  return { hostTable, isHostTable };
}
