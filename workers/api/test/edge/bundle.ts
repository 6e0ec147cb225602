import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** Bundles the Worker once, exactly as `wrangler deploy` would (dry run), for every edge test file. */
export default function setup(project: TestProject) {
  const outdir = mkdtempSync(join(tmpdir(), 'scx-worker-'));
  execFileSync('pnpm', ['exec', 'wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: ROOT,
    env: {
      ...process.env,
      CI: 'true',
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    },
    stdio: 'pipe',
  });
  project.provide('workerScript', join(outdir, 'worker.js'));
  return () => rmSync(outdir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerScript: string;
  }
}
