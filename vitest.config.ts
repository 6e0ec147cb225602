import { defineConfig } from 'vitest/config';
import type { Reporter, TestModule } from 'vitest/node';

/** Ends the run with a plain "N passed, N failed" line that any CI can read. */
class PlainSummary implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const s = t.result().state;
        if (s === 'passed') count.passed++;
        else if (s === 'failed') count.failed++;
        else count.skipped++;
      }
    }
    console.log(`\ntests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
  }
}

// One run for the whole workspace; each package declares its own project (name, environment, setup).
export default defineConfig({
  test: {
    reporters: ['default', new PlainSummary()],
    projects: ['packages/*/vitest.*config.ts', 'workers/*/vitest.*config.ts', 'web/vitest.*config.ts'],
  },
});
