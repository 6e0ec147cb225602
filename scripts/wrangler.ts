// How this project runs wrangler non-interactively: no telemetry, no Cloudflare API calls.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export const wranglerEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
});

/** Bundles the Worker exactly as `wrangler deploy` would (dry run); returns the path of worker.js. */
export function bundleWorker(outdir: string): string {
  execFileSync('pnpm', ['exec', 'wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: wranglerEnv(),
    stdio: 'pipe',
  });
  return join(outdir, 'worker.js');
}
