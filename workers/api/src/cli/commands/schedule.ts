// `pnpm scx schedule FILE.json` — plan a matchmaking event offline (issue 6 item 7).
// Reads {"slots", "tables", "participants": [{"id", "available"}], "requests": [{"a", "b", "priority"}]}
// (optional: "breaks", "noThanks", "hosted" + participants' "host"/"table", "maxMeetings", "previous",
// "allowMove", "objective": "must-first" | "total-priority"), prints
// {"meetings": [{"a", "b", "slot", "table"}], "unplaced": [{"a", "b", "reason", "message"}]}.
// Exit codes: 0 done (even with unplaced requests), 2 bad usage or bad input (each problem with its JSON path).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ScheduleFileSchema, scheduleMeetings } from '@scx/core';
import * as v from 'valibot';

const USAGE = 'usage: pnpm scx schedule FILE.json\n';

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [file, ...rest] = args;
  if (!file || rest.length > 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(
      err.code ? `cannot read ${path}: ${err.code}\n` : `${path}: not valid JSON: ${(e as Error).message}\n`,
    );
    return 2;
  }
  const parsed = v.safeParse(ScheduleFileSchema, data);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const p = v.getDotPath(issue);
      process.stderr.write(`${p ? `$.${p}` : '$'}: ${issue.message}\n`);
    }
    return 2;
  }
  const { objective, ...plan } = parsed.output;
  const result = scheduleMeetings({ ...plan, ...(objective ? { options: { objective } } : {}) });
  const out = {
    meetings: result.meetings.map((m) => ({ a: m.a, b: m.b, slot: m.slot, table: m.table })),
    unplaced: result.unplaced.map((u) => ({ a: u.a, b: u.b, reason: u.reason, message: u.message })),
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}
