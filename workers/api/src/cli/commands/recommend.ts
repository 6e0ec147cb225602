// `pnpm scx recommend --firm ID --top K --json` → [{"scenario", "product", "score", "reasons"}] (README).
// Exit codes: 0 done, 1 unknown firm, 2 bad usage.
import { runMatchCommand } from '../lib/match-command.ts';

export const run = (args: string[]): Promise<number> => runMatchCommand('recommend', args);
