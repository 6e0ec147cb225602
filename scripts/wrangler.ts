// How this project runs wrangler non-interactively: no telemetry, no Cloudflare API calls.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export const wranglerEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  CI: 'true',
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
});

/**
 * Bundles the Worker exactly as `wrangler deploy` would (dry run); returns the path of worker.js.
 * wrangler refuses to bundle without the assets directory, so a fresh clone builds the web app first.
 */
export function bundleWorker(outdir: string): string {
  if (!existsSync(join(ROOT, 'web/dist/index.html'))) {
    execFileSync('pnpm', ['--silent', 'build:web'], { cwd: ROOT, stdio: 'pipe' });
  }
  execFileSync('pnpm', ['exec', 'wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: wranglerEnv(),
    stdio: 'pipe',
  });
  return join(outdir, 'worker.js');
}
