import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleWorker } from '../../../../scripts/wrangler.ts';

/** Bundles the Worker once, exactly as `wrangler deploy` would (dry run), for every edge test file. */
export default function setup(project: TestProject) {
  const outdir = mkdtempSync(join(tmpdir(), 'scx-worker-'));
  project.provide('workerScript', bundleWorker(outdir));
  return () => rmSync(outdir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    workerScript: string;
  }
}
