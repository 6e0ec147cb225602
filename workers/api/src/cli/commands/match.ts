// `pnpm scx match --scenario ID --top K --json` → [{"firm", "product", "score", "reasons"}] (README).
// Exit codes: 0 done, 1 unknown scenario, 2 bad usage.
import { runMatchCommand } from '../lib/match-command.ts';

export const run = (args: string[]): Promise<number> => runMatchCommand('match', args);
