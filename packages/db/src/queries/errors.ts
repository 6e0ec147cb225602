/** "table.column" of a UNIQUE/PRIMARY KEY violation anywhere in the error's cause chain, else null. */
export function uniqueViolation(e: unknown): string | null {
  for (let cur: unknown = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    const m = /UNIQUE constraint failed: ([\w.]+)/.exec(cur.message);
    if (m?.[1]) return m[1];
  }
  return null;
}
