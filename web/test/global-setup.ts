import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The web app built once for every browser test (a temporary directory). */
    webDist: string;
  }
}

/** Builds the web app once per run; every browser test serves the same assets (`inject('webDist')`). */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'scx-web-dist-'));
  execFileSync('pnpm', ['exec', 'vite', 'build', '--outDir', dir, '--logLevel', 'error'], {
    cwd: resolve(import.meta.dirname, '..'),
    stdio: 'pipe',
  });
  project.provide('webDist', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
